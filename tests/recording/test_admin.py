"""The admin: administrators keep closure days (and the due dates follow); records can
be read there but never changed or deleted."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from recording.deadlines import LONDON
from recording.models import ClosureDay, Record, RecordKind
from recording.services import record_complete
from tests.factories import ContactFactory, case_note_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_2027():
    # The contacts here are in late 2026; a contact cannot be in the future.
    with time_machine.travel(datetime(2027, 3, 1, 9, 0, tzinfo=LONDON), tick=False):
        yield


@pytest.fixture
def christmas_contact(person, practitioner):
    return ContactFactory(
        person=person,
        recorded_by=practitioner,
        occurred_at=datetime(2026, 12, 22, 10, 0, tzinfo=LONDON),
    )


def _due(contact) -> date:
    return contact.obligations.get(kind=RecordKind.CASE_NOTE).due_date


def test_adding_and_removing_a_closure_day_in_the_admin_moves_due_dates(
    administrator_client, christmas_contact
):
    assert _due(christmas_contact) == date(2026, 12, 24)
    response = administrator_client.post(
        reverse("admin:recording_closureday_add"),
        {"date": "2026-12-24", "reason": "Christmas Eve closure"},
    )
    assert response.status_code == 302
    assert _due(christmas_contact) == date(2026, 12, 29)

    closure = ClosureDay.objects.get()
    administrator_client.post(
        reverse("admin:recording_closureday_change", args=[closure.pk]),
        {"date": "2026-12-23", "reason": "Moved"},
    )
    # Closed on Wednesday 23rd instead: Thursday 24th is the first working day, then
    # Christmas, the weekend and Boxing Day observed on the 28th: due Tuesday 29th.
    assert _due(christmas_contact) == date(2026, 12, 29)

    administrator_client.post(
        reverse("admin:recording_closureday_delete", args=[closure.pk]), {"post": "yes"}
    )
    assert not ClosureDay.objects.exists()
    assert _due(christmas_contact) == date(2026, 12, 24)


def test_deleting_closure_days_in_bulk_moves_due_dates_back(
    administrator_client, christmas_contact
):
    administrator_client.post(
        reverse("admin:recording_closureday_add"), {"date": "2026-12-23", "reason": "Closed"}
    )
    administrator_client.post(
        reverse("admin:recording_closureday_add"), {"date": "2026-12-24", "reason": "Closed"}
    )
    assert _due(christmas_contact) == date(2026, 12, 30)
    administrator_client.post(
        reverse("admin:recording_closureday_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": list(ClosureDay.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    assert not ClosureDay.objects.exists()
    assert _due(christmas_contact) == date(2026, 12, 24)


def test_no_person_or_record_is_in_the_admin(administrator_client, person, practitioner):
    """Issue 15, part 2: an administrator opened a restricted person, their case note and
    their care plan in the admin, and nothing was logged. People's records are seen only
    in the service, in scope and logged."""
    note = case_note_for(ContactFactory(person=person, recorded_by=practitioner))
    record_complete(record=note, user=practitioner)
    index = administrator_client.get(reverse("admin:index")).text
    for url in [
        f"/admin/recording/person/{person.pk}/change/",
        "/admin/recording/person/",
        f"/admin/recording/casenote/{note.pk}/change/",
        "/admin/recording/contact/",
        "/admin/recording/recordingobligation/",
        "/admin/recording/provisionalcarepackage/",
        "/admin/assessments/careplan/",
        "/admin/assessments/authorisation/",
        "/admin/assessments/copygiven/",
        "/admin/supervision/supervisionsession/",
        "/admin/audit/accessevent/",
    ]:
        assert administrator_client.get(url).status_code == 404, url
        assert "/".join(url.split("/")[:4]) + "/" not in index  # /admin/<app>/<model>/
    administrator_client.post(f"/admin/recording/casenote/{note.pk}/delete/", {"post": "yes"})
    assert Record.objects.filter(pk=note.pk).exists()


def test_the_admin_holds_only_what_administrators_manage():
    from django.contrib import admin

    registered = {model._meta.label_lower for model in admin.site._registry}
    # Frameworks, teams, users, closure days and rules; the sign-in throttle's records.
    allowed = {
        "accounts.team",
        "accounts.user",
        "auth.group",
        "recording.closureday",
        "principles.framework",
        "principles.principle",
        "principles.statement",
        "principles.professionalstandard",
        "principles.activeframework",
        "principles.readingconfirmation",
        "principles.requiredprinciple",
        "principles.citedprinciple",
        "principles.councilcontact",
        "frontdoor.workloadweight",
        "axes.accessattempt",
        "axes.accessfailurelog",
        "axes.accesslog",
    }
    assert registered - allowed == set()


def test_practitioners_cannot_use_the_admin(practitioner_client):
    response = practitioner_client.get(reverse("admin:recording_closureday_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
