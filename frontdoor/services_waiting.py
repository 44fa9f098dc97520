"""Writes of the waiting lists and allocation (issue 17, parts 3 and 4).

Every change of who holds what is a conditional UPDATE on the state the user saw, so of
two managers allocating the same piece of work at once one wins and the other is told
who got it; and an `Allocation` row, the history of who held what. Each allocation
tells the worker (an email with the council reference and a link, never the person's
name; and Home's "Allocated to you")."""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts.access import allocatable_workers
from accounts.outbox import email_queue
from frontdoor.models import Allocation, Priority, Task, WorkItem
from recording.deadlines import LONDON
from recording.history import history_rows_add
from recording.models import Person

ALLOCATED = "Allocated"
REALLOCATED_ALL = "Reallocated with the rest of a worker's work"


class AllocationRefused(Exception):
    """Nothing changed: someone else changed it first, or the work is done. `message`
    says what happened, for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _when(moment: datetime) -> str:
    local = timezone.localtime(moment, LONDON)
    today = timezone.localdate()
    if local.date() == today:
        return f"at {local:%H:%M}"
    return f"on {date_format(local.date(), 'j F Y')} at {local:%H:%M}"


def worker_check(*, team_id: int, worker, field_name: str = "worker") -> None:
    """Work of a team goes to an active member of it who records (`may_take_work`)."""
    if worker is None or not allocatable_workers(team_id).filter(pk=worker.pk).exists():
        raise ValidationError(
            {
                field_name: "Select an active member of the team who records: "
                "this one cannot take work"
            }
        )


def _link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _tell_worker(*, worker, what: str, references: list[str], path: str) -> None:
    """An email to the worker: what, the council references and a link; no names."""
    if not worker.email:
        return
    refs = ", ".join(references)
    email_queue(
        to=worker.email,
        subject=f"Practice Record: {what} allocated to you",
        body=(
            f"Hello {worker.first_name or worker.username},\n\n"
            f"{what[0].upper()}{what[1:]} has been allocated to you "
            f"(council reference {refs}).\n\n"
            f"See it here: {_link(path)}\n\n"
            "Practice Record\n"
        ),
        why="allocation",
    )


def _refusal_for_item(item_id: int) -> AllocationRefused:
    current = WorkItem.objects.select_related("allocated_to").get(pk=item_id)
    if current.completed_at is not None:
        return AllocationRefused(
            "Not allocated: this work was completed or closed "
            f"{_when(current.completed_at)}. Nothing was changed."
        )
    last = (
        Allocation.objects.filter(work_item=current)
        .select_related("allocated_by", "to_worker")
        .first()
    )
    if last is not None:
        holder = last.to_worker or "nobody"
        return AllocationRefused(
            f"Not allocated: {last.allocated_by} allocated this to {holder} "
            f"{_when(last.allocated_at)}. Nothing was changed."
        )
    holder = current.allocated_to or "nobody"
    return AllocationRefused(f"Not allocated: this is now held by {holder}. Nothing was changed.")


@transaction.atomic
def work_item_allocate(
    *, item: WorkItem, to_worker, by, reason: str = "", expected_holder, now=None
) -> WorkItem:
    """Allocate the open piece of work to `to_worker`, if it is still held by
    `expected_holder` (a user or None: what the manager saw). Otherwise nothing changes
    and `AllocationRefused` says who got it, or that it was completed meanwhile."""
    worker_check(team_id=item.team_id, worker=to_worker)
    now = now or timezone.now()
    expected_id = getattr(expected_holder, "pk", expected_holder)
    if expected_id == to_worker.pk:
        raise ValidationError({"worker": f"This is already allocated to {to_worker}"})
    updated = WorkItem.objects.filter(
        pk=item.pk, completed_at__isnull=True, allocated_to=expected_id
    ).update(allocated_to=to_worker, allocated_at=now)
    if not updated:
        raise _refusal_for_item(item.pk)
    item = WorkItem.objects.select_related("person").get(pk=item.pk)
    history_rows_add([item], reason=ALLOCATED, user=by, when=now)
    Allocation.objects.create(
        work_item=item,
        from_worker_id=expected_id,
        to_worker=to_worker,
        allocated_by=by,
        allocated_at=now,
        reason=reason.strip()[:300],
    )
    _tell_worker(
        worker=to_worker,
        what=f"a {item.get_kind_display().lower()}",
        references=[item.person.council_reference or f"person {item.person_id}"],
        path=reverse("frontdoor:work_item", args=[item.pk]),
    )
    return item


@transaction.atomic
def person_allocate(*, person: Person, to_worker, by, reason: str = "", expected_holder, now=None):
    """Make `to_worker` the person's allocated worker, if `expected_holder` still is."""
    worker_check(team_id=person.team_id, worker=to_worker)
    now = now or timezone.now()
    expected_id = getattr(expected_holder, "pk", expected_holder)
    if expected_id == to_worker.pk:
        raise ValidationError({"worker": f"{to_worker} is already their allocated worker"})
    updated = Person.objects.filter(pk=person.pk, allocated_worker=expected_id).update(
        allocated_worker=to_worker
    )
    if not updated:
        last = (
            Allocation.objects.filter(person=person)
            .select_related("allocated_by", "to_worker")
            .first()
        )
        if last is not None:
            raise AllocationRefused(
                f"Not allocated: {last.allocated_by} allocated them to "
                f"{last.to_worker or 'nobody'} {_when(last.allocated_at)}. Nothing was changed."
            )
        raise AllocationRefused("Not allocated: their allocated worker changed meanwhile.")
    person = Person.objects.get(pk=person.pk)
    history_rows_add([person], reason=ALLOCATED, user=by, when=now)
    Allocation.objects.create(
        person=person,
        from_worker_id=expected_id,
        to_worker=to_worker,
        allocated_by=by,
        allocated_at=now,
        reason=reason.strip()[:300],
    )
    _tell_worker(
        worker=to_worker,
        what="a person",
        references=[person.council_reference or f"person {person.pk}"],
        path=person.get_absolute_url(),
    )
    return person


@transaction.atomic
def work_item_priority_set(*, item: WorkItem, priority: Priority, reason: str, by, now=None):
    """A manager reviews the priority (kept in the item's history)."""
    now = now or timezone.now()
    item = WorkItem.objects.select_for_update().get(pk=item.pk)
    item.priority = priority
    item.priority_reason = reason.strip()[:300]
    item.priority_reviewed_by = by
    item.priority_reviewed_at = now
    item._change_reason = "Priority reviewed"
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def work_item_close(
    *, item: WorkItem, by, started_on: date | None = None, reason: str = "", now=None
) -> WorkItem:
    """End the wait: the service started on `started_on`, or closed with `reason`.
    Refused (`AllocationRefused`) when it was closed meanwhile."""
    now = now or timezone.now()
    if started_on is not None:
        completed_at = min(datetime.combine(started_on, time(9, 0), tzinfo=LONDON), now)
        closed_reason = f"Service started on {date_format(started_on, 'j F Y')}"
    else:
        completed_at = now
        closed_reason = reason.strip()[:300]
    updated = WorkItem.objects.filter(pk=item.pk, completed_at__isnull=True).update(
        completed_at=completed_at, closed_reason=closed_reason
    )
    if not updated:
        raise _refusal_for_item(item.pk)
    item = WorkItem.objects.get(pk=item.pk)
    history_rows_add([item], reason="Closed", user=by, when=now)
    return item


# --- All of a worker's work at once ----------------------------------------------------


@dataclass
class Workload:
    """What a worker holds in some teams: their open work items, the people allocated
    to them, and their open tasks."""

    items: list = field(default_factory=list)
    people: list = field(default_factory=list)
    tasks: list = field(default_factory=list)

    def ids(self) -> tuple[set[int], set[int], set[int]]:
        return (
            {i.pk for i in self.items},
            {p.pk for p in self.people},
            {t.pk for t in self.tasks},
        )

    @property
    def is_empty(self) -> bool:
        return not (self.items or self.people or self.tasks)


def workload_of(worker, team_ids) -> Workload:
    """The worker's open work items, people and open tasks in the teams (3 queries)."""
    return Workload(
        items=list(
            WorkItem.objects.open()
            .filter(allocated_to=worker, team_id__in=team_ids)
            .select_related("person", "team")
            .order_by("waiting_since", "pk")
        ),
        people=list(
            Person.objects.filter(allocated_worker=worker, team_id__in=team_ids).order_by(
                "name", "pk"
            )
        ),
        tasks=list(
            Task.objects.open()
            .filter(owner=worker, person__team_id__in=team_ids)
            .select_related("person")
            .order_by("due_on", "pk")
        ),
    )


class WorkloadChanged(Exception):
    """What was shown is no longer what the worker holds: nothing moved."""

    def __init__(self, changes: list[str]):
        super().__init__("; ".join(changes))
        self.changes = changes


def _differences(shown: tuple[set[int], set[int], set[int]], now_held: Workload) -> list[str]:
    changes = []
    for label, was, held in zip(
        ("work item", "person", "task"), shown, now_held.ids(), strict=True
    ):
        gone, new = was - held, held - was
        if gone:
            changes.append(
                f"{len(gone)} {label}{'s' if len(gone) != 1 else ''} shown "
                "were completed or moved meanwhile"
            )
        if new:
            changes.append(f"{len(new)} new {label}{'s' if len(new) != 1 else ''} appeared")
    return changes


@transaction.atomic
def reallocate_all(
    *,
    worker,
    to_worker,
    by,
    reason: str,
    team_ids,
    shown: tuple[set[int], set[int], set[int]],
    now=None,
) -> Workload:
    """Move everything `worker` holds in the teams (as `shown`: the ids of the items,
    people and tasks the manager saw) to `to_worker`, in one transaction. If anything
    shown was completed or moved, or something new appeared, nothing moves
    (`WorkloadChanged` says what changed)."""
    now = now or timezone.now()
    if to_worker is None or to_worker.pk == worker.pk:
        raise ValidationError({"worker": "Select a different worker to move the work to"})
    for team_id in team_ids:
        worker_check(team_id=team_id, worker=to_worker)
    held = workload_of(worker, team_ids)
    changes = _differences(shown, held)
    if changes:
        raise WorkloadChanged(changes)
    item_ids, person_ids, task_ids = held.ids()
    reason = reason.strip()[:300]
    # Conditional: what another user moves between the read above and these UPDATEs is
    # not counted, and the whole move is undone.
    moved = (
        WorkItem.objects.filter(
            pk__in=item_ids, allocated_to=worker, completed_at__isnull=True
        ).update(allocated_to=to_worker, allocated_at=now),
        Person.objects.filter(pk__in=person_ids, allocated_worker=worker).update(
            allocated_worker=to_worker
        ),
        Task.objects.filter(pk__in=task_ids, owner=worker, completed_at__isnull=True).update(
            owner=to_worker
        ),
    )
    if moved != (len(item_ids), len(person_ids), len(task_ids)):
        transaction.set_rollback(True)
        raise WorkloadChanged(["Some of the work changed while it was being moved"])
    items = list(WorkItem.objects.filter(pk__in=item_ids).select_related("person"))
    people = list(Person.objects.filter(pk__in=person_ids))
    tasks = list(Task.objects.filter(pk__in=task_ids))
    for rows in (items, people, tasks):
        history_rows_add(rows, reason=f"{REALLOCATED_ALL}: {reason}"[:100], user=by, when=now)
    Allocation.objects.bulk_create(
        [
            Allocation(
                work_item=item,
                from_worker=worker,
                to_worker=to_worker,
                allocated_by=by,
                allocated_at=now,
                reason=reason,
            )
            for item in items
        ]
        + [
            Allocation(
                person=person,
                from_worker=worker,
                to_worker=to_worker,
                allocated_by=by,
                allocated_at=now,
                reason=reason,
            )
            for person in people
        ]
    )
    references = sorted(
        {i.person.council_reference or f"person {i.person_id}" for i in items}
        | {p.council_reference or f"person {p.pk}" for p in people}
    )
    if references or tasks:
        _tell_worker(
            worker=to_worker,
            what=f"the work of {worker}",
            references=references or ["none: tasks only"],
            path=reverse("home"),
        )
    return Workload(items=items, people=people, tasks=tasks)
