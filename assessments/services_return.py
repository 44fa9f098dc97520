"""Changing the statutory-return details of a completed record (issue 18, part 1).

A completed record never changes (`recording.models.Record`), but records completed
before the return asked for them lack their CLD fields, and a practitioner may have
chosen the wrong answer. These fields are not in the person's copy and are not what
was recorded about the person: they say how the council counts the event. So they, and
nothing else, may be corrected on a completed assessment, carer's assessment or review.
Every change is a conditional UPDATE (the values the form showed must still be there:
two people at once, one wins) and is kept in the record's history.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from assessments.models import RETURN_FIELD_NEEDED, RETURN_FIELDS
from assessments.return_fields import return_choices
from recording.history import history_rows_add
from recording.models import Record, RecordKind

# The change reason of the history row (at most 100 characters).
RETURN_DETAILS_CHANGED = "Statutory return details changed"


class ReturnDetailsConflictError(Exception):
    """Someone changed the details since the form was shown: nothing was saved."""


def return_details_errors(
    kind: str, values: dict[str, str], seen: dict[str, str]
) -> dict[str, str]:
    """Each field of `values` that is blank, or a new answer this kind does not offer."""
    noun = "review" if kind == RecordKind.REVIEW else "assessment"
    offered = return_choices(kind)
    errors = {}
    for name in RETURN_FIELDS[kind]:
        value = values.get(name, "")
        kept = value and value == seen.get(name)
        if not kept and value not in {code for code, _ in offered[name]}:
            errors[name] = RETURN_FIELD_NEEDED[name].format(noun=noun)
    return errors


@transaction.atomic
def return_details_change(*, record: Record, user, values: dict[str, str], seen: dict[str, str]):
    """Set the statutory-return fields of the completed `record` to `values`, if they
    are still `seen` (what the form showed). Returns the record as it now is, or None
    when nothing changed. Raises ValidationError for a blank or unknown answer (nothing
    saved), ReturnDetailsConflictError when the details changed meanwhile."""
    kind = record.kind
    if kind not in RETURN_FIELDS:
        raise ValueError(f"A {kind} has no statutory-return details.")
    names = RETURN_FIELDS[kind]
    if set(values) != set(names):
        raise ValueError(f"Give exactly the fields {names}.")
    expected = {name: seen.get(name, "") for name in names}
    errors = return_details_errors(kind, values, expected)
    if errors:
        raise ValidationError(errors)
    model = type(record)
    current = model.objects.filter(pk=record.pk, status=Record.Status.COMPLETED)
    if not current.filter(**expected).exists():
        raise ReturnDetailsConflictError(record.pk)
    if values == expected:
        return None
    if not current.filter(**expected).update(**values):
        raise ReturnDetailsConflictError(record.pk)
    changed = model.objects.get(pk=record.pk)
    history_rows_add([changed], reason=RETURN_DETAILS_CHANGED, user=user)
    return changed
