"""`manage.py cld_extract --period-end YYYY-MM-DD --output FILE.csv`: DHSC's Client Level
Data extract of the 12 months ending on a quarter end.

It checks the date and the output path before reading anything; it writes to a
temporary file in the output's directory and puts it in place only when the whole
extract is written, so a failed run leaves no partial file behind."""

import os
import tempfile
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from returns.extract import write_extract
from returns.periods import NOT_A_QUARTER_END, is_quarter_end


def period_end_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"--period-end must be a date written YYYY-MM-DD, for example 2026-03-31, not {text!r}"
        ) from None


def output_path(text: str) -> Path:
    path = Path(text)
    if path.is_dir():
        raise CommandError(f"--output {text!r} is a directory: give the path of a file")
    directory = path.parent
    if not directory.is_dir():
        raise CommandError(f"The directory {str(directory)!r} of --output does not exist")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise CommandError(f"The directory {str(directory)!r} of --output cannot be written")
    if path.exists() and not os.access(path, os.W_OK):
        raise CommandError(f"--output {text!r} exists and cannot be written")
    return path


class Command(BaseCommand):
    help = (
        "Write DHSC's Client Level Data (Release 2) extract: every request, assessment, "
        "service and review of the 12 months ending on a quarter end, one row per event."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--period-end",
            required=True,
            help="The last day of the 12 months: a quarter end, for example 2026-03-31.",
        )
        parser.add_argument("--output", required=True, help="The CSV file to write.")

    def handle(self, *args, **options):
        period_end = period_end_date(options["period_end"])
        if not is_quarter_end(period_end):
            raise CommandError(f"{NOT_A_QUARTER_END}, not {period_end.isoformat()}")
        path = output_path(options["output"])

        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".part"
        )
        try:
            with os.fdopen(handle, "w", newline="", encoding="utf-8") as file:
                count = write_extract(file, period_end)
            os.chmod(temporary, 0o640)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.stdout.write(f"{count} event rows written to {path}")
