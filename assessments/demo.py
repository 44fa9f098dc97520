"""Demo Care Act records on the demo people (`recording.demo`): a whole journey to an
authorised plan with a top-up whose copy is not yet given, an eligibility decision
awaiting authorisation, one returned to its author with a reason, an overdue review, a
safeguarding concern needing immediate action, and a full assessment in progress.
Written through the services, like real use."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from assessments.models import Outcome
from assessments.services import (
    authorisation_decide,
    care_act_record_complete,
    care_act_record_save,
    care_act_record_start,
    copy_given_record,
)
from assessments.services_support import service_state, support_service_change
from config import cld
from principles.models import ActiveFramework, required_principles
from recording.deadlines import LONDON
from recording.models import Person, Record, RecordKind
from recording.services import EvidenceInput

EVIDENCE = {
    RecordKind.NEEDS_ASSESSMENT: "We met at her kitchen table, at a time she chose. I started "
    "with what she can do and what matters to her, and said which duties under the Care "
    "Act 2014 applied.",
    RecordKind.ELIGIBILITY: "The decision follows the three conditions of the 2015 "
    "Regulations, with the reasons written so that she can follow them.",
    RecordKind.CARE_PLAN: "She chose the gardening club over a day centre. It meets her "
    "needs, is safe, and costs a little more than the budget: she pays the difference. "
    "NHS funding was checked first.",
    RecordKind.CARERS_ASSESSMENT: "We met when Dinesh was at his day centre, so Anju could "
    "speak freely. I started from what she wants for herself, not only for him.",
    RecordKind.REVIEW: "We built on what is going well and on the friends she has made.",
    RecordKind.SAFEGUARDING: "I asked Siobhan what she wanted to happen before anything "
    "else, and acted on the least intrusive option that keeps her safe.",
}


# The CLD answers of the demo's completed assessments (issue 18): DHSC's own spellings.
DEMO_ASSESSMENT_RETURN = {
    "assessment_type": cld.AssessmentType.LONG_TERM.value,
    "method": cld.MethodOfContact.FACE_TO_FACE.value,
    "outcome": cld.EventOutcome.SUPPORT_PLANNING.value,
}


def _evidence(kind: str) -> list[EvidenceInput]:
    framework = ActiveFramework.current()
    return [
        EvidenceInput(principle=principle, evidence=EVIDENCE[kind])
        for principle in required_principles(framework, kind)
    ]


def _moment(day: date, hour: int = 15) -> datetime:
    return min(datetime.combine(day, time(hour), tzinfo=LONDON), timezone.now())


def _record(person, author, kind, fields, children=None, **start) -> Record:
    record = care_act_record_start(kind=kind, person=person, author=author, **start)
    return care_act_record_save(
        record=record, author=author, fields=fields, evidence=_evidence(kind), children=children
    )


def _assessment(person, author, *, completed_on: date) -> Record:
    record = _record(
        person,
        author,
        RecordKind.NEEDS_ASSESSMENT,
        {
            "what_matters": '"I want to stay in my own home, and keep my garden going. '
            "I don't want strangers in my house every day.\"",
            "strengths_personal": "Cooks for herself most days and manages her own money.",
            "strengths_family": "Her daughter, Julie, visits on Sundays.",
            "strengths_community": "Knows her neighbours well; used to go to the allotment.",
            "wellbeing_impact": "Since her fall she is frightened of the bath and has stopped "
            "going out. She says she feels lonely.",
            "mental_capacity": "no_doubt",
            "advocacy": "not_needed",
            "prevention_advice": "Referred to the falls prevention class at the library, and "
            "gave the number for the Age UK handyperson service.",
            # The statutory return: a visit at home; an eligibility decision follows.
            **DEMO_ASSESSMENT_RETURN,
        },
        form_type="proportionate",
    )
    return care_act_record_complete(record=record, user=author, now=_moment(completed_on))


def _eligibility(person, author, *, completed_on: date, **text) -> Record:
    """An eligible determination; `text` replaces any of its written fields."""
    record = _record(
        person,
        author,
        RecordKind.ELIGIBILITY,
        {
            "needs_from_impairment": True,
            "impairment_notes": "Osteoarthritis in both knees, and a fall in the summer.",
            "outcomes_not_achieved": [Outcome.HYGIENE.value, Outcome.COMMUNITY.value],
            "wellbeing_significant": True,
            "wellbeing_notes": "She is isolated and anxious, and at risk of another fall.",
            "decision": "eligible",
            "reasons": "Her needs come from her arthritis. She cannot bathe safely or get "
            "out to see people without help. This has a big effect on her wellbeing.",
        }
        | text,
    )
    return care_act_record_complete(record=record, user=author, now=_moment(completed_on))


# The CLD service details of the demo plans' supports (DHSC's confirmed values): home
# care the council commissions, £20 an hour for 6 hours a week (£120.00), and the
# gardening club, paid by direct payment, £197.17 a month (£45.50 a week).
SERVICES = {
    "bathing": {
        "service_type": cld.ServiceType.LTS_COMMUNITY,
        "service_component": cld.ServiceComponent.HOME_SUPPORT,
        "delivery_mechanism": cld.DeliveryMechanism.COMMISSIONED,
        "provider_cqc_location_id": "1-108765432",
        "unit_cost": Decimal("20.00"),
        "cost_frequency": cld.CostFrequency.HOURLY,
        "planned_units_per_week": Decimal("6"),
    },
    "club": {
        "service_type": cld.ServiceType.LTS_COMMUNITY,
        "service_component": cld.ServiceComponent.DIRECT_PAYMENT,
        "delivery_mechanism": cld.DeliveryMechanism.DIRECT_PAYMENT,
        "unit_cost": Decimal("197.17"),
        "cost_frequency": cld.CostFrequency.MONTHLY,
    },
}


def _plan(person, author, *, completed_on: date, review_date: date, service_start: date) -> Record:
    record = _record(
        person,
        author,
        RecordKind.CARE_PLAN,
        {
            "personal_budget": Decimal("150.00"),
            "top_up": Decimal("15.50"),
            "top_up_notes": "She pays the club's extra £15.50 a week herself.",
            "direct_payments": True,
            "health_funding_considered": True,
            "health_funding_notes": "No nursing needs: Continuing Healthcare checklist not met.",
            "contingency_plan": "If a carer cannot come, the agency calls Julie.",
            "review_date": review_date,
        },
        children={
            "outcomes": [
                {"statement": "I want to have a bath safely twice a week."},
                {"statement": "I want to see people and get my hands in the soil again."},
            ],
            "supports": [
                {
                    "need": "Bathing safely",
                    "how_met": "A carer from Riverside Home Care helps her bathe twice a week.",
                    "kind": "traditional",
                    "provider": "Riverside Home Care",
                    **SERVICES["bathing"],
                    "start_date": service_start,
                },
                {
                    "need": "Getting out and seeing people",
                    "how_met": "The Tuesday community gardening club, with transport.",
                    "kind": "non_traditional",
                    "provider": "Green Fingers CIC",
                    **SERVICES["club"],
                    "start_date": service_start,
                    "meets_assessed_needs": True,
                    "safe_lawful_appropriate": True,
                },
            ],
        },
    )
    return care_act_record_complete(record=record, user=author, now=_moment(completed_on))


def demo_care_act_load(*, today: date) -> None:
    """Needs the demo people and logins (`demo.data`, `recording.demo`)."""
    users = {u.username: u for u in User.objects.filter(username__in=["pat", "morgan"])}
    pat, morgan = users["pat"], users["morgan"]
    people = {
        p.council_reference: p for p in Person.objects.filter(council_reference__startswith="HCC-")
    }
    if Record.objects.filter(
        person__in=people.values(), kind__in=[RecordKind.NEEDS_ASSESSMENT]
    ).exists():
        return  # already loaded

    # Doreen: assessment -> eligibility -> plan with a top-up, all authorised; she has
    # her assessment, but no record yet that she received her plan.
    doreen = people["HCC-104211"]
    assessment = _assessment(doreen, pat, completed_on=today - timedelta(days=40))
    copy_given_record(
        record=assessment,
        given_on=today - timedelta(days=38),
        channel="post",
        format="standard",
        user=pat,
    )
    eligibility = _eligibility(doreen, pat, completed_on=today - timedelta(days=30))
    authorisation_decide(record=eligibility, manager=morgan, authorise=True)
    plan = _plan(
        doreen,
        pat,
        completed_on=today - timedelta(days=20),
        review_date=today + timedelta(days=330),
        service_start=today + timedelta(days=7),  # she is still waiting for it
    )
    # Authorised two days after: she has waited for her service since then.
    authorisation_decide(
        record=plan, manager=morgan, authorise=True, now=_moment(today - timedelta(days=18))
    )

    # Eleanor: an eligibility determination waiting for Morgan to authorise.
    eleanor = people["HCC-104225"]
    _assessment(eleanor, pat, completed_on=today - timedelta(days=12))
    _eligibility(eleanor, pat, completed_on=today - timedelta(days=2))

    # Tariq: Morgan returned his eligibility determination to Pat with a reason; Pat sees
    # it under "Returned to you" on Home and My recording.
    tariq = people["HCC-104218"]
    _assessment(tariq, pat, completed_on=today - timedelta(days=9))
    eligibility = _eligibility(
        tariq,
        pat,
        completed_on=today - timedelta(days=5),
        impairment_notes="Multiple sclerosis since 2015; his fatigue is worse after lunch.",
        wellbeing_notes="He is worried about keeping his job and about money.",
        reasons="His needs come from his multiple sclerosis. On bad days he cannot wash or "
        "dress safely without help. This has a big effect on his wellbeing.",
    )
    authorisation_decide(
        record=eligibility,
        manager=morgan,
        authorise=False,
        reason="The reasons do not say how his tiredness in the afternoons affects his work "
        "from home, which he told you matters most. Please add it, and say whether he had "
        "an Urdu interpreter for the questions about money.",
        now=_moment(today - timedelta(days=4), hour=11),
    )

    # Rebecca: her annual review is overdue.
    rebecca = people["HCC-104237"]
    _assessment(rebecca, pat, completed_on=today - timedelta(days=420))
    eligibility = _eligibility(rebecca, pat, completed_on=today - timedelta(days=415))
    authorisation_decide(record=eligibility, manager=morgan, authorise=True)
    plan = _plan(
        rebecca,
        pat,
        completed_on=today - timedelta(days=410),
        review_date=today + timedelta(days=300),
        service_start=today - timedelta(days=387),
    )
    # Authorised two days after (the front door's demo says when her support started).
    authorisation_decide(
        record=plan, manager=morgan, authorise=True, now=_moment(today - timedelta(days=408))
    )
    _rebecca_review(rebecca, pat, plan, today=today)
    Person.objects.filter(pk=rebecca.pk).update(review_due=today - timedelta(days=45))
    _service_end(plan, pat, today=today)

    # Siobhan: a safeguarding concern that needs action now.
    siobhan = people["HCC-104244"]
    concern = _record(
        siobhan,
        pat,
        RecordKind.SAFEGUARDING,
        {
            "concern": "Siobhan told me a man from the flats has been taking her money on "
            "benefits day.",
            "persons_wishes": '"I want him to stop. I don\'t want to move."',
            "empowerment": "She decided who we told.",
            "prevention": "Her bank card now stays with her support worker's safe.",
            "proportionality": "She stays at home; we act on the person, not on her.",
            "protection": "Police informed with her agreement.",
            "partnership": "Working with her housing officer and the police.",
            "accountability": "I lead; my manager oversees; reviewed in 5 working days.",
            "action_taken": "Police called; housing officer visiting today.",
            "immediate_action": True,
        },
    )
    care_act_record_complete(record=concern, user=pat)
    _demo_enquiries(siobhan_concern=concern, graham=people["HCC-104252"], pat=pat, today=today)

    # Kwame: a full assessment in progress.
    kwame = people["HCC-104230"]
    _record(
        kwame,
        pat,
        RecordKind.NEEDS_ASSESSMENT,
        {"what_matters": '"I want to get back to work at the library."'},
        form_type="full",
    )
    _anjali_carers_assessment(people["HCC-104259"], today=today)


def _anjali_carers_assessment(anjali: Person, *, today: date) -> None:
    """Issue 18: Anju's carer's assessment last winter, eligible under the carers'
    criteria (regulation 3) and authorised; she has both copies. (Her wait on the front
    door's list is for a new one, now that Dinesh is awake most nights.)"""
    riley, morgan = User.objects.get(username="riley"), User.objects.get(username="morgan")
    assessed_on, decided_on = today - timedelta(days=300), today - timedelta(days=295)
    assessment = _record(
        anjali,
        riley,
        RecordKind.CARERS_ASSESSMENT,
        {
            "what_matters": '"I want to keep looking after Dinesh at home. I need some '
            'sleep, and an afternoon a week that is mine."',
            "caring_role": "Anju cares for her husband Dinesh, who has dementia: meals, "
            "medicines, washing, appointments, and nights when he is unsettled.",
            "able_to_care": "partly",
            "willing_to_care": "yes",
            "caring_impact": "She sleeps badly, has given up her job at the pharmacy, and "
            "rarely sees her friends from the temple.",
            "carers_outcomes": "A regular afternoon off, a night's sleep most weeks, and to "
            "keep going to the temple on Sundays.",
            "wellbeing_impact": "Her physical health and her mood are suffering.",
            "strengths_personal": "Her daughter visits on Saturdays; Anju is organised and "
            "knows Dinesh's routines well.",
            "prevention_advice": "The local carers' centre, the carer's emergency card, and a "
            "carer's health check at her GP.",
            "method": cld.MethodOfContact.FACE_TO_FACE,
            "outcome": cld.EventOutcome.SUPPORT_PLANNING,
        },
    )
    assessment = care_act_record_complete(record=assessment, user=riley, now=_moment(assessed_on))
    copy_given_record(
        record=assessment, given_on=assessed_on, channel="in_person", format="standard", user=riley
    )
    eligibility = _record(
        anjali,
        riley,
        RecordKind.ELIGIBILITY,
        {
            "needs_from_impairment": True,
            "impairment_notes": "Her needs come from the care she gives Dinesh every day "
            "and most nights.",
            "outcomes_not_achieved": ["health", "work_education", "recreation"],
            "wellbeing_significant": True,
            "wellbeing_notes": "She is exhausted, and at risk of not being able to go on.",
            "decision": "eligible",
            "reasons": "Caring for Dinesh puts Anju's health at risk and has cost her her "
            "job and her time for herself. This has a big effect on her wellbeing.",
        },
    )
    eligibility = care_act_record_complete(record=eligibility, user=riley, now=_moment(decided_on))
    authorisation_decide(
        record=eligibility, manager=morgan, authorise=True, now=_moment(decided_on, hour=16)
    )
    copy_given_record(
        record=eligibility,
        given_on=decided_on + timedelta(days=1),
        channel="post",
        format="standard",
        user=riley,
    )


def _service_end(plan: Record, user, *, today: date) -> None:
    """Rebecca's gardening club closed two months ago: one ended service in the return."""
    club = plan.supports.get(position=2)
    support_service_change(
        support=club,
        user=user,
        values={
            "end_date": today - timedelta(days=60),
            "end_outcome": cld.EventOutcome.NFA_ENDED_OTHER,
        },
        seen=service_state(club),
        today=today,
    )


def _demo_enquiries(*, siobhan_concern, graham, pat, today: date) -> None:
    """The Safeguarding Adults Collection's numbers (issue 18, part 6): Siobhan's concern
    led to a section 42 enquiry, still going on; Graham's concern in the last full
    financial year led to one concluded with every answer, so the SAC page's default
    year has it."""
    from assessments.models import SafeguardingConcern
    from assessments.services_enquiry import enquiry_save
    from config import sac

    enquiry_save(
        concern=siobhan_concern,
        user=pat,
        fields={"outcome_of_concern": "s42", "started_on": today},
        risk_types=[sac.RiskType.FINANCIAL],
        sources=[sac.SourceOfRisk.KNOWN],
    )
    # The financial year (1 April to 31 March) that ended last.
    first = today.year - 1 if today >= date(today.year, 4, 1) else today.year - 2
    raised_on = date(first, 10, 14)
    framework = ActiveFramework.current()
    evidence = [
        EvidenceInput(
            principle=principle,
            evidence="I asked Graham what he wanted to happen before anything else, and "
            "acted on the least intrusive option that keeps him safe.",
        )
        for principle in required_principles(framework, RecordKind.SAFEGUARDING)
    ]
    concern = care_act_record_start(kind=RecordKind.SAFEGUARDING, person=graham, author=pat)
    concern = care_act_record_save(
        record=concern,
        author=pat,
        evidence=evidence,
        fields={
            "concern": "Graham's carer from the agency told us he had bruises on his arms "
            "and was frightened of the new night carer.",
            "persons_wishes": '"I want to feel safe at night. I want to keep Ron out of it."',
            "empowerment": "He chose to speak to us on his own, at the allotment.",
            "prevention": "Two carers at night while the agency looks into it.",
            "proportionality": "He stays at home; the agency moves the night carer.",
            "protection": "The agency suspended the night carer the same day.",
            "partnership": "With the agency's manager and the Care Quality Commission.",
            "accountability": "I lead; my manager oversees; reviewed weekly.",
            "action_taken": "Agency told; night carer suspended; CQC informed.",
        },
    )
    concern = care_act_record_complete(record=concern, user=pat, now=_moment(raised_on))
    enquiry_save(
        concern=SafeguardingConcern.objects.get(pk=concern.pk),
        user=pat,
        fields={
            "outcome_of_concern": "s42",
            "started_on": raised_on + timedelta(days=2),
            "concluded_on": raised_on + timedelta(days=45),
            "location": sac.RiskLocation.OWN_HOME,
            "asked_outcomes": sac.AskedOutcomes.EXPRESSED,
            "outcomes_achieved": sac.OutcomesAchieved.FULLY,
            "action_and_result": sac.ActionAndResult.RISK_ACTION,
            "risk_outcome": sac.RiskOutcome.REMOVED,
            "lacked_capacity": False,
        },
        risk_types=[sac.RiskType.PHYSICAL, sac.RiskType.PSYCHOLOGICAL],
        sources=[sac.SourceOfRisk.SERVICE_PROVIDER],
    )


def _rebecca_review(rebecca: Person, pat, plan: Record, *, today: date) -> None:
    """Issue 18: Rebecca's six-month review, held 200 days ago, set her next one for 45
    days ago (now overdue): a completed review for the statutory return."""
    held_on = today - timedelta(days=200)
    review = _record(
        rebecca,
        pat,
        RecordKind.REVIEW,
        {
            "review_date": held_on,
            "summary": '"The baths are going well. I love Tuesdays at the club."',
            "changes": "None for now: the same support.",
            "next_review_date": today - timedelta(days=45),
            "review_reason": cld.ReviewReason.PLANNED,
            "method": cld.MethodOfContact.FACE_TO_FACE,
            "outcomes_achieved": cld.ReviewOutcomesAchieved.FULLY,
            "outcome": cld.EventOutcome.CONTINUATION,
        },
        children={
            "progress": [
                {"outcome": outcome, "progress": "achieved", "notes": ""}
                for outcome in plan.outcomes.all()
            ]
        },
    )
    care_act_record_complete(record=review, user=pat, now=_moment(held_on))
