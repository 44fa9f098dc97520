"""Saving a person's details (issue 17, part 1). Every save keeps a version in the
person's history (simple-history, with the user from the request).

A person added without a council reference is given the next "PR-" number. Two people
added at once may both be given the same one: the second save then fails the unique
constraint, inside a savepoint of its own, and takes the next number.
"""

from django.db import IntegrityError, transaction
from django.db.models.functions import Length

from config.nhs_number import nhs_number_display
from recording.models import Person

GENERATED_PREFIX = "PR-"
GENERATED_DIGITS = 6
GENERATE_ATTEMPTS = 10


class ReferenceTaken(Exception):
    """The council reference typed was given to someone else meanwhile."""


def next_council_reference() -> str:
    """The next "PR-000123" reference: one more than the highest given so far."""
    latest = (
        Person.objects.filter(council_reference__regex=rf"^{GENERATED_PREFIX}[0-9]+$")
        .order_by(Length("council_reference").desc(), "-council_reference")
        .values_list("council_reference", flat=True)
        .first()
    )
    number = int(latest.removeprefix(GENERATED_PREFIX)) + 1 if latest else 1
    return f"{GENERATED_PREFIX}{number:0{GENERATED_DIGITS}d}"


def person_save(person: Person) -> Person:
    """Save a new or changed person (already validated by the form). A blank council
    reference is made; a typed one someone else was given meanwhile is `ReferenceTaken`."""
    if person.council_reference:
        try:
            with transaction.atomic():
                person.save()
        except IntegrityError as error:
            if (
                Person.objects.filter(council_reference=person.council_reference)
                .exclude(pk=person.pk)
                .exists()
            ):
                raise ReferenceTaken from error
            raise
        return person
    for attempt in range(GENERATE_ATTEMPTS):
        person.council_reference = next_council_reference()
        try:
            with transaction.atomic():
                person.save()
        except IntegrityError:
            if attempt == GENERATE_ATTEMPTS - 1:
                raise
            continue  # someone else was given this number at the same moment
        return person
    raise AssertionError("unreachable")


NOT_RECORDED = "Not recorded"


def person_summary(person: Person) -> list[tuple[str, str]]:
    """The person's details as their page lists them: (label, text) pairs."""

    def text(value) -> str:
        return str(value) if value not in (None, "") else NOT_RECORDED

    gp = " ".join(
        part
        for part in (person.gp_practice, person.gp_practice_code and f"({person.gp_practice_code})")
        if part
    )
    rows = [
        ("Preferred name", text(person.preferred_name)),
        ("Date of birth", f"{person.date_of_birth.day} {person.date_of_birth:%B %Y}"),
        ("NHS number", text(nhs_number_display(person.nhs_number))),
        ("Council reference", person.council_reference),
    ]
    if person.date_of_death:
        rows.append(("Date of death", f"{person.date_of_death.day} {person.date_of_death:%B %Y}"))
    rows += [
        ("Address", text("\n".join(filter(None, [person.address.strip(), person.postcode])))),
        ("Phone", text(person.phone)),
        ("Email", text(person.email)),
        ("Gender", text(person.get_gender_display())),
        ("Gender the same as at birth", text(person.get_gender_same_as_birth_display())),
        ("Ethnicity", text(person.get_ethnicity_display())),
        ("Client type", text(person.get_client_type_display())),
        ("Primary support reason", text(person.get_primary_support_reason_display())),
        ("Accommodation", text(person.get_accommodation_status_display())),
        ("Employment", text(person.get_employment_status_display())),
        ("Has an unpaid carer", text(person.get_has_unpaid_carer_display())),
        ("Autism", text(person.get_autism_display())),
        ("Visual impairment", text(person.get_visual_impairment_display())),
        ("Hearing impairment", text(person.get_hearing_impairment_display())),
        ("Dementia", text(person.get_dementia_display())),
        ("Who pays for their care", text(person.get_client_funding_status_display())),
        ("GP practice", text(gp)),
        ("Communication needs", person.communication_needs or "None recorded"),
        ("Identity and culture", text(person.identity_and_culture)),
        ("Team", str(person.team)),
        ("Allocated worker", str(person.allocated_worker or "Not allocated")),
    ]
    return rows
