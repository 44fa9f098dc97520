"""An unpaid carer and the adults they care for (issue 18, part 3; the CLD's
`No_of_adults_being_cared_for`, `Adult_1/2/3_Linked_Person_ID` and
`Total_Hrs_Caring_per_week`). Writes are one transaction each, on the carer's row
locked, so two people adding at once never give a carer a fourth adult or two adults
in one place; the database constraints of `CarerLink` hold it too. Every change is in
`CarerLink.history` and the carer's `Person.history`."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q

from config import cld
from recording.history import history_rows_add
from recording.models import MAX_CARED_FOR, CarerLink, Person

NOT_A_CARER = "{name} is not an unpaid carer: change their client type to unpaid carer first"
SELF = "A carer cannot be linked to themselves: choose the person they care for"
FULL = (
    f"{{name}} already has {MAX_CARED_FOR} adults they care for, the most the return "
    "holds: remove one first"
)
TWICE = "{carer} is already linked to {cared_for}"
CHANGED_MEANWHILE = (
    "Someone else changed who {name} cares for just now: check the list below, then try again"
)
HOURS_RANGE = "Enter the hours as a whole number from 0 to 168 (the hours in a week)"


class CarerLinkError(Exception):
    """A link refused, with the message for the user."""


def is_carer(person: Person) -> bool:
    return person.client_type == cld.ClientType.CARER


def _locked(carer: Person) -> Person:
    return Person.objects.select_for_update().get(pk=carer.pk)


@transaction.atomic
def carer_link_add(*, carer: Person, cared_for: Person, user) -> CarerLink:
    """Link `carer` to one more adult they care for, in the next position."""
    current = _locked(carer)
    if not is_carer(current):
        raise CarerLinkError(NOT_A_CARER.format(name=current.name))
    if cared_for.pk == current.pk:
        raise CarerLinkError(SELF)
    links = list(CarerLink.objects.filter(carer=current).order_by("position"))
    if any(link.cared_for_id == cared_for.pk for link in links):
        raise CarerLinkError(TWICE.format(carer=current.name, cared_for=cared_for.name))
    if len(links) >= MAX_CARED_FOR:
        raise CarerLinkError(FULL.format(name=current.name))
    link = CarerLink(carer=current, cared_for=cared_for, position=len(links) + 1)
    link._history_user = user
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError:  # another add took the place (or the adult) meanwhile
        raise CarerLinkError(CHANGED_MEANWHILE.format(name=current.name)) from None
    history_rows_add([current], reason=f"Cares for: {cared_for.council_reference} added", user=user)
    return link


@transaction.atomic
def carer_link_remove(*, carer: Person, position: int, user) -> None:
    """Unlink the adult in `position`; those after them move up a place."""
    current = _locked(carer)
    links = list(CarerLink.objects.filter(carer=current).order_by("position"))
    removed = next((link for link in links if link.position == position), None)
    if removed is None:
        raise CarerLinkError(CHANGED_MEANWHILE.format(name=current.name))
    reference = removed.cared_for.council_reference
    removed._history_user = user
    removed.delete()
    for link in links:
        if link.position > position:
            link.position -= 1
            link._history_user = user
            link.save(update_fields=["position"])
    history_rows_add([current], reason=f"Cares for: {reference} removed", user=user)


@transaction.atomic
def carer_hours_save(*, carer: Person, hours: int | None, user) -> Person:
    if hours is not None and not 0 <= hours <= 168:
        raise CarerLinkError(HOURS_RANGE)
    current = _locked(carer)
    current.hours_caring_per_week = hours
    current._history_user = user
    current.save(update_fields=["hours_caring_per_week"])
    return current


@dataclass(frozen=True)
class LinkedPerson:
    """One end of a link as a viewer sees it: the person, or None when they may not
    see them (the page then says so without naming them)."""

    position: int
    person: Person | None


def carer_links_for(person: Person, viewer) -> dict:
    """For the person's page: who they care for and who cares for them, only those
    `viewer` may see (one query)."""
    visible = Person.objects.visible_to(viewer)
    links = (
        CarerLink.objects.filter(
            Q(carer=person, cared_for__in=visible) | Q(cared_for=person, carer__in=visible)
        )
        .select_related("carer", "cared_for")
        .order_by("position", "carer__name")
    )
    cares_for, carers = [], []
    for link in links:
        if link.carer_id == person.pk:
            cares_for.append(link.cared_for)
        else:
            carers.append(link.carer)
    return {"cares_for": cares_for, "unpaid_carers": carers}
