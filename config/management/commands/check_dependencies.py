"""manage.py check_dependencies: the installed packages against security/releases.toml,
offline (config/dependencies.py). Exits 1, listing each problem, if any is found."""

from django.core.management.base import BaseCommand, CommandError

from config import dependencies


class Command(BaseCommand):
    help = "Check installed packages against the security releases recorded in the repository."

    def handle(self, *args, **options):
        releases = dependencies.load()
        found = dependencies.problems(releases)
        if found:
            raise CommandError(
                "\n".join(f"{problem.package}: {problem.message}" for problem in found)
            )
        checked = len(releases.get("python", [])) + len(releases.get("npm", []))
        self.stdout.write(
            f"{checked} packages at or above their recorded security releases "
            f"(reviewed {releases['reviewed']['date']}); pins unchanged since."
        )
