from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.data import DEMO_PASSWORD, demo_data_load
from frontdoor.demo import NEW_PEOPLE
from recording.demo import PEOPLE


class Command(BaseCommand):
    help = "Create the demo teams and logins (one per role). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--framework",
            default="hertfordshire-connected-lives",
            help="Slug of the framework to make active (default: %(default)s).",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with DEBUG off. The demo logins share a published password.",
        )

    def handle(self, *args, framework: str, allow_production: bool, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Refusing to create demo logins with DEBUG off: their password is public. "
                "Pass --allow-production if this really is a demonstration server."
            )
        try:
            users = demo_data_load(framework_slug=framework)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Demo logins:"))
        for user in users:
            where = f", {user.team}" if user.team else ""
            manager = " (manages the team)" if user.manages else ""
            self.stdout.write(f"  {user.username:<8} {user.role.label}{where}{manager}")
        self.stdout.write(f"Password for every demo login: {DEMO_PASSWORD}")
        self.stdout.write(
            f"{len(PEOPLE)} people on the case record, most of them allocated to pat; "
            f"{len(NEW_PEOPLE)} more came through the front door (requests, waiting lists)."
        )
