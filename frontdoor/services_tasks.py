"""Writes of tasks (issue 17, part 6): set, complete and reassign one. Each is one
transaction; completing and reassigning are conditional UPDATEs, so of two people doing
it at once one wins and the other is told what happened. Every change is in the task's
history (`Task.history`): created, reassigned (from, to, why), completed.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.access import person_recorders
from frontdoor.models import Task
from recording.history import history_rows_add

# The change reasons of the history rows (`history_change_reason`, at most 100 characters).
COMPLETED = "completed"
REASSIGNED = "reassigned: "
REASON_MAX_LENGTH = 100 - len(REASSIGNED)


class TaskChanged(Exception):
    """The task was completed or reassigned by someone else meanwhile: `task` as it is now."""

    def __init__(self, task: Task, message: str):
        super().__init__(message)
        self.task, self.message = task, message


def owner_problem(owner, person) -> str | None:
    """Why `owner` cannot own a task about `person`, or None: they have left (deactivated),
    or they do not record or may not see the person (`accounts.access.person_recorders`)."""
    if not owner.is_active:
        return f"{owner.get_full_name() or owner} has left: choose someone who works here now"
    recorders = person_recorders(
        person_team_id=person.team_id,
        restricted=person.is_restricted,
        allocated_worker_id=person.allocated_worker_id,
    )
    if not recorders.filter(pk=owner.pk).exists():
        return (
            f"{owner.get_full_name() or owner} cannot see this person's record: choose "
            "someone in their team"
        )
    return None


def _check_owner(owner, person, field: str = "owner") -> None:
    problem = owner_problem(owner, person)
    if problem:
        raise ValidationError({field: problem})


@transaction.atomic
def task_create(
    *, person, what: str, owner, due_on: date, created_by, record=None, work_item=None
) -> Task:
    """A new task about `person`, owned by `owner` (who must be able to see them)."""
    _check_owner(owner, person)
    task = Task(
        what=what,
        owner=owner,
        due_on=due_on,
        person=person,
        record=record,
        work_item=work_item,
        created_by=created_by,
    )
    task.full_clean()
    task._history_user = created_by  # the history says who set it, whoever saves it
    task.save()
    return task


def _done_message(task: Task) -> str:
    when = timezone.localtime(task.completed_at)
    who = task.completed_by.get_full_name() or task.completed_by
    return f"{who} completed this task on {when:%-d %B %Y at %H:%M}."


@transaction.atomic
def task_complete(*, task: Task, user, now: datetime | None = None) -> Task:
    """Complete the task, once: a second completion changes nothing and raises
    `TaskChanged` saying who completed it and when."""
    now = now or timezone.now()
    done = Task.objects.filter(pk=task.pk, completed_at__isnull=True).update(
        completed_at=now, completed_by=user
    )
    current = Task.objects.select_related("completed_by", "owner", "person").get(pk=task.pk)
    if not done:
        raise TaskChanged(current, _done_message(current))
    history_rows_add([current], reason=COMPLETED, user=user, when=now)
    return current


@transaction.atomic
def task_reassign(*, task: Task, to, reason: str, user, now: datetime | None = None) -> Task:
    """Give the task to `to`, if it is still open and still `task.owner`'s (as the form
    showed it); otherwise `TaskChanged` says what happened meanwhile."""
    current = Task.objects.select_related("person").get(pk=task.pk)
    _check_owner(to, current.person)
    if to.pk == task.owner_id:
        raise ValidationError({"owner": "Choose someone other than who has the task now"})
    moved = Task.objects.filter(pk=task.pk, completed_at__isnull=True, owner=task.owner_id).update(
        owner=to
    )
    current = Task.objects.select_related("completed_by", "owner", "person").get(pk=task.pk)
    if not moved:
        if current.completed_at is not None:
            raise TaskChanged(current, _done_message(current))
        raise TaskChanged(
            current,
            f"This task was reassigned to {current.owner.get_full_name() or current.owner} "
            "meanwhile. Nothing has been changed.",
        )
    history_rows_add(
        [current], reason=f"{REASSIGNED}{reason}"[:100], user=user, when=now or timezone.now()
    )
    return current
