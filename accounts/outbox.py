"""Emails the service sends: queued in the same transaction as what they tell of, sent
once it is saved, and retried until they go (issue 17, part 7: "email failures are
retried and never lose the record").

`email_queue` is the one way to send an email. It writes the email as a row in the
caller's transaction -- so a rolled-back change queues nothing, and a saved change never
loses its email -- and sends it once that transaction commits, outside it (a slow mail
server never holds a write lock). `outbox_send` sends what is due: after each commit,
and from `manage.py send_queued_email`, which cron runs every few minutes to retry what
failed, waiting longer after each failure and giving up after MAX_ATTEMPTS."""

import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from accounts.models import OutboundEmail

logger = logging.getLogger(__name__)

# After a failure, wait 5, 10, 20, 40... minutes, at most a day: about four days in all
# (a mail server down over a long weekend) before giving up after MAX_ATTEMPTS. The row
# stays, with its last error, and the log says each failure.
# The first wait is longer than a send may take (`EMAIL_TIMEOUT`), so a second sender
# never takes an email another is still sending.
MAX_ATTEMPTS = 12
FIRST_WAIT = timedelta(minutes=5)
MAX_WAIT = timedelta(days=1)


def email_queue(*, to: str, subject: str, body: str, why: str) -> OutboundEmail | None:
    """Keep an email to send once the current transaction commits (at once outside
    one). Nothing is queued for an empty address. `why` says what it is for (e.g.
    "safeguarding alert"), for the admin and the logs."""
    if not to:
        return None
    # A header may not hold a line break (Django refuses the whole email): a subject
    # built from what someone typed is made one line here, not failed twelve times.
    subject = " ".join(subject.split())[:300]
    email = OutboundEmail.objects.create(
        to=to, subject=subject, body=body, why=why[:60], next_attempt_at=timezone.now()
    )
    # robust: should sending fail in a way `outbox_send` does not catch (the database
    # gone), the change the caller committed still answers as saved; cron sends it.
    transaction.on_commit(partial(outbox_send, only=[email.pk]), robust=True)
    return email


def wait_after(attempts: int) -> timedelta:
    """How long to wait before the next try, after `attempts` tries."""
    return min(FIRST_WAIT * 2 ** (attempts - 1), MAX_WAIT)


@dataclass
class OutboxResult:
    sent: int = 0
    failed: int = 0  # failed this time; tried again later
    given_up: int = 0  # failed for the last time (MAX_ATTEMPTS)


def _claim(email: OutboundEmail, now) -> bool:
    """Take the email for this sender: a conditional UPDATE on the attempts it was read
    with, so of two senders at once (a commit hook and cron, two cron runs) only one
    takes it. The next try's time is set now: a sender that dies mid-send leaves it to
    be tried again then."""
    attempts = email.attempts + 1
    claimed = OutboundEmail.objects.filter(
        pk=email.pk, sent_at__isnull=True, attempts=email.attempts
    ).update(attempts=attempts, next_attempt_at=now + wait_after(attempts))
    email.attempts = attempts
    return bool(claimed)


def outbox_report(*, now=None, only: list[int] | None = None) -> OutboxResult:
    """Send the emails that are due (or just those of `only` that are due), one by one.
    A failure is written on its row and tried again later; it never raises."""
    now = now or timezone.now()
    due = OutboundEmail.objects.filter(
        sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS, next_attempt_at__lte=now
    )
    if only is not None:
        due = due.filter(pk__in=only)
    result = OutboxResult()
    for email in due.order_by("next_attempt_at", "pk"):
        if not _claim(email, timezone.now()):
            continue  # another sender has it
        try:
            send_mail(
                subject=email.subject,
                message=email.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[email.to],
            )
        except Exception as error:  # any failure of the mail server: tried again later
            OutboundEmail.objects.filter(pk=email.pk).update(
                last_error=f"{type(error).__name__}: {error}"[:500]
            )
            if email.attempts >= MAX_ATTEMPTS:
                result.given_up += 1
                logger.error(
                    "Gave up sending email %s (%s) after %s attempts: %s",
                    email.pk,
                    email.why,
                    email.attempts,
                    error,
                )
            else:
                result.failed += 1
                logger.warning(
                    "Could not send email %s (%s), attempt %s; trying again later: %s",
                    email.pk,
                    email.why,
                    email.attempts,
                    error,
                )
            continue
        OutboundEmail.objects.filter(pk=email.pk).update(sent_at=timezone.now(), last_error="")
        result.sent += 1
    return result


def outbox_send(*, now=None, only: list[int] | None = None) -> int:
    """`outbox_report`, answering how many emails were sent."""
    return outbox_report(now=now, only=only).sent
