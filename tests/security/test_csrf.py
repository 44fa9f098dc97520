"""A POST without its CSRF token is refused with a GOV.UK page, changes nothing and is
logged (issue 7, "Bad input": a CSRF-less POST)."""

from datetime import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from recording.deadlines import LONDON
from recording.models import Contact
from tests.factories import PASSWORD

CONTACT = {
    "contact_date_0": "23",
    "contact_date_1": "11",
    "contact_date_2": "2026",
    "contact_time": "14:30",
    "method": "visit",
    "with_whom": "Maggie and her son, Dev",
}


@pytest.fixture(autouse=True)
def _wednesday():
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=False):
        yield


@pytest.fixture
def strict_client(practitioner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(practitioner)
    return client


def test_a_form_posted_without_its_token_is_refused_and_nothing_is_saved(
    strict_client, practitioner, person, caplog
):
    url = reverse("recording:contact_new", args=[person.pk])
    strict_client.get(url)  # the form's page sets the CSRF cookie; the POST leaves the token out
    with caplog.at_level("WARNING", logger="practice_record.security"):
        response = strict_client.post(url, CONTACT)

    assert response.status_code == 403
    assert "<title>Your form was not sent – Practice Record</title>" in response.text
    assert "Nothing you sent with it has been saved or changed." in response.text
    assert "Go back to the form, reload the page and try again." in response.text
    assert not Contact.objects.exists()
    [record] = [r for r in caplog.records if r.name == "practice_record.security"]
    message = record.getMessage()
    assert record.levelname == "WARNING"
    assert f"user={practitioner.pk}" in message
    assert url in message
    assert "CSRF token missing" in message
    assert "Dev" not in message  # what was typed is never logged


def test_the_same_form_with_its_token_is_saved(strict_client, person):
    url = reverse("recording:contact_new", args=[person.pk])
    strict_client.get(url)
    token = strict_client.cookies["csrftoken"].value
    response = strict_client.post(url, {**CONTACT, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Contact.objects.count() == 1


def test_a_sign_in_without_its_token_is_refused(practitioner, caplog):
    client = Client(enforce_csrf_checks=True)
    with caplog.at_level("WARNING", logger="practice_record.security"):
        response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 403
    assert "Your form was not sent" in response.text
    assert 'href="/sign-in/"' in response.text
    assert "_auth_user_id" not in client.session
    [record] = [r for r in caplog.records if r.name == "practice_record.security"]
    assert "POST /sign-in/ user=anonymous" in record.getMessage()
    assert PASSWORD not in caplog.text
