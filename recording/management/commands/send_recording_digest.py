"""Email each member of staff their recording digest: what is overdue, due today and due
on the next working day. Run it once every morning from cron; running it again the same
day sends nothing more, and on a day that is not a working day it sends nothing."""

from datetime import date, datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import OutboundEmail
from accounts.outbox import outbox_send
from recording.deadlines import is_working_day
from recording.models import ClosureDay
from recording.services import recording_digest_queue


def parse_day(value: str) -> date:
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise CommandError(f"--date must be a date as YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = (
        "Email each member of staff what they have overdue, due today and due on the next "
        "working day. Sends at most one email a person a day; sends nothing on a day that is "
        "not a working day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            dest="day",
            metavar="YYYY-MM-DD",
            help="The day to send the digest for (default: today).",
        )

    def handle(self, *args, day: str | date | None, **options):
        if day is None:
            today = timezone.localdate()
        elif isinstance(day, date):
            today = day
        else:
            today = parse_day(day)
        when = f"{today:%A} {today.day} {today:%B %Y}"
        if not is_working_day(today, ClosureDay.dates()):
            self.stdout.write(f"{when} is not a working day: no recording digest sent.")
            return
        queued = [e.pk for e in recording_digest_queue(today=today, site_url=settings.SITE_URL)]
        # Each email is sent as its row commits; this sends any not sent yet (none, but
        # under a caller's transaction), so what it says is what was sent. One the mail
        # server refused is kept, tried again by `manage.py send_queued_email`, and the
        # day's digest is not queued twice.
        outbox_send(only=queued)
        unsent = OutboundEmail.objects.filter(pk__in=queued, sent_at=None).count()
        sent = len(queued) - unsent
        emails = "email" if sent == 1 else "emails"
        self.stdout.write(f"Sent {sent} recording digest {emails} for {when}.")
        if unsent:
            self.stdout.write(
                f"Could not send {unsent} yet: manage.py send_queued_email tries "
                f"{'it' if unsent == 1 else 'them'} again."
            )
