"""Caseloads (issue 17, part 5): a worker's caseload -- their people, open work, open
recording and open tasks, oldest first -- and a team's overview of everyone's weighted
load against their capacity."""

from django.core.exceptions import PermissionDenied
from django.db.models import F, OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.access import (
    caseload_workers,
    may_move_work_of,
    may_record,
    may_see_team_caseloads,
    overseen_members,
    teams_overseen,
)
from accounts.models import User
from frontdoor.caseloads import (
    DEFAULT_WEIGHTS,
    FULL_FROM_PERCENT,
    REVIEWS_DUE_WITHIN_DAYS,
    team_caseload_rows,
    weights,
)
from frontdoor.models import Allocation, LoadKind, Task, WorkItem
from recording.models import Person, Record, RecordingObligation
from recording.views import working_calendar

LIST_LIMIT = 100  # rows of each list on a caseload page; the counts are always whole


def _limited(queryset) -> dict:
    rows = list(queryset[: LIST_LIMIT + 1])
    return {"rows": rows[:LIST_LIMIT], "more": len(rows) > LIST_LIMIT}


def _caseload(request: HttpRequest, worker: User) -> HttpResponse:
    """The worker's caseload, as the viewer may see it: people the viewer may not see
    are left out of every list. Six queries whatever its size."""
    calendar = working_calendar()
    visible = Person.objects.visible_to(request.user)
    allocated_since = (
        Allocation.objects.filter(person=OuterRef("pk"), to_worker=worker)
        .order_by("-allocated_at")
        .values("allocated_at")[:1]
    )
    people = (
        visible.filter(allocated_worker=worker)
        .select_related("team")
        .annotate(allocated_since=Subquery(allocated_since))
        .order_by(F("allocated_since").asc(nulls_first=True), "name", "pk")
    )
    work = (
        WorkItem.objects.open()
        .filter(allocated_to=worker, person__in=visible)
        .select_related("person")
        .order_by("waiting_since", "pk")
    )
    obligations = (
        RecordingObligation.objects.open()
        .filter(owner=worker, contact__person__in=visible)
        .with_tracker(calendar)
        .for_lists()
        .order_by("due_date", "pk")
    )
    drafts = (
        Record.objects.filter(
            author=worker, status=Record.Status.DRAFT, person__in=visible, obligation__isnull=True
        )
        .select_related("person")
        .order_by("created_at", "pk")
    )
    tasks = (
        Task.objects.open()
        .filter(owner=worker, person__in=visible)
        .select_related("person")
        .order_by("due_on", "pk")
    )
    own = worker.pk == request.user.pk
    return render(
        request,
        "frontdoor/caseload/caseload.html",
        {
            "worker": worker,
            "own": own,
            "people": _limited(people),
            "work": _limited(work),
            "obligations": _limited(obligations),
            "drafts": _limited(drafts),
            "tasks": _limited(tasks),
            "today": calendar.today,
            "list_limit": LIST_LIMIT,
            "may_see_team_caseloads": may_see_team_caseloads(request.user),
            # "Move all their work" (frontdoor:reallocate_all): for a manager of their team.
            "may_reallocate": may_move_work_of(request.user, worker),
        },
    )


@require_GET
def my_caseload(request: HttpRequest) -> HttpResponse:
    if not may_record(request.user):
        raise PermissionDenied("Only staff who record have a caseload.")
    return _caseload(request, request.user)


@require_GET
def caseload(request: HttpRequest, user_id: int) -> HttpResponse:
    """A worker's caseload: one's own, or a member's of a team one manages (quality
    staff: anyone's in a team)."""
    if not (may_see_team_caseloads(request.user) or request.user.pk == user_id):
        raise PermissionDenied("Only team managers and quality staff can see others' caseloads.")
    worker = get_object_or_404(caseload_workers(request.user), pk=user_id)
    return _caseload(request, worker)


@require_GET
def team_caseloads(request: HttpRequest) -> HttpResponse:
    """Per active member of one team: their people, assessments, reviews due, overdue
    recording and tasks, and weighted load against capacity, most room first."""
    if not may_see_team_caseloads(request.user):
        raise PermissionDenied("Only team managers and quality staff can see team caseloads.")
    teams = list(teams_overseen(request.user).order_by("name"))
    chosen = request.GET.get("team", "")
    team = next((t for t in teams if t.slug == chosen), teams[0] if teams else None)
    rows = []
    if team is not None:
        members = (
            overseen_members(request.user)
            .filter(memberships__team=team, is_active=True)
            .order_by("first_name", "last_name", "pk")
        )
        rows = team_caseload_rows(members, timezone.localdate())
    hours = weights()
    return render(
        request,
        "frontdoor/caseload/team_caseloads.html",
        {
            "teams": teams,
            "team": team,
            "rows": rows,
            "weights": [
                {
                    "label": label,
                    "hours": hours[kind],
                    "default": hours[kind] == DEFAULT_WEIGHTS[kind],
                }
                for kind, label in LoadKind.choices
            ],
            "full_from": FULL_FROM_PERCENT,
            "reviews_within": REVIEWS_DUE_WITHIN_DAYS,
        },
    )
