"""Waiting times as DHSC measures them (issue 18, part 7): from a request for support to
the first response (an assessment or a service) and to the first service, in calendar
days, as medians by quarter and age band -- DHSC's method (`Waiting_times/waiting_times_
method.sql`, version 1.1 of 19 May 2026, "provisional") applied to the record's own
events, which are the events of the council's Client Level Data return:

- a **request** is a screened `SupportRequest`: it starts on the local day it was
  received and its outcome is the screening outcome's CLD outcome (`CLD_OUTCOME`);
- an **assessment** is a completed needs assessment (a carer's assessment is not one)
  of type short term or long term (a blank type is not counted, as DHSC does not count
  NULL): it starts on the local day it was started (`created_at`) and ends on the day it
  was completed;
- a **service** is a support in an authorised care and support plan of one of the seven
  service types that are not for unpaid carers: it starts on its start date (else the
  day the plan was authorised) and ends on its end date (open: none).

DHSC's filters and rules (the SQL's stages in brackets):
- requests of service users (client type), from 1 April 2023, of people aged 25 or over
  at the request's start [1.3a, 1.3b]; assessments and services of people aged 25 or
  over at their start [2.1];
- a request is left out if the person is an existing client: a long-term service that
  started before the request and is open or ended within the 12 months before it, or an
  ST-Max or other short-term service that did so within the 3 months before it [1.3c];
- a request whose outcome shows no progress (any "NFA" outcome, admitted to hospital, or
  none) is left out [1.4];
- a person's events in order (start day; request, then assessment, then service on the
  same day; the latest record first); consecutive assessments form a block, which
  "indicates progress to service" if any of them had the outcome reablement, support
  planning or continuation of support [2.3];
- each request's first response is the first assessment after it, unless a service
  comes first (or there is no assessment): then that service [2.4, 3.2]. (DHSC's
  "conversation 1" override is for Release 1 data only [3.1]: not used.)
- its first service is the first service after it, dropped when the first response was
  an assessment whose block did not indicate progress to service [3.3];
- a request is left out when it starts before the previous request's follow-up ended
  (the previous request's first response or service comes after it), or when its first
  response or service is one an earlier request already had [3.4];
- a wait counts in the quarter (calendar: January, April, July, October) in which the
  first response (or first service) started, and in the age band ("25 to 64",
  "65 and above") of the person at that event's end -- an open service's: today's [4];
  the median is `PERCENTILE_CONT(0.5)`: the middle wait, or the mean of the two middle
  waits for an even count [4.2]. Quarters are shown from April 2024, as DHSC's dashboard.

An age is DHSC's: whole years from the first day of the month of birth, a year being
365.25 days (`GetDerivedFields`).

Three queries whatever the size, each read in chunks and in person order, so one
person's events are in memory at a time; the waits are counted in per-day histograms.
"""

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from heapq import merge
from itertools import groupby

from assessments.models import Authorisation, NeedsAssessment, PlanSupport
from assessments.rules import add_months
from config import cld
from config.kinds import RecordKind
from frontdoor.figures import WaitFigures, figures_from_days
from frontdoor.models import CLD_OUTCOME, SupportRequest
from recording.deadlines import LONDON
from recording.models import Record

FIRST_RESPONSE = "Wait time to first response"
FIRST_SERVICE = "Wait time to first service"
MEASURES = (FIRST_RESPONSE, FIRST_SERVICE)
WORKING_AGE, OLDER = "25 to 64", "65 and above"
BANDS = (WORKING_AGE, OLDER)
FIRST_QUARTER = date(2024, 4, 1)  # DHSC's dashboard starts here (`:703`)
REQUESTS_FROM = date(2023, 4, 1)
MINIMUM_AGE = 25
CHUNK = 2000

REQUEST, ASSESSMENT, SERVICE = 1, 2, 3  # the order of events that start on the same day

ASSESSMENT_TYPES = (cld.AssessmentType.SHORT_TERM, cld.AssessmentType.LONG_TERM)
LONG_TERM_SERVICES = frozenset(
    {
        cld.ServiceType.LTS_NURSING,
        cld.ServiceType.LTS_RESIDENTIAL,
        cld.ServiceType.LTS_COMMUNITY,
        cld.ServiceType.LTS_PRISON,
    }
)
SHORT_TERM_SERVICES = frozenset({cld.ServiceType.STS_ST_MAX, cld.ServiceType.STS_OTHER})
SERVICE_TYPES = LONG_TERM_SERVICES | SHORT_TERM_SERVICES | {cld.ServiceType.STS_LOW_LEVEL}
PROGRESS_TO_SERVICE = frozenset(
    {
        cld.EventOutcome.REABLEMENT,
        cld.EventOutcome.SUPPORT_PLANNING,
        cld.EventOutcome.CONTINUATION,
    }
)


def shows_no_progress(outcome: str) -> bool:
    """DHSC's `Event_Outcome_Grouped` is "NFA" or "Admitted to hospital" (or none)."""
    return not outcome or outcome.startswith("NFA") or outcome == cld.EventOutcome.HOSPITAL


# The screening outcomes whose CLD outcome shows progress: the requests DHSC counts.
PROGRESSING_SCREENING_OUTCOMES = [
    outcome for outcome, cld_outcome in CLD_OUTCOME.items() if not shows_no_progress(cld_outcome)
]


def dhsc_age(birth: date, on: date) -> int:
    """DHSC's age: whole years of 365.25 days from the first of the month of birth."""
    return int((on - birth.replace(day=1)).days // 365.25)


def age_band(birth: date, on: date) -> str:
    return WORKING_AGE if dhsc_age(birth, on) < 65 else OLDER


def quarter_start(day: date) -> date:
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


@dataclass(frozen=True)
class Event:
    kind: int  # REQUEST, ASSESSMENT or SERVICE
    record_id: int
    start: date
    end: date | None  # DHSC's `Der_Event_End_Date`: the date of death if sooner
    outcome: str = ""
    service_type: str = ""

    @property
    def order(self) -> tuple:
        return (self.start, self.kind, -self.record_id)


@dataclass(frozen=True)
class Wait:
    """One wait DHSC counts: `measure` is `FIRST_RESPONSE` or `FIRST_SERVICE`."""

    measure: str
    person_id: int
    request_id: int
    days: int
    quarter: date  # the first day of the quarter the response (or service) started in
    band: str
    response_kind: int  # ASSESSMENT or SERVICE


@dataclass(frozen=True)
class QuarterWaits:
    start: date
    by_band: dict  # band -> WaitFigures

    @property
    def end(self) -> date:
        return add_months(self.start, 3) - timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{self.start:%B} to {self.end:%B %Y}"


@dataclass(frozen=True)
class DhscWaitingTimes:
    measures: dict  # measure -> [QuarterWaits], the latest quarter first

    @property
    def has_waits(self) -> bool:
        return any(
            figures.count
            for rows in self.measures.values()
            for row in rows
            for figures in row.by_band.values()
        )


def dhsc_waiting_times(team_ids, *, today: date) -> DhscWaitingTimes:
    """The medians and counts of the people of `team_ids` (a list of ids; None: all),
    for each quarter from April 2024 to today's: {measure: [QuarterWaits]}."""
    histograms: dict = defaultdict(Counter)
    for wait in dhsc_waits(team_ids, today=today):
        if wait.quarter >= FIRST_QUARTER:
            histograms[(wait.measure, wait.quarter, wait.band)][wait.days] += 1
    quarters, start = [], FIRST_QUARTER
    while start <= today:
        quarters.append(start)
        start = add_months(start, 3)
    return DhscWaitingTimes(
        {
            measure: [
                QuarterWaits(
                    quarter,
                    {
                        band: figures_from_days(histograms[(measure, quarter, band)].items())
                        if (measure, quarter, band) in histograms
                        else WaitFigures()
                        for band in BANDS
                    },
                )
                for quarter in reversed(quarters)
            ]
            for measure in MEASURES
        }
    )


# --- The events, three queries in person order ---


def _local_day(moment: datetime) -> date:
    return moment.astimezone(LONDON).date()


def _end(start: date, end: date | None, death: date | None) -> date | None:
    """DHSC's `Der_Event_End_Date`: the date of death when it falls within the event."""
    if death is not None and death >= start and (end is None or death <= end):
        return death
    return end


PERSON = ("person__date_of_birth", "person__date_of_death", "person__client_type")


def _requests(team_ids) -> Iterator[tuple]:
    rows = SupportRequest.objects.filter(
        screened_at__isnull=False,
        received_at__gte=datetime.combine(REQUESTS_FROM, datetime.min.time(), tzinfo=LONDON),
        outcome__in=PROGRESSING_SCREENING_OUTCOMES,  # the others are left out [1.4]
        person__client_type=cld.ClientType.SERVICE_USER,
    )
    if team_ids is not None:
        rows = rows.filter(person__team_id__in=team_ids)
    for person_id, pk, received, screened, outcome, *person in (
        rows.order_by("person_id")
        .values_list("person_id", "pk", "received_at", "screened_at", "outcome", *PERSON)
        .iterator(chunk_size=CHUNK)
    ):
        start = _local_day(received)
        event = Event(
            REQUEST,
            pk,
            start,
            _end(start, _local_day(screened), person[1]),
            outcome=CLD_OUTCOME.get(outcome, ""),
        )
        yield person_id, event, person


def _assessments(team_ids) -> Iterator[tuple]:
    rows = NeedsAssessment.objects.filter(
        kind=RecordKind.NEEDS_ASSESSMENT,
        status=Record.Status.COMPLETED,
        assessment_type__in=ASSESSMENT_TYPES,
    )
    if team_ids is not None:
        rows = rows.filter(person__team_id__in=team_ids)
    for person_id, pk, created, completed, outcome, *person in (
        rows.order_by("person_id")
        .values_list("person_id", "pk", "created_at", "completed_at", "outcome", *PERSON)
        .iterator(chunk_size=CHUNK)
    ):
        start = _local_day(created)
        event = Event(
            ASSESSMENT, pk, start, _end(start, _local_day(completed), person[1]), outcome=outcome
        )
        yield person_id, event, person


def _services(team_ids) -> Iterator[tuple]:
    rows = PlanSupport.objects.filter(
        plan__status=Record.Status.COMPLETED,
        plan__authorisation__decision=Authorisation.Decision.AUTHORISED,
        service_type__in=SERVICE_TYPES,
    )
    if team_ids is not None:
        rows = rows.filter(plan__person__team_id__in=team_ids)
    person_fields = [f"plan__{name}" for name in PERSON]
    for person_id, pk, start, authorised, end, service_type, *person in (
        rows.order_by("plan__person_id")
        .values_list(
            "plan__person_id",
            "pk",
            "start_date",
            "plan__authorisation__decided_at",
            "end_date",
            "service_type",
            *person_fields,
        )
        .iterator(chunk_size=CHUNK)
    ):
        start = start or _local_day(authorised)
        event = Event(SERVICE, pk, start, _end(start, end, person[1]), service_type=service_type)
        yield person_id, event, person


def dhsc_waits(team_ids, *, today: date) -> Iterator[Wait]:
    """Every wait DHSC counts, of the people of `team_ids` (None: all), person by
    person, in any quarter."""
    streams = merge(
        _requests(team_ids), _assessments(team_ids), _services(team_ids), key=lambda r: r[0]
    )
    for person_id, rows in groupby(streams, key=lambda r: r[0]):
        events, person = [], None
        for _, event, person in rows:
            birth, death, _client_type = person
            if event.start <= today and (death is None or death >= event.start):
                events.append(event)
        if events:
            yield from _person_waits(person_id, events, person, today)


def _existing_client(request: Event, services: list[Event]) -> bool:
    """Stage 1.3c: a long-term service within 12 months, or an ST-Max or other
    short-term service within 3 months, started before the request."""
    for service in services:
        if service.start >= request.start:
            continue
        if service.service_type in LONG_TERM_SERVICES:
            since = add_months(request.start, -12)
        elif service.service_type in SHORT_TERM_SERVICES:
            since = add_months(request.start, -3)
        else:
            continue
        if service.end is None or service.end >= since:
            return True
    return False


def _person_waits(person_id: int, events: list[Event], person, today: date) -> Iterator[Wait]:
    birth, _death, client_type = person
    services = [e for e in events if e.kind == SERVICE]
    requests = [
        e
        for e in events
        if e.kind == REQUEST
        and client_type == cld.ClientType.SERVICE_USER
        and dhsc_age(birth, e.start) >= MINIMUM_AGE
        and not _existing_client(e, services)
        and not shows_no_progress(e.outcome)
    ]
    if not requests:
        return
    responses = [e for e in events if e.kind != REQUEST and dhsc_age(birth, e.start) >= MINIMUM_AGE]
    ordered = sorted(requests + responses, key=lambda e: e.order)
    # Stage 2.3b: each assessment's block (consecutive assessments) shows progress?
    block_progress: dict[int, bool] = {}
    block: list[int] = []
    for index, event in enumerate([*ordered, None]):
        if event is not None and event.kind == ASSESSMENT:
            block.append(index)
            continue
        progress = any(ordered[i].outcome in PROGRESS_TO_SERVICE for i in block)
        block_progress.update(dict.fromkeys(block, progress))
        block = []
    # Stage 2.4: the first assessment and the first service after each event.
    next_assessment: list[int | None] = [None] * len(ordered)
    next_service: list[int | None] = [None] * len(ordered)
    following = {ASSESSMENT: None, SERVICE: None}
    for index in range(len(ordered) - 1, -1, -1):
        next_assessment[index] = following[ASSESSMENT]
        next_service[index] = following[SERVICE]
        if ordered[index].kind in following:
            following[ordered[index].kind] = index
    previous_greatest, latest_response, latest_service = None, -1, -1
    for index, request in enumerate(ordered):
        if request.kind != REQUEST:
            continue
        response, service = next_assessment[index], next_service[index]
        if service is not None and (response is None or response > service):
            response = service  # Stage 3.2: the service is the first response
        elif response is not None and not block_progress[response]:
            service = None  # Stage 3.3
        overlaps = (
            (previous_greatest is not None and previous_greatest > index)
            or (response is not None and response <= latest_response)
            or (service is not None and service <= latest_service)
        )  # Stage 3.4
        known = [i for i in (response, service) if i is not None]
        previous_greatest = max(known) if known else None
        latest_response = max(latest_response, -1 if response is None else response)
        latest_service = max(latest_service, -1 if service is None else service)
        if overlaps:
            continue
        for measure, found in ((FIRST_RESPONSE, response), (FIRST_SERVICE, service)):
            if found is None:
                continue
            event = ordered[found]
            yield Wait(
                measure,
                person_id,
                request.record_id,
                (event.start - request.start).days,
                quarter_start(event.start),
                age_band(birth, event.end or today),
                event.kind,
            )
