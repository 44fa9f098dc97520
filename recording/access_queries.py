"""One person, contact or record, for a user who may see it (`accounts.access`): the
getters the pages of every app use. They hold no rule of their own: a contact or a
record is seen by whoever may see its person (`Person.objects.visible_to`).

Out of scope is "not found", so a page reveals nothing, not even the name; the refusal
goes into the access log (`OutOfScope`).
"""

from django.shortcuts import get_object_or_404

from recording.access_log import OutOfScope
from recording.models import Contact, Person, Record


def get_person_for_user(user, person_id: int) -> Person:
    try:
        return (
            Person.objects.visible_to(user)
            .select_related("team", "allocated_worker")
            .get(pk=person_id)
        )
    except Person.DoesNotExist:
        raise OutOfScope(person_id=person_id) from None


def get_contact_for_user(user, contact_id: int) -> Contact:
    try:
        return (
            Contact.objects.filter(person__in=Person.objects.visible_to(user))
            .select_related("person")
            .get(pk=contact_id)
        )
    except Contact.DoesNotExist:
        raise OutOfScope(contact_id=contact_id) from None


def get_record_for_user(user, record_id: int) -> Record:
    """The record as its own kind (a `CaseNote`, a `NeedsAssessment`...), or 404 when
    the user may not see its person."""
    visible = Record.objects.filter(person__in=Person.objects.visible_to(user))
    kind = visible.filter(pk=record_id).values_list("kind", flat=True).first()
    if kind is None:
        raise OutOfScope(record_id=record_id)
    model = Record.model_for_kind(kind)
    return get_object_or_404(
        model.objects.select_related(
            "person", "author", "framework", "obligation__contact", "obligation__owner"
        ),
        pk=record_id,
    )
