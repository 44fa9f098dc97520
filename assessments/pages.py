"""The Care Act records' parts of other apps' pages (`config.page_parts`), added in
`AssessmentsConfig.ready`."""

from django.http import HttpRequest

from assessments.queries import (
    awaiting_authorisation,
    care_act_records,
    copies_owed,
    immediate_safeguarding,
    returned_to,
    reviews_overdue,
)
from recording.models import Person

CARE_ACT_RECORDS_SHOWN = 50


def home_returned_part(user, limit: int) -> dict:
    """Home: the records a manager returned to the user, newest first."""
    visible = Person.objects.visible_to(user)
    return {"returned": list(returned_to(user, visible)[:limit])}


def person_part(request: HttpRequest, person: Person) -> dict:
    """A person's page: their Care Act records and the copies they are owed."""
    return {
        "care_act_records": list(care_act_records(person.records.all())[:CARE_ACT_RECORDS_SHOWN]),
        "copies_owed": list(copies_owed(person.records.all())),
    }


def recording_part(member, visible, today, limit: int) -> dict:
    """My recording (or a member's): the reviews overdue of the people allocated to them."""
    return {
        "reviews_overdue": list(
            reviews_overdue(visible.filter(allocated_worker=member), today)[:limit]
        )
    }


def my_recording_part(user, visible, limit: int) -> dict:
    """My recording: the records returned to its author. Only the author sees them, not a
    manager looking at a member's list."""
    return {"returned": list(returned_to(user, visible)[:limit])}


def team_recording_part(people, records, today, limit: int) -> dict:
    """Team recording: what the Care Act asks of the managers' teams."""
    return {
        "immediate_safeguarding": list(immediate_safeguarding(people, today)[:limit]),
        "awaiting_authorisation": list(awaiting_authorisation(records)[:limit]),
        "copies_owed": list(copies_owed(records)[:limit]),
        "reviews_overdue": list(reviews_overdue(people, today)[:limit]),
    }
