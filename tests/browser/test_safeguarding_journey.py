"""Browser journey (issue 18, part 6): a practitioner records what a completed
safeguarding concern led to -- a section 42 enquiry -- as it goes, then concludes it;
a team manager opens the Safeguarding Adults Collection and sees it counted. axe on
every page. Time is frozen on Wednesday 25 November 2026."""

from datetime import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from recording.deadlines import LONDON
from tests.assessments.factories import safeguarding_concern_for
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _wednesday(settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=True):
        yield


def _fill_date(page, group: str, day: str, month: str, year: str) -> None:
    fieldset = page.get_by_role("group", name=group)
    fieldset.get_by_label("Day").fill(day)
    fieldset.get_by_label("Month").fill(month)
    fieldset.get_by_label("Year").fill(year)


def test_record_and_conclude_a_s42_enquiry_then_see_it_counted(
    sign_in, live_server, practitioner, manager, person
):
    concern = safeguarding_concern_for(
        person, practitioner, now=datetime(2026, 11, 2, 11, 0, tzinfo=LONDON)
    )
    page = sign_in(practitioner)
    page.goto(live_server.url + concern.get_absolute_url())
    expect(page.get_by_role("heading", name="Enquiry", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Record the enquiry decision").click()
    expect(page.get_by_role("heading", name="Safeguarding enquiry")).to_be_visible()
    assert_accessible(page)

    # The decision and the start; the enquiry goes on.
    page.get_by_label("Section 42 enquiry (the s42(1) criteria are met)").check()
    _fill_date(page, "Date the enquiry started", "3", "11", "2026")
    page.get_by_label("Financial or material abuse").check()
    page.get_by_role("button", name="Save the enquiry").click()
    expect(page.get_by_text("Enquiry saved.")).to_be_visible()
    expect(page.get_by_text("Not yet: the enquiry goes on")).to_be_visible()
    assert_accessible(page)

    # Concluding without the outcomes is refused, each next to its question.
    page.get_by_role("link", name="Update the enquiry").click()
    _fill_date(page, "Date the enquiry concluded", "20", "11", "2026")
    page.get_by_role("button", name="Save the enquiry").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Select where the risk was")
    expect(summary).to_contain_text("Select the sources of risk")
    expect(page.get_by_label("Financial or material abuse")).to_be_checked()
    assert_accessible(page)

    page.get_by_label("Own home").check()
    page.get_by_label("Other: known to the individual").check()
    page.get_by_label("Yes, they were asked and outcomes were expressed").check()
    page.get_by_label("Fully achieved").check()
    page.get_by_label("Risk identified and action taken", exact=True).check()
    page.get_by_label("Risk removed").check()
    page.get_by_role("group", name="Did the person lack capacity").get_by_label("No").check()
    page.get_by_role("button", name="Save the enquiry").click()
    expect(page.get_by_text("Enquiry concluded.")).to_be_visible()
    expect(page.get_by_text("20 November 2026")).to_be_visible()
    expect(page.get_by_role("link", name="Update the enquiry")).to_have_count(0)
    assert_accessible(page)

    # The manager opens the return for this year so far: the enquiry is counted.
    page.context.clear_cookies()
    page = sign_in(manager)
    page.get_by_role("link", name="Safeguarding return").click()
    expect(page.get_by_role("heading", name="Safeguarding Adults Collection")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Financial year", exact=True).select_option("2026")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("1 April 2026 to 31 March 2027")).to_be_visible()
    concluded = page.get_by_role("table", name="SG2: Enquiries concluded")
    expect(concluded.get_by_role("row", name="Enquiries concluded in the year")).to_contain_text(
        "1"
    )
    risk = page.get_by_role("table", name="SG2a: Type of risk")
    expect(risk.get_by_role("row", name="Financial or material abuse")).to_have_text(
        "Financial or material abuse 1 0", use_inner_text=True
    )
    assert_accessible(page)
