"""Writes to supervision records: one transaction each, checked with `full_clean()`."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.access import supervisable_members
from accounts.models import User
from principles.models import ActiveFramework, Principle
from recording.models import Person
from supervision.models import PrincipleReflection, SupervisionSession


@dataclass(frozen=True)
class ReflectionInput:
    principle: Principle
    notes: str


@transaction.atomic
def supervision_session_record(
    *,
    supervisor: User,
    practitioner: User,
    held_on: date,
    reflections: Sequence[ReflectionInput],
    agreed_actions: str,
    cases: Iterable[Person] = (),
) -> SupervisionSession:
    """Record a session `supervisor` held with a member of a team they manage, under the
    principles version in force now."""
    if not supervisable_members(supervisor).filter(pk=practitioner.pk).exists():
        raise PermissionDenied(
            "You can record supervision only with a member of a team you manage."
        )
    framework = ActiveFramework.current()
    if framework is None:
        raise ValueError("Choose the active framework before recording supervision.")
    if not reflections:
        raise ValidationError({"reflections": "Select at least one principle you reflected on"})
    cases = list(cases)
    chosen = {person.pk for person in cases}
    if Person.objects.visible_to(supervisor).filter(pk__in=chosen).count() != len(chosen):
        raise ValidationError({"cases": "Select only people whose records you can see"})

    session = SupervisionSession(
        supervisor=supervisor,
        practitioner=practitioner,
        held_on=held_on,
        framework=framework,
        agreed_actions=agreed_actions.strip(),
    )
    session.full_clean()
    session.save()
    session.cases.set(cases)
    for item in reflections:
        row = PrincipleReflection(
            session=session, principle=item.principle, notes=item.notes.strip()
        )
        row.full_clean()
        row.save()
    return session
