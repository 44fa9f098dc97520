"""The outbox (`accounts.outbox`, `manage.py send_queued_email`): an email is queued in
the transaction of what it tells of, sent after that commits, and a failure is kept,
retried with longer waits and finally given up -- never lost, never sent twice."""

import socket
from datetime import UTC, datetime, timedelta
from io import StringIO
from smtplib import SMTPException
from unittest import mock

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from accounts import outbox
from accounts.models import OutboundEmail, Team
from accounts.outbox import MAX_ATTEMPTS, email_queue, outbox_send, wait_after

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _noon():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def queue(**overrides):
    return email_queue(
        **{
            "to": "bob@example.gov.uk",
            "subject": "Practice Record: something to see",
            "body": "See https://records.example.gov.uk/",
            "why": "test",
            **overrides,
        }
    )


def send_queued(*args) -> str:
    out = StringIO()
    call_command("send_queued_email", *args, stdout=out)
    return out.getvalue()


def refusing(message="451 try again later"):
    return mock.patch("accounts.outbox.send_mail", side_effect=SMTPException(message))


# --- Queued in the caller's transaction, sent after it commits ----------------------------


def test_queued_in_the_transaction_and_sent_once_it_commits(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            Team.objects.create(name="Reablement", slug="reablement")
            email = queue()
            assert OutboundEmail.objects.filter(pk=email.pk, sent_at=None).exists()
        assert mailoutbox == []  # nothing is sent inside the transaction
    assert len(callbacks) == 1

    callbacks[0]()

    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["bob@example.gov.uk"], "Practice Record: something to see")
    ]
    email.refresh_from_db()
    assert email.sent_at == NOON
    assert email.attempts == 1
    assert email.last_error == ""


def test_a_rolled_back_change_queues_nothing(django_capture_on_commit_callbacks, mailoutbox):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        Team.objects.create(name="Reablement", slug="reablement")
        queue()
        raise RuntimeError("the save failed")

    assert callbacks == []
    assert not OutboundEmail.objects.exists()
    assert not Team.objects.filter(slug="reablement").exists()
    assert mailoutbox == []


def test_nothing_is_queued_for_an_empty_address(mailoutbox):
    assert queue(to="") is None
    assert not OutboundEmail.objects.exists()


def test_a_subject_is_one_line(django_capture_on_commit_callbacks, mailoutbox):
    # Django refuses a header with a line break: it would fail every try.
    with django_capture_on_commit_callbacks(execute=True):
        queue(subject="Practice Record:\r\n  returned\nrecord")

    assert mailoutbox[0].subject == "Practice Record: returned record"


# --- A failure is kept and retried ------------------------------------------------------------


def test_a_failure_is_kept_on_the_row_and_the_change_stands(
    django_capture_on_commit_callbacks, mailoutbox
):
    with refusing(), django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        Team.objects.create(name="Reablement", slug="reablement")
        email = queue()

    assert Team.objects.filter(slug="reablement").exists()
    email.refresh_from_db()
    assert email.sent_at is None
    assert email.attempts == 1
    assert email.last_error == "SMTPException: 451 try again later"
    assert email.next_attempt_at == NOON + timedelta(minutes=5)
    assert mailoutbox == []


def test_a_mail_server_that_is_not_there(settings, django_capture_on_commit_callbacks):
    """The real SMTP backend, at a port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 2

    with django_capture_on_commit_callbacks(execute=True):
        email = queue()

    email.refresh_from_db()
    assert email.sent_at is None
    assert email.attempts == 1
    assert email.last_error.startswith("ConnectionRefusedError")


def test_the_command_retries_after_the_wait(_noon, django_capture_on_commit_callbacks, mailoutbox):
    with refusing(), django_capture_on_commit_callbacks(execute=True):
        email = queue()

    _noon.shift(timedelta(minutes=4))
    assert send_queued() == "Sent 0 emails.\n"  # not yet: it waits 5 minutes
    assert mailoutbox == []

    _noon.shift(timedelta(minutes=1))
    assert send_queued() == "Sent 1 email.\n"
    assert len(mailoutbox) == 1
    email.refresh_from_db()
    assert (email.attempts, email.last_error) == (2, "")
    assert email.sent_at == NOON + timedelta(minutes=5)

    _noon.shift(timedelta(days=2))
    assert send_queued() == "Sent 0 emails.\n"  # sent once, never again
    assert len(mailoutbox) == 1


def test_each_failure_waits_twice_as_long_up_to_a_day(
    _noon, django_capture_on_commit_callbacks, mailoutbox
):
    assert [wait_after(n) for n in range(1, 12)] == [
        timedelta(minutes=m) for m in (5, 10, 20, 40, 80, 160, 320, 640, 1280)
    ] + [timedelta(days=1)] * 2

    with refusing():
        with django_capture_on_commit_callbacks(execute=True):
            email = queue()
        waits = []
        for _ in range(4):
            email.refresh_from_db()
            waits.append(email.next_attempt_at - outbox.timezone.now())
            _noon.move_to(email.next_attempt_at)
            send_queued()
    assert waits == [timedelta(minutes=m) for m in (5, 10, 20, 40)]


def test_given_up_after_the_last_attempt(_noon, mailoutbox):
    with refusing():
        email = queue()
        OutboundEmail.objects.filter(pk=email.pk).update(attempts=MAX_ATTEMPTS - 1)
        _noon.shift(timedelta(days=1))

        with pytest.raises(CommandError, match="Gave up on 1 email after 12 attempts"):
            send_queued()

    email.refresh_from_db()
    assert email.attempts == MAX_ATTEMPTS
    assert email.sent_at is None
    assert email.last_error == "SMTPException: 451 try again later"

    # Never tried again, even once the mail server answers.
    _noon.shift(timedelta(days=30))
    assert send_queued() == "Sent 0 emails.\n"
    assert mailoutbox == []


def test_the_command_says_what_failed_even_when_quiet(_noon, mailoutbox):
    queue(to="a@example.gov.uk")
    assert send_queued("-v", "0") == ""  # sent: nothing to say

    queue(to="b@example.gov.uk")
    queue(to="c@example.gov.uk")
    real = outbox.send_mail

    def refuse_b(*, recipient_list, **kwargs):
        if recipient_list == ["b@example.gov.uk"]:
            raise SMTPException("mailbox full")
        return real(recipient_list=recipient_list, **kwargs)

    with mock.patch("accounts.outbox.send_mail", side_effect=refuse_b):
        output = send_queued("-v", "0")

    assert output == (
        "Could not send 1 email: each is tried again later (the log says why).\nSent 1 email.\n"
    )
    assert [m.to for m in mailoutbox] == [["a@example.gov.uk"], ["c@example.gov.uk"]]


# --- Two senders at once send each email once --------------------------------------------------


def test_a_sender_with_a_stale_read_does_not_take_the_email():
    email = queue()
    # Two senders read the same due email...
    first, second = OutboundEmail.objects.get(pk=email.pk), OutboundEmail.objects.get(pk=email.pk)
    # ...only the first to write takes it.
    assert outbox._claim(first, NOON) is True
    assert outbox._claim(second, NOON) is False
    assert OutboundEmail.objects.get(pk=email.pk).attempts == 1


def test_a_sender_running_while_another_sends_sends_nothing(
    _noon, django_capture_on_commit_callbacks, mailoutbox
):
    """The commit hook is sending when cron runs: cron finds it taken."""
    real = outbox.send_mail
    inner = []

    def cron_runs_meanwhile(**kwargs):
        inner.append(outbox_send())
        return real(**kwargs)

    with (
        mock.patch("accounts.outbox.send_mail", side_effect=cron_runs_meanwhile),
        django_capture_on_commit_callbacks(execute=True),
    ):
        queue()

    assert inner == [0]
    assert len(mailoutbox) == 1


def test_the_commit_hook_and_cron_at_once_send_it_once(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks() as callbacks:
        queue()
    # Cron reads the due emails before the hook sends, and claims after it.
    due = list(OutboundEmail.objects.filter(sent_at=None))
    callbacks[0]()
    assert outbox._claim(due[0], NOON) is False
    assert outbox_send() == 0
    assert len(mailoutbox) == 1
