"""Waiting lists' parts of other apps' pages (`config.page_parts`), added in
`FrontdoorConfig.ready`."""

from datetime import timedelta

from django.utils import timezone

from accounts.access import may_allocate
from frontdoor.models import Allocation, WorkItem
from recording.models import Person

RECENT_DAYS = 28  # Home lists what was allocated to the worker in the last four weeks


def home_allocated_part(user, limit: int) -> dict:
    """Home: the open work and the people allocated to the user recently, newest first
    (2 queries)."""
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    visible = Person.objects.visible_to(user)
    items = list(
        WorkItem.objects.open()
        .filter(allocated_to=user, allocated_at__gte=since, person__in=visible)
        .select_related("person")
        .order_by("-allocated_at", "-pk")[:limit]
    )
    people = list(
        Allocation.objects.filter(
            person__in=visible.filter(allocated_worker=user),
            to_worker=user,
            allocated_at__gte=since,
        )
        .select_related("person", "allocated_by")
        .order_by("-allocated_at", "-pk")[:limit]
    )
    return {"allocated_items": items, "allocated_people": people}


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
