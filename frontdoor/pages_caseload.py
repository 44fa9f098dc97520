"""The caseload area's parts of recording's pages (`config.page_parts`), added in
`FrontdoorConfig.ready`: a person's open tasks, My tasks, the teams' overdue tasks."""

from datetime import timedelta

from django.db.models import Case, F, Value, When, Window
from django.db.models.functions import RowNumber
from django.http import HttpRequest
from django.utils import timezone

from frontdoor.models import Task
from recording.models import Person

PERSON_TASKS_SHOWN = 50
DUE_SOON_DAYS = 7
OVERDUE, TODAY, WEEK = "overdue", "today", "week"  # My tasks' lists


def _rows(queryset, limit: int) -> tuple[list, bool]:
    rows = list(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit


def person_part(request: HttpRequest, person: Person) -> dict:
    """A person's page: their open tasks, soonest due first (one query)."""
    tasks = Task.objects.open().filter(person=person).select_related("owner")
    return {"person_tasks": list(tasks.order_by("due_on", "pk")[:PERSON_TASKS_SHOWN])}


def my_recording_part(user, visible, limit: int) -> dict:
    """My recording: my open tasks overdue, due today and due in the next 7 days (local
    dates), about the people I may see, at most `limit` of each. One query: each task
    ranked within its list (a window), the first `limit` + 1 of each taken."""
    today = timezone.localdate()
    which = Case(
        When(due_on__lt=today, then=Value(OVERDUE)),
        When(due_on=today, then=Value(TODAY)),
        default=Value(WEEK),
    )
    rows = list(
        Task.objects.open()
        .filter(owner=user, person__in=visible, due_on__lte=today + timedelta(days=DUE_SOON_DAYS))
        .select_related("person")
        .annotate(
            which=which,
            rank=Window(RowNumber(), partition_by=[which], order_by=[F("due_on"), F("pk")]),
        )
        .filter(rank__lte=limit + 1)
        .order_by("due_on", "pk")
    )
    lists = {}
    for name in (OVERDUE, TODAY, WEEK):
        found = [task for task in rows if task.which == name]
        lists[name], lists[f"{name}_more"] = found[:limit], len(found) > limit
    return {"my_tasks": lists}


def team_recording_part(people, records, today, limit: int) -> dict:
    """Team recording: the open tasks past their due date about the teams' people (those
    the viewer may see), most late first. One query."""
    overdue = (
        Task.objects.open()
        .filter(person__in=people, due_on__lt=today)
        .select_related("person", "owner")
        .order_by("due_on", "pk")
    )
    rows, more = _rows(overdue, limit)
    return {"overdue_tasks": {"rows": rows, "more": more}}
