"""Small, cheap builders of CLD events for the returns' tests: each writes the rows
directly (no principle evidence, no completion checks), with the dates given as local
datetimes or dates, so a test says exactly when each event started and ended."""

from datetime import date, datetime, time
from decimal import Decimal

from assessments.models import (
    Authorisation,
    CarePlan,
    CarersAssessment,
    EligibilityDetermination,
    NeedsAssessment,
    PlanSupport,
    Review,
)
from config import cld
from frontdoor.models import ScreeningOutcome
from principles.models import ActiveFramework
from recording.deadlines import LONDON
from recording.models import Record
from tests.frontdoor.factories import SupportRequestFactory

COMPLETED = Record.Status.COMPLETED


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=LONDON)


def screened_request(person, received: date, screened: date | None, **fields):
    request = SupportRequestFactory(person=person, received_at=at(received, 9), **fields)
    if screened is not None:
        type(request).objects.filter(pk=request.pk).update(
            screened_at=at(screened, 15),
            outcome=fields.get("outcome", ScreeningOutcome.ASSESSMENT_NEEDED),
        )
    return request


def _created(record, created: date):
    Record.objects.filter(pk=record.pk).update(created_at=at(created, 9))
    return record


def assessment(person, author, started: date, completed: date, *, carers=False, **fields):
    model = CarersAssessment if carers else NeedsAssessment
    values = {
        "assessment_type": cld.AssessmentType.LONG_TERM,
        "method": cld.MethodOfContact.FACE_TO_FACE,
        "outcome": cld.EventOutcome.SUPPORT_PLANNING,
        **fields,
    }
    record = model.objects.create(
        person=person,
        author=author,
        framework=ActiveFramework.current(),
        status=COMPLETED,
        completed_at=at(completed, 16),
        **values,
    )
    return _created(record, started)


def determination(assessment, author, decided: date, decision="eligible", *, completed=True):
    record = EligibilityDetermination.objects.create(
        person=assessment.person,
        author=author,
        framework=assessment.framework,
        assessment=assessment,
        decision=decision,
        status=COMPLETED if completed else Record.Status.DRAFT,
        completed_at=at(decided, 16) if completed else None,
    )
    return _created(record, decided)


def authorised_plan(person, author, authorised: date):
    needs = assessment(person, author, authorised, authorised)
    eligibility = determination(needs, author, authorised)
    plan = CarePlan.objects.create(
        person=person,
        author=author,
        framework=needs.framework,
        eligibility=eligibility,
        status=COMPLETED,
        completed_at=at(authorised, 11),
    )
    Authorisation.objects.create(
        record=plan,
        decision=Authorisation.Decision.AUTHORISED,
        decided_by=author,
        decided_at=at(authorised, 12),
    )
    return _created(plan, authorised)


SERVICE = {
    "need": "Washing and dressing",
    "how_met": "A carer visits each morning.",
    "kind": PlanSupport.Kind.TRADITIONAL,
    "service_type": cld.ServiceType.LTS_COMMUNITY,
    "service_component": cld.ServiceComponent.HOME_SUPPORT,
    "delivery_mechanism": cld.DeliveryMechanism.COMMISSIONED,
    "provider_cqc_location_id": "1-123456789",
    "unit_cost": Decimal("21.5"),
    "cost_frequency": cld.CostFrequency.HOURLY,
    "planned_units_per_week": Decimal("7"),
}


def support(plan, position: int = 1, **fields):
    return PlanSupport.objects.create(plan=plan, position=position, **{**SERVICE, **fields})


def review(plan, author, started: date, held: date | None, **fields):
    values = {
        "review_reason": cld.ReviewReason.PLANNED,
        "method": cld.MethodOfContact.TELEPHONE,
        "outcomes_achieved": cld.ReviewOutcomesAchieved.PARTLY,
        "outcome": cld.EventOutcome.CONTINUATION,
        **fields,
    }
    record = Review.objects.create(
        person=plan.person,
        author=author,
        framework=plan.framework,
        plan=plan,
        review_date=held,
        status=COMPLETED,
        completed_at=at(held or started, 17),
        **values,
    )
    return _created(record, started)
