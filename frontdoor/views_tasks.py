"""Tasks (issue 17, part 6): set one for a person (from a record, while writing it),
see it and its history, complete it once, reassign it with a reason."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import can_change_task, require_recorder
from accounts.models import User
from accounts.once import acts_once
from frontdoor.forms_tasks import ReassignForm, TaskForm
from frontdoor.models import Task
from frontdoor.services_tasks import (
    COMPLETED,
    REASSIGNED,
    TaskChanged,
    owner_problem,
    task_complete,
    task_create,
    task_reassign,
)
from recording.access_log import OutOfScope, What, record_access
from recording.access_queries import get_person_for_user
from recording.models import Person, Record


def safe_next(request: HttpRequest) -> str:
    """The ?next= address to go back to, if it is a path of this service; else ""."""
    next_url = request.GET.get("next", "")
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return ""


def task_new_url(person_id: int, *, record_id: int | None = None, next_url: str = "") -> str:
    """The address of a new task's form, from a record and going back to `next_url`."""
    url = reverse("frontdoor:task_new", args=[person_id])
    query = {
        name: value
        for name, value in (("record", record_id), ("next", next_url))
        if value not in (None, "")
    }
    return f"{url}?{urlencode(query)}" if query else url


def task_url(task: Task) -> str:
    return reverse("frontdoor:task", args=[task.pk])


def _record_from(request: HttpRequest, person: Person) -> Record | None:
    """The ?record= the task comes from: one of this person's records, or none."""
    raw = request.GET.get("record", "")
    if not raw.isdecimal():
        return None
    return Record.objects.filter(pk=int(raw), person=person).first()


@require_http_methods(["GET", "POST"])
@acts_once
def task_new(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, person_id)
    require_recorder(request.user)
    record = _record_from(request, person)
    next_url = safe_next(request)
    if request.method == "POST":
        form = TaskForm(request.POST, person=person)
        if form.is_valid():
            try:
                task = task_create(
                    person=person,
                    what=form.cleaned_data["what"],
                    owner=form.cleaned_data["owner"],
                    due_on=form.cleaned_data["due_on"],
                    created_by=request.user,
                    record=record,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    f"Task added for {task.owner.get_full_name() or task.owner}, "
                    f"due {task.due_on:%-d %B %Y}.",
                )
                return redirect(next_url or task_url(task))
    else:
        initial = {}
        if owner_problem(request.user, person) is None:
            initial["owner"] = request.user.pk
        form = TaskForm(person=person, initial=initial)
    record_access(request, person, What.OTHER)
    return render(
        request,
        "frontdoor/tasks/task_form.html",
        {
            "form": form,
            "person": person,
            "record": record,
            "back_url": next_url or person.get_absolute_url(),
        },
        status=400 if form.is_bound else 200,
    )


def get_task_for_user(user, task_id: int) -> Task:
    """The task, for a user who may see its person (else a 404 that names nobody, and
    the refusal logged)."""
    task = (
        Task.objects.select_related(
            "person__team", "owner", "created_by", "completed_by", "record", "work_item"
        )
        .filter(pk=task_id)
        .first()
    )
    if task is None:
        raise Http404("Not found.")
    if not Person.objects.visible_to(user).filter(pk=task.person_id).exists():
        raise OutOfScope(person_id=task.person_id)
    return task


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else "someone"


def task_history(task: Task) -> list[dict]:
    """What happened to the task, oldest first: created, reassigned (from, to, why),
    completed. Two queries."""
    rows = list(
        Task.history.filter(id=task.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    owners = User.objects.in_bulk({row.owner_id for row in rows})
    events, previous_owner = [], None
    for row in rows:
        owner = owners.get(row.owner_id)
        reason = row.history_change_reason or ""
        if row.history_type == "+":
            text = f"Set for {_name(owner)}, due {row.due_on:%-d %B %Y}"
        elif reason == COMPLETED:
            text = "Completed"
        elif reason.startswith(REASSIGNED):
            why = reason.removeprefix(REASSIGNED)
            text = f"Reassigned from {_name(previous_owner)} to {_name(owner)}: {why}"
        else:
            text = "Changed"
        events.append({"when": row.history_date, "who": _name(row.history_user), "text": text})
        previous_owner = owner
    return events


def _task_page(
    request: HttpRequest, task: Task, *, form: ReassignForm | None = None, status: int = 200
) -> HttpResponse:
    record_access(request, task.person, What.OTHER)
    may_change = task.is_open and can_change_task(request.user, task)
    if may_change and form is None:
        form = ReassignForm(task=task)
    return render(
        request,
        "frontdoor/tasks/task_detail.html",
        {
            "task": task,
            "person": task.person,
            "history": task_history(task),
            "may_change": may_change,
            "form": form if may_change else None,
        },
        status=status,
    )


@require_GET
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    return _task_page(request, get_task_for_user(request.user, task_id))


def _require_changer(request: HttpRequest, task: Task) -> None:
    if not can_change_task(request.user, task):
        raise PermissionDenied(
            "Only the task's owner, who set it, or a manager of the person's team can change it."
        )


@require_POST
def task_complete_view(request: HttpRequest, task_id: int) -> HttpResponse:
    task = get_task_for_user(request.user, task_id)
    _require_changer(request, task)
    try:
        task_complete(task=task, user=request.user)
    except TaskChanged as changed:
        messages.info(request, changed.message)
    else:
        messages.success(request, f"Task completed: {task.what}")
    return redirect(task_url(task))


@require_http_methods(["GET", "POST"])
def task_reassign_view(request: HttpRequest, task_id: int) -> HttpResponse:
    task = get_task_for_user(request.user, task_id)
    _require_changer(request, task)
    if request.method != "POST":
        return redirect(task_url(task) + "#reassign")
    if not task.is_open:
        messages.info(request, "This task was completed: it cannot be reassigned.")
        return redirect(task_url(task))
    form = ReassignForm(request.POST, task=task)
    if form.is_valid():
        try:
            moved = task_reassign(
                task=task,
                to=form.cleaned_data["owner"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        except TaskChanged as changed:
            messages.info(request, changed.message)
            return redirect(task_url(task))
        else:
            messages.success(request, f"Task reassigned to {_name(moved.owner)}.")
            return redirect(task_url(task))
    return _task_page(request, task, form=form, status=400)
