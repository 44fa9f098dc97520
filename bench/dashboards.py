# ruff: noqa: E501, S608 -- hand-written SQL on long lines, built from constants and team ids
"""Benchmark: the compliance dashboards on a council-sized data set (issue 6).

For each dashboard, as a team manager (one team) and as quality staff (every team), it
prints the number of SQL queries, p50 and p95 response times through Django's test
client, and the ratio to hand-written SQL computing the same figures, measured in the
same run. Goals: the query count fixed whatever the size; p50 <= 300 ms; ratio <= 1.5.
It also times re-evaluating due dates after adding a closure day (goal <= 1 s), inside
a transaction it rolls back.

The front door's pages (issue 17) are timed the same way, without a SQL ratio: the
waiting lists (`frontdoor:waiting_lists`) as the manager (their teams) and as quality
staff (all teams), and the team caseload overview (`frontdoor:team_caseloads`) as the
manager and as quality staff for the biggest team. `--only` picks pages by name
(`--only waiting_lists,team_caseloads`); a page not in this build is reported, not timed.

Run on demand from the project directory (pytest does not collect it), on a database
filled by `manage.py seed_scale` (after migrate and the principles fixtures):

    DATABASE_URL=sqlite:////tmp/scale.sqlite3 .venv/bin/python bench/dashboards.py [--runs 20]
    DATABASE_URL=postgres://... .venv/bin/python bench/dashboards.py
    DATABASE_URL=... .venv/bin/python bench/dashboards.py --only waiting_lists,team_caseloads

It only reads, except for the closure day, which it rolls back.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# The figures each dashboard shows, in plain SQL: what a DBA would write by hand. `{teams}`
# is the list of team ids in scope; `%(name)s` are parameters.
STATES = """
    COUNT(CASE WHEN o.completed_on <= o.due_date THEN 1 END),
    COUNT(CASE WHEN o.completed_on > o.due_date THEN 1 END),
    COUNT(CASE WHEN o.completed_on IS NULL AND o.due_date < %(today)s THEN 1 END),
    COUNT(CASE WHEN o.completed_on IS NULL AND o.due_date >= %(today)s THEN 1 END)
"""
IN_PERIOD = """
    FROM recording_recordingobligation o
    WHERE o.contact_date >= %(start)s AND o.contact_date <= %(end)s AND o.team_id IN ({teams})
"""
VISIBLE = "p.team_id IN ({teams}) {restricted}"
COMPLETED = """
    r.status = 'completed' AND r.completed_at >= %(start_at)s AND r.completed_at < %(end_at)s
"""
SQL = {
    "timeliness": [
        f"SELECT o.kind, {STATES} {IN_PERIOD} GROUP BY o.kind",
        f"SELECT o.team_id, {STATES} {IN_PERIOD} GROUP BY o.team_id",
        f"SELECT o.owner_id, u.first_name, u.last_name, {STATES} {IN_PERIOD.replace('WHERE', 'JOIN accounts_user u ON u.id = o.owner_id WHERE')} GROUP BY o.owner_id, u.first_name, u.last_name",
        f"SELECT o.contact_date, {STATES} {IN_PERIOD} GROUP BY o.contact_date",
        f"""SELECT COUNT(*) FROM recording_recordingobligation o
            JOIN recording_contact c ON c.id = o.contact_id JOIN recording_person p ON p.id = c.person_id
            WHERE o.completed_on IS NULL AND o.due_date < %(today)s AND o.team_id IN ({{teams}})
            AND {VISIBLE}""",
        f"""SELECT o.id, o.kind, o.contact_date, o.due_date, p.id, p.name, u.first_name, u.last_name
            FROM recording_recordingobligation o
            JOIN recording_contact c ON c.id = o.contact_id JOIN recording_person p ON p.id = c.person_id
            JOIN accounts_user u ON u.id = o.owner_id
            WHERE o.completed_on IS NULL AND o.due_date < %(today)s AND o.team_id IN ({{teams}})
            AND {VISIBLE} ORDER BY o.due_date, o.id LIMIT 50""",
    ],
    "principles": [
        f"""SELECT r.framework_id, COUNT(*) FROM recording_record r JOIN recording_person p ON p.id = r.person_id
            WHERE {COMPLETED} AND p.team_id IN ({{teams}}) AND r.framework_id = %(framework)s GROUP BY r.framework_id""",
        f"""SELECT r.framework_id, e.principle_id, COUNT(*) FROM recording_principleevidence e
            JOIN recording_record r ON r.id = e.record_id JOIN recording_person p ON p.id = r.person_id
            WHERE {COMPLETED} AND p.team_id IN ({{teams}}) AND r.framework_id = %(framework)s AND e.evidence <> ''
            GROUP BY r.framework_id, e.principle_id""",
        f"""SELECT p.team_id, COUNT(*) FROM recording_record r JOIN recording_person p ON p.id = r.person_id
            WHERE {COMPLETED} AND p.team_id IN ({{teams}}) AND r.framework_id = %(framework)s GROUP BY p.team_id""",
        f"""SELECT p.team_id, e.principle_id, COUNT(*) FROM recording_principleevidence e
            JOIN recording_record r ON r.id = e.record_id JOIN recording_person p ON p.id = r.person_id
            WHERE {COMPLETED} AND p.team_id IN ({{teams}}) AND r.framework_id = %(framework)s AND e.evidence <> ''
            GROUP BY p.team_id, e.principle_id""",
        f"""SELECT r.kind, COUNT(*) FROM recording_record r JOIN recording_person p ON p.id = r.person_id
            WHERE {COMPLETED} AND p.team_id IN ({{teams}}) AND r.framework_id = %(framework)s GROUP BY r.kind""",
        f"""SELECT r.kind, e.principle_id, COUNT(*) FROM recording_principleevidence e
            JOIN recording_record r ON r.id = e.record_id JOIN recording_person p ON p.id = r.person_id
            WHERE {COMPLETED} AND p.team_id IN ({{teams}}) AND r.framework_id = %(framework)s AND e.evidence <> ''
            GROUP BY r.kind, e.principle_id""",
        f"""SELECT r.id, p.name, r.kind, r.completed_at FROM recording_record r JOIN recording_person p ON p.id = r.person_id
            WHERE {COMPLETED} AND {VISIBLE} AND EXISTS (
                SELECT 1 FROM principles_requiredprinciple q JOIN principles_principle pr ON pr.id = q.principle_id
                WHERE q.record_kind = r.kind AND pr.framework_id = r.framework_id AND NOT EXISTS (
                    SELECT 1 FROM recording_principleevidence e
                    WHERE e.record_id = r.id AND e.principle_id = q.principle_id AND e.evidence <> ''))
            ORDER BY r.completed_at DESC, r.id DESC LIMIT 50""",
        f"""SELECT r.kind, COUNT(*), COUNT(r.reading_ease), AVG(r.reading_ease),
                COUNT(CASE WHEN r.reading_ease >= 60 THEN 1 END)
            FROM recording_record r JOIN recording_person p ON p.id = r.person_id
            WHERE {COMPLETED} AND p.team_id IN ({{teams}}) GROUP BY r.kind""",
        f"""SELECT p.team_id, COUNT(*), COUNT(r.reading_ease), AVG(r.reading_ease),
                COUNT(CASE WHEN r.reading_ease >= 60 THEN 1 END)
            FROM recording_record r JOIN recording_person p ON p.id = r.person_id
            WHERE {COMPLETED} AND p.team_id IN ({{teams}}) GROUP BY p.team_id""",
    ],
    "entitlements": [
        f"""SELECT p.team_id, COUNT(*) FROM recording_record r JOIN recording_person p ON p.id = r.person_id
            LEFT JOIN assessments_authorisation a ON a.record_id = r.id
            WHERE {VISIBLE} AND r.status = 'completed'
            AND (r.kind = 'needs_assessment' OR (r.kind IN ('eligibility', 'care_plan') AND a.decision = 'authorised'))
            AND NOT EXISTS (SELECT 1 FROM assessments_copygiven g WHERE g.record_id = r.id)
            GROUP BY p.team_id""",
        f"""SELECT p.team_id, COUNT(*) FROM recording_record r JOIN recording_person p ON p.id = r.person_id
            LEFT JOIN assessments_authorisation a ON a.record_id = r.id
            WHERE {VISIBLE} AND r.status = 'completed' AND r.kind IN ('eligibility', 'care_plan')
            AND a.id IS NULL GROUP BY p.team_id""",
        f"""SELECT p.team_id, COUNT(*) FROM recording_person p
            WHERE {VISIBLE} AND p.review_due < %(today)s GROUP BY p.team_id""",
        f"""SELECT r.id, p.name, r.kind, r.completed_at FROM recording_record r JOIN recording_person p ON p.id = r.person_id
            LEFT JOIN assessments_authorisation a ON a.record_id = r.id
            WHERE {VISIBLE} AND r.status = 'completed'
            AND (r.kind = 'needs_assessment' OR (r.kind IN ('eligibility', 'care_plan') AND a.decision = 'authorised'))
            AND NOT EXISTS (SELECT 1 FROM assessments_copygiven g WHERE g.record_id = r.id)
            ORDER BY r.completed_at, r.id LIMIT 50""",
        f"""SELECT p.id, p.name, p.review_due FROM recording_person p
            WHERE {VISIBLE} AND p.review_due < %(today)s ORDER BY p.review_due, p.id LIMIT 50""",
    ],
    "reading": [
        """SELECT m.team_id, u.first_name, u.last_name,
                (SELECT COUNT(*) FROM principles_readingconfirmation c
                 JOIN principles_principle pr ON pr.id = c.principle_id
                 WHERE c.user_id = m.user_id AND pr.framework_id = %(framework)s),
                (SELECT MAX(c.read_on) FROM principles_readingconfirmation c
                 JOIN principles_principle pr ON pr.id = c.principle_id
                 WHERE c.user_id = m.user_id AND pr.framework_id = %(framework)s)
            FROM accounts_teammembership m JOIN accounts_user u ON u.id = m.user_id
            WHERE m.team_id IN ({teams}) AND u.is_active
            ORDER BY m.team_id, u.last_name, u.first_name""",
    ],
}


def setup_django() -> None:
    sys.path.insert(0, str(BASE_DIR))
    os.chdir(BASE_DIR)
    os.environ.setdefault("DEBUG", "true")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_page(client, url: str, runs: int) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the caches, as a server would be
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times, len(queries)


def time_sql(slug: str, teams: list[int], manager: bool, runs: int) -> list[float]:
    from django.db import connection
    from django.utils import timezone

    from dashboards.rules import default_period
    from principles.models import ActiveFramework
    from recording.deadlines import LONDON

    today = timezone.localdate()
    start, end = default_period(today)
    params = {
        "today": today,
        "start": start,
        "end": end,
        "start_at": datetime.combine(start, clock.min, LONDON),
        "end_at": datetime.combine(end + timedelta(days=1), clock.min, LONDON),
        "framework": ActiveFramework.current().pk,
    }
    true, false = ("TRUE", "FALSE") if connection.vendor == "postgresql" else ("1", "0")
    # A manager sees all their teams' people; quality staff the unrestricted ones.
    restricted = "" if manager else f"AND p.is_restricted = {false}"
    ids = ",".join(str(team) for team in teams)
    statements = [
        sql.replace("{{teams}}", ids)
        .replace("{teams}", ids)
        .replace("{restricted}", restricted)
        .replace(" AND u.is_active", f" AND u.is_active = {true}")
        for sql in SQL[slug]
    ]
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement, params)
                cursor.fetchall()
        times.append((time.perf_counter() - started) * 1000)
    return times[1:]


def closure_day_timing() -> tuple[float, int]:
    from django.db import transaction
    from django.utils import timezone

    from recording.deadlines import is_working_day
    from recording.models import ClosureDay
    from recording.services import due_dates_recompute_around

    day = timezone.localdate() - timedelta(days=10)
    closures = ClosureDay.dates()
    while not is_working_day(day, closures):
        day -= timedelta(days=1)
    with transaction.atomic():
        started = time.perf_counter()
        ClosureDay.objects.create(date=day, reason="Benchmark closure")
        moved = due_dates_recompute_around(day)
        elapsed = (time.perf_counter() - started) * 1000
        transaction.set_rollback(True)
    return elapsed, moved


DASHBOARD_SLUGS = ("timeliness", "principles", "entitlements", "reading")
# The front door's pages: name for --only, label, URL name.
FRONT_DOOR_PAGES = (
    ("waiting_lists", "waiting lists", "frontdoor:waiting_lists"),
    ("waiting_equity", "equity", "frontdoor:waiting_equity"),
    ("team_caseloads", "caseloads", "frontdoor:team_caseloads"),
)
NAMES = (*DASHBOARD_SLUGS, *(name for name, _, _ in FRONT_DOOR_PAGES), "closure_day")


def front_door_pages(client, who: str, only: set[str], runs: int) -> None:
    """The front door's pages for `who`: the manager's own teams; quality staff all
    teams (waiting lists and their equity figures) and the biggest team (caseload
    overview)."""
    from django.db.models import Count
    from django.urls import NoReverseMatch, reverse

    from accounts.models import Team

    biggest = (
        Team.objects.annotate(headcount=Count("people"))
        .order_by("-headcount", "pk")
        .values("slug")[:1]
    )
    for name, label, url_name in FRONT_DOOR_PAGES:
        if name not in only:
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            print(f"{label:<14}{who:<9} not in this build (no URL named {url_name})")
            continue
        if who == "quality" and name == "team_caseloads" and biggest:
            url += f"?team={biggest[0]['slug']}"
        elif who == "quality":
            url += "?team=all"  # the waiting lists of every team at once
        times, queries = time_page(client, url, runs)
        p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
        print(f"{label:<14}{who:<9}{queries:>8}{p50:>9.1f}{p95:>9.1f}{'-':>9}{'-':>7}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--only",
        help=f"Comma-separated pages to time, of: {', '.join(NAMES)} (default: all).",
    )
    args = parser.parse_args()
    only = set(NAMES) if not args.only else {name.strip() for name in args.only.split(",")}
    unknown = only - set(NAMES)
    if unknown:
        parser.error(
            f"--only: no page named {', '.join(sorted(unknown))}; choose from {', '.join(NAMES)}"
        )
    setup_django()
    from django.db import connection
    from django.test import Client

    from accounts.models import Team, User
    from accounts.roles import Role
    from recording.models import Contact, Person, RecordingObligation

    print(
        f"{connection.vendor}: {Contact.objects.count():,} contacts, "
        f"{RecordingObligation.objects.count():,} obligations, {Person.objects.count():,} people, "
        f"{User.objects.count():,} staff in {Team.objects.count()} teams"
    )
    # A seeded team's manager when there is one (the demo's managers have tiny teams).
    managers = User.objects.filter(
        groups__name=Role.TEAM_MANAGER, memberships__is_manager=True
    ).order_by("pk")
    manager = managers.filter(username__startswith="scale-").first() or managers.first()
    quality = User.objects.filter(groups__name=Role.QUALITY).order_by("pk").first()
    print(f"manager: {manager.username}; quality: {quality.username}")
    print(
        f"{'dashboard':<14}{'as':<9}{'queries':>8}{'p50 ms':>9}{'p95 ms':>9}{'SQL p50':>9}{'ratio':>7}"
    )
    for who, user in (("manager", manager), ("quality", quality)):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        if who == "manager":
            teams = list(user.managed_teams().values_list("pk", flat=True))
        else:
            teams = list(Team.objects.values_list("pk", flat=True))
        for slug in DASHBOARD_SLUGS:
            if slug not in only:
                continue
            times, queries = time_page(client, f"/dashboards/{slug}/", args.runs)
            sql = time_sql(slug, teams, who == "manager", args.runs)
            p50, p95, sql50 = (
                percentile(times, 0.5),
                percentile(times, 0.95),
                statistics.median(sql),
            )
            ratio = p50 / sql50
            print(f"{slug:<14}{who:<9}{queries:>8}{p50:>9.1f}{p95:>9.1f}{sql50:>9.1f}{ratio:>7.2f}")
        front_door_pages(client, who, only, args.runs)
    if "closure_day" in only:
        elapsed, moved = closure_day_timing()
        print(f"closure day: re-evaluated {moved:,} due dates in {elapsed:.0f} ms (rolled back)")


if __name__ == "__main__":
    main()
