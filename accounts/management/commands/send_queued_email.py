from django.core.management.base import BaseCommand

from accounts.outbox import outbox_send


class Command(BaseCommand):
    help = "Send the emails that are due, retrying those that failed (run every few minutes)."

    def handle(self, *args, **options):
        sent = outbox_send()
        self.stdout.write(f"Sent {sent} emails.")
