"""Issue 18, part 1: the statutory-return details of a completed assessment or review
are corrected on their own page -- only they, kept in the record's history, by those
who record and may see the person; a stale page is refused and says why."""

from datetime import date, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from accounts.access import may_change_return_details
from assessments.models import RETURN_FIELDS, NeedsAssessment, Review, ReviewProgress
from assessments.services import care_act_record_complete
from assessments.services_return import RETURN_DETAILS_CHANGED
from recording.deadlines import LONDON
from recording.models import Person
from tests.assessments.factories import (
    REVIEW_RETURN,
    _set,
    care_plan_for,
    eligibility_for,
    needs_assessment_for,
)

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_frozen")]


@pytest.fixture
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def assessment(person, practitioner):
    # Completed before the return asked: no method recorded.
    return needs_assessment_for(person, practitioner, method="", completed=False)


@pytest.fixture
def old_assessment(assessment, practitioner):
    """Completed before issue 18: its return details are blank."""
    NeedsAssessment.objects.filter(pk=assessment.pk).update(
        status="completed", completed_at=NOW, assessment_type="", outcome=""
    )
    return NeedsAssessment.objects.get(pk=assessment.pk)


@pytest.fixture
def review(person, practitioner, manager):
    assessment = needs_assessment_for(person, practitioner)
    determination = eligibility_for(assessment, practitioner, authorised_by=manager)
    plan = care_plan_for(determination, practitioner, authorised_by=manager)
    review = Review(person=person, author=practitioner, framework=plan.framework, plan=plan)
    _set(
        review,
        {
            "review_date": date(2026, 11, 24),
            "summary": "Going well, she says.",
            "next_review_date": date(2027, 5, 1),
            **REVIEW_RETURN,
        },
    )
    for outcome in plan.outcomes.all():
        ReviewProgress.objects.create(review=review, outcome=outcome, progress="achieved")
    return care_act_record_complete(record=review, user=practitioner)


def _url(record) -> str:
    return reverse("assessments:return_details", args=[record.pk])


def _post(client, record, **values):
    """The page's POST: every field, and the values the page showed."""
    record = type(record).objects.get(pk=record.pk)
    data = {}
    for name in RETURN_FIELDS[record.kind]:
        data[name] = values.get(name, getattr(record, name))
        data[f"seen_{name}"] = values.get(f"seen_{name}", getattr(record, name))
    return client.post(_url(record), data)


def test_a_practitioner_corrects_the_method_of_a_completed_review_and_nothing_else(
    practitioner_client, review, practitioner
):
    before = Review.objects.get(pk=review.pk)
    page = practitioner_client.get(review.get_absolute_url()).content.decode()
    assert "Statutory return details" in page
    assert f'href="{_url(review)}"' in page and "Statutory return details: change" in page
    page = practitioner_client.get(_url(review)).content.decode()
    assert "How was the review done?" in page and "Planned: the scheduled review" in page

    response = _post(practitioner_client, review, method="Telephone")
    assert response.status_code == 302
    assert response["Location"] == review.get_absolute_url()
    after = Review.objects.get(pk=review.pk)
    assert after.method == "Telephone"
    for name in ("summary", "review_date", "next_review_date", "review_reason", "outcome"):
        assert getattr(after, name) == getattr(before, name)
    assert (after.status, after.completed_at, after.version) == (
        before.status,
        before.completed_at,
        before.version,
    )
    latest = after.history.first()
    assert latest.history_change_reason == RETURN_DETAILS_CHANGED
    assert latest.history_user == practitioner and latest.method == "Telephone"
    history = practitioner_client.get(reverse("assessments:record_history", args=[review.pk]))
    page = history.content.decode()
    assert "By telephone" in page


def test_a_record_completed_before_the_return_gets_its_details(practitioner_client, old_assessment):
    page = practitioner_client.get(old_assessment.get_absolute_url()).content.decode()
    assert "Not recorded" in page
    response = _post(
        practitioner_client,
        old_assessment,
        assessment_type="Long term assessment",
        method="Face to face",
        outcome="Progress to support planning or services",
    )
    assert response.status_code == 302
    saved = NeedsAssessment.objects.get(pk=old_assessment.pk)
    assert (saved.assessment_type, saved.method, saved.outcome) == (
        "Long term assessment",
        "Face to face",
        "Progress to support planning or services",
    )
    assert saved.what_matters == old_assessment.what_matters


def test_a_blank_or_unknown_answer_is_refused_next_to_the_question(
    practitioner_client, old_assessment
):
    response = _post(
        practitioner_client,
        old_assessment,
        assessment_type="Unpaid carer assessment",
        method="",
        outcome="Progress to support planning or services",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_assessment_type_1_error"' in page and "Select which assessment this was" in page
    assert "Select how the assessment was done" in page
    saved = NeedsAssessment.objects.get(pk=old_assessment.pk)
    assert (saved.assessment_type, saved.method, saved.outcome) == ("", "", "")


def test_a_page_opened_before_someone_else_changed_them_saves_nothing_and_says_so(
    practitioner_client, manager_client, review
):
    shown = Review.objects.get(pk=review.pk)
    assert _post(manager_client, review, method="Video call").status_code == 302
    response = practitioner_client.post(
        _url(review),
        {
            "review_reason": shown.review_reason,
            "method": "Telephone",
            "outcomes_achieved": shown.outcomes_achieved,
            "outcome": shown.outcome,
            **{f"seen_{n}": getattr(shown, n) for n in REVIEW_RETURN},
        },
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone changed these details since you opened this page" in page
    assert "By video call" in page  # the details now
    assert Review.objects.get(pk=review.pk).method == "Video call"
    # Saving again, from the page that now shows the change, goes through.
    again = practitioner_client.post(
        _url(review),
        {
            "review_reason": shown.review_reason,
            "method": "Telephone",
            "outcomes_achieved": shown.outcomes_achieved,
            "outcome": shown.outcome,
            **{f"seen_{n}": getattr(shown, n) for n in REVIEW_RETURN},
            "seen_method": "Video call",
        },
    )
    assert again.status_code == 302
    assert Review.objects.get(pk=review.pk).method == "Telephone"


def test_a_draft_has_no_return_details_page(practitioner_client, assessment):
    assert practitioner_client.get(_url(assessment)).status_code == 404


def test_who_may_change_them(
    review,
    person,
    colleague,
    manager_client,
    quality_client,
    administrator_client,
    outsider_client,
):
    assert manager_client.get(_url(review)).status_code == 200
    colleague_client = Client()
    colleague_client.force_login(colleague)
    assert colleague_client.get(_url(review)).status_code == 200
    # Quality staff read the record, but change nothing; administrators see no one.
    assert quality_client.get(_url(review)).status_code == 403
    assert _post(quality_client, review, method="Telephone").status_code == 403
    page = quality_client.get(review.get_absolute_url()).content.decode()
    assert "Statutory return details" in page and _url(review) not in page
    assert administrator_client.get(_url(review)).status_code == 404
    # Another team's practitioner is told it does not exist.
    assert outsider_client.get(_url(review)).status_code == 404
    assert _post(outsider_client, review, method="Telephone").status_code == 404
    # A restricted person: not a colleague who is not their allocated worker.
    Person.objects.filter(pk=person.pk).update(is_restricted=True)
    assert colleague_client.get(_url(review)).status_code == 404
    assert manager_client.get(_url(review)).status_code == 200
    assert Review.objects.get(pk=review.pk).method == REVIEW_RETURN["method"]


def test_the_rule(review, assessment, practitioner, quality, administrator):
    assert may_change_return_details(practitioner, review)
    assert not may_change_return_details(practitioner, assessment)  # a draft
    assert not may_change_return_details(quality, review)
    assert not may_change_return_details(administrator, review)
