"""Benchmark: the CLD extract (issue 18, part 9) of a council-sized data set.

It writes the extract of the 12 months ending on a quarter end (default: the latest one
on or before today) to a file, as `manage.py cld_extract` does, and prints the number
of event rows, the seconds taken and the peak memory of the process (the resident set,
`resource.getrusage().ru_maxrss`, after Django is loaded and before the extract, and at
the end). Goal: under 2 minutes and under 200 MB for the 1,000,000-contact data set.
`--tracemalloc` also prints the peak of Python's allocations during the extract (slower).

Run on demand from the project directory (pytest does not collect it), on a database
filled by `manage.py seed_scale` (after migrate and the principles fixtures):

    DATABASE_URL=sqlite:////tmp/scale.sqlite3 .venv/bin/python bench/cld_extract.py
    DATABASE_URL=... .venv/bin/python bench/cld_extract.py --period-end 2026-09-30 \
        --output /tmp/cld.csv

It only reads the database.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 120
GOAL_MB = 200


def megabytes_peak() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--period-end", help="A quarter end, YYYY-MM-DD (default: the latest).")
    parser.add_argument("--output", help="The CSV to write (default: a temporary file, removed).")
    parser.add_argument("--tracemalloc", action="store_true")
    options = parser.parse_args()

    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "true")  # as the other benchmarks: no SECRET_KEY needed
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from recording.models import Person
    from returns.events import la_code
    from returns.extract import write_extract
    from returns.periods import latest_quarter_end, reporting_period

    period_end = (
        date.fromisoformat(options.period_end)
        if options.period_end
        else latest_quarter_end(timezone.localdate())
    )
    period = reporting_period(period_end)
    people = Person.objects.count()
    print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"People: {people:,}; LA code: {la_code() or '(not set)'}")
    print(f"Period: {period.start} to {period.end}")
    baseline = megabytes_peak()

    output = options.output or tempfile.mkstemp(suffix=".csv")[1]
    if options.tracemalloc:
        tracemalloc.start()
    started = time.perf_counter()
    with open(output, "w", newline="", encoding="utf-8") as file:
        rows = write_extract(file, period_end)
    seconds = time.perf_counter() - started
    traced = tracemalloc.get_traced_memory()[1] / (1024 * 1024) if options.tracemalloc else None
    peak = megabytes_peak()
    size = os.path.getsize(output) / (1024 * 1024)
    if not options.output:
        os.unlink(output)

    print(f"Rows: {rows:,} ({size:.1f} MB of CSV)")
    print(f"Seconds: {seconds:.1f} (goal < {GOAL_SECONDS})")
    print(f"Peak memory (RSS): {peak:.0f} MB, of which {baseline:.0f} MB before the extract")
    print(f"  (goal < {GOAL_MB} MB)")
    if traced is not None:
        print(f"Peak Python allocations during the extract (tracemalloc): {traced:.1f} MB")
    met = seconds < GOAL_SECONDS and peak < GOAL_MB
    print("Goals met." if met else "Goals NOT met.")


if __name__ == "__main__":
    main()
