"""A review cannot be held, nor a copy received, after today (issue 14, part 6): the
forms say so next to the date, and the services refuse it too, so a record cannot be
completed with a future date however it is sent."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments.models import CarePlan, Review
from assessments.services import care_act_record_complete, care_act_record_save, copy_given_record
from recording.deadlines import LONDON
from recording.models import Record
from tests.assessments.factories import REVIEW_RETURN
from tests.assessments.test_views import (
    authorised_eligibility,
    evidence,
    plan_data,
    save_form,
    start,
)

# 30 November, and the review "held on 3 December".
NOW = datetime(2026, 11, 30, 23, 30, tzinfo=LONDON)
FUTURE_REVIEW = "The date of the review must be today or in the past"
FUTURE_COPY = "The date the person received it must be today or in the past"
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_frozen")]


@pytest.fixture
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def plan(practitioner_client, manager_client, person) -> CarePlan:
    authorised_eligibility(practitioner_client, manager_client, person)
    plan = start(practitioner_client, person, "care_plan")
    assert save_form(practitioner_client, plan, plan_data(action="complete")).status_code == 302
    manager_client.post(reverse("assessments:authorise", args=[plan.pk]), {"decision": "authorise"})
    return CarePlan.objects.get(pk=plan.pk)


def _review_data(plan: CarePlan, held: date) -> dict:
    outcome = plan.outcomes.get()
    return {
        "review_date_0": str(held.day),
        "review_date_1": str(held.month),
        "review_date_2": str(held.year),
        "summary": "Baths are going well.",
        f"progress_{outcome.pk}": "achieved",
        "next_review_date_0": "25",
        "next_review_date_1": "11",
        "next_review_date_2": "2027",
        **REVIEW_RETURN,
        **evidence(2),
        "action": "complete",
    }


def test_a_review_held_tomorrow_is_refused_next_to_the_date(practitioner_client, person, plan):
    review = start(practitioner_client, person, "review")
    response = save_form(practitioner_client, review, _review_data(plan, date(2026, 12, 1)))
    assert response.status_code == 400
    assert response.text.count(FUTURE_REVIEW) == 2  # in the summary and next to the field
    assert (
        'value="Baths are going well."' in response.text or "Baths are going well." in response.text
    )
    assert Record.objects.get(pk=review.pk).is_draft


def test_a_review_held_today_late_in_the_evening_is_completed(practitioner_client, person, plan):
    review = start(practitioner_client, person, "review")
    response = save_form(practitioner_client, review, _review_data(plan, date(2026, 11, 30)))
    assert response.status_code == 302, response.text
    assert Record.objects.get(pk=review.pk).is_completed


def test_a_service_call_cannot_complete_a_review_held_in_the_future(
    practitioner_client, person, practitioner, plan
):
    review = Review.objects.get(pk=start(practitioner_client, person, "review").pk)
    save_form(
        practitioner_client, review, {**_review_data(plan, date(2026, 11, 30)), "action": "save"}
    )
    review = Review.objects.get(pk=review.pk)
    care_act_record_save(
        record=review, author=practitioner, fields={"review_date": date(2026, 12, 3)}
    )
    with pytest.raises(ValidationError) as error:
        care_act_record_complete(record=review, user=practitioner)
    assert error.value.message_dict == {"review_date": [FUTURE_REVIEW]}
    assert Record.objects.get(pk=review.pk).is_draft


def test_a_copy_received_tomorrow_is_refused_by_the_form_and_the_service(
    practitioner_client, practitioner, plan
):
    url = reverse("assessments:copy_given", args=[plan.pk])
    response = practitioner_client.post(
        url,
        {
            "given_on_0": "1",
            "given_on_1": "12",
            "given_on_2": "2026",
            "channel": "post",
            "format": "standard",
        },
    )
    assert response.status_code == 400
    assert response.text.count(FUTURE_COPY) == 2
    with pytest.raises(ValidationError) as error:
        copy_given_record(
            record=plan,
            given_on=date(2026, 12, 1),
            channel="post",
            format="standard",
            user=practitioner,
        )
    assert error.value.message_dict == {"given_on": [FUTURE_COPY]}
    response = practitioner_client.post(
        url,
        {
            "given_on_0": "30",
            "given_on_1": "11",
            "given_on_2": "2026",
            "channel": "post",
            "format": "standard",
        },
    )
    assert response.status_code == 302
