"""Browser journey (issue 18, part 1): a practitioner completes a review, answering the
statutory return's questions (why, how, were the outcomes achieved, what next), then
corrects how it was done on the completed review's return details. Axe on every page."""

from datetime import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from assessments.models import Review
from recording.deadlines import LONDON
from tests.assessments.factories import care_plan_for, eligibility_for, needs_assessment_for
from tests.browser.axe import assert_accessible
from tests.browser.test_care_act_journeys import _evidence, _fill_date, _open_person, _start

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _wednesday(settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=True):
        yield


def test_a_review_answers_the_return_and_its_method_is_corrected_afterwards(
    sign_in, live_server, practitioner, manager, person
):
    assessment = needs_assessment_for(person, practitioner)
    eligibility = eligibility_for(assessment, practitioner, authorised_by=manager)
    care_plan_for(
        eligibility,
        practitioner,
        authorised_by=manager,
        outcomes=["I want to have a proper wash every morning.", "I want to feel safe."],
    )
    page = sign_in(practitioner)
    _open_person(page, live_server, person)
    _start(page, "Review")
    _fill_date(page, "Date of the review", "25", "11", "2026")
    page.get_by_label("How are things going?").fill("Maggie says: I feel clean again.")
    page.get_by_role(
        "group", name="Progress: I want to have a proper wash every morning."
    ).get_by_label("Achieved", exact=True).check()
    page.get_by_role("group", name="Progress: I want to feel safe.").get_by_label(
        "Partly achieved"
    ).check()
    _fill_date(page, "Next review date", "25", "11", "2027")
    _evidence(page, 2, "We looked at what Maggie does for herself now.")
    expect(page.get_by_role("heading", name="For the statutory return")).to_be_visible()
    page.get_by_label("Planned: the scheduled review").check()
    page.get_by_label("Face to face").check()
    # Not answered yet: completing says which, next to the question.
    page.get_by_role("button", name="Complete review").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Select whether the plan's outcomes were achieved")
    expect(summary).to_contain_text("Select what happens next")
    outcomes = page.get_by_role("group", name="Were the outcomes in the plan achieved?")
    expect(outcomes).to_contain_text("suggests: partially achieved")
    assert_accessible(page)
    outcomes.get_by_label("Partially achieved").check()
    page.get_by_label("The support carries on").check()
    page.get_by_role("button", name="Complete review").click()
    expect(page.get_by_text("Review completed.")).to_be_visible()
    details = page.locator("dl").filter(has_text="How was the review done?")
    expect(details).to_contain_text("Face to face")
    assert_accessible(page)

    # It was a phone call after all: only the return details change.
    page.get_by_role("link", name="Statutory return details: change").click()
    expect(page.get_by_role("heading", name="Statutory return details")).to_be_visible()
    expect(page.get_by_label("Face to face")).to_be_checked()
    assert_accessible(page)
    page.get_by_label("By telephone").check()
    page.get_by_role("button", name="Save the return details").click()
    expect(page.get_by_text("Statutory return details saved.")).to_be_visible()
    expect(details).to_contain_text("By telephone")
    assert_accessible(page)
    review = Review.objects.get(person=person)
    assert (review.method, review.outcomes_achieved, review.summary) == (
        "Telephone",
        "Partially achieved",
        "Maggie says: I feel clean again.",
    )
