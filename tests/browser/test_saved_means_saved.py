"""Only a save that happened says "saved" (issue 14, part 4), in the browser: a care
and support plan whose supports (£200 a week) cost more than its personal budget (£100)
with no top-up cannot be saved. The autosave says so, lists what to fix, and the
text typed stays on the page; once it can be saved, it says when. Axe on the page."""

import re
from datetime import datetime
from decimal import Decimal

import pytest
import time_machine
from playwright.sync_api import expect

from assessments.models import CarePlan
from recording.deadlines import LONDON
from tests.assessments.factories import care_plan_for, eligibility_for, needs_assessment_for
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

WAIT_MS = 20_000
SUPPORTS = [
    {"need": "Bathing", "how_met": "Home care", "kind": "traditional", "weekly_cost": "120.00"},
    {"need": "Getting out", "how_met": "A lunch club", "kind": "traditional", "weekly_cost": "80"},
]


@pytest.fixture(autouse=True)
def _wednesday(settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=True):
        yield


def test_an_over_budget_plan_says_not_saved_and_what_to_fix(
    sign_in, live_server, person, practitioner, manager
):
    eligibility = eligibility_for(
        needs_assessment_for(person, practitioner), practitioner, authorised_by=manager
    )
    plan = care_plan_for(
        eligibility,
        practitioner,
        completed=False,
        supports=SUPPORTS,
        personal_budget=Decimal("200.00"),
    )
    page = sign_in(practitioner)
    page.goto(f"{live_server.url}{plan.get_edit_url()}")
    status = page.get_by_role("status").filter(has_text=re.compile("saved", re.IGNORECASE))

    page.get_by_label("Contingency plan").fill("Her neighbour Priya will call the duty team.")
    page.get_by_label("Personal budget", exact=True).fill("100.00")
    expect(status).to_contain_text("Not saved", timeout=WAIT_MS)
    expect(status).to_contain_text("£100.00 a week is not funded")
    expect(status).not_to_contain_text("Draft saved")
    # Nothing typed is lost, and nothing was saved.
    expect(page.get_by_label("Contingency plan")).to_have_value(
        "Her neighbour Priya will call the duty team."
    )
    expect(page.get_by_label("Personal budget", exact=True)).to_have_value("100.00")
    saved = CarePlan.objects.get(pk=plan.pk)
    assert saved.personal_budget == Decimal("200.00")
    assert "Priya" not in saved.contingency_plan
    assert_accessible(page)

    # Within the budget again: saved, and it says when.
    page.get_by_label("Personal budget", exact=True).fill("200.00")
    expect(status).to_have_text(re.compile(r"^Draft saved at \d\d:\d\d$"), timeout=WAIT_MS)
    assert CarePlan.objects.get(pk=plan.pk).contingency_plan.startswith("Her neighbour Priya")
    assert_accessible(page)
