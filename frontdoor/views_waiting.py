"""Waiting lists and allocation (issue 17, parts 3 and 4).

- The waiting lists of one team at a time (or all teams, for quality staff): needs
  assessment, carer's assessment, service and review, each with its count, median and
  longest wait; the equity page breaks the figures down by ethnicity group and primary
  support reason. A restricted person the viewer may not see is counted, and shown only
  as "A restricted person".
- A work item's page: the wait, its priority (set by the team's managers), who held it,
  and the forms to allocate it, review its priority and close it.
- Allocating a person to a worker; moving all of a worker's work to another at once.
- Beside the lists, DHSC's waiting times of the team's people (issue 18, part 7:
  `frontdoor.waiting_times`): request to first response and to first service, medians
  by quarter and age band.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import (
    allocatable_workers,
    may_allocate,
    may_close_work_item,
    may_see_waiting_lists,
    person_visibility,
    waiting_list_teams,
)
from accounts.models import Team, User
from frontdoor import services_waiting as services
from frontdoor.figures import (
    BREAKDOWNS,
    REVIEW_HORIZON_DAYS,
    waiting_figures,
    waiting_items,
)
from frontdoor.forms_waiting import AllocateForm, CloseForm, PriorityForm, ReallocateAllForm
from frontdoor.models import Allocation, WorkItem, WorkKind
from frontdoor.services_waiting import AllocationRefused, WorkloadChanged, workload_of
from frontdoor.waiting_times import BANDS, MEASURES, dhsc_waiting_times
from recording.access_log import What, record_access
from recording.access_queries import get_person_for_user
from recording.models import Person

LIST_LIMIT = 100  # rows shown per list, longest waits first; the figures count them all
ALL_TEAMS = "all"


def wait_text(kind: str, days: int) -> str:
    """How long a wait has been, as the lists say it."""
    if kind == WorkKind.REVIEW:
        if days == 0:
            return "Due today"
        if days < 0:
            return f"Due in {-days} day{'s' if days != -1 else ''}"
        return f"Overdue by {days} day{'s' if days != 1 else ''}"
    return f"{days} day{'s' if days != 1 else ''}"


def figure_text(kind: str, days) -> str:
    """A median or longest wait, in the lists' words."""
    if days is None:
        return "None waiting"
    shown = f"{days:.1f}" if isinstance(days, float) else str(days)
    if kind == WorkKind.REVIEW:
        if days < 0:
            shown = f"{-days:.1f}" if isinstance(days, float) else str(-days)
            return f"due in {shown} days"
        return f"overdue by {shown} days"
    return f"{shown} days"


@dataclass
class Chooser:
    """The team whose lists are shown (None: all teams), and the choices."""

    teams: list
    team: Team | None
    all_teams: bool

    @property
    def team_ids(self) -> list[int] | None:
        return None if self.all_teams else [self.team.pk]

    @property
    def label(self) -> str:
        return "All teams" if self.all_teams else self.team.name

    @property
    def query(self) -> str:
        return f"team={ALL_TEAMS if self.all_teams else self.team.slug}"


def _chooser(request: HttpRequest) -> Chooser | None:
    if not may_see_waiting_lists(request.user):
        raise PermissionDenied("Only staff who record or oversee records see waiting lists.")
    teams = list(waiting_list_teams(request.user).order_by("name"))
    asked = request.GET.get("team", "")
    every = request.user.is_quality
    if every and asked == ALL_TEAMS:
        return Chooser(teams, None, True)
    if not teams:
        return None
    chosen = next((t for t in teams if t.slug == asked), teams[0])
    return Chooser(teams, chosen, False)


def _lists(request: HttpRequest, chooser: Chooser, today) -> list[dict]:
    """Each list's rows (the longest waits first, `LIST_LIMIT` of them): one query a
    list, whatever the size."""
    items = waiting_items(chooser.team_ids, today).annotate(
        visible=Exists(
            Person.objects.filter(person_visibility(request.user), pk=OuterRef("person_id"))
        )
    )
    figures = waiting_figures(waiting_items(chooser.team_ids, today), today=today)
    lists = []
    for kind in WorkKind:
        rows = [
            {"item": item, "days": (today - item.waiting_since).days}
            for item in items.filter(kind=kind)
            .select_related("person", "allocated_to", "team")
            .order_by("waiting_since", "pk")[:LIST_LIMIT]
        ]
        for row in rows:
            row["wait"] = wait_text(kind, row["days"])
        shown = figures[kind]
        lists.append(
            {
                "kind": kind,
                "label": kind.label,
                "rows": rows,
                "figures": shown,
                "median": figure_text(kind, shown.median),
                "longest": figure_text(kind, shown.longest),
                "more": max(shown.count - len(rows), 0),
            }
        )
    return lists


@require_GET
def waiting_lists(request: HttpRequest) -> HttpResponse:
    chooser = _chooser(request)
    today = timezone.localdate()
    context = {"chooser": chooser, "today": today, "review_horizon": REVIEW_HORIZON_DAYS}
    if chooser is not None:
        context["lists"] = _lists(request, chooser, today)
        context["can_allocate"] = not chooser.all_teams and may_allocate(
            request.user, chooser.team.pk
        )
        context["list_limit"] = LIST_LIMIT
        context["dhsc"] = _dhsc_tables(chooser, today)
    return render(request, "frontdoor/waiting/lists.html", context)


def _dhsc_tables(chooser: Chooser, today) -> list[dict]:
    """DHSC's waiting times of the chosen team's people (issue 18, part 7): a table per
    measure, a row per quarter (the latest first), the median and count per age band.
    Three queries, whatever the size."""
    times = dhsc_waiting_times(chooser.team_ids, today=today)
    return [
        {
            "title": measure,
            "slug": "response" if n == 0 else "service",
            "bands": BANDS,
            "rows": [
                {
                    "label": row.label,
                    "cells": [
                        {
                            "median": "" if f.median is None else f"{f.median:.1f} days",
                            "count": f.count,
                        }
                        for f in (row.by_band[band] for band in BANDS)
                    ],
                }
                for row in times.measures[measure]
            ],
        }
        for n, measure in enumerate(MEASURES)
    ]


@require_GET
def waiting_equity(request: HttpRequest) -> HttpResponse:
    chooser = _chooser(request)
    today = timezone.localdate()
    context = {"chooser": chooser, "today": today, "review_horizon": REVIEW_HORIZON_DAYS}
    if chooser is not None:
        items = waiting_items(chooser.team_ids, today)
        breakdowns = []
        for by, (_, title) in BREAKDOWNS.items():
            figures = waiting_figures(items, today=today, by=by)
            tables = [
                {
                    "kind": kind,
                    "label": kind.label,
                    "rows": [
                        {
                            "group": group,
                            "figures": shown,
                            "median": figure_text(kind, shown.median),
                            "longest": figure_text(kind, shown.longest),
                        }
                        for group, shown in figures[kind].items()
                    ],
                }
                for kind in WorkKind
            ]
            breakdowns.append({"slug": by, "title": title, "tables": tables})
        context["breakdowns"] = breakdowns
    return render(request, "frontdoor/waiting/equity.html", context)


# --- One piece of work ----------------------------------------------------------------


def _item_for(request: HttpRequest, item_id: int) -> WorkItem:
    """The work item, if the user may see its person (else a 404 that reveals nothing)."""
    item = get_object_or_404(
        WorkItem.objects.select_related(
            "team", "allocated_to", "priority_reviewed_by", "request", "completed_record"
        ),
        pk=item_id,
    )
    item.person = get_person_for_user(request.user, item.person_id)
    return item


def _item_page(
    request: HttpRequest, item: WorkItem, *, allocate=None, priority=None, close=None, status=200
) -> HttpResponse:
    record_access(request, item.person, What.OTHER)
    can_allocate = may_allocate(request.user, item.team_id)
    can_close = item.is_open and may_close_work_item(request.user, item)
    if item.is_open and can_allocate:
        allocate = allocate or AllocateForm(team_id=item.team_id, holder=item.allocated_to)
        priority = priority or PriorityForm(
            initial={"priority": item.priority, "reason": item.priority_reason}
        )
    if can_close:
        close = close or CloseForm(service=item.kind == WorkKind.SERVICE)
    today = timezone.localdate()
    priority_history = [
        row
        for row in item.history.select_related("priority_reviewed_by").order_by("history_date")
        if row.priority_reviewed_at is not None
    ]
    seen, reviews = set(), []
    for row in priority_history:
        if row.priority_reviewed_at not in seen:
            seen.add(row.priority_reviewed_at)
            reviews.append(row)
    forms = [f for f in (allocate, priority, close) if f is not None and f.errors]
    return render(
        request,
        "frontdoor/waiting/work_item.html",
        {
            "item": item,
            "person": item.person,
            "wait": wait_text(item.kind, (today - item.waiting_since).days),
            "allocations": list(
                Allocation.objects.filter(work_item=item).select_related(
                    "from_worker", "to_worker", "allocated_by"
                )
            ),
            "priority_reviews": list(reversed(reviews)),
            "allocate_form": allocate,
            "priority_form": priority,
            "close_form": close,
            "error_form": forms[0] if forms else None,
            "back_url": reverse("frontdoor:waiting_lists") + f"?team={item.team.slug}",
        },
        status=status,
    )


@require_GET
def work_item(request: HttpRequest, item_id: int) -> HttpResponse:
    return _item_page(request, _item_for(request, item_id))


def _manager_item(request: HttpRequest, item_id: int) -> WorkItem:
    item = _item_for(request, item_id)
    if not may_allocate(request.user, item.team_id):
        raise PermissionDenied("Only the team's managers allocate its work.")
    return item


def _form_errors(form, error: ValidationError) -> None:
    for name, messages_ in error.message_dict.items():
        for message in messages_:
            form.add_error(name if name in form.fields else None, message)


@require_http_methods(["GET", "POST"])
def work_item_allocate(request: HttpRequest, item_id: int) -> HttpResponse:
    item = _manager_item(request, item_id)
    if request.method != "POST":
        return _item_page(request, item)
    form = AllocateForm(request.POST, team_id=item.team_id, holder=item.allocated_to)
    if form.is_valid():
        try:
            item = services.work_item_allocate(
                item=item,
                to_worker=form.cleaned_data["worker"],
                by=request.user,
                reason=form.cleaned_data["reason"],
                expected_holder=form.cleaned_data["expected_holder"],
            )
        except AllocationRefused as refusal:
            messages.error(request, refusal.message)
            return redirect("frontdoor:work_item", item_id=item.pk)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, f"Allocated to {form.cleaned_data['worker']}.")
            return redirect("frontdoor:work_item", item_id=item.pk)
    return _item_page(request, item, allocate=form)


@require_http_methods(["GET", "POST"])
def work_item_priority(request: HttpRequest, item_id: int) -> HttpResponse:
    item = _manager_item(request, item_id)
    if request.method != "POST" or not item.is_open:
        return _item_page(request, item)
    form = PriorityForm(request.POST)
    if form.is_valid():
        services.work_item_priority_set(
            item=item,
            priority=form.cleaned_data["priority"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
        messages.success(request, "Priority saved.")
        return redirect("frontdoor:work_item", item_id=item.pk)
    return _item_page(request, item, priority=form)


@require_http_methods(["GET", "POST"])
def work_item_close(request: HttpRequest, item_id: int) -> HttpResponse:
    item = _item_for(request, item_id)
    if not may_close_work_item(request.user, item):
        raise PermissionDenied("The team's managers, or the worker who holds it, close work.")
    if request.method != "POST" or not item.is_open:
        return _item_page(request, item)
    form = CloseForm(request.POST, service=item.kind == WorkKind.SERVICE)
    if form.is_valid():
        started = form.cleaned_data["how"] == CloseForm.STARTED
        try:
            services.work_item_close(
                item=item,
                by=request.user,
                started_on=form.cleaned_data["started_on"] if started else None,
                reason=form.cleaned_data["reason"],
            )
        except AllocationRefused as refusal:
            messages.error(request, refusal.message.replace("Not allocated", "Not closed"))
        else:
            messages.success(request, "The wait is closed.")
        return redirect("frontdoor:work_item", item_id=item.pk)
    return _item_page(request, item, close=form)


# --- A person ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def person_allocate(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, person_id)
    if not may_allocate(request.user, person.team_id):
        raise PermissionDenied("Only the person's team's managers allocate them.")
    record_access(request, person, What.OTHER)
    holder = person.allocated_worker
    label = "Allocate"
    if request.method == "POST":
        form = AllocateForm(request.POST, team_id=person.team_id, holder=holder, submit_label=label)
        if form.is_valid():
            try:
                services.person_allocate(
                    person=person,
                    to_worker=form.cleaned_data["worker"],
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    expected_holder=form.cleaned_data["expected_holder"],
                )
            except AllocationRefused as refusal:
                messages.error(request, refusal.message)
                return redirect("frontdoor:person_allocate", person_id=person.pk)
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(
                    request, f"{person.name} is allocated to {form.cleaned_data['worker']}."
                )
                return redirect(person.get_absolute_url())
    else:
        form = AllocateForm(team_id=person.team_id, holder=holder, submit_label=label)
    return render(
        request,
        "frontdoor/waiting/person_allocate.html",
        {
            "form": form,
            "person": person,
            "allocations": list(
                Allocation.objects.filter(person=person).select_related(
                    "from_worker", "to_worker", "allocated_by"
                )[:20]
            ),
        },
    )


# --- All of a worker's work -------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def reallocate_all(request: HttpRequest, user_id: int) -> HttpResponse:
    if not request.user.is_authenticated or not request.user.is_team_manager:
        raise PermissionDenied("Only team managers move a worker's work.")
    managed = request.user.managed_teams()
    worker = get_object_or_404(
        User.objects.filter(memberships__team__in=managed).distinct(), pk=user_id
    )
    team_ids = sorted(set(managed.filter(memberships__user=worker).values_list("pk", flat=True)))
    workers = allocatable_workers(team_ids[0]).exclude(pk=worker.pk)
    for team_id in team_ids[1:]:
        workers = workers.filter(memberships__team_id=team_id)
    held = workload_of(worker, team_ids)
    changes = []
    if request.method == "POST":
        form = ReallocateAllForm(request.POST, workers=workers, from_worker=worker)
        if form.is_valid():
            try:
                moved = services.reallocate_all(
                    worker=worker,
                    to_worker=form.cleaned_data["worker"],
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    team_ids=team_ids,
                    shown=form.cleaned_data["shown"],
                )
            except WorkloadChanged as changed:
                changes = changed.changes
                held = workload_of(worker, team_ids)
                data = request.POST.copy()
                for name, ids in zip(
                    ("shown_items", "shown_people", "shown_tasks"), held.ids(), strict=True
                ):
                    data[f"move-{name}"] = ",".join(str(i) for i in sorted(ids))
                form = ReallocateAllForm(data, workers=workers, from_worker=worker)
                form.is_valid()
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(
                    request,
                    f"Moved to {form.cleaned_data['worker']}: {len(moved.items)} work item"
                    f"{'s' if len(moved.items) != 1 else ''}, {len(moved.people)} "
                    f"{'people' if len(moved.people) != 1 else 'person'} and "
                    f"{len(moved.tasks)} task{'s' if len(moved.tasks) != 1 else ''}.",
                )
                return redirect("frontdoor:reallocate_all", user_id=worker.pk)
    else:
        form = ReallocateAllForm(workers=workers, from_worker=worker, shown=held.ids())
    today = timezone.localdate()
    return render(
        request,
        "frontdoor/waiting/reallocate_all.html",
        {
            "worker": worker,
            "form": form,
            "held": held,
            "changes": changes,
            "items": [
                {"item": i, "wait": wait_text(i.kind, (today - i.waiting_since).days)}
                for i in held.items
            ],
        },
    )
