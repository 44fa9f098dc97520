from datetime import date

from django.db import transaction

from principles.models import Principle, ReadingConfirmation


@transaction.atomic
def reading_confirmation_record(
    *, user, principles: list[Principle], read_on: date
) -> tuple[int, int]:
    """Record that `user` read `principles` on `read_on`.

    Returns (newly confirmed, already confirmed). An earlier confirmation of a principle
    stands as it was: confirming twice neither duplicates nor moves the original date.
    """
    already = set(
        ReadingConfirmation.objects.filter(user=user, principle__in=principles).values_list(
            "principle_id", flat=True
        )
    )
    new = [
        ReadingConfirmation(user=user, principle=principle, read_on=read_on)
        for principle in principles
        if principle.pk not in already
    ]
    # ignore_conflicts closes the race of a double submission: the unique
    # (user, principle) constraint keeps one row whichever request lands first.
    ReadingConfirmation.objects.bulk_create(new, ignore_conflicts=True)
    return len(new), len(already)
