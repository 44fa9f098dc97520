"""Alerts that cannot wait (issue 17, part 7): a safeguarding concern marked for
immediate action alerts its team's managers, by email at once and on their Home until
one of them marks it seen."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.access import team_managers
from accounts.outbox import email_queue
from assessments.models import SafeguardingConcern
from frontdoor.models import SafeguardingAlert


def safeguarding_alert_raise(concern: SafeguardingConcern, *, now=None) -> SafeguardingAlert | None:
    """Raise the concern's alert, if it is marked for immediate action and has none yet
    (a second save, or unticking and ticking again, alerts no one again): the alert and
    an email to each active manager of the person's team, in the caller's transaction,
    so they stand or fall with the save. Returns the new alert, or None."""
    if not concern.immediate_action or SafeguardingAlert.objects.filter(record=concern).exists():
        return None
    person = concern.person
    alert = SafeguardingAlert(
        record=concern,
        team_id=person.team_id,
        raised_by_id=concern.author_id,
        raised_at=now or timezone.now(),
    )
    try:
        with transaction.atomic():
            alert.save()
    except IntegrityError:
        return None  # two saves at once: the other raised it
    for manager in team_managers(person.team_id).exclude(email=""):
        context = {
            "manager": manager,
            "alert": alert,
            "raised_by": concern.author,
            "reference": person.council_reference,
            "team": person.team,
            "url": settings.SITE_URL.rstrip("/") + concern.get_absolute_url(),
        }
        # The email leaves the service: the council reference and a link, never the
        # person's name or what the concern says.
        email_queue(
            to=manager.email,
            subject=f"Practice Record: safeguarding concern for {person.council_reference} "
            "needs immediate action",
            body=render_to_string("frontdoor/email/safeguarding_alert.txt", context),
            why="safeguarding alert",
        )
    return alert


def safeguarding_alert_acknowledge(alert: SafeguardingAlert, *, user, now=None) -> bool:
    """Mark the alert seen by `user` (whom the caller checked may: `accounts.access.
    may_acknowledge_alert`). Of two managers at once, one marks it; False for the other
    (and for an alert already seen), changing nothing."""
    now = now or timezone.now()
    done = SafeguardingAlert.objects.filter(pk=alert.pk, acknowledged_at__isnull=True).update(
        acknowledged_by=user, acknowledged_at=now
    )
    if done:
        alert.acknowledged_by, alert.acknowledged_at = user, now
    else:
        alert.refresh_from_db()
    return bool(done)
