"""The data-quality page (issue 18, part 5): before the deadline, what DHSC will reject in
the quarter's CLD extract, per team and per person, with the place that fixes each.

Who: quality staff (every team) and team managers (their teams), `accounts.access`.

The access log: the page names people and says which of their details are missing, so
each view of it is one entry (`What.DATA_QUALITY`, no person: it is about teams, and
its address, with the period and team, says which page it was). It shows no record's
content, like the caseload and waiting lists, so it is not an entry per person; opening
a person (the Fix link) logs that person as usual.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.access import data_quality_teams, may_record, may_see_data_quality
from recording.access_log import What, record_access
from returns.events import cld_rows
from returns.periods import current_quarter_end, recent_quarter_ends
from returns.quality import quality_report
from returns.rules import BLANK_FAILED, INVALID, RELEASE_1, UNCONFIRMED

ALL_TEAMS = "all"


def extract_rows(period_end: date, team_ids: list[int]):
    """The extract's rows for the teams, exactly as the file has them (`returns.events`)."""
    return cld_rows(period_end, team_ids=team_ids)


@require_GET
def data_quality(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not may_see_data_quality(user):
        raise PermissionDenied("Quality staff and team managers see the data-quality page.")
    teams = list(data_quality_teams(user).order_by("name"))
    today = timezone.localdate()
    # The latest ended quarter (the return due next) by default; the quarter in progress
    # too, so its gaps are put right while the work is fresh.
    ended = recent_quarter_ends(today)
    current = current_quarter_end(today)
    periods = ended if current == ended[0] else [current, *ended[:-1]]
    asked_period = request.GET.get("period", "")
    period_end = next((p for p in periods if p.isoformat() == asked_period), ended[0])
    asked_team = request.GET.get("team", "")
    chosen = [t for t in teams if t.slug == asked_team]
    all_teams = not chosen  # every team of the user's, unless one is chosen
    shown = chosen or teams
    context = {
        "teams": teams,
        "team": chosen[0] if chosen else None,
        "all_teams": all_teams,
        "periods": periods,
        "period_end": period_end,
        "today": today,
        "labels": (BLANK_FAILED, INVALID, RELEASE_1),
        "unconfirmed": UNCONFIRMED,
    }
    if shown:
        rows = extract_rows(period_end, [t.pk for t in shown])
        context["report"] = quality_report(rows, user=user, teams=shown, can_fix=may_record(user))
    record_access(request, None, What.DATA_QUALITY)
    return render(request, "returns/quality/page.html", context)
