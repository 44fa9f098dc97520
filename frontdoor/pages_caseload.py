"""The caseload area's parts of recording's pages (`config.page_parts`), added in
`FrontdoorConfig.ready`: a person's open tasks, My tasks, the teams' overdue tasks."""

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone

from frontdoor.models import Task
from recording.models import Person

PERSON_TASKS_SHOWN = 50
DUE_SOON_DAYS = 7


def _rows(queryset, limit: int) -> tuple[list, bool]:
    rows = list(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit


def person_part(request: HttpRequest, person: Person) -> dict:
    """A person's page: their open tasks, soonest due first (one query)."""
    tasks = Task.objects.open().filter(person=person).select_related("owner")
    return {"person_tasks": list(tasks.order_by("due_on", "pk")[:PERSON_TASKS_SHOWN])}


def my_recording_part(user, visible, limit: int) -> dict:
    """My recording: my open tasks overdue, due today and due in the next 7 days (local
    dates), about the people I may see. Three queries."""
    today = timezone.localdate()
    mine = (
        Task.objects.open()
        .filter(owner=user, person__in=visible)
        .select_related("person")
        .order_by("due_on", "pk")
    )
    overdue, overdue_more = _rows(mine.filter(due_on__lt=today), limit)
    due_today, today_more = _rows(mine.filter(due_on=today), limit)
    week, week_more = _rows(
        mine.filter(due_on__gt=today, due_on__lte=today + timedelta(days=DUE_SOON_DAYS)), limit
    )
    return {
        "my_tasks": {
            "overdue": overdue,
            "overdue_more": overdue_more,
            "today": due_today,
            "today_more": today_more,
            "week": week,
            "week_more": week_more,
        }
    }


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
