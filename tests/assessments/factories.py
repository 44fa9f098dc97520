"""Builders for realistic Care Act records in tests: the journey from a needs
assessment, through the eligibility determination, to the care and support plan.

Each builder writes a plausible record for the active framework (the `principles`
fixture), with principle evidence for every principle its kind must evidence, and by
default completes it through `recording.services.record_complete` (so it passes the
same completion checks as in the app). Pass `completed=False` for a draft, `now=` to fix
the completion time (default: now, which `time_machine` controls), and any model field
as a keyword to override the text. Determinations and plans are authorised only when
`authorised_by=` names a manager (the `Authorisation` row is written directly).

    assessment = needs_assessment_for(person, practitioner)
    determination = eligibility_for(assessment, practitioner, authorised_by=manager)
    plan = care_plan_for(determination, practitioner, authorised_by=manager)
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from assessments.models import (
    Achievement,
    AssessedOutcome,
    AssessmentRisk,
    Authorisation,
    CarePlan,
    CarersAssessment,
    EligibilityDetermination,
    NeedsAssessment,
    Outcome,
    PlanOutcome,
    PlanSupport,
)
from assessments.rules import add_months
from config import cld
from principles.models import ActiveFramework, required_principles
from recording.deadlines import LONDON
from recording.models import PrincipleEvidence, Record
from recording.services import record_complete

# How each of the ten outcomes stands for the person in the default assessment: four
# they cannot achieve without help, the rest they manage.
OUTCOME_ANSWERS = {
    Outcome.NUTRITION: (
        Achievement.ENDANGERS,
        "I can make a sandwich, but I have left the gas on twice since my fall.",
    ),
    Outcome.HYGIENE: (
        Achievement.UNABLE,
        "I can't get in and out of the bath on my own any more. I miss a proper wash.",
    ),
    Outcome.TOILET: (Achievement.ACHIEVES, "I manage fine with the rail my son-in-law put up."),
    Outcome.CLOTHED: (
        Achievement.LONGER,
        "Buttons and socks take me the best part of an hour in the morning.",
    ),
    Outcome.HOME_SAFELY: (
        Achievement.PAIN,
        "The stairs frighten me. I go up once a day, on my bottom.",
    ),
    Outcome.HABITABLE_HOME: (Achievement.ACHIEVES, "My neighbour Sue helps with the bins."),
    Outcome.RELATIONSHIPS: (
        Achievement.ACHIEVES,
        "My daughter Grace rings every evening and visits on Sundays.",
    ),
    Outcome.WORK_EDUCATION: (Achievement.ACHIEVES, "I stopped volunteering at the library."),
    Outcome.COMMUNITY: (
        Achievement.ACHIEVES,
        "I get the 301 bus into town on Thursdays with my friend Pat.",
    ),
    Outcome.CARING: (Achievement.ACHIEVES, "I don't look after any children now."),
}

# Valid CLD answers for a completed assessment and review (issue 18).
ASSESSMENT_RETURN = {
    "assessment_type": cld.AssessmentType.LONG_TERM,
    "method": cld.MethodOfContact.FACE_TO_FACE,
    "outcome": cld.EventOutcome.SUPPORT_PLANNING,
}
REVIEW_RETURN = {
    "review_reason": cld.ReviewReason.PLANNED,
    "method": cld.MethodOfContact.FACE_TO_FACE,
    "outcomes_achieved": cld.ReviewOutcomesAchieved.PARTLY,
    "outcome": cld.EventOutcome.CONTINUATION,
}

ASSESSMENT_TEXT = {
    "what_matters": (
        "I want to stay in my own home. I have lived here for 52 years and my garden is my "
        "life.\n\nI want to keep going to church on Sundays and see my grandchildren."
    ),
    "strengths_personal": (
        "Maggie is determined and knows her own mind. She manages her own tablets with a "
        "dosette box and keeps a diary of appointments."
    ),
    "strengths_family": (
        "Her daughter Grace lives ten minutes away, rings every evening and does the big "
        "shop on Saturdays."
    ),
    "strengths_community": (
        "Maggie is a member of St Mary's church and the Thursday lunch club. Her neighbour "
        "Sue has a key."
    ),
    "wellbeing_impact": (
        "Since her fall in September Maggie has lost confidence. She feels low when she "
        "cannot wash properly and says she feels like a burden on Grace."
    ),
    "identity_and_culture": (
        "Maggie was born in Lagos and came to Hertfordshire in 1962. Her faith is very "
        "important to her. She prefers a female carer for personal care."
    ),
    "carers": (
        "Grace (daughter) works full time. She has been offered a carer's assessment and "
        "would like one."
    ),
    "mental_capacity": NeedsAssessment.Capacity.NO_DOUBT,
    "mental_capacity_notes": "",
    "advocacy": NeedsAssessment.Advocacy.NOT_NEEDED,
    "advocacy_notes": "Grace supports Maggie to have her say; Maggie wanted her there.",
    "prevention_advice": (
        "Referred to the falls prevention service. Gave details of Age UK Hertfordshire's "
        "handyperson scheme and the pendant alarm service."
    ),
    # The statutory return (issue 18): an eligibility decision and a plan follow.
    **ASSESSMENT_RETURN,
}

RISKS = [
    {
        "risk": "Going up and down the stairs alone at night",
        "benefit": "Maggie sleeps in her own bed, which matters to her.",
        "mitigation": "Stair rail on the second side; pendant alarm; night light.",
        "persons_view": "I'm not sleeping downstairs like an invalid.",
    },
]

ELIGIBILITY_TEXT = {
    "needs_from_impairment": True,
    "impairment_notes": "Maggie's needs arise from osteoarthritis in both knees and her fall.",
    "wellbeing_significant": True,
    "wellbeing_notes": (
        "Not being able to wash properly or get dressed in good time affects Maggie's "
        "dignity, her mood and her control over her day."
    ),
    "decision": EligibilityDetermination.Decision.ELIGIBLE,
    "reasons": (
        "Maggie cannot achieve four of the outcomes without help, because of her arthritis, "
        "and this has a significant impact on her wellbeing."
    ),
}

PLAN_TEXT = {
    "personal_budget": Decimal("182.40"),
    "direct_payments": False,
    "direct_payments_why_not": (
        "Maggie would rather the council arranged her care. She knows she can change her "
        "mind at any time."
    ),
    "health_funding_considered": True,
    "health_funding_notes": "Maggie has no nursing needs, so NHS funding does not apply.",
    "top_up": None,
    "top_up_notes": "",
    "contingency_plan": (
        "If the carers cannot come, the agency rings Grace, who will come round. If Maggie "
        "falls, she presses her pendant and the call centre rings Grace or 999."
    ),
}

PLAN_OUTCOMES = [
    "I want to have a proper wash every morning.",
    "I want to get dressed and be ready for church by ten on Sundays.",
    "I want to feel safe on the stairs.",
]

PLAN_SUPPORTS = [
    {
        "need": "Washing and dressing in the morning",
        "how_met": "A carer visits for 45 minutes every morning to help with a shower.",
        "kind": PlanSupport.Kind.TRADITIONAL,
        "provider": "Bluebell Home Care",
        "provider_cqc_location_id": "1-101234567",
        "service_type": cld.ServiceType.LTS_COMMUNITY,
        "service_component": cld.ServiceComponent.HOME_SUPPORT,
        "delivery_mechanism": cld.DeliveryMechanism.COMMISSIONED,
        "unit_cost": Decimal("28.20"),
        "cost_frequency": cld.CostFrequency.HOURLY,
        "planned_units_per_week": Decimal("5.25"),  # 45 minutes a day: £148.05 a week
    },
    {
        "need": "Feeling safe at home, especially on the stairs",
        "how_met": "A pendant alarm linked to the call centre, and a second stair rail.",
        "kind": PlanSupport.Kind.TECHNOLOGY,
        "provider": "Herts Careline",
        "service_type": cld.ServiceType.LTS_COMMUNITY,
        "service_component": cld.ServiceComponent.EQUIPMENT,
        "delivery_mechanism": cld.DeliveryMechanism.COMMISSIONED,
        "unit_cost": Decimal("4.35"),
        "cost_frequency": cld.CostFrequency.WEEKLY,
        "planned_units_per_week": Decimal("1"),
    },
    {
        "need": "Seeing friends and eating a hot meal",
        "how_met": "The Thursday lunch club at St Mary's, with transport there and back.",
        "kind": PlanSupport.Kind.NON_TRADITIONAL,
        "provider": "St Mary's lunch club",
        "service_type": cld.ServiceType.LTS_COMMUNITY,
        "service_component": cld.ServiceComponent.HOME_SUPPORT,
        "delivery_mechanism": cld.DeliveryMechanism.MANAGED_BUDGET,
        "unit_cost": Decimal("30.00"),
        "cost_frequency": cld.CostFrequency.WEEKLY,
        "planned_units_per_week": Decimal("1"),
        "meets_assessed_needs": True,
        "safe_lawful_appropriate": True,
    },
]

EVIDENCE_TEXT = [
    "We met at Maggie's home, as she asked, with Grace there. We started from what matters "
    "to her and the strengths around her before talking about help.",
    "We explained the Care Act assessment and eligibility in plain English and gave Maggie "
    "the reasons for each decision in writing.",
    "We looked at her church lunch club and technology before paid care, and checked the "
    "cost against the personal budget.",
]


def needs_assessment_for(
    person, author, *, completed: bool = True, now: datetime | None = None, **fields
) -> NeedsAssessment:
    """A full needs assessment of `person` by `author`: what matters, strengths, all ten
    outcomes answered (four unmet), one risk. `fields` override any model field."""
    assessment = NeedsAssessment(person=person, author=author, framework=_framework())
    _set(assessment, {**ASSESSMENT_TEXT, **fields})
    for outcome, (achievement, needs) in OUTCOME_ANSWERS.items():
        AssessedOutcome.objects.create(
            assessment=assessment, outcome=outcome, achievement=achievement, needs=needs
        )
    for position, risk in enumerate(RISKS, start=1):
        AssessmentRisk.objects.create(assessment=assessment, position=position, **risk)
    return _finish(assessment, author, completed=completed, now=now)


def eligibility_for(
    assessment: NeedsAssessment,
    author,
    *,
    completed: bool = True,
    authorised_by=None,
    now: datetime | None = None,
    **fields,
) -> EligibilityDetermination:
    """An eligible determination on `assessment` (the outcomes it found unmet), authorised
    by `authorised_by` an hour after completion when given."""
    determination = EligibilityDetermination(
        person=assessment.person, author=author, framework=_framework(), assessment=assessment
    )
    unmet = [outcome.value for outcome in assessment.unmet_outcomes()]
    _set(determination, {**ELIGIBILITY_TEXT, "outcomes_not_achieved": unmet, **fields})
    determination = _finish(determination, author, completed=completed, now=now)
    return _authorise(determination, authorised_by)


SERVICE_DETAILS = {
    "service_type": cld.ServiceType.LTS_COMMUNITY,
    "service_component": cld.ServiceComponent.HOME_SUPPORT,
    "delivery_mechanism": cld.DeliveryMechanism.COMMISSIONED,
}


def with_service_details(support: dict, start) -> dict:
    """`support` with the CLD service details a completed plan needs: a support given
    only a weekly cost costs that a week, starting on `start`."""
    details = {**SERVICE_DETAILS, "start_date": start, **support}
    if "unit_cost" not in support and support.get("weekly_cost") is not None:
        details.update(
            unit_cost=support["weekly_cost"],
            cost_frequency=cld.CostFrequency.WEEKLY,
            planned_units_per_week=Decimal("1"),
        )
    return details


def care_plan_for(
    eligibility: EligibilityDetermination,
    author,
    *,
    completed: bool = True,
    authorised_by=None,
    now: datetime | None = None,
    outcomes: Iterable[str] | None = None,
    supports: Iterable[dict] | None = None,
    **fields,
) -> CarePlan:
    """A care and support plan from `eligibility`: three "I" outcomes and three supports
    (home care, technology, a lunch club) within the personal budget. `outcomes` is a
    list of statements; `supports` a list of `PlanSupport` field dicts (need, how_met,
    kind, provider, weekly_cost, ...). The review date is six months after completion."""
    plan = CarePlan(
        person=eligibility.person, author=author, framework=_framework(), eligibility=eligibility
    )
    moment = now or timezone.now()
    review_date = add_months(moment.astimezone(LONDON).date(), 6)
    _set(plan, {**PLAN_TEXT, "review_date": review_date, **fields})
    for position, statement in enumerate(outcomes or PLAN_OUTCOMES, start=1):
        PlanOutcome.objects.create(plan=plan, position=position, statement=statement)
    start = moment.astimezone(LONDON).date()
    for position, support in enumerate(supports or PLAN_SUPPORTS, start=1):
        PlanSupport.objects.create(
            plan=plan, position=position, **with_service_details(support, start)
        )
    plan = _finish(plan, author, completed=completed, now=now)
    return _authorise(plan, authorised_by)


# --- Shared steps ---


def _framework():
    framework = ActiveFramework.current()
    if framework is None:
        raise ValueError("Use the `principles` fixture: the builders need an active framework.")
    return framework


def _set(record: Record, fields: dict) -> None:
    """Set the fields, check and save the record, with evidence for every principle its
    kind must evidence."""
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()
    for index, principle in enumerate(required_principles(record.framework, record.KIND)):
        PrincipleEvidence.objects.create(
            record=record, principle=principle, evidence=EVIDENCE_TEXT[index % len(EVIDENCE_TEXT)]
        )


def _finish(record: Record, author, *, completed: bool, now: datetime | None) -> Record:
    if completed:
        record_complete(record=record, user=author, now=now or timezone.now())
    return record


def _authorise(record: Record, manager) -> Record:
    if manager is not None:
        if not record.is_completed:
            raise ValueError("Only a completed record can be authorised.")
        Authorisation.objects.create(
            record=record,
            decision=Authorisation.Decision.AUTHORISED,
            decided_by=manager,
            decided_at=record.completed_at + timedelta(hours=1),
        )
    return record


# --- A carer's assessment (issue 18) ---

CARERS_ASSESSMENT_TEXT = {
    "what_matters": "I want to stay in my own home. I want to keep looking after Mum, and "
    "to have an evening a week to myself.",
    "caring_role": "Grace cares for her mother every day: meals, medicines, washing, and "
    "nights when Mum is unsettled.",
    "able_to_care": "partly",
    "willing_to_care": "yes",
    "caring_impact": "She sleeps badly, has cut her hours at work, and has not seen her "
    "friends for months.",
    "carers_outcomes": "A regular break, and to keep her job.",
    "wellbeing_impact": "Her physical and mental health are suffering.",
    "strengths_personal": "Her brother helps at weekends.",
    "prevention_advice": "Carers in Herts, the carers' emergency card, and a GP carer check.",
    "method": "Face to face",
    "outcome": "Progress to support planning or services",
}


def carers_assessment_for(
    person, author, *, completed: bool = True, now: datetime | None = None, **fields
):
    """A carer's assessment of `person` (an unpaid carer) by `author`, complete."""
    assessment = CarersAssessment(person=person, author=author, framework=_framework())
    _set(assessment, {**CARERS_ASSESSMENT_TEXT, **fields})
    return _finish(assessment, author, completed=completed, now=now)


def carers_eligibility_for(assessment, author, *, authorised_by=None, **fields):
    """An eligible determination on a carer's assessment, under regulation 3."""
    return eligibility_for(
        assessment,
        author,
        authorised_by=authorised_by,
        **{
            "needs_from_impairment": True,
            "impairment_notes": "Caring for her mother every day and most nights.",
            "outcomes_not_achieved": ["health", "work_education"],
            **fields,
        },
    )


# --- Safeguarding concerns and their enquiries (issue 18, part 6) ---

CONCERN_TEXT = {
    "concern": "Her neighbour has been taking her pension on collection day.",
    "persons_wishes": '"I want it to stop. I want to stay friends with the others."',
    "empowerment": "She chose who we told.",
    "prevention": "Her pension now goes into her own account.",
    "proportionality": "She stays at home; we act on the neighbour.",
    "protection": "Police told with her agreement.",
    "partnership": "With her housing officer and the police.",
    "accountability": "I lead; my manager oversees.",
    "action_taken": "Police told; housing officer visiting.",
}


def safeguarding_concern_for(
    person, author, *, completed: bool = True, now: datetime | None = None, **fields
):
    """A safeguarding concern about `person`, completed unless `completed=False`."""
    from assessments.models import SafeguardingConcern

    concern = SafeguardingConcern(person=person, author=author, framework=_framework())
    _set(concern, {**CONCERN_TEXT, **fields})
    return _finish(concern, author, completed=completed, now=now)


def enquiry_for(concern, user, *, risk_types=(), sources=(), **fields):
    """The concern's enquiry, written directly (no rule checked): for counting tests.
    `fields` are `SafeguardingEnquiry` fields; default a s42 enquiry just started."""
    from assessments.models import EnquiryRiskSource, EnquiryRiskType, SafeguardingEnquiry

    fields.setdefault("outcome_of_concern", SafeguardingEnquiry.Decision.S42)
    enquiry = SafeguardingEnquiry.objects.create(concern=concern, recorded_by=user, **fields)
    for risk_type in risk_types:
        EnquiryRiskType.objects.create(enquiry=enquiry, risk_type=risk_type)
    for source in sources:
        EnquiryRiskSource.objects.create(enquiry=enquiry, source=source)
    return enquiry
