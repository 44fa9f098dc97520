"""A plan support's service details in the browser (issue 18, part 2), with axe on each
page: a practitioner fills a support's service details on a plan draft and sees the
weekly cost worked out; then ends a service on an authorised plan, after the page
refuses an end before the start."""

from datetime import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from assessments.models import PlanSupport
from recording.deadlines import LONDON
from tests.assessments.factories import care_plan_for, eligibility_for, needs_assessment_for
from tests.browser.axe import assert_accessible
from tests.browser.services import fill_service

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _wednesday(settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=True):
        yield


def _date(group, day: str, month: str, year: str) -> None:
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_a_supports_service_details_from_the_draft_to_the_end_of_the_service(
    sign_in, live_server, person, practitioner, manager
):
    eligibility = eligibility_for(
        needs_assessment_for(person, practitioner), practitioner, authorised_by=manager
    )
    draft = care_plan_for(
        eligibility,
        practitioner,
        completed=False,
        supports=[{"need": "Meals", "how_met": "The lunch club", "kind": "traditional"}],
    )
    PlanSupport.objects.filter(plan=draft).update(
        service_type="", service_component="", delivery_mechanism="", start_date=None
    )
    page = sign_in(practitioner)

    # The draft: the service details, and the weekly cost worked out from £400 a month.
    page.goto(f"{live_server.url}{draft.get_edit_url()}")
    support = page.get_by_role("group", name="Support 1", exact=True)
    fill_service(support, 1, "400", per="Per month")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("Draft saved", exact=False).first).to_be_visible()
    page.goto(f"{live_server.url}{draft.get_edit_url()}")
    support = page.get_by_role("group", name="Support 1", exact=True)
    expect(
        support.get_by_text("Weekly cost: £92.31 (worked out from £400.00 per month).")
    ).to_be_visible()
    expect(support.get_by_label("The cost is")).to_have_value("Monthly")
    assert_accessible(page)

    # An authorised plan: end its home care, after one refusal.
    plan = care_plan_for(
        eligibility,
        practitioner,
        authorised_by=manager,
        now=datetime(2026, 10, 1, 9, 0, tzinfo=LONDON),
    )
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    page.get_by_role("link", name="Service details of support 1").click()
    expect(page.get_by_role("heading", name="Service details of support 1")).to_be_visible()
    assert_accessible(page)
    _date(page.get_by_role("group", name="Date the service ended"), "30", "9", "2026")
    page.get_by_label("Why the service ended").select_option(
        label="No further action: support ended as planned"
    )
    page.get_by_role("button", name="Save the service details").click()
    expect(page.get_by_role("alert")).to_contain_text("The service cannot end before it starts")
    assert_accessible(page)
    _date(page.get_by_role("group", name="Date the service ended"), "20", "11", "2026")
    page.get_by_role("button", name="Save the service details").click()
    expect(page.get_by_text("Support 1: service details saved.")).to_be_visible()
    expect(
        page.get_by_text("to 20 November 2026 (no further action: support ended")
    ).to_be_visible()
    assert_accessible(page)
