"""Email each member of staff their recording digest: what is overdue, due today and due
on the next working day. Run it once every morning from cron; running it again the same
day sends nothing more, and on a day that is not a working day it sends nothing."""

from datetime import date, datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from recording.deadlines import is_working_day
from recording.models import ClosureDay
from recording.services import DigestNotSentError, recording_digest_send


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
        try:
            sent = recording_digest_send(today=today, site_url=settings.SITE_URL)
        except DigestNotSentError as error:
            raise CommandError(str(error)) from error
        emails = "email" if sent == 1 else "emails"
        self.stdout.write(f"Sent {sent} recording digest {emails} for {when}.")
