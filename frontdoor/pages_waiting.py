"""Waiting lists' parts of other apps' pages (`config.page_parts`), added in
`FrontdoorConfig.ready`."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from accounts.access import may_allocate
from frontdoor.models import Allocation, WorkItem
from recording.models import Person

RECENT_DAYS = 28  # Home lists what was allocated to the worker in the last four weeks


def home_allocated_part(user, limit: int) -> dict:
    """Home: the open work and the people allocated to the user recently and still
    theirs, newest first (1 query: the allocations)."""
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    visible = Person.objects.visible_to(user)
    still_theirs = Q(
        work_item__completed_at__isnull=True,
        work_item__allocated_to=user,
        work_item__person__in=visible,
    ) | Q(person__allocated_worker=user, person__in=visible)
    allocations = (
        Allocation.objects.filter(still_theirs, to_worker=user, allocated_at__gte=since)
        .select_related("work_item__person", "person", "allocated_by")
        .order_by("-allocated_at", "-pk")[: limit * 2]
    )
    items, people, seen = [], [], set()
    for allocation in allocations:
        key = (allocation.work_item_id, allocation.person_id)
        if key in seen:
            continue
        seen.add(key)
        if allocation.work_item_id:
            items.append(allocation.work_item)
        else:
            people.append(allocation)
    return {"allocated_items": items[:limit], "allocated_people": people[:limit]}


def person_waiting_part(request, person) -> dict:
    """A person's page: what they wait for, and (for their team's managers) a link to
    allocate them (2 queries)."""
    return {
        "person_waits": list(
            WorkItem.objects.open()
            .filter(person=person)
            .select_related("allocated_to")
            .order_by("waiting_since", "pk")
        ),
        "may_allocate_person": may_allocate(request.user, person.team_id),
    }
