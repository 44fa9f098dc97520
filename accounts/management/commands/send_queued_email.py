"""Send the emails that are due (`accounts.outbox`): those whose send after their commit
failed, each after its wait. Run it from cron every five minutes:

    */5 * * * * cd /srv/practice-record && .venv/bin/python manage.py send_queued_email -v 0

With `-v 0` it prints only when an email failed, so cron mails nobody otherwise. An
email given up (MAX_ATTEMPTS failures) makes it exit with an error, once."""

from django.core.management.base import BaseCommand, CommandError

from accounts.outbox import MAX_ATTEMPTS, outbox_report


def _emails(n: int) -> str:
    return f"{n} email{'' if n == 1 else 's'}"


class Command(BaseCommand):
    help = (
        "Send the emails that are due, trying again those that failed (run it every five "
        "minutes; -v 0 prints only failures)."
    )

    def handle(self, *args, verbosity: int = 1, **options):
        result = outbox_report()
        if result.failed:
            self.stdout.write(
                f"Could not send {_emails(result.failed)}: each is tried again later "
                "(the log says why)."
            )
        if verbosity >= 1 or result.failed:
            self.stdout.write(f"Sent {_emails(result.sent)}.")
        if result.given_up:
            raise CommandError(
                f"Gave up on {_emails(result.given_up)} after {MAX_ATTEMPTS} attempts: the "
                "log says why, and each is kept with its last error (OutboundEmail)."
            )
