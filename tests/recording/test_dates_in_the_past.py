"""A contact cannot have happened after today, today being London's date (issue 14,
part 6): the form says so next to the date, and the model refuses it too. Nor can a
person be born after today (the admin's form shows the model's check)."""

from datetime import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from recording.deadlines import LONDON
from recording.models import Contact, Person
from recording.services import contact_record

FUTURE_CONTACT = "The date of the contact must be today or in the past"
pytestmark = pytest.mark.django_db


def _contact(day: int, month: int, at: str) -> dict:
    return {
        "contact_date_0": str(day),
        "contact_date_1": str(month),
        "contact_date_2": "2026",
        "contact_time": at,
        "method": "visit",
        "with_whom": "Maggie",
    }


@pytest.mark.parametrize(
    ("now", "sent", "refused"),
    [
        # 23:45 on a winter evening: a contact at 23:30 today is fine, tomorrow is not.
        (datetime(2026, 11, 30, 23, 45, tzinfo=LONDON), (30, 11, "23:30"), False),
        (datetime(2026, 11, 30, 23, 45, tzinfo=LONDON), (1, 12, "09:00"), True),
        # 00:30 British Summer Time (23:30 UTC the day before): London's today is 1 July.
        (datetime(2026, 7, 1, 0, 30, tzinfo=LONDON), (1, 7, "00:15"), False),
        (datetime(2026, 7, 1, 0, 30, tzinfo=LONDON), (2, 7, "00:15"), True),
        # 23:30 BST on 30 June (22:30 UTC): 1 July is still tomorrow.
        (datetime(2026, 6, 30, 23, 45, tzinfo=LONDON), (30, 6, "23:30"), False),
        (datetime(2026, 6, 30, 23, 45, tzinfo=LONDON), (1, 7, "00:05"), True),
    ],
)
def test_a_contact_tomorrow_is_refused_and_today_late_in_the_evening_is_not(
    person, practitioner, now, sent, refused
):
    with time_machine.travel(now, tick=False):
        client = Client()
        client.force_login(practitioner)  # the session starts at that time too
        url = reverse("recording:contact_new", args=[person.pk])
        response = client.post(url, _contact(*sent))
    if refused:
        assert response.status_code == 200
        assert response.text.count(FUTURE_CONTACT) == 2  # the summary and the field
        assert not Contact.objects.exists()
    else:
        assert response.status_code == 302, response.text
        assert Contact.objects.count() == 1


def test_the_model_refuses_a_contact_tomorrow_whoever_calls(person, practitioner):
    with time_machine.travel(datetime(2026, 7, 1, 0, 30, tzinfo=LONDON), tick=False):
        with pytest.raises(ValidationError) as error:
            contact_record(
                person=person,
                occurred_at=datetime(2026, 7, 2, 0, 5, tzinfo=LONDON),
                method="visit",
                with_whom="Maggie",
                recorded_by=practitioner,
            )
        assert error.value.message_dict == {"occurred_at": [FUTURE_CONTACT]}
        contact = contact_record(
            person=person,
            occurred_at=datetime(2026, 7, 1, 0, 15, tzinfo=LONDON),
            method="visit",
            with_whom="Maggie",
            recorded_by=practitioner,
        )
        assert contact.pk


def test_a_person_born_tomorrow_is_refused(team):
    with time_machine.travel(datetime(2026, 7, 1, 0, 30, tzinfo=LONDON), tick=False):
        person = Person(name="Ada", council_reference="R1", team=team)
        person.date_of_birth = datetime(2026, 7, 2).date()
        with pytest.raises(ValidationError) as error:
            person.full_clean()
        assert error.value.message_dict == {
            "date_of_birth": ["The date of birth must be today or in the past"]
        }
        person.date_of_birth = datetime(2026, 7, 1).date()
        person.full_clean()
