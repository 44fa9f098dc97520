"""A replayed POST does one thing (issue 15, part 6): every creating form carries a
one-time key, so a double submit or a replay creates one row and shows it."""

from datetime import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from accounts.models import FormSubmission
from assessments.models import CopyGiven, IssuedCopy, SafeguardingConcern
from assessments.services import copy_issue
from config.submission_keys import KEY_FIELD
from recording.deadlines import LONDON
from recording.models import Addendum, Contact, ProvisionalCarePackage
from recording.services import record_complete
from supervision.models import SupervisionSession
from tests.assessments.factories import needs_assessment_for
from tests.factories import ContactFactory, case_note_for
from tests.fuzz.kit import hidden_inputs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _wednesday():
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=False):
        yield


def _send_twice(client, url: str, data: dict):
    """The form as the page gave it, sent twice (a double click, or a replay)."""
    form = {**hidden_inputs(client.get(url).content.decode()), **data}
    assert form.get(KEY_FIELD), "the form carries a one-time key"
    first, second = client.post(url, form), client.post(url, form)
    assert first.status_code == 302, (
        getattr(first, "context", {}) and first.context.get("form").errors
    )
    assert second.status_code == 302
    assert second["Location"] == first["Location"]  # shown what the first one made
    page = client.get(second["Location"])
    assert "That form had already been sent. This is what it saved." in page.text
    return first


def test_a_contact_sent_twice_is_one_contact(practitioner_client, person, principles):
    url = reverse("recording:contact_new", args=[person.pk])
    _send_twice(
        practitioner_client,
        url,
        {
            "contact_date_0": "24",
            "contact_date_1": "11",
            "contact_date_2": "2026",
            "contact_time": "14:30",
            "method": "visit",
            "with_whom": "Maggie",
        },
    )
    assert Contact.objects.filter(person=person).count() == 1


def test_an_addendum_sent_twice_is_one_addendum(practitioner_client, person, practitioner):
    note = case_note_for(ContactFactory(person=person, recorded_by=practitioner))
    record_complete(record=note, user=practitioner)
    url = reverse("recording:addendum_new", args=[note.pk])
    _send_twice(practitioner_client, url, {"reason": "Heard later", "text": "Dev called."})
    assert Addendum.objects.filter(record=note).count() == 1


def test_a_provisional_care_package_sent_twice_is_one_package(
    practitioner_client, person, practitioner, principles
):
    contact = ContactFactory(
        person=person,
        recorded_by=practitioner,
        occurred_at=datetime(2026, 11, 24, 9, tzinfo=LONDON),
    )
    url = reverse("recording:package_new", args=[contact.pk])
    data = {
        "action": "draft",
        "what": "Two calls a day",
        "provider": "Hertford Home Care",
        "start_date_0": "26",
        "start_date_1": "11",
        "start_date_2": "2026",
        "weekly_cost": "120",
        "why": "Home from hospital tomorrow.",
    }
    _send_twice(practitioner_client, url, data)
    assert ProvisionalCarePackage.objects.filter(obligation__contact=contact).count() == 1


def test_a_supervision_session_sent_twice_is_one_session(manager_client, practitioner, principles):
    data = {
        "practitioner": str(practitioner.pk),
        "held_on_0": "24",
        "held_on_1": "11",
        "held_on_2": "2026",
        "principle_2": "on",
        "principle_2_evidence": "Alice started from what Margaret can do.",
        "agreed_actions": "Alice to book the review.",
    }
    _send_twice(manager_client, reverse("supervision:session_new"), data)
    assert SupervisionSession.objects.count() == 1


def test_a_form_with_errors_can_be_corrected_and_sent_with_the_same_key(
    practitioner_client, person, principles
):
    url = reverse("recording:contact_new", args=[person.pk])
    form = hidden_inputs(practitioner_client.get(url).content.decode())
    data = {
        **form,
        "contact_date_0": "24",
        "contact_date_1": "11",
        "contact_date_2": "2026",
        "contact_time": "",
        "method": "visit",
        "with_whom": "Maggie",
    }
    refused = practitioner_client.post(url, data)
    assert refused.status_code == 200
    assert f'value="{form[KEY_FIELD]}"' in refused.text  # the page keeps the key
    assert not FormSubmission.objects.exists()
    assert practitioner_client.post(url, {**data, "contact_time": "14:30"}).status_code == 302
    assert Contact.objects.filter(person=person).count() == 1


def test_another_users_key_is_not_theirs_to_replay(
    practitioner_client, colleague, person, principles
):
    colleague_client = Client()
    colleague_client.force_login(colleague)
    url = reverse("recording:contact_new", args=[person.pk])
    data = {
        **hidden_inputs(practitioner_client.get(url).content.decode()),
        "contact_date_0": "24",
        "contact_date_1": "11",
        "contact_date_2": "2026",
        "contact_time": "14:30",
        "method": "visit",
        "with_whom": "Maggie",
    }
    assert practitioner_client.post(url, data).status_code == 302
    assert colleague_client.post(url, data).status_code == 302
    assert Contact.objects.filter(person=person).count() == 2  # two people's own sendings


def test_a_care_act_record_started_twice_is_one_record(practitioner_client, person, principles):
    url = reverse("assessments:start", args=[person.pk])
    _send_twice(
        practitioner_client,
        url,
        {"kind": "safeguarding", "contact": "none", "form_type": "proportionate"},
    )
    assert SafeguardingConcern.objects.filter(person=person).count() == 1


def test_a_copy_given_sent_twice_is_one_copy(practitioner_client, person, practitioner):
    assessment = needs_assessment_for(
        person, practitioner, now=datetime(2026, 11, 24, 9, tzinfo=LONDON)
    )
    url = reverse("assessments:copy_given", args=[assessment.pk])
    data = {
        "given_on_0": "25",
        "given_on_1": "11",
        "given_on_2": "2026",
        "channel": "post",
        "format": "standard",
    }
    _send_twice(practitioner_client, url, data)
    assert CopyGiven.objects.filter(record=assessment).count() == 1


def test_a_corrected_copy_sent_twice_is_one_new_issue(practitioner_client, person, practitioner):
    assessment = needs_assessment_for(
        person, practitioner, now=datetime(2026, 11, 24, 9, tzinfo=LONDON)
    )
    copy_issue(record=assessment, user=practitioner)
    url = reverse("assessments:copy_correct", args=[assessment.pk])
    _send_twice(practitioner_client, url, {"reason": "Her name was misspelt."})
    issues = IssuedCopy.objects.filter(record=assessment).values_list("issue_number", flat=True)
    assert sorted(set(issues)) == [1, 2]
