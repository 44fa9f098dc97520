"""The CLD events of the record: every request, assessment, service and review of the 12
months ending on a quarter end, as the rows of DHSC's Client Level Data (Release 2)
extract, filtered and deduplicated as DHSC does (plan18 section 4).

Where each event comes from:
- Request: a screened `frontdoor.SupportRequest` (received -> screened, its route of
  access, `frontdoor.models.CLD_OUTCOME` of its screening outcome). An unscreened
  request is not a completed event and is left out.
- Assessment: a completed `NeedsAssessment` or `CarersAssessment` (created -> completed;
  eligible needs from its latest completed `EligibilityDetermination`, returned or not).
- Service: each `PlanSupport` of an authorised `CarePlan` (its start date, else the
  date the plan was authorised -> its end date, blank while open). The outcome is the
  recorded `end_outcome` once the service has an end date, and "Continuation of support
  or services" while it is open: DHSC's own value for support that carries on, so an
  open service is never blank (plan18 2c makes it optional there) and the outcome
  hierarchy orders it like DHSC's.
- Review: a completed `Review` (created -> the date it took place, else completed).

Dates are local (Europe/London) dates, written ISO. The file keeps the dates as
recorded; the date of death caps the end only for DHSC's filter and dedup key
(`Der_Event_End_Date`), as DHSC derives it again from the file.

Streaming and memory: people are read in pk order and every event source (and the
carer links) is read sorted by person, each with `.iterator(chunk_size=...)` and
`values()`, and the streams are merged person by person. So the whole extract takes a
fixed number of queries (eight, two of them for the LA code) whatever its size, and
holds one person's events at a time. The dedup key starts with the person, so
deduplicating per person is DHSC's dedup (two people in the record with the same NHS
number are not merged here).

Event_Description is a short generic label of the record kind, never case content:
DHSC never reads or shows its value (`create_GetDQValues_procedure.sql:199-202`).
"""

from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import F, OuterRef, Q, Subquery

from assessments.models import (
    Authorisation,
    EligibilityDetermination,
    NeedsAssessment,
    PlanSupport,
    Review,
)
from config import cld
from config.kinds import RecordKind
from frontdoor.models import CLD_OUTCOME, SupportRequest
from principles.models import ActiveFramework, CouncilContact
from recording.deadlines import LONDON
from recording.models import CarerLink, Person, Record
from returns.periods import Period, reporting_period
from returns.rows import CldRow, Source

CHUNK_SIZE = 2000
COMPLETED = Record.Status.COMPLETED

DESCRIPTION = {
    Source.REQUEST: "Request for support",
    Source.SERVICE: "Service in a care and support plan",
    Source.REVIEW: "Review of a care and support plan",
}
NEEDS_ASSESSMENT = "Needs assessment"
CARERS_ASSESSMENT = "Carer's assessment"
REFERENCE_PREFIX = {
    Source.REQUEST: "REQ",
    Source.ASSESSMENT: "ASM",
    Source.SERVICE: "SVC",
    Source.REVIEW: "REV",
}
ELIGIBLE_NEEDS = {
    EligibilityDetermination.Decision.ELIGIBLE: cld.EligibleNeeds.YES,
    EligibilityDetermination.Decision.NOT_ELIGIBLE: cld.EligibleNeeds.NO,
}
NO_OUTCOME_RANK = 999  # DHSC: a blank outcome sorts after every known one

PERSON_FIELDS = (
    "pk",
    "team_id",
    "council_reference",
    "nhs_number",
    "gp_practice_code",
    "gender",
    "ethnicity",
    "date_of_birth",
    "date_of_death",
    "client_type",
    "primary_support_reason",
    "postcode",
    "accommodation_status",
    "employment_status",
    "has_unpaid_carer",
    "autism",
    "visual_impairment",
    "hearing_impairment",
    "dementia",
    "client_funding_status",
    "hours_caring_per_week",
)
EVENT_ORDER = (Source.REQUEST, Source.ASSESSMENT, Source.SERVICE, Source.REVIEW)


def la_code() -> str:
    """The council's LA code: the `la_code` of the council contact of the active
    framework's council ("" when none is set: the data-quality page says so)."""
    framework = ActiveFramework.current()
    if framework is None:
        return ""
    contact = CouncilContact.for_framework(framework)
    return contact.la_code if contact else ""


def cld_rows(period_end: date, *, team_ids=None) -> Iterator[CldRow]:
    """Every CLD event row of the 12 months ending on `period_end` (a quarter end, else
    ValueError(periods.NOT_A_QUARTER_END)), deduplicated as DHSC does, streamed; with
    `team_ids`, only the people of those teams (restricted people included)."""
    period = reporting_period(period_end)
    code = la_code()
    people = Person.objects.order_by("pk")
    if team_ids is not None:
        people = people.filter(team_id__in=list(team_ids))
    scope = None if team_ids is None else list(team_ids)
    streams = {
        Source.REQUEST: _Stream(_requests(period, scope), "person_id"),
        Source.ASSESSMENT: _Stream(_assessments(period, scope), "person_id"),
        Source.SERVICE: _Stream(_services(period, scope), "person_id"),
        Source.REVIEW: _Stream(_reviews(period, scope), "person_id"),
    }
    links = _Stream(_carer_links(scope), "carer_id")
    common = {
        "LA_Code": code,
        "Reporting_Period_End_Date": period.end.isoformat(),
        "Reporting_Period_Start_Date": period.start.isoformat(),
    }
    for person in people.values(*PERSON_FIELDS).iterator(chunk_size=CHUNK_SIZE):
        pk = person["pk"]
        events = {source: stream.take(pk) for source, stream in streams.items()}
        if not any(events.values()):
            links.take(pk)
            continue
        person_values = {**common, **_person_columns(person, links.take(pk))}
        yield from _person_rows(person, person_values, events, period)


class _Stream:
    """Rows sorted by `key`, taken a key at a time in increasing order."""

    def __init__(self, rows: Iterable[dict], key: str):
        self._rows = iter(rows)
        self._key = key
        self._next = next(self._rows, None)

    def take(self, value: int) -> list[dict]:
        taken = []
        while self._next is not None and self._next[self._key] <= value:
            if self._next[self._key] == value:
                taken.append(self._next)
            self._next = next(self._rows, None)
        return taken


# --- The sources, each sorted by person -----------------------------------------------


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=LONDON)


def _in_scope(queryset, scope, person: str = "person__"):
    return queryset if scope is None else queryset.filter(**{f"{person}team_id__in": scope})


def _requests(period: Period, scope) -> Iterator[dict]:
    # Coarse filters in SQL (the exact ones, with the date of death, are in Python): the
    # end (screened) can be capped by a death, never moved later.
    rows = SupportRequest.objects.filter(
        screened_at__isnull=False,
        screened_at__gte=_local_midnight(period.start),
        received_at__lt=_local_midnight(period.end + timedelta(days=1)),
    )
    return (
        _in_scope(rows, scope)
        .order_by("person_id", "pk")
        .values("pk", "person_id", "received_at", "screened_at", "route_of_access", "outcome")
        .iterator(chunk_size=CHUNK_SIZE)
    )


def _assessments(period: Period, scope) -> Iterator[dict]:
    determination = (
        # The practitioner's decision, even while a returned determination is revised:
        # the needs were identified in the assessment; the revision, once completed, is
        # the latest and so the one read.
        EligibilityDetermination.objects.filter(assessment=OuterRef("pk"), status=COMPLETED)
        .order_by("-completed_at", "-pk")
        .values("decision")[:1]
    )
    rows = NeedsAssessment.objects.filter(
        status=COMPLETED,
        completed_at__gte=_local_midnight(period.start),
        created_at__lt=_local_midnight(period.end + timedelta(days=1)),
    )
    return (
        _in_scope(rows, scope)
        .annotate(eligibility=Subquery(determination))
        .order_by("person_id", "pk")
        .values(
            "pk",
            "person_id",
            "kind",
            "created_at",
            "completed_at",
            "assessment_type",
            "method",
            "outcome",
            "eligibility",
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )


def _services(period: Period, scope) -> Iterator[dict]:
    rows = PlanSupport.objects.filter(
        plan__status=COMPLETED, plan__authorisation__decision=Authorisation.Decision.AUTHORISED
    ).filter(
        Q(start_date__lte=period.end)
        | Q(
            start_date__isnull=True,
            plan__authorisation__decided_at__lt=_local_midnight(period.end + timedelta(days=1)),
        ),
        Q(end_date__isnull=True) | Q(end_date__gte=period.start),
    )
    return (
        _in_scope(rows, scope, "plan__person__")
        .order_by("plan__person_id", "pk")
        .values(
            "pk",
            "start_date",
            "end_date",
            "end_outcome",
            "service_type",
            "service_component",
            "delivery_mechanism",
            "provider_cqc_location_id",
            "unit_cost",
            "cost_frequency",
            "planned_units_per_week",
            person_id=F("plan__person_id"),
            authorised_at=F("plan__authorisation__decided_at"),
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )


def _reviews(period: Period, scope) -> Iterator[dict]:
    rows = Review.objects.filter(status=COMPLETED).filter(
        Q(review_date__gte=period.start)
        | Q(review_date__isnull=True, completed_at__gte=_local_midnight(period.start))
    )
    return (
        _in_scope(rows, scope)
        .order_by("person_id", "pk")
        .values(
            "pk",
            "person_id",
            "created_at",
            "completed_at",
            "review_date",
            "review_reason",
            "method",
            "outcomes_achieved",
            "outcome",
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )


def _carer_links(scope) -> Iterator[dict]:
    return (
        _in_scope(CarerLink.objects.all(), scope, "carer__")
        .order_by("carer_id", "position")
        .values("carer_id", "cared_for_id", cared_for_reference=F("cared_for__council_reference"))
        .iterator(chunk_size=CHUNK_SIZE)
    )


# --- One person's rows ----------------------------------------------------------------


def _local(moment: datetime | None) -> date | None:
    return moment.astimezone(LONDON).date() if moment is not None else None


def _iso(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


def _number(value: Decimal | None) -> str:
    return f"{value:.2f}" if value is not None else ""


def _person_id(reference: str, pk: int) -> str:
    return reference or str(pk)


def _person_columns(person: dict, links: list[dict]) -> dict[str, str]:
    carer = person["client_type"] == cld.ClientType.CARER
    linked = [_person_id(link["cared_for_reference"], link["cared_for_id"]) for link in links]
    linked = (linked + ["", "", ""])[:3] if carer else ["", "", ""]
    hours = person["hours_caring_per_week"]
    return {
        "NHS_Number": "".join(person["nhs_number"].split()),
        "LA_Person_Unique_Identifier": _person_id(person["council_reference"], person["pk"]),
        "GP_Practice_Code": person["gp_practice_code"],
        "Gender": person["gender"],
        "Ethnicity": person["ethnicity"],
        "Date_of_Birth": _iso(person["date_of_birth"]),
        "Date_of_Death": _iso(person["date_of_death"]),
        "Client_Type": person["client_type"],
        "Primary_Support_Reason": person["primary_support_reason"],
        "Postcode": person["postcode"],
        "Accommodation_Status": person["accommodation_status"],
        "Employment_Status": person["employment_status"],
        "Has_Unpaid_Carer": person["has_unpaid_carer"],
        "Autism_Spectrum_Disorder_ASD": person["autism"],
        "Visual_Impairment": person["visual_impairment"],
        "Hearing_Impairment": person["hearing_impairment"],
        "Dementia": person["dementia"],
        "Client_Funding_Status": person["client_funding_status"],
        "Total_Hrs_Caring_per_week": str(hours) if carer and hours is not None else "",
        "No_of_adults_being_cared_for": str(len(links)) if carer and links else "",
        "Adult_1_Linked_Person_ID": linked[0],
        "Adult_2_Linked_Person_ID": linked[1],
        "Adult_3_Linked_Person_ID": linked[2],
    }


BLANK_EVENT = dict.fromkeys(
    (
        "Request_Route_of_Access",
        "Assessment_Type",
        "Eligible_Needs_Identified",
        "Method_of_Assessment",
        "Service_Type",
        "Service_Component",
        "Delivery_Mechanism",
        "Provider_CQC_Location_ID",
        "Review_Reason",
        "Review_Outcomes_Achieved",
        "Method_of_Review",
        "Unit_Cost",
        "Cost_Frequency_Unit_Type",
        "Planned_units_per_week",
    ),
    "",
)


def _request_event(row: dict) -> tuple[date | None, date | None, str, dict]:
    return (
        _local(row["received_at"]),
        _local(row["screened_at"]),
        str(CLD_OUTCOME.get(row["outcome"], "")),
        {"Request_Route_of_Access": row["route_of_access"]},
    )


def _assessment_event(row: dict) -> tuple[date | None, date | None, str, dict]:
    carers = row["kind"] == RecordKind.CARERS_ASSESSMENT
    kind = row["assessment_type"] or (cld.AssessmentType.UNPAID_CARER if carers else "")
    return (
        _local(row["created_at"]),
        _local(row["completed_at"]),
        row["outcome"],
        {
            "Event_Description": CARERS_ASSESSMENT if carers else NEEDS_ASSESSMENT,
            "Assessment_Type": str(kind),
            "Eligible_Needs_Identified": str(ELIGIBLE_NEEDS.get(row["eligibility"], "")),
            "Method_of_Assessment": row["method"],
        },
    )


def _service_event(row: dict) -> tuple[date | None, date | None, str, dict]:
    end = row["end_date"]
    outcome = row["end_outcome"] if end is not None else str(cld.EventOutcome.CONTINUATION)
    return (
        row["start_date"] or _local(row["authorised_at"]),
        end,
        outcome,
        {
            "Service_Type": row["service_type"],
            "Service_Component": row["service_component"],
            "Delivery_Mechanism": row["delivery_mechanism"],
            "Provider_CQC_Location_ID": row["provider_cqc_location_id"],
            "Unit_Cost": _number(row["unit_cost"]),
            "Cost_Frequency_Unit_Type": row["cost_frequency"],
            "Planned_units_per_week": _number(row["planned_units_per_week"]),
        },
    )


def _review_event(row: dict) -> tuple[date | None, date | None, str, dict]:
    end = row["review_date"] or _local(row["completed_at"])
    start = _local(row["created_at"])
    if end is not None and start is not None and start > end:
        start = end  # recorded after the review was held: it started no later than it ended
    return (
        start,
        end,
        row["outcome"],
        {
            "Review_Reason": row["review_reason"],
            "Review_Outcomes_Achieved": row["outcomes_achieved"],
            "Method_of_Review": row["method"],
        },
    )


EVENT_OF = {
    Source.REQUEST: (_request_event, cld.EventType.REQUEST),
    Source.ASSESSMENT: (_assessment_event, cld.EventType.ASSESSMENT),
    Source.SERVICE: (_service_event, cld.EventType.SERVICE),
    Source.REVIEW: (_review_event, cld.EventType.REVIEW),
}

# DHSC's single-submission key, beyond the person, start, client type and event type
# (`create_GetDerivedFields_procedure.sql:53-66`, `create_GetUniqueEvents_procedure.sql:65-72`).
KEY_COLUMNS = {
    Source.REQUEST: ("Request_Route_of_Access",),
    Source.ASSESSMENT: ("Assessment_Type",),
    Source.SERVICE: (
        "Service_Type",
        "Service_Component",
        "Delivery_Mechanism",
        "Unit_Cost",
        "Cost_Frequency_Unit_Type",
        "Planned_units_per_week",
    ),
    Source.REVIEW: (),
}


def derived_end(start: date | None, end: date | None, death: date | None) -> date | None:
    """DHSC's `Der_Event_End_Date`: the date of death when it falls within the event
    (or after the start of an open one), else the end
    (`create_FilterToEventsInPeriod_procedure.sql:40-45`)."""
    if death is None or start is None:
        return end
    if (end is not None and start <= death <= end) or (end is None and death > start):
        return death
    return end


def in_period(
    source: str, start: date | None, end: date | None, death: date | None, period: Period
) -> bool:
    """DHSC's event filter (`create_FilterToEventsInPeriod_procedure.sql:51-61`)."""
    if start is None or start > period.end:
        return False
    if death is not None and (death < period.start or death < start):
        return False
    if source == Source.SERVICE:
        return end is None or end >= period.start
    return end is not None and period.start <= end <= period.end


def _keep_first_order(der_end: date | None, outcome: str, source_id: int) -> tuple:
    """DHSC's order within a duplicate group, the first kept
    (`create_GetUniqueEvents_procedure.sql:73-77`): latest derived end, open first; then
    the outcome hierarchy; then (no conversations here) the latest record."""
    return (
        0 if der_end is None else 1,
        -der_end.toordinal() if der_end is not None else 0,
        cld.EVENT_OUTCOME_HIERARCHY.get(outcome, NO_OUTCOME_RANK),
        -source_id,
    )


def _person_rows(
    person: dict, person_values: dict[str, str], events: dict[str, list[dict]], period: Period
) -> Iterator[CldRow]:
    death = person["date_of_death"]
    kept: dict[tuple, tuple[tuple, CldRow]] = {}
    for source in EVENT_ORDER:
        make, event_type = EVENT_OF[source]
        for row in events[source]:
            start, end, outcome, columns = make(row)
            der_end = derived_end(start, end, death)
            if not in_period(source, start, der_end, death, period):
                continue
            values = {
                **person_values,
                **BLANK_EVENT,
                "Event_Type": str(event_type),
                "Event_Reference": f"{REFERENCE_PREFIX[source]}-{row['pk']}",
                "Event_Start_Date": _iso(start),
                "Event_End_Date": _iso(end),
                "Event_Description": DESCRIPTION.get(source, ""),
                "Event_Outcome": outcome or "",
                **columns,
            }
            key = (
                source,
                values["Event_Start_Date"],
                values["Client_Type"],
                "" if source == Source.SERVICE else _iso(der_end),
                *(values[column] for column in KEY_COLUMNS[source]),
            )
            order = _keep_first_order(der_end, values["Event_Outcome"], row["pk"])
            if key not in kept or order < kept[key][0]:
                kept[key] = (
                    order,
                    CldRow(
                        values=values,
                        person_id=person["pk"],
                        team_id=person["team_id"],
                        source=source,
                        source_id=row["pk"],
                    ),
                )
    for _order, row in kept.values():
        yield row
