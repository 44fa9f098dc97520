"""The receipt of a reading confirmation (issue 17, part 7; Lancashire's form asks for a
copy): emailed through the outbox, and the confirmation stands if the email fails."""

from datetime import date, datetime
from smtplib import SMTPException
from unittest import mock

import pytest
import time_machine
from django.urls import reverse

from accounts.models import OutboundEmail
from principles.models import Framework, ReadingConfirmation
from recording.deadlines import LONDON

CONFIRM = reverse("principles:confirm_reading")
NOW = datetime(2026, 11, 23, 14, 5, tzinfo=LONDON)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def alice(practitioner):
    practitioner.email = "alice@example.gov.uk"
    practitioner.save()
    return practitioner


def _confirm(client, capture, **data):
    with capture(execute=True):
        return client.post(
            CONFIRM,
            {"read_on_0": 20, "read_on_1": 11, "read_on_2": 2026, "scope": "all", **data},
            follow=True,
        )


def test_confirming_emails_a_receipt(
    principles, alice, practitioner_client, mailoutbox, django_capture_on_commit_callbacks
):
    _confirm(practitioner_client, django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    framework = Framework.objects.get(pk=principles.pk)
    assert email.to == ["alice@example.gov.uk"]
    assert email.subject == f"Practice Record: your confirmation of reading {framework.title}"
    body = email.body
    assert body.startswith("Hello Alice,\n")
    assert "Name: Alice Adams\n" in body
    assert f"Framework: {framework.title}, {framework.council}\n" in body
    assert f"Version: {framework.version} (effective from " in body
    assert "Read on: Friday 20 November 2026\n" in body
    assert "Confirmed: 14:05 on Monday 23 November 2026\n" in body
    for principle in framework.principles.all():
        assert f"- {principle.number}. {principle.title}\n" in body


def test_only_what_was_newly_confirmed_is_in_the_receipt(
    principles, alice, practitioner_client, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = principles.principles.order_by("number")[:2]
    _confirm(
        practitioner_client,
        django_capture_on_commit_callbacks,
        scope="some",
        principles=[first.pk],
    )
    _confirm(practitioner_client, django_capture_on_commit_callbacks)  # all: the rest
    _confirm(practitioner_client, django_capture_on_commit_callbacks)  # nothing new

    assert len(mailoutbox) == 2
    assert f"- {first.number}. {first.title}\n" in mailoutbox[0].body
    assert f"- {second.number}. {second.title}\n" not in mailoutbox[0].body
    assert f"- {first.number}. {first.title}\n" not in mailoutbox[1].body
    assert f"- {second.number}. {second.title}\n" in mailoutbox[1].body


def test_the_confirmation_stands_when_the_email_fails(
    principles, alice, practitioner_client, mailoutbox, django_capture_on_commit_callbacks
):
    with mock.patch("accounts.outbox.send_mail", side_effect=SMTPException("refused")):
        response = _confirm(practitioner_client, django_capture_on_commit_callbacks)

    assert "You confirmed reading" in response.content.decode()
    assert ReadingConfirmation.objects.filter(user=alice, read_on=date(2026, 11, 20)).exists()
    kept = OutboundEmail.objects.get(why="reading receipt")
    assert (kept.to, kept.sent_at, kept.last_error) == (
        "alice@example.gov.uk",
        None,
        "SMTPException: refused",
    )
    assert mailoutbox == []


def test_no_receipt_without_an_address(
    principles, practitioner, practitioner_client, mailoutbox, django_capture_on_commit_callbacks
):
    _confirm(practitioner_client, django_capture_on_commit_callbacks)
    assert ReadingConfirmation.objects.filter(user=practitioner).exists()
    assert mailoutbox == []
