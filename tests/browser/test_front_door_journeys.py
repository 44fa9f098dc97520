"""Browser journey through the front door (issue 17, part 2): a duty worker records a
request for support for someone already known and screens it to "assessment needed".
Playwright on Debian's Chromium, axe on every page. Time is frozen on Wednesday 25
November 2026."""

from datetime import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from frontdoor.models import SupportRequest, WorkItem
from recording.deadlines import LONDON
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _wednesday(settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=True):
        yield


def test_a_duty_worker_records_a_request_and_screens_it_to_assessment(
    sign_in, practitioner, person
):
    page = sign_in(practitioner)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Front door").click()
    expect(page.get_by_role("heading", name="Front door")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Find the person the request is about").fill("Oyelaran")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page)
    page.get_by_role("link", name="Record a request for Margaret Oyelaran").click()
    expect(page.get_by_role("heading", name="Record a request for support")).to_be_visible()
    assert_accessible(page)

    # Received in the future: refused next to the field, nothing typed lost.
    group = page.get_by_role("group", name="Date the request was received")
    group.get_by_label("Day").fill("26")
    group.get_by_label("Month").fill("11")
    group.get_by_label("Year").fill("2026")
    page.get_by_label("Time it was received").fill("9:30")
    page.get_by_label("Phone call").check()
    page.get_by_label("Family member or friend").check()
    page.get_by_label("Their name and how to reach them").fill("Dev Oyelaran (son), 07700 900456")
    page.get_by_label("What did they ask for?").fill("Help at home after Maggie's fall.")
    page.get_by_label("High: within 2 working days").check()
    page.get_by_role("button", name="Save request").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "The date the request was received must be today or in the past"
    )
    expect(page.get_by_label("What did they ask for?")).to_have_value(
        "Help at home after Maggie's fall."
    )
    assert_accessible(page)
    page.get_by_role("group", name="Date the request was received").get_by_label("Day").fill("23")
    page.get_by_role("button", name="Save request").click()

    expect(page.get_by_role("heading", name="Request for support")).to_be_visible()
    expect(page.get_by_text("The case note for this request is due by")).to_contain_text(
        "Wednesday 25 November 2026"
    )
    expect(page.get_by_role("link", name="Write the case note").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Screen this request").click()
    expect(page.get_by_role("heading", name="Screen the request")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Assessment needed", exact=True).check()
    expect(page.get_by_label("Needs assessment", exact=True)).to_be_checked()
    page.get_by_label("High", exact=True).check()
    page.get_by_role("button", name="Save screening decision").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter why the assessment is high priority")
    assert_accessible(page)
    page.get_by_label("Why this priority?").fill("Lives alone and fell twice this month")
    page.get_by_role("button", name="Save screening decision").click()

    expect(
        page.get_by_text("Margaret Oyelaran is waiting for a needs assessment").first
    ).to_be_visible()
    expect(page.get_by_text("since 23 November 2026").first).to_be_visible()
    assert_accessible(page)
    item = WorkItem.objects.get()
    assert item.request == SupportRequest.objects.get()
    assert item.team == person.team

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Front door").click()
    screened = page.get_by_role("table", name="Screened in the last 14 days")
    expect(screened).to_contain_text("Margaret Oyelaran")
    expect(screened).to_contain_text("Assessment needed")
    assert_accessible(page)
