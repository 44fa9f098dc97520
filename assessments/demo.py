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


def _plan(person, author, *, completed_on: date, review_date: date) -> Record:
    record = _record(
        person,
        author,
        RecordKind.CARE_PLAN,
        {
            "personal_budget": Decimal("150.00"),
            "top_up": Decimal("15.50"),
            "top_up_notes": "She pays the club's extra £15.50 a week herself.",
            "direct_payments": False,
            "direct_payments_why_not": "She does not want to manage the money or employ a carer.",
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
                    "weekly_cost": Decimal("120.00"),
                },
                {
                    "need": "Getting out and seeing people",
                    "how_met": "The Tuesday community gardening club, with transport.",
                    "kind": "non_traditional",
                    "provider": "Green Fingers CIC",
                    "weekly_cost": Decimal("45.50"),
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
    )
    # Authorised two days after (the front door's demo says when her support started).
    authorisation_decide(
        record=plan, manager=morgan, authorise=True, now=_moment(today - timedelta(days=408))
    )
    Person.objects.filter(pk=rebecca.pk).update(review_due=today - timedelta(days=45))

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
