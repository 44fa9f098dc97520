"""Factories of the front door and the caseload, with fixed defaults."""

from datetime import date, datetime

import factory

from config import cld
from frontdoor.models import (
    Priority,
    Requester,
    SupportRequest,
    Task,
    Urgency,
    WorkItem,
    WorkKind,
)
from recording.deadlines import LONDON
from tests.factories import ContactFactory, PersonFactory, UserFactory


class SupportRequestFactory(factory.django.DjangoModelFactory):
    """An unscreened request: its contact (and the contact's case-note obligation) made
    by the service, as in the app."""

    class Meta:
        model = SupportRequest

    person = factory.SubFactory(PersonFactory)
    received_at = datetime(2026, 11, 23, 9, 30, tzinfo=LONDON)
    created_by = factory.SubFactory(UserFactory)
    contact = factory.LazyAttribute(
        lambda o: ContactFactory(
            person=o.person,
            occurred_at=o.received_at,
            with_whom="Her daughter, by phone",
            recorded_by=o.created_by,
        )
    )
    team = factory.LazyAttribute(lambda o: o.person.team)
    requester = Requester.FAMILY
    route_of_access = cld.RouteOfAccess.COMMUNITY
    asked_for = "Help at home after a fall."
    urgency = Urgency.STANDARD


class WorkItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkItem

    kind = WorkKind.NEEDS_ASSESSMENT
    person = factory.SubFactory(PersonFactory)
    team = factory.LazyAttribute(lambda o: o.person.team)
    waiting_since = date(2026, 10, 1)
    priority = Priority.MEDIUM


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    what = "Ring the GP about the new medication"
    owner = factory.SubFactory(UserFactory)
    due_on = date(2026, 12, 2)
    person = factory.SubFactory(PersonFactory)
    created_by = factory.LazyAttribute(lambda o: o.owner)
