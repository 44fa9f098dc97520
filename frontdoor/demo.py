"""The demo front door and caseloads (issue 17), on the demo people and logins
(`demo.data`, `recording.demo`, `assessments.demo`), as on the day the demo is loaded:

- Front door (North): a request received today, urgent and not yet screened; one waiting
  three working days; requests screened to every outcome (information and advice,
  signposting, universal services, no further action with its reason, short-term support,
  assessment needed). Sam is the duty worker who took them. Olly's Hospital Discharge
  Team has its own.
- Waiting lists: needs assessments (Bernard 230 days, high priority, unallocated; Hazel
  12 days, unallocated), carer's assessments (Anjali 215 days with Riley; Lorna 9 days,
  unallocated), services (Albert 205 days; Doreen since her plan), reviews (Stan 240
  days overdue; Rebecca, restricted, 45 days overdue; Graham and Norman due soon).
- Pat carries a heavy caseload (capacity 30 hours a week, well over it); Riley is
  leaving at the end of the week, with people, waits and tasks for Morgan to move.
- Tasks: overdue, due today, due this week and completed, for Pat, Sam and Riley.
- Workload weights for every kind of work.

The front door's own services (recording a request, screening, allocating, tasks) are
being written alongside; until they land, each write below that has no service yet is
ONE function here, named after what it does (`_request_record`, `_request_screen`,
`_priority_set`, `_work_allocate`, `_person_allocate`, `_task_add`, `_task_complete`),
to be switched to the service. Contacts go through `recording.services.contact_record`
and waits through `frontdoor.services.work_item_open`.

Idempotent: people are keyed on their council reference; the rest is made once (a
second load finds the requests and stops).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import Team, User
from assessments.models import NeedsAssessment, PlanSupport
from config import cld
from frontdoor.models import (
    Allocation,
    LoadKind,
    Priority,
    Requester,
    ScreeningOutcome,
    SupportRequest,
    Task,
    Urgency,
    WorkItem,
    WorkKind,
    WorkloadWeight,
)
from frontdoor.services import work_item_open
from frontdoor.services_requests import support_request_record
from frontdoor.services_waiting import work_item_close
from principles.models import ActiveFramework, required_principles
from recording.deadlines import LONDON, working_days_before
from recording.models import ClosureDay, Contact, Person, RecordKind
from recording.services import EvidenceInput, case_note_save, record_complete

NORTH = "North Adult Care Team"
HOSPITAL = "Hospital Discharge Team"

# Hours a week one item of each kind counts for in a caseload (an administrator can
# change them in the admin).
WEIGHTS = {
    LoadKind.PERSON: Decimal("1.5"),
    LoadKind.NEEDS_ASSESSMENT: Decimal("4"),
    LoadKind.CARERS_ASSESSMENT: Decimal("3"),
    LoadKind.SERVICE: Decimal("1"),
    LoadKind.REVIEW: Decimal("2"),
    LoadKind.TASK: Decimal("0.25"),
}


@dataclass(frozen=True)
class NewPerson:
    """A person who came to the council through the front door."""

    council_reference: str
    name: str
    date_of_birth: date
    team: str
    worker: str | None  # username, or None: not allocated
    nhs_number: str
    address: str
    postcode: str
    gender: str
    ethnicity: str
    primary_support_reason: str
    client_type: str = cld.ClientType.SERVICE_USER
    has_unpaid_carer: str = cld.HasUnpaidCarer.NO
    accommodation_status: str = cld.AccommodationStatus.OWNER


W = cld.Ethnicity
R = cld.PrimarySupportReason
NEW_PEOPLE = [
    NewPerson("HCC-104301", "Margaret Oyelaran", date(1941, 5, 2), NORTH, None, "9991043012",
              "14 Fore Street\nHertford", "SG14 1AL", "Female", W.BLACK_AFRICAN,
              R.PHYSICAL_PERSONAL, has_unpaid_carer=cld.HasUnpaidCarer.YES),
    NewPerson("HCC-104302", "Derek Lowther", date(1950, 12, 8), NORTH, None, "9991043020",
              "3 Bengeo Street\nHertford", "SG14 3ET", "Male", W.WHITE_BRITISH, R.MEMORY),
    NewPerson("HCC-104303", "Joan Whitcombe", date(1947, 3, 19), NORTH, None, "9991043039",
              "22 Priory Street\nWare", "SG12 0DE", "Female", W.WHITE_BRITISH,
              R.PHYSICAL_ACCESS),
    NewPerson("HCC-104304", "Peter Nakamura", date(1958, 7, 27), NORTH, None, "9991043047",
              "Flat 2, 8 Cowbridge\nHertford", "SG14 1PG", "Male", W.ASIAN_OTHER,
              R.SOCIAL_OTHER, accommodation_status=cld.AccommodationStatus.TENANT_PRIVATE),
    NewPerson("HCC-104305", "Ivy Chambers", date(1936, 1, 11), NORTH, None, "9991043055",
              "5 Mill Road\nHertford", "SG14 1RU", "Female", W.WHITE_BRITISH,
              R.SENSORY_VISUAL),
    NewPerson("HCC-104306", "Colin Marsh", date(1944, 10, 30), NORTH, None, "9991043063",
              "41 Ware Road\nHertford", "SG13 7HR", "Male", W.WHITE_IRISH, R.PHYSICAL_PERSONAL,
              has_unpaid_carer=cld.HasUnpaidCarer.YES),
    NewPerson("HCC-104307", "Amira Haddad", date(1953, 4, 4), HOSPITAL, None, "9991043071",
              "9 Queens Road\nHitchin", "SG5 2AE", "Female", W.OTHER_ARAB, R.PHYSICAL_PERSONAL),
    NewPerson("HCC-104308", "Bernard Quigley", date(1939, 9, 14), NORTH, None, "9991043098",
              "The Bungalow, Hertingfordbury Road\nHertford", "SG14 2LA", "Male",
              W.WHITE_BRITISH, R.PHYSICAL_PERSONAL),
    NewPerson("HCC-104309", "Hazel Mbeki", date(1963, 2, 21), NORTH, None, "9991043101",
              "17 Cecil Road\nHertford", "SG13 8HR", "Female", W.BLACK_CARIBBEAN,
              R.MENTAL_HEALTH, accommodation_status=cld.AccommodationStatus.TENANT_SOCIAL),
    NewPerson("HCC-104310", "Lorna Fitch", date(1960, 6, 6), NORTH, None, "9991043128",
              "30 Bullocks Lane\nHertford", "SG13 7BG", "Female", W.WHITE_BRITISH, R.NOT_KNOWN,
              client_type=cld.ClientType.CARER),
    NewPerson("HCC-104311", "Albert Finch", date(1943, 8, 16), NORTH, "sam", "9991043136",
              "2 Port Vale\nHertford", "SG14 3AB", "Male", W.WHITE_BRITISH, R.PHYSICAL_PERSONAL),
    NewPerson("HCC-104312", "Winifred Stokes", date(1935, 11, 3), NORTH, "pat", "9991043144",
              "11 West Street\nHertford", "SG13 8EX", "Female", W.WHITE_BRITISH, R.MEMORY),
    NewPerson("HCC-104313", "Harold Dunn", date(1948, 5, 25), NORTH, "pat", "9991043152",
              "64 Sele Farm\nHertford", "SG14 2DA", "Male", W.WHITE_BRITISH,
              R.PHYSICAL_PERSONAL, accommodation_status=cld.AccommodationStatus.TENANT_SOCIAL),
    NewPerson("HCC-104314", "Lucy Pereira", date(1971, 9, 9), NORTH, "pat", "9991043160",
              "8 Byde Street\nHertford", "SG14 3BS", "Female", W.WHITE_OTHER, R.NOT_KNOWN,
              client_type=cld.ClientType.CARER),
    NewPerson("HCC-104315", "Norman Ellis", date(1937, 12, 12), NORTH, "pat", "9991043179",
              "Flat 6, Folly Island\nHertford", "SG14 1QD", "Male", W.WHITE_BRITISH,
              R.SENSORY_HEARING, accommodation_status=cld.AccommodationStatus.SHELTERED),
    NewPerson("HCC-104316", "Maureen Kelly", date(1945, 3, 1), NORTH, "riley", "9991043187",
              "27 Railway Street\nHertford", "SG14 1BA", "Female", W.WHITE_IRISH,
              R.PHYSICAL_ACCESS),
]  # fmt: skip


class _Calendar:
    def __init__(self, today: date):
        self.today = today
        self.now = timezone.now()
        self.closures = ClosureDay.dates()

    def working_days_ago(self, count: int) -> date:
        return working_days_before(self.today, count, self.closures)

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        """`day` at `hour:minute` in London, never in the future."""
        moment = datetime.combine(day, time(hour, minute), tzinfo=LONDON)
        return min(moment, self.now - timedelta(minutes=5))

    def days_ago(self, days: int, hour: int = 10) -> datetime:
        return self.at(self.today - timedelta(days=days), hour)


# --- The demo's writes: through the services, or with the past moments they happened ---


def _request_record(
    *, person, received_at, recorded_by, requester, asked_for, urgency, route, requester_name=""
) -> SupportRequest:
    """A request for support, through the front door's service (its contact starts the
    case note's clock)."""
    return support_request_record(
        person=person,
        received_at=received_at,
        method=Contact.Method.PHONE,
        requester=requester,
        requester_name=requester_name,
        route_of_access=route,
        asked_for=asked_for,
        urgency=urgency,
        recorded_by=recorded_by,
    )


def _request_screen(*, request, outcome, by, at, reason=""):
    """Screen a request to an outcome; an assessment needed puts the person on their
    team's waiting list from the day it was screened (a carer's assessment for a carer)."""
    request.outcome, request.outcome_reason = outcome, reason
    request.screened_by, request.screened_at = by, at
    request.save()
    if outcome != ScreeningOutcome.ASSESSMENT_NEEDED:
        return None
    person = request.person
    kind = (
        WorkKind.CARERS_ASSESSMENT
        if person.client_type == cld.ClientType.CARER
        else WorkKind.NEEDS_ASSESSMENT
    )
    return work_item_open(
        kind=kind, person=person, waiting_since=at.astimezone(LONDON).date(), request=request
    )


def _priority_set(*, item, priority, reason, by, at) -> None:
    """The manager sets (or reviews) a waiting item's priority, with the reason."""
    WorkItem.objects.filter(pk=item.pk).update(
        priority=priority, priority_reason=reason, priority_reviewed_by=by, priority_reviewed_at=at
    )


def _work_allocate(*, item, to, by, at, reason="") -> None:
    """Allocate (or reallocate) a piece of work; the history keeps each move."""
    previous = WorkItem.objects.get(pk=item.pk).allocated_to
    WorkItem.objects.filter(pk=item.pk).update(allocated_to=to, allocated_at=at)
    Allocation.objects.create(
        work_item=item, from_worker=previous, to_worker=to, allocated_by=by, allocated_at=at,
        reason=reason,
    )  # fmt: skip


def _person_allocate(*, person, to, by, at, reason="") -> None:
    """Allocate (or reallocate) the person themselves: their allocated worker."""
    previous = Person.objects.get(pk=person.pk).allocated_worker
    person.allocated_worker = to
    person.save(update_fields=["allocated_worker"])
    Allocation.objects.create(
        person=person, from_worker=previous, to_worker=to, allocated_by=by, allocated_at=at,
        reason=reason,
    )  # fmt: skip


def _task_add(*, what, owner, due_on, person, created_by, record=None, work_item=None) -> Task:
    task = Task(
        what=what,
        owner=owner,
        due_on=due_on,
        person=person,
        record=record,
        work_item=work_item,
        created_by=created_by,
    )
    task.full_clean()
    task.save()
    return task


def _task_complete(*, task, by, at) -> None:
    task.completed_at, task.completed_by = at, by
    task.save()


# --- The demo ---


def _note(request: SupportRequest, narrative: str, completed_at: datetime) -> None:
    """The case note of the request's contact, written and completed by who took it."""
    framework = ActiveFramework.current()
    principles = list(required_principles(framework, RecordKind.CASE_NOTE))
    for principle in framework.principles.order_by("number"):  # two, like the other notes
        if len(principles) >= 2:
            break
        if principle not in principles:
            principles.append(principle)
    author = request.created_by
    note = case_note_save(
        author=author,
        obligation=request.contact.obligations.get(kind=RecordKind.CASE_NOTE),
        fields={"narrative": narrative, "made_decision": False},
        evidence=[
            EvidenceInput(
                principle=p,
                evidence="I asked what mattered to them and what they could still do, "
                "before anything about services.",
            )
            for p in principles
        ],
        options=[],
    )
    record_complete(record=note, user=author, now=completed_at)


@transaction.atomic
def demo_front_door_load(*, today: date) -> None:
    """Needs the demo logins, teams and people (`demo.data`, `recording.demo`,
    `assessments.demo`)."""
    for kind, hours in WEIGHTS.items():
        WorkloadWeight.objects.update_or_create(kind=kind, defaults={"hours": hours})
    teams = {team.name: team for team in Team.objects.filter(name__in=[NORTH, HOSPITAL])}
    users = {
        user.username: user
        for user in User.objects.filter(username__in=["pat", "sam", "riley", "morgan", "olly"])
    }
    people = {}
    for spec in NEW_PEOPLE:
        people[spec.council_reference], _ = Person.objects.update_or_create(
            council_reference=spec.council_reference,
            defaults={
                "name": spec.name,
                "date_of_birth": spec.date_of_birth,
                "team": teams[spec.team],
                "nhs_number": spec.nhs_number,
                "address": spec.address,
                "postcode": spec.postcode,
                "gender": spec.gender,
                "gender_same_as_birth": cld.GenderSameAsBirth.YES,
                "ethnicity": spec.ethnicity,
                "primary_support_reason": spec.primary_support_reason,
                "client_type": spec.client_type,
                "has_unpaid_carer": spec.has_unpaid_carer,
                "accommodation_status": spec.accommodation_status,
                "employment_status": cld.EmploymentStatus.NOT_SEEKING,
            },
        )
    if SupportRequest.objects.filter(person__in=people.values()).exists():
        return  # already loaded
    people.update(
        {
            p.council_reference: p
            for p in Person.objects.filter(council_reference__startswith="HCC-")
        }
    )
    _load(_Calendar(today), people, users)


def _load(cal: _Calendar, people: dict, users: dict) -> None:
    pat, sam, riley, morgan, olly = (users[n] for n in ("pat", "sam", "riley", "morgan", "olly"))
    today = cal.today

    def person(ref: str) -> Person:
        return people[ref]

    # Everyone allocated has the allocation on their history.
    for p in people.values():
        if p.allocated_worker_id and not p.allocations.exists() and p.team.name == NORTH:
            Allocation.objects.create(
                person=p, to_worker=p.allocated_worker, allocated_by=morgan,
                allocated_at=cal.days_ago(400),
            )  # fmt: skip
    for spec in NEW_PEOPLE:
        if spec.worker:
            _person_allocate(
                person=person(spec.council_reference), to=users[spec.worker], by=morgan,
                at=cal.days_ago(90),
            )  # fmt: skip

    # --- The front door: requests at every stage ---
    _request_record(
        person=person("HCC-104301"),
        received_at=cal.at(today, 9, 5),
        recorded_by=sam,
        requester=Requester.FAMILY,
        requester_name="Grace Oyelaran, her daughter, 07700 900 311",
        asked_for="Margaret fell last night and cannot get up the stairs; there is no food "
        "in the house and Grace lives in Leeds.",
        urgency=Urgency.URGENT,
        route=cld.RouteOfAccess.COMMUNITY,
    )  # received today, urgent, not screened yet
    waiting = _request_record(
        person=person("HCC-104302"),
        received_at=cal.at(cal.working_days_ago(3), 11, 20),
        recorded_by=sam,
        requester=Requester.GP,
        requester_name="Dr Sandhu, Wallace House Surgery",
        asked_for="Memory getting worse; left the gas on twice. Lives alone.",
        urgency=Urgency.STANDARD,
        route=cld.RouteOfAccess.COMMUNITY,
    )  # waiting three working days to be screened
    _note(
        waiting,
        "Dr Sandhu rang about Derek's memory. I took the details.",
        waiting.received_at + timedelta(hours=1),
    )

    screened = [
        ("HCC-104303", Requester.ONLINE, "Advice about paying for care.", 10,
         ScreeningOutcome.INFORMATION_AND_ADVICE, ""),
        ("HCC-104304", Requester.VOLUNTARY, "Help to get out and meet people.", 8,
         ScreeningOutcome.SIGNPOSTING, ""),
        ("HCC-104305", Requester.PERSON, "Equipment to read her post.", 7,
         ScreeningOutcome.UNIVERSAL_SERVICES, ""),
        ("HCC-104306", Requester.FAMILY, "Help at home after his knee operation.", 6,
         ScreeningOutcome.NO_FURTHER_ACTION,
         "His son has moved in to help while he recovers; Colin declined any other support "
         "and knows how to ask again."),
        ("HCC-104308", Requester.GP, "Struggling to wash and dress; falls.", 230,
         ScreeningOutcome.ASSESSMENT_NEEDED, ""),
        ("HCC-104309", Requester.COMMUNITY_HEALTH, "Not coping at home since her mother died.",
         12, ScreeningOutcome.ASSESSMENT_NEEDED, ""),
        ("HCC-104310", Requester.CARER, "A break from caring for her husband.", 9,
         ScreeningOutcome.ASSESSMENT_NEEDED, ""),
        ("HCC-104312", Requester.FAMILY, "Forgetting meals; wandering at night.", 60,
         ScreeningOutcome.ASSESSMENT_NEEDED, ""),
        ("HCC-104313", Requester.HOSPITAL, "Home from hospital; needs help with personal care.",
         95, ScreeningOutcome.ASSESSMENT_NEEDED, ""),
        ("HCC-104314", Requester.CARER, "Caring for her brother; exhausted.", 20,
         ScreeningOutcome.ASSESSMENT_NEEDED, ""),
        ("HCC-104316", Requester.PERSON, "Cannot manage the steps to her front door.", 40,
         ScreeningOutcome.ASSESSMENT_NEEDED, ""),
    ]  # fmt: skip
    items = {}
    for ref, requester, asked_for, days, outcome, reason in screened:
        received = cal.days_ago(days, 9)
        request = _request_record(
            person=person(ref),
            received_at=received,
            recorded_by=sam,
            requester=requester,
            asked_for=asked_for,
            urgency=Urgency.HIGH if days > 100 else Urgency.STANDARD,
            route=cld.RouteOfAccess.HOSPITAL_DISCHARGE
            if requester == Requester.HOSPITAL
            else cld.RouteOfAccess.COMMUNITY,
        )
        _note(request, f"Took the request: {asked_for}", received + timedelta(hours=2))
        items[ref] = _request_screen(
            request=request, outcome=outcome, reason=reason, by=sam,
            at=received + timedelta(hours=4),
        )  # fmt: skip
    # The Hospital Discharge Team's front door: reablement for Amira, an assessment
    # for Frank (waiting, not allocated: the team has no demo manager).
    amira = _request_record(
        person=person("HCC-104307"),
        received_at=cal.days_ago(2, 9),
        recorded_by=olly,
        requester=Requester.HOSPITAL,
        requester_name="Discharge team, Lister Hospital",
        asked_for="Ready to go home after a hip replacement; needs help for a few weeks.",
        urgency=Urgency.HIGH,
        route=cld.RouteOfAccess.HOSPITAL_DISCHARGE,
    )
    _note(
        amira, "The ward rang: Amira is ready to go home.", amira.received_at + timedelta(hours=1)
    )
    _request_screen(
        request=amira, outcome=ScreeningOutcome.SHORT_TERM_SUPPORT, by=olly,
        at=amira.received_at + timedelta(hours=3),
    )  # fmt: skip
    frank = _request_record(
        person=person("HCC-104273"),
        received_at=cal.days_ago(5, 10),
        recorded_by=olly,
        requester=Requester.HOSPITAL,
        asked_for="Assessment before he goes home to Bramble.",
        urgency=Urgency.HIGH,
        route=cld.RouteOfAccess.HOSPITAL_DISCHARGE,
    )
    _note(
        frank,
        "The ward asked for an assessment before discharge.",
        frank.received_at + timedelta(hours=1),
    )
    _request_screen(
        request=frank, outcome=ScreeningOutcome.ASSESSMENT_NEEDED, by=olly,
        at=frank.received_at + timedelta(hours=2),
    )  # fmt: skip

    # --- Priorities, set by Morgan with reasons ---
    for ref, priority, reason, days in [
        ("HCC-104308", Priority.HIGH, "Two falls this month and no support at home.", 30),
        ("HCC-104309", Priority.LOW, "Her sister is staying for a month.", 10),
        ("HCC-104310", Priority.HIGH, "Carer at breaking point.", 8),
        ("HCC-104313", Priority.HIGH, "Home alone since discharge.", 90),
    ]:
        _priority_set(
            item=items[ref], priority=priority, reason=reason, by=morgan,
            at=cal.days_ago(days, 16),
        )  # fmt: skip

    # --- Other waits: a carer's assessment, services, reviews, an assessment in hand ---
    anjali = work_item_open(
        kind=WorkKind.CARERS_ASSESSMENT,
        person=person("HCC-104259"),
        waiting_since=today - timedelta(days=215),
        priority=Priority.MEDIUM,
        priority_reason="Dinesh's dementia is progressing.",
    )
    albert = work_item_open(
        kind=WorkKind.SERVICE,
        person=person("HCC-104311"),
        waiting_since=today - timedelta(days=205),
        priority=Priority.HIGH,
        priority_reason="No provider has a morning call free in his village.",
    )
    doreen = person("HCC-104211")
    doreen_service = work_item_open(
        kind=WorkKind.SERVICE, person=doreen, waiting_since=today - timedelta(days=18)
    )
    kwame = work_item_open(
        kind=WorkKind.NEEDS_ASSESSMENT,
        person=person("HCC-104230"),
        waiting_since=today - timedelta(days=45),
    )
    # Rebecca's support started three weeks after her plan was authorised, long ago.
    rebecca_service = WorkItem.objects.open().filter(
        person__council_reference="HCC-104237", kind=WorkKind.SERVICE
    )
    for item in rebecca_service:
        work_item_close(item=item, by=pat, started_on=item.waiting_since + timedelta(days=21))
    # Reviews: by the person's review date, overdue or due soon.
    reviews = {}
    for ref, due in [
        ("HCC-104266", today - timedelta(days=240)),  # Stan, Riley's: long overdue
        ("HCC-104237", today - timedelta(days=45)),  # Rebecca, restricted, Pat's
        ("HCC-104315", today - timedelta(days=30)),  # Norman, Pat's
        ("HCC-104252", today + timedelta(days=10)),  # Graham, Sam's: due soon
    ]:
        Person.objects.filter(council_reference=ref).update(review_due=due)
        reviews[ref] = work_item_open(kind=WorkKind.REVIEW, person=person(ref), waiting_since=due)

    # --- Allocations, with history ---
    for item, worker, days in [
        (anjali, riley, 150),
        (albert, sam, 200),
        (doreen_service, pat, 17),
        (kwame, pat, 44),
        (items["HCC-104312"], pat, 55),
        (items["HCC-104314"], pat, 15),
        (items["HCC-104316"], riley, 35),
        (reviews["HCC-104266"], riley, 200),
        (reviews["HCC-104237"], pat, 40),
        (reviews["HCC-104315"], pat, 25),
        (reviews["HCC-104252"], sam, 1),
    ]:
        _work_allocate(item=item, to=worker, by=morgan, at=cal.days_ago(days, 11))
    # Harold's assessment went to Riley first, then to Pat.
    harold = items["HCC-104313"]
    _work_allocate(item=harold, to=riley, by=morgan, at=cal.days_ago(90, 11))
    _work_allocate(
        item=harold, to=pat, by=morgan, at=cal.days_ago(60, 11),
        reason="Riley's caseload was full; Pat knows the family.",
    )  # fmt: skip

    # --- Tasks: overdue, due today, this week, done ---
    tariq, eleanor = person("HCC-104218"), person("HCC-104225")
    stan, anjali_person = person("HCC-104266"), person("HCC-104259")
    for what, owner, due, who, item in [
        ("Ring Martin about when the gardening club starts", pat, -3, doreen, doreen_service),
        ("Send Tariq his assessment in Urdu", pat, 0, tariq, None),
        ("Book a BSL interpreter for Eleanor's next visit", pat, 3, eleanor, None),
        ("Ask the GP for Kwame's discharge letter", pat, 5, person("HCC-104230"), kwame),
        ("Check the bathing equipment arrived", sam, 1, person("HCC-104311"), albert),
        ("Ring Ania about her father's review", riley, -6, stan, reviews["HCC-104266"]),
        ("Send Anjali the carer's assessment form", riley, 2, anjali_person, anjali),
    ]:
        _task_add(
            what=what, owner=owner, due_on=today + timedelta(days=due), person=who,
            created_by=owner, work_item=item,
        )  # fmt: skip
    done = _task_add(
        what="Ask the GP for Kwame's medication list",
        owner=pat,
        due_on=today - timedelta(days=4),
        person=person("HCC-104230"),
        created_by=pat,
    )
    _task_complete(task=done, by=pat, at=cal.days_ago(5, 15))
    _dhsc_waits_load(cal, people, sam)


# --- DHSC's waiting times (issue 18, part 7) ---

# Earlier requests of people with assessments and plans (`assessments.demo`), so the
# waiting lists' "Waiting times as DHSC measures them" has numbers in recent quarters:
# (reference, the request's days ago, the assessment's start in days before its
# completion, what the request asked for).
DHSC_CHAINS = [
    ("HCC-104237", 450, 10, "Not managing at home with the children since her diagnosis."),
    ("HCC-104211", 70, 10, "Frightened of the bath since her fall; her son rang."),
    ("HCC-104225", 25, 7, "Her partner asked for help with washing and dressing."),
    ("HCC-104218", 30, 11, "Help with washing and dressing on bad days."),
]


def _dhsc_waits_load(cal: _Calendar, people: dict, sam) -> None:
    """Each chain's request (screened to an assessment; the assessment followed it, so no
    wait is opened), and the CLD fields DHSC counts that the assessment and plan lack:
    only what is blank is filled, and an assessment started when the demo was loaded
    starts a few days before it was completed instead."""
    for ref, days, took, asked_for in DHSC_CHAINS:
        person = people[ref]
        received = cal.days_ago(days, 9)
        request = _request_record(
            person=person, received_at=received, recorded_by=sam, requester=Requester.FAMILY,
            asked_for=asked_for, urgency=Urgency.STANDARD, route=cld.RouteOfAccess.COMMUNITY,
        )  # fmt: skip
        _note(request, f"Took the request: {asked_for}", received + timedelta(hours=2))
        request.outcome = ScreeningOutcome.ASSESSMENT_NEEDED
        request.screened_by, request.screened_at = sam, received + timedelta(hours=4)
        request.save()
        assessments = NeedsAssessment.objects.filter(
            person=person, kind=RecordKind.NEEDS_ASSESSMENT, completed_at__isnull=False
        )
        for field, value in (
            ("assessment_type", cld.AssessmentType.LONG_TERM),
            ("method", cld.MethodOfContact.FACE_TO_FACE),
            ("outcome", cld.EventOutcome.SUPPORT_PLANNING),
        ):
            assessments.filter(**{field: ""}).update(**{field: value})
        for assessment in assessments.filter(created_at__gt=F("completed_at")):
            NeedsAssessment.objects.filter(pk=assessment.pk).update(
                created_at=assessment.completed_at - timedelta(days=took)
            )
        PlanSupport.objects.filter(plan__person=person, service_type="").update(
            service_type=cld.ServiceType.LTS_COMMUNITY
        )
