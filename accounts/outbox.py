"""Emails the service sends: queued in the same transaction as what they tell of, sent
once it is saved, and retried until they go (issue 17, part 7: "email failures are
retried and never lose the record").

`email_queue` is the one way to send an email; `outbox_send` sends what is due (after
each commit, and from `manage.py send_queued_email`, run every few minutes by cron)."""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from accounts.models import OutboundEmail

logger = logging.getLogger(__name__)

# After the first failure, wait 1, 2, 4, ... minutes, at most a day; give up after
# MAX_ATTEMPTS (the row stays, with its last error, for an administrator to see).
MAX_ATTEMPTS = 12
MAX_WAIT = timedelta(days=1)


def email_queue(*, to: str, subject: str, body: str, why: str) -> OutboundEmail | None:
    """Keep an email to send once the current transaction commits. Nothing is queued
    for an empty address."""
    if not to:
        return None
    email = OutboundEmail.objects.create(
        to=to, subject=subject[:300], body=body, why=why, next_attempt_at=timezone.now()
    )
    transaction.on_commit(partial(outbox_send, only=[email.pk]))
    return email


def _wait_after(attempts: int) -> timedelta:
    return min(timedelta(minutes=2 ** (attempts - 1)), MAX_WAIT)


def outbox_send(*, now=None, only: list[int] | None = None) -> int:
    """Send the emails that are due (or just those in `only`); returns how many were
    sent. A failure is recorded on its row and retried later; it never raises."""
    now = now or timezone.now()
    due = OutboundEmail.objects.filter(
        sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS, next_attempt_at__lte=now
    )
    if only is not None:
        due = due.filter(pk__in=only)
    sent = 0
    for email in due.order_by("next_attempt_at", "pk"):
        # Claim it: two senders at once (a commit hook and cron) send it once.
        attempts = email.attempts + 1
        claimed = OutboundEmail.objects.filter(
            pk=email.pk, sent_at__isnull=True, attempts=email.attempts
        ).update(attempts=attempts, next_attempt_at=now + _wait_after(attempts))
        if not claimed:
            continue
        try:
            send_mail(
                subject=email.subject,
                message=email.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[email.to],
            )
        except Exception as error:  # any failure of the mail server: retried later
            logger.exception("Could not send email %s (%s)", email.pk, email.why)
            OutboundEmail.objects.filter(pk=email.pk).update(last_error=str(error)[:500])
            continue
        OutboundEmail.objects.filter(pk=email.pk).update(sent_at=timezone.now(), last_error="")
        sent += 1
    return sent
