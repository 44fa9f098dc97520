"""The demo's deliberate gaps in the CLD return (issue 18, part 8).

Every other demo team gives an extract with no DHSC data-quality failures. One team,
`GAPS_TEAM` ("West Adult Care Team", managed by Morgan as well as North), has three
people, each complete but for one gap the data-quality page shows (`DELIBERATE_GAPS`):

- Winifred Ashdown: a request for support; her ethnicity is missing.
- Cyril Pemberton: a completed needs assessment that does not say how it was done
  (the method, as on a record completed before the app asked for it).
- Gloria Mensah: a service in her authorised plan with no unit cost.

Their events fall inside the latest quarter's 12 months, so the latest extract shows
them whatever the day the demo is loaded. Written through the services, like real use;
the two gaps in completed records are made afterwards, as records kept before the
fields existed would be.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import Team, TeamMembership, User
from assessments.models import NeedsAssessment, Outcome, PlanSupport
from assessments.services import (
    authorisation_decide,
    care_act_record_complete,
    care_act_record_save,
    care_act_record_start,
)
from config import cld
from frontdoor.models import Requester, ScreeningOutcome, SupportRequest, Urgency
from frontdoor.services_requests import support_request_record
from principles.models import ActiveFramework, required_principles
from recording.deadlines import LONDON
from recording.models import Contact, Person, Record, RecordKind
from recording.services import EvidenceInput, case_note_save, record_complete
from returns.periods import latest_quarter_end

GAPS_TEAM = "West Adult Care Team"
GAPS_TEAM_SLUG = "west-adult-care-team"

# (council reference, DHSC column, DHSC's validity): what the page shows for the team.
DELIBERATE_GAPS = (
    ("HCC-300101", "Ethnicity", "Failed: Blank (Mandatory)"),
    ("HCC-300102", "Method_of_Assessment", "Failed: Blank (Mandatory)"),
    ("HCC-300103", "Unit_Cost", "Failed: Blank (Mandatory)"),
)

_E, _R = cld.Ethnicity, cld.PrimarySupportReason
PEOPLE = {
    "HCC-300101": ("Winifred Ashdown", date(1938, 6, 14), "9993001007", "Female", "",
                   _R.PHYSICAL_ACCESS, "SG12 0AA"),
    "HCC-300102": ("Cyril Pemberton", date(1946, 11, 2), "9993001015", "Male",
                   _E.BLACK_CARIBBEAN, _R.MEMORY, "SG12 7BX"),
    "HCC-300103": ("Gloria Mensah", date(1952, 1, 23), "9993001023", "Female",
                   _E.BLACK_AFRICAN, _R.PHYSICAL_PERSONAL, "SG12 9HL"),
}  # fmt: skip

EVIDENCE = "I asked what mattered to them first, and wrote the reasons so they can follow them."


def _evidence(kind: str) -> list[EvidenceInput]:
    framework = ActiveFramework.current()
    return [
        EvidenceInput(principle=principle, evidence=EVIDENCE)
        for principle in required_principles(framework, kind)
    ]


def _at(day: date, hour: int = 11) -> datetime:
    return min(datetime.combine(day, time(hour), tzinfo=LONDON), timezone.now())


def _record(person, author, kind, fields, *, started: date, children=None, **start) -> Record:
    record = care_act_record_start(kind=kind, person=person, author=author, **start)
    record = care_act_record_save(
        record=record, author=author, fields=fields, evidence=_evidence(kind), children=children
    )
    Record.objects.filter(pk=record.pk).update(created_at=_at(started, 9))
    record.created_at = _at(started, 9)
    return record


def _assessment(person, author, *, started: date, completed: date, method: str) -> Record:
    record = _record(
        person,
        author,
        RecordKind.NEEDS_ASSESSMENT,
        {
            "what_matters": '"I want to keep living at home and see my friends at church."',
            "strengths_personal": "Manages her own money and medication.",
            "strengths_family": "A nephew calls in twice a week.",
            "strengths_community": "Neighbours bring the shopping on Saturdays.",
            "wellbeing_impact": "Washing and dressing take all morning and leave them tired.",
            "mental_capacity": "no_doubt",
            "advocacy": "not_needed",
            "prevention_advice": "Gave the number of the Age UK handyperson service.",
            "assessment_type": cld.AssessmentType.LONG_TERM,
            "method": method,
            "outcome": cld.EventOutcome.SUPPORT_PLANNING,
        },
        started=started,
        form_type="proportionate",
    )
    return care_act_record_complete(record=record, user=author, now=_at(completed))


def _eligibility(person, author, manager, *, completed: date) -> Record:
    record = _record(
        person,
        author,
        RecordKind.ELIGIBILITY,
        {
            "needs_from_impairment": True,
            "impairment_notes": "Arthritis in both hands and knees.",
            "outcomes_not_achieved": [Outcome.HYGIENE.value, Outcome.CLOTHED.value],
            "wellbeing_significant": True,
            "wellbeing_notes": "They are tired and low, and at risk of a fall.",
            "decision": "eligible",
            "reasons": "Their needs come from arthritis. They cannot wash or dress safely "
            "without help, which has a big effect on their wellbeing.",
        },
        started=completed,
    )
    record = care_act_record_complete(record=record, user=author, now=_at(completed))
    authorisation_decide(record=record, manager=manager, authorise=True, now=_at(completed, 15))
    return record


def _plan(person, author, manager, *, completed: date, service_start: date) -> Record:
    record = _record(
        person,
        author,
        RecordKind.CARE_PLAN,
        {
            "personal_budget": Decimal("180.00"),
            "top_up": Decimal("0.00"),
            "direct_payments": False,
            "direct_payments_why_not": "She would rather the council arranged her care.",
            "health_funding_considered": True,
            "health_funding_notes": "No nursing needs: Continuing Healthcare checklist not met.",
            "contingency_plan": "If a carer cannot come, the agency calls her daughter.",
            "review_date": completed + timedelta(days=365),
        },
        started=completed,
        children={
            "outcomes": [{"statement": "I want to wash and dress by myself by ten."}],
            "supports": [
                {
                    "need": "Washing and dressing",
                    "how_met": "A carer from Riverside Home Care comes each morning.",
                    "kind": "traditional",
                    "provider": "Riverside Home Care",
                    "weekly_cost": Decimal("171.50"),
                    "service_type": cld.ServiceType.LTS_COMMUNITY,
                    "service_component": cld.ServiceComponent.HOME_SUPPORT,
                    "delivery_mechanism": cld.DeliveryMechanism.COMMISSIONED,
                    "provider_cqc_location_id": "1-101010101",
                    "unit_cost": Decimal("24.50"),
                    "cost_frequency": cld.CostFrequency.HOURLY,
                    "planned_units_per_week": Decimal("7"),
                    "start_date": service_start,
                },
            ],
        },
    )
    record = care_act_record_complete(record=record, user=author, now=_at(completed))
    authorisation_decide(record=record, manager=manager, authorise=True, now=_at(completed, 15))
    return record


def _note(request: SupportRequest, author, completed_at: datetime) -> None:
    """The case note of the request's contact, so no case note is left overdue."""
    framework = ActiveFramework.current()
    principles = list(required_principles(framework, RecordKind.CASE_NOTE))
    for principle in framework.principles.order_by("number"):  # two, like the other notes
        if len(principles) >= 2:
            break
        if principle not in principles:
            principles.append(principle)
    note = case_note_save(
        author=author,
        obligation=request.contact.obligations.get(kind=RecordKind.CASE_NOTE),
        fields={
            "narrative": "Her son rang about help with shopping. I gave him the "
            "numbers of the community shopping service and Age UK.",
            "made_decision": False,
        },
        evidence=[EvidenceInput(principle=p, evidence=EVIDENCE) for p in principles],
        options=[],
    )
    record_complete(record=note, user=author, now=completed_at)


@transaction.atomic
def demo_quality_gaps_load(*, today: date) -> None:
    """Needs the demo logins (`demo.data`): Morgan manages the team, Pat records."""
    users = {u.username: u for u in User.objects.filter(username__in=["pat", "morgan"])}
    pat, morgan = users["pat"], users["morgan"]
    team, _ = Team.objects.update_or_create(slug=GAPS_TEAM_SLUG, defaults={"name": GAPS_TEAM})
    TeamMembership.objects.update_or_create(user=morgan, team=team, defaults={"is_manager": True})
    people = {}
    for reference, (name, born, nhs, gender, ethnicity, reason, postcode) in PEOPLE.items():
        people[reference], _ = Person.objects.update_or_create(
            council_reference=reference,
            defaults={
                "name": name,
                "date_of_birth": born,
                "team": team,
                "nhs_number": nhs,
                "address": "Ware, Hertfordshire",
                "postcode": postcode,
                "gender": gender,
                "gender_same_as_birth": cld.GenderSameAsBirth.YES,
                "ethnicity": ethnicity,
                "client_type": cld.ClientType.SERVICE_USER,
                "primary_support_reason": reason,
                "accommodation_status": cld.AccommodationStatus.OWNER,
                "employment_status": cld.EmploymentStatus.NOT_SEEKING,
                "has_unpaid_carer": cld.HasUnpaidCarer.NO,
                "autism": cld.HealthCondition.NO,
                "visual_impairment": cld.HealthCondition.NO,
                "hearing_impairment": cld.HealthCondition.NO,
                "dementia": cld.HealthCondition.NO,
                "client_funding_status": cld.ClientFundingStatus.COUNCIL,
                "gp_practice": "Ware Health Centre",
                "gp_practice_code": "E82060",
            },
        )
    if Record.objects.filter(person__in=people.values()).exists():
        return  # already loaded
    # The latest quarter's 12 months: the events sit in its last months.
    end = latest_quarter_end(today)

    # Winifred: a request, screened to information and advice; no ethnicity recorded.
    request = support_request_record(
        person=people["HCC-300101"],
        received_at=_at(end - timedelta(days=40), 10),
        method=Contact.Method.PHONE,
        requester=Requester.FAMILY,
        requester_name="Her son",
        route_of_access=cld.RouteOfAccess.COMMUNITY,
        asked_for="Advice about help with shopping.",
        urgency=Urgency.STANDARD,
        recorded_by=pat,
    )
    SupportRequest.objects.filter(pk=request.pk).update(
        outcome=ScreeningOutcome.INFORMATION_AND_ADVICE,
        screened_by=pat,
        screened_at=_at(end - timedelta(days=39), 14),
    )
    _note(request, pat, _at(end - timedelta(days=39), 15))

    # Cyril: a completed assessment that does not say how it was done.
    cyril = people["HCC-300102"]
    assessment = _assessment(
        cyril,
        pat,
        started=end - timedelta(days=60),
        completed=end - timedelta(days=55),
        method=cld.MethodOfContact.FACE_TO_FACE,
    )
    _eligibility(cyril, pat, morgan, completed=end - timedelta(days=50))
    NeedsAssessment.objects.filter(pk=assessment.pk).update(method="")

    # Gloria: assessed, eligible, a plan whose home care has no unit cost.
    gloria = people["HCC-300103"]
    _assessment(
        gloria,
        pat,
        started=end - timedelta(days=90),
        completed=end - timedelta(days=85),
        method=cld.MethodOfContact.FACE_TO_FACE,
    )
    _eligibility(gloria, pat, morgan, completed=end - timedelta(days=80))
    plan = _plan(
        gloria,
        pat,
        morgan,
        completed=end - timedelta(days=75),
        service_start=end - timedelta(days=70),
    )
    PlanSupport.objects.filter(plan=plan).update(unit_cost=None)
