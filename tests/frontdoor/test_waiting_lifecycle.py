"""The work items' lifecycle (issue 17, parts 3 and 6): completing a needs assessment
ends the wait for it (a carer's assessment for a carer); authorising a plan starts the
wait for a service and puts the review on the list from its due date, with a review
task for the allocated worker; completing the review ends that wait and starts the next.
"""

from datetime import date, datetime

import pytest
import time_machine

from assessments.models import Review, ReviewProgress
from assessments.rules import add_months
from assessments.services import authorisation_decide, care_act_record_complete
from config import cld
from frontdoor.models import Task, WorkItem, WorkKind
from frontdoor.receivers import REVIEW_TASK
from recording.deadlines import LONDON
from tests.assessments.factories import (
    REVIEW_RETURN,
    _set,
    care_plan_for,
    eligibility_for,
    needs_assessment_for,
)
from tests.frontdoor.factories import WorkItemFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _wednesday():
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_completed_needs_assessment_ends_the_wait(person, practitioner):
    waiting = WorkItemFactory(person=person, kind=WorkKind.NEEDS_ASSESSMENT)
    carers = WorkItemFactory(person=person, kind=WorkKind.CARERS_ASSESSMENT)
    assessment = needs_assessment_for(person, practitioner)
    waiting.refresh_from_db()
    assert waiting.completed_at == NOW
    assert waiting.completed_record_id == assessment.pk
    carers.refresh_from_db()
    assert carers.is_open


def test_a_carers_completed_assessment_ends_their_wait_for_a_carers_assessment(
    person, practitioner
):
    person.client_type = cld.ClientType.CARER
    person.save()
    carers = WorkItemFactory(person=person, kind=WorkKind.CARERS_ASSESSMENT)
    needs = WorkItemFactory(person=person, kind=WorkKind.NEEDS_ASSESSMENT)
    needs_assessment_for(person, practitioner)
    carers.refresh_from_db()
    needs.refresh_from_db()
    assert not carers.is_open
    assert needs.is_open


@pytest.fixture
def plan(person, practitioner, manager):
    eligibility = eligibility_for(
        needs_assessment_for(person, practitioner), practitioner, authorised_by=manager
    )
    return care_plan_for(eligibility, practitioner)


def test_an_authorised_plan_starts_the_wait_for_a_service_and_the_review(
    plan, person, practitioner, manager
):
    authorisation_decide(record=plan, manager=manager, authorise=True)
    review_due = add_months(date(2026, 11, 25), 6)
    service = WorkItem.objects.get(kind=WorkKind.SERVICE)
    assert (service.person, service.team, service.waiting_since, service.source_record_id) == (
        person,
        person.team,
        date(2026, 11, 25),
        plan.pk,
    )
    review = WorkItem.objects.get(kind=WorkKind.REVIEW)
    assert review.waiting_since == review_due
    task = Task.objects.get()
    assert (task.what, task.owner, task.due_on, task.person, task.work_item, task.record_id) == (
        REVIEW_TASK,
        practitioner,
        review_due,
        person,
        review,
        plan.pk,
    )
    assert task.created_by == manager


def test_the_review_task_goes_to_the_manager_when_the_worker_has_left(
    plan, person, practitioner, manager
):
    practitioner.is_active = False
    practitioner.save()
    authorisation_decide(record=plan, manager=manager, authorise=True)
    assert Task.objects.get().owner == manager


def test_a_completed_review_ends_its_wait_and_starts_the_next(plan, person, practitioner, manager):
    authorisation_decide(record=plan, manager=manager, authorise=True)
    first = WorkItem.objects.get(kind=WorkKind.REVIEW)
    review = Review(person=person, author=practitioner, framework=plan.framework, plan=plan)
    _set(
        review,
        {
            "review_date": date(2026, 11, 25),
            "summary": "Going well, she says.",
            "changes": "None.",
            "next_review_date": date(2027, 5, 1),
            **REVIEW_RETURN,
        },
    )
    for outcome in plan.outcomes.all():
        ReviewProgress.objects.create(review=review, outcome=outcome, progress="achieved")
    care_act_record_complete(record=review, user=practitioner)
    first.refresh_from_db()
    assert first.completed_at == NOW
    assert first.completed_record_id == review.pk
    assert Task.objects.get(work_item=first).completed_at == NOW
    following = WorkItem.objects.open().get(kind=WorkKind.REVIEW)
    assert following.waiting_since == date(2027, 5, 1)
    assert Task.objects.open().get().due_on == date(2027, 5, 1)
