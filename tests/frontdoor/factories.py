"""Factories of the front door and the caseload, with fixed defaults."""

from datetime import date, datetime

import factory

from assessments.models import (
    Authorisation,
    CarePlan,
    EligibilityDetermination,
    NeedsAssessment,
    PlanSupport,
)
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
from principles.models import ActiveFramework
from recording.deadlines import LONDON
from recording.models import Record
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


# --- DHSC's waiting-time events (issue 18, part 7): cheap rows, no principle evidence ---


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def dhsc_request(person, day: date, outcome="assessment_needed") -> SupportRequest:
    """A request received on `day` and screened to `outcome` the same day."""
    request = SupportRequestFactory(person=person, received_at=_at(day, 9))
    SupportRequest.objects.filter(pk=request.pk).update(
        outcome=outcome, screened_at=_at(day, 11), screened_by=request.created_by
    )
    return request


def dhsc_assessment(
    person,
    start: date,
    end: date | None = None,
    *,
    outcome=cld.EventOutcome.SUPPORT_PLANNING,
    assessment_type=cld.AssessmentType.LONG_TERM,
    model=None,
):
    """A needs assessment started on `start` and completed on `end` (default: `start`),
    without the text a real one has: needs the `principles` fixture."""
    assessment = (model or NeedsAssessment).objects.create(
        person=person,
        author=UserFactory(),
        framework=ActiveFramework.current(),
        status=Record.Status.COMPLETED,
        completed_at=_at(end or start, 15),
        assessment_type=assessment_type,
        outcome=outcome,
    )
    Record.objects.filter(pk=assessment.pk).update(created_at=_at(start, 9))
    return assessment


def dhsc_service(
    person,
    start: date | None,
    *,
    end: date | None = None,
    service_type=cld.ServiceType.LTS_COMMUNITY,
    authorised_on: date | None = None,
):
    """A support of an authorised plan (on a draft assessment and determination, which
    count for nothing), starting on `start` (None: the plan's authorisation day)."""
    author, framework = UserFactory(), ActiveFramework.current()
    common = {"person": person, "author": author, "framework": framework}
    draft = NeedsAssessment.objects.create(**common)
    determination = EligibilityDetermination.objects.create(assessment=draft, **common)
    authorised = authorised_on or start
    if authorised is None:
        raise ValueError("Give the service's start, or the day its plan was authorised.")
    plan = CarePlan.objects.create(
        eligibility=determination,
        status=Record.Status.COMPLETED,
        completed_at=_at(authorised, 10),
        **common,
    )
    Authorisation.objects.create(
        record=plan,
        decision=Authorisation.Decision.AUTHORISED,
        decided_by=author,
        decided_at=_at(authorised, 12),
    )
    return PlanSupport.objects.create(
        plan=plan,
        position=1,
        need="Washing and dressing",
        how_met="A carer each morning",
        kind="traditional",
        service_type=service_type,
        start_date=start,
        end_date=end,
    )
