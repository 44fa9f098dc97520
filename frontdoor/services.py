"""Writes of the front door and the caseload. Each is one transaction; every change of
who holds what is an `Allocation` row (issue 17)."""

from datetime import date

from django.db import transaction

from frontdoor.models import Priority, SupportRequest, WorkItem, WorkKind


@transaction.atomic
def work_item_open(
    *,
    kind: WorkKind,
    person,
    waiting_since: date,
    request: SupportRequest | None = None,
    source_record=None,
    priority: Priority = Priority.MEDIUM,
    priority_reason: str = "",
) -> WorkItem:
    """Put the person on their team's waiting list for `kind` of work, from
    `waiting_since`. A person already waiting for that kind keeps the wait they have
    (one open item per person and kind): it is returned."""
    existing = WorkItem.objects.open().filter(person=person, kind=kind).first()
    if existing is not None:
        return existing
    item = WorkItem(
        kind=kind,
        person=person,
        team_id=person.team_id,
        waiting_since=waiting_since,
        request=request,
        source_record=source_record,
        priority=priority,
        priority_reason=priority_reason,
    )
    item.full_clean()
    item.save()
    return item
