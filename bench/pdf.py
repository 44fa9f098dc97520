"""Benchmark: the person's PDF copy of a large care and support plan, rendered through the
app (`assessments.pdf.render_copy`: database, template, WeasyPrint) against WeasyPrint
rendering the same HTML directly. Goal: the app costs at most 1.2 times the direct render.

Run on demand from the project directory (pytest does not collect it):

    .venv/bin/python bench/pdf.py [--renders 20]

It uses a throwaway SQLite database in the temporary directory, never the app's own.
"""

import argparse
import io
import logging
import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATABASE = Path(tempfile.gettempdir()) / "practice-record-bench-pdf.sqlite3"
FIXTURES = [
    "fixtures/principles_hertfordshire.json",
    "fixtures/principles_lancashire.json",
    "fixtures/required_principles.json",
    "fixtures/cited_principles.json",
]
SUPPORTS = 40
OUTCOMES = 15


def remove_database() -> None:
    """The database file with its write-ahead log and index: a log left beside a new
    file of the same name would be read into it."""
    for path in (DATABASE, Path(f"{DATABASE}-wal"), Path(f"{DATABASE}-shm")):
        path.unlink(missing_ok=True)


def setup_django() -> None:
    sys.path.insert(0, str(BASE_DIR))
    os.chdir(BASE_DIR)
    remove_database()
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ["DEBUG"] = "true"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    # WeasyPrint logs each layout step at INFO; the timings are the output here.
    logging.getLogger("weasyprint").setLevel(logging.WARNING)


def build_large_plan():
    from django.core.management import call_command

    from accounts.models import Team, TeamMembership, User
    from assessments.models import PlanSupport
    from principles.models import ActiveFramework, Framework
    from recording.deadlines import LONDON
    from recording.models import Person
    from tests.assessments.factories import (
        care_plan_for,
        eligibility_for,
        needs_assessment_for,
    )

    call_command("migrate", verbosity=0)
    call_command("loaddata", *FIXTURES, verbosity=0)
    ActiveFramework.choose(Framework.objects.get(slug="hertfordshire-connected-lives"))
    team = Team.objects.create(name="North Adult Care Team", slug="north")
    worker = User.objects.create(
        username="alice", first_name="Alice", last_name="Adams", job_title="Social worker"
    )
    manager = User.objects.create(
        username="bob", first_name="Bob", last_name="Baker", job_title="Team manager"
    )
    TeamMembership.objects.create(user=worker, team=team)
    TeamMembership.objects.create(user=manager, team=team, is_manager=True)
    person = Person.objects.create(
        name="Margaret Oyelaran",
        preferred_name="Maggie",
        date_of_birth=date(1941, 3, 2),
        council_reference="HCC-104233",
        team=team,
        allocated_worker=worker,
    )

    now = datetime(2026, 11, 24, 11, 30, tzinfo=LONDON)
    assessment = needs_assessment_for(person, worker, now=now)
    determination = eligibility_for(
        assessment, worker, authorised_by=manager, now=now + timedelta(days=1)
    )
    supports = [
        {
            "need": f"Need {n}: help with part of the day that Maggie finds hard since her "
            "fall, in the way she has asked for it.",
            "how_met": (
                f"Support {n}: a carer she knows visits at the time Maggie chose. "
                "They help her to do as much as she can herself, talk through the day "
                "and check she has what she needs before they go. If Maggie is unwell "
                "they ring Grace, and they write a short note in the folder."
            ),
            "kind": PlanSupport.Kind.TRADITIONAL,
            "provider": "Bluebell Home Care",
            "weekly_cost": Decimal("24.35") + n,
        }
        for n in range(1, SUPPORTS + 1)
    ]
    outcomes = [
        f"I want to be able to do thing number {n} for myself again, in my own time, "
        "with the people I choose."
        for n in range(1, OUTCOMES + 1)
    ]
    total = sum(support["weekly_cost"] for support in supports)
    return care_plan_for(
        determination,
        worker,
        authorised_by=manager,
        now=now + timedelta(days=3),
        supports=supports,
        outcomes=outcomes,
        personal_budget=total,
        contingency_plan="If the carers cannot come, the agency rings Grace.\n\n" * 20,
    )


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=20)
    args = parser.parse_args()

    setup_django()
    import weasyprint
    from django.db import connections
    from pypdf import PdfReader

    from assessments.pdf import copy_html, render_copy

    plan = build_large_plan()
    html = copy_html(plan, large_print=False)

    def direct():
        return weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")

    def app():
        return render_copy(plan)

    # Warm up: imports, fonts, template loading.
    app()
    direct()
    app_times, direct_times, html_times = [], [], []
    for _ in range(args.renders):  # interleaved, so both see the same machine load
        app_times.append(timed(app))
        direct_times.append(timed(direct))
        html_times.append(timed(lambda: copy_html(plan, large_print=False)))

    app_p50 = statistics.median(app_times)
    direct_p50 = statistics.median(direct_times)
    pages = len(PdfReader(io.BytesIO(render_copy(plan))).pages)
    large_pages = len(PdfReader(io.BytesIO(render_copy(plan, large_print=True))).pages)
    print(f"Large plan: {SUPPORTS} supports, {OUTCOMES} outcomes; {args.renders} renders each")
    print(f"through the app (render_copy):  p50 {app_p50 * 1000:8.1f} ms")
    print(f"WeasyPrint directly, same HTML: p50 {direct_p50 * 1000:8.1f} ms")
    html_p50 = statistics.median(html_times)
    print(f"  of which copy_html (queries + template): p50 {html_p50 * 1000:.1f} ms")
    print(f"ratio app / direct: {app_p50 / direct_p50:.3f} (goal <= 1.2)")
    print(f"pages: {pages} normal, {large_pages} large print")
    connections.close_all()
    remove_database()


if __name__ == "__main__":
    main()
