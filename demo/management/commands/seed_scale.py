"""Fill a database with a council-sized data set, for measuring the dashboards: by
default 1,000,000 contacts with their obligations and records over five years ending
today, 100,000 people, 500 staff in 40 teams.

It writes in bulk (see `_scale_seeder`) in one transaction, so a failed run leaves
nothing behind. It adds one data set to a database and refuses to add a second (its
teams, logins and council references would clash): start from a fresh database. The
same --seed makes the same rows on the same database.

Its records are written to the active framework. On a database with the principles
loaded but none chosen yet (straight after `migrate` and `loaddata`), it makes
--framework active first, as `load_demo_data` does.

On SQLite it turns off syncing to disk for the run (restored after), so a power cut
during a run can damage the file: use it on scratch databases only.
"""

import time
from argparse import ArgumentTypeError
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Team, User
from demo.management.commands._scale_seeder import ScaleSeeder, Sizes
from principles.models import ActiveFramework, Framework
from recording.models import ClosureDay

# The framework made active when none is, unless --framework names another: the same
# default as `load_demo_data`'s.
DEFAULT_FRAMEWORK = "hertfordshire-connected-lives"
NO_PRINCIPLES = (
    "seed_scale needs the principles of framework {slug!r}. Load them first:\n"
    "  manage.py loaddata fixtures/principles_hertfordshire.json "
    "fixtures/principles_lancashire.json fixtures/required_principles.json "
    "fixtures/cited_principles.json"
)

# SQLite settings for a bulk load: no fsync, the rollback journal in memory, a 256 MB
# page cache. Each is read first and put back after the run.
SQLITE_BULK_PRAGMAS = {
    "synchronous": "OFF",
    "journal_mode": "MEMORY",
    "cache_size": "-262144",
    "temp_store": "MEMORY",
}


def whole_number(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ArgumentTypeError(f"enter a whole number, not {value!r}") from None
    if number < 0:
        raise ArgumentTypeError(f"enter a number that is 0 or more, not {number}")
    return number


class Command(BaseCommand):
    help = (
        "Create a council-sized data set in bulk (contacts, obligations, records, principle "
        "evidence, staff, teams, people) for measuring the dashboards. Scratch databases only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--contacts", type=whole_number, default=1_000_000)
        parser.add_argument("--people", type=whole_number, default=100_000)
        parser.add_argument("--staff", type=whole_number, default=500)
        parser.add_argument("--teams", type=whole_number, default=40)
        parser.add_argument(
            "--years", type=whole_number, default=5, help="The period, ending today (default 5)."
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=20260601,
            help="Seed of the random choices: the same seed makes the same data set.",
        )
        parser.add_argument(
            "--framework",
            help="Slug of the framework to make active and record to (default: the active "
            f"framework, or {DEFAULT_FRAMEWORK} when none is active).",
        )
        parser.add_argument(
            "--batch-size",
            type=whole_number,
            default=10_000,
            help="Contacts written a batch, with their records (default 10,000).",
        )

    def handle(self, *args, **options):
        sizes = Sizes(
            contacts=options["contacts"],
            people=options["people"],
            staff=options["staff"],
            teams=options["teams"],
            years=options["years"],
        )
        batch_size = options["batch_size"]
        self._check(sizes, batch_size)
        if Team.objects.filter(slug__startswith="scale-team-").exists() or (
            User.objects.filter(username__startswith="scale-").exists()
        ):
            raise CommandError(
                "This database already has a scale data set (teams named 'Scale team ...', "
                "logins scale-0001 ...). seed_scale adds one data set: start from a fresh "
                "database."
            )

        framework = _framework_to_record_to(options["framework"])
        verbose = options["verbosity"] >= 1

        def report(line: str) -> None:
            if verbose:
                self.stdout.write(line)
                self.stdout.flush()  # progress shows even when the output is a file

        report(f"Records are written to the active framework: {framework}.")
        report(
            f"Seeding {sizes.contacts:,} contacts over {sizes.years} years, {sizes.people:,} "
            f"people, {sizes.staff:,} staff in {sizes.teams} teams (seed {options['seed']}) "
            f"into {connection.vendor}."
        )
        started = time.perf_counter()
        seeder = ScaleSeeder(
            connection=connection,
            sizes=sizes,
            seed=options["seed"],
            batch_size=batch_size,
            now=timezone.now(),
            framework=framework,
            closure_days=ClosureDay.dates(),
            report=report,
        )
        with _bulk_load_settings():
            with transaction.atomic():
                if framework != ActiveFramework.current():
                    ActiveFramework.choose(framework)
                if connection.vendor == "postgresql":
                    # Check foreign keys at the end of each COPY rather than queueing
                    # millions of deferred checks for the commit.
                    with connection.cursor() as cursor:
                        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                tables = seeder.run()
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            written = time.perf_counter() - started
            analyze_started = time.perf_counter()
            _analyze(sorted({name.split(" ")[0] for name in tables}))
            analyzed = time.perf_counter() - analyze_started

        if verbose:
            self._summary(tables, written, analyzed, time.perf_counter() - started, seeder)

    def _check(self, sizes: Sizes, batch_size: int) -> None:
        if sizes.teams < 1 or sizes.people < 1 or sizes.years < 1 or batch_size < 1:
            raise CommandError("--teams, --people, --years and --batch-size must be 1 or more.")
        if sizes.practitioners < sizes.teams:
            least = 2 * sizes.teams + sizes.quality_staff
            raise CommandError(
                f"--staff {sizes.staff} is too few for {sizes.teams} teams: each team needs a "
                f"manager and a practitioner, and there are quality staff. Use --staff {least} "
                "or more."
            )

    def _summary(self, tables, written, analyzed, total, seeder) -> None:
        write = self.stdout.write
        write("")
        write(f"{'Table':<44} {'Rows':>12} {'Insert':>9}")
        rows = 0
        for name, (count, seconds) in tables.items():
            rows += count
            write(f"{name:<44} {count:>12,} {seconds:>8.1f}s")
        inserting = sum(seconds for _, seconds in tables.values())
        write(f"{'All tables':<44} {rows:>12,} {inserting:>8.1f}s")
        write(f"Making the rows (Python): {written - inserting:.1f}s")
        write(f"Writing and commit: {written:.1f}s; ANALYZE: {analyzed:.1f}s")
        write(
            f"Completed Care Act records without a required principle: {seeder.missing_required:,}"
        )
        write(self.style.SUCCESS(f"Scale data set created in {_duration(total)}."))


def _framework_to_record_to(slug: str | None) -> Framework:
    """The active framework; or the latest version of the one `slug` names -- of
    `DEFAULT_FRAMEWORK` when none is active and no slug is given -- to be made active."""
    framework = ActiveFramework.current() if slug is None else None
    if framework is None:
        slug = slug or DEFAULT_FRAMEWORK
        framework = Framework.objects.filter(slug=slug).order_by("-effective_date").first()
    if framework is None or not framework.principles.exists():
        raise CommandError(NO_PRINCIPLES.format(slug=slug or framework.slug))
    return framework


@contextmanager
def _bulk_load_settings():
    """SQLite's bulk-load pragmas for the run, restored after (they cannot change inside
    a transaction, so inside one -- a test -- they are left alone)."""
    saved = {}
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            for name, value in SQLITE_BULK_PRAGMAS.items():
                cursor.execute(f"PRAGMA {name}")
                saved[name] = cursor.fetchone()[0]
                cursor.execute(f"PRAGMA {name} = {value}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for name, value in saved.items():
                cursor.execute(f"PRAGMA {name} = {value}")


def _analyze(tables: list[str]) -> None:
    """Fresh planner statistics for the tables written, so the dashboards' query plans
    fit the new row counts."""
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes}m {seconds:02d}s" if minutes else f"{seconds}s"
