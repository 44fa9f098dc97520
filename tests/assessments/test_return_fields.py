"""Issue 18, part 1: an assessment's and a review's form ask for the fields of their CLD
event (type, method, reason, outcomes achieved, what happens next), completion needs
them, and the values stored are DHSC's spellings; nothing is in the person's copy."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from assessments.models import RETURN_FIELDS, NeedsAssessment, Review, ReviewProgress
from assessments.pdf import is_in_copy
from assessments.return_fields import (
    ASSESSMENT_OUTCOMES,
    REVIEW_OUTCOMES,
    outcomes_achieved_suggested,
    return_choices,
)
from assessments.services import care_act_record_complete
from config import cld
from recording.deadlines import LONDON
from recording.models import Contact, RecordKind
from tests.assessments.factories import (
    ASSESSMENT_RETURN,
    REVIEW_RETURN,
    _set,
    care_plan_for,
    eligibility_for,
    needs_assessment_for,
)
from tests.assessments.test_views import ASSESSMENT, _checked, evidence, save_form, start
from tests.factories import ContactFactory

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_frozen")]

ACHIEVED = ReviewProgress.Progress.ACHIEVED
PARTLY = ReviewProgress.Progress.PARTLY
NOT_YET = ReviewProgress.Progress.NOT_YET
NO_LONGER = ReviewProgress.Progress.NO_LONGER


@pytest.fixture
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def plan(person, practitioner, manager):
    assessment = needs_assessment_for(person, practitioner)
    determination = eligibility_for(assessment, practitioner, authorised_by=manager)
    return care_plan_for(determination, practitioner, authorised_by=manager)


def _review(plan, author, **fields) -> Review:
    review = Review(person=plan.person, author=author, framework=plan.framework, plan=plan)
    _set(
        review,
        {
            "review_date": date(2026, 11, 24),
            "summary": "Going well, she says.",
            "next_review_date": date(2027, 5, 1),
            **fields,
        },
    )
    return review


# --- Completion needs them ---


def test_a_short_assessment_is_not_completed_without_them_and_says_so_next_to_each(
    practitioner_client, person
):
    record = start(practitioner_client, person, "needs_assessment", form_type="proportionate")
    data = {key: value for key, value in ASSESSMENT.items() if key not in ASSESSMENT_RETURN}
    response = save_form(
        practitioner_client, record, {**data, **evidence(2, 5), "action": "complete"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "For the statutory return" in page
    for name, message in [
        ("assessment_type", "Select which assessment this was"),
        ("method", "Select how the assessment was done"),
        ("outcome", "Select what happens next"),
    ]:
        assert f'id="id_{name}_1_error"' in page
        assert message in page
    assert NeedsAssessment.objects.get(pk=record.pk).is_draft


def test_a_short_assessment_keeps_dhscs_spellings(practitioner_client, person):
    record = start(practitioner_client, person, "needs_assessment", form_type="proportionate")
    data = {
        **ASSESSMENT,
        "assessment_type": "Short term assessment",
        "method": "Telephone",
        "outcome": "Progress to reablement/ST-Max",
    }
    response = save_form(
        practitioner_client, record, {**data, **evidence(2, 5), "action": "complete"}
    )
    assert response.status_code == 302
    saved = NeedsAssessment.objects.get(pk=record.pk)
    assert saved.is_completed
    assert (saved.assessment_type, saved.method, saved.outcome) == (
        "Short term assessment",
        "Telephone",
        "Progress to reablement/ST-Max",
    )


def test_an_outcome_that_does_not_fit_an_assessment_is_refused(practitioner_client, person):
    record = start(practitioner_client, person, "needs_assessment", form_type="proportionate")
    data = {**ASSESSMENT, "outcome": "Continuation of support or services", "action": "save"}
    response = save_form(practitioner_client, record, data)
    assert response.status_code == 400
    assert NeedsAssessment.objects.get(pk=record.pk).outcome == ""


@pytest.mark.parametrize("name", RETURN_FIELDS[RecordKind.NEEDS_ASSESSMENT])
def test_a_full_assessment_needs_each(person, practitioner, name):
    assessment = needs_assessment_for(person, practitioner, completed=False, **{name: ""})
    assert set(assessment.completion_errors()) == {name}


def test_a_full_assessment_lists_the_return_as_a_section_whose_problems_link_to_it(
    practitioner_client, person, practitioner
):
    assessment = needs_assessment_for(
        person, practitioner, completed=False, assessment_type="", method="", outcome=""
    )
    response = practitioner_client.post(
        assessment.get_edit_url(), {"action": "complete", "version": assessment.version}
    )
    assert response.status_code == 400
    page = response.content.decode()
    section = reverse("assessments:section", args=[assessment.pk, "statutory-return"])
    assert f"{section}?check=1#id_method" in page  # the task list's links, as for every field
    page = practitioner_client.get(section).content.decode()
    assert "How was the assessment done?" in page
    assert "Long-term assessment" in page and "Unpaid carer" not in page


@pytest.mark.parametrize("name", RETURN_FIELDS[RecordKind.REVIEW])
def test_a_review_needs_each(plan, practitioner, name):
    review = _review(plan, practitioner, **{**REVIEW_RETURN, name: ""})
    for outcome in plan.outcomes.all():
        ReviewProgress.objects.create(review=review, outcome=outcome, progress=ACHIEVED)
    assert set(review.completion_errors()) == {name}


def test_a_review_completes_with_them(plan, practitioner):
    review = _review(plan, practitioner, **REVIEW_RETURN)
    for outcome in plan.outcomes.all():
        ReviewProgress.objects.create(review=review, outcome=outcome, progress=ACHIEVED)
    care_act_record_complete(record=review, user=practitioner)
    review = Review.objects.get(pk=review.pk)
    assert review.is_completed
    assert review.review_reason == "Planned review"
    assert review.outcome == "Continuation of support or services"


# --- What the forms offer and suggest ---


def test_every_answer_offered_is_a_value_of_dhscs_list():
    for kind in RETURN_FIELDS:
        for name, options in return_choices(kind).items():
            model = Review if kind == RecordKind.REVIEW else NeedsAssessment
            valid = {code for code, _ in model._meta.get_field(name).choices}
            assert {code for code, _ in options} <= valid, (kind, name)
    assessment_outcomes = {code for code, _ in ASSESSMENT_OUTCOMES}
    assert cld.EventOutcome.CONTINUATION not in assessment_outcomes
    assert cld.EventOutcome.NFA_ENDED_PLANNED not in assessment_outcomes
    assert cld.EventOutcome.CONTINUATION in {code for code, _ in REVIEW_OUTCOMES}


@pytest.mark.parametrize(
    ("progress", "suggested"),
    [
        ([ACHIEVED, ACHIEVED], cld.ReviewOutcomesAchieved.FULLY),
        ([ACHIEVED, NO_LONGER], cld.ReviewOutcomesAchieved.FULLY),
        ([ACHIEVED, NOT_YET], cld.ReviewOutcomesAchieved.PARTLY),
        ([PARTLY, NOT_YET], cld.ReviewOutcomesAchieved.PARTLY),
        ([NOT_YET, NOT_YET], cld.ReviewOutcomesAchieved.NOT_ACHIEVED),
        ([NO_LONGER, ""], None),
        ([], None),
    ],
)
def test_the_progress_suggests_whether_the_outcomes_were_achieved(progress, suggested):
    assert outcomes_achieved_suggested(progress) == suggested


def test_the_review_form_suggests_it_from_the_progress_and_the_practitioner_confirms(
    practitioner_client, plan, practitioner
):
    review = _review(plan, practitioner)
    first, *others = plan.outcomes.all()
    ReviewProgress.objects.create(review=review, outcome=first, progress=ACHIEVED)
    for outcome in others:
        ReviewProgress.objects.create(review=review, outcome=outcome, progress=NOT_YET)
    page = practitioner_client.get(review.get_edit_url()).content.decode()
    assert "The progress recorded against each outcome suggests: partially achieved." in page
    assert _checked(page, "outcomes_achieved") == ["Partially achieved"]
    assert Review.objects.get(pk=review.pk).outcomes_achieved == ""  # until it is saved


def test_the_method_is_suggested_from_the_contact_the_assessment_records(
    practitioner_client, person, practitioner
):
    contact = ContactFactory(person=person, recorded_by=practitioner, method=Contact.Method.PHONE)
    response = practitioner_client.post(
        reverse("assessments:start", args=[person.pk]),
        {"kind": "needs_assessment", "form_type": "proportionate", "contact": str(contact.pk)},
    )
    assert response.status_code == 302
    page = practitioner_client.get(response["Location"]).content.decode()
    assert "Chosen from the contact this records (phone call): check it." in page
    assert _checked(page, "method") == ["Telephone"]


def test_none_of_them_is_in_the_persons_copy():
    for kind in RETURN_FIELDS:
        for name in RETURN_FIELDS[kind]:
            assert not is_in_copy(kind, name)


# --- Requests: the front door already asks what their CLD event needs ---


def test_a_request_offers_release_2_routes_of_access_and_screening_maps_to_an_outcome():
    from frontdoor.forms_requests import SupportRequestForm
    from frontdoor.models import CLD_OUTCOME, ScreeningOutcome

    routes = [code for code, _ in SupportRequestForm.base_fields["route_of_access"].choices]
    assert routes == cld.RouteOfAccess.values
    assert "Community / other route" in routes  # sentence case, as Release 2
    assert set(CLD_OUTCOME) == set(ScreeningOutcome)
    assert set(CLD_OUTCOME.values()) <= set(cld.EventOutcome.values)
