"""The data-quality report (issue 18, part 5): every row of a period's CLD extract for
some teams run through DHSC's rules (`returns.rules`), gathered per team, per person and
per event, each failing field with the place in the app that fixes it.

A fixed number of queries whatever the size: the extract's own (`returns.events`),
one for the people's names and whether the viewer may see them, one for the state of
the assessments and reviews (draft or completed) the links point to.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, Q, When
from django.urls import NoReverseMatch, reverse

from accounts.access import person_visibility
from accounts.models import Team
from config.cld import EXTRACT_COLUMNS
from recording.models import Person, Record
from returns.rows import CldRow, Source
from returns.rules import Finding, check_row

# The person's columns, and the field of the person's details form that holds each
# (the Fix link goes to `recording:person_edit#id_<field>`).
PERSON_FIELDS = {
    "NHS_Number": "nhs_number",
    "LA_Person_Unique_Identifier": "council_reference",
    "GP_Practice_Code": "gp_practice_code",
    "Gender": "gender",
    "Ethnicity": "ethnicity",
    "Date_of_Birth": "date_of_birth",
    "Date_of_Death": "date_of_death",
    "Client_Type": "client_type",
    "Primary_Support_Reason": "primary_support_reason",
    "Postcode": "postcode",
    "Accommodation_Status": "accommodation_status",
    "Employment_Status": "employment_status",
    "Has_Unpaid_Carer": "has_unpaid_carer",
    "Autism_Spectrum_Disorder_ASD": "autism",
    "Visual_Impairment": "visual_impairment",
    "Hearing_Impairment": "hearing_impairment",
    "Dementia": "dementia",
    "Client_Funding_Status": "client_funding_status",
}
# A carer's hours and the adults they care for (`recording:carer_links`).
CARER_COLUMNS = frozenset(
    {
        "Total_Hrs_Caring_per_week",
        "No_of_adults_being_cared_for",
        "Adult_1_Linked_Person_ID",
        "Adult_2_Linked_Person_ID",
        "Adult_3_Linked_Person_ID",
    }
)
# The submission's own columns: the council's LA code and the period, set once for all.
SUBMISSION_COLUMNS = frozenset(
    {"LA_Code", "Reporting_Period_End_Date", "Reporting_Period_Start_Date"}
)


def _url(name: str, *args, anchor: str = "") -> str:
    """The URL, or "" when the page is not (yet) in the app: each area adds its own."""
    try:
        return reverse(name, args=args) + (f"#{anchor}" if anchor else "")
    except NoReverseMatch:
        return ""


@dataclass
class FailedField:
    finding: Finding
    fix_url: str


@dataclass
class EventFailures:
    row: CldRow
    fields: list[FailedField]

    @property
    def event_type(self) -> str:
        return self.row.values["Event_Type"]

    @property
    def reference(self) -> str:
        return self.row.values["Event_Reference"]

    @property
    def start(self) -> str:
        return self.row.values["Event_Start_Date"]

    @property
    def end(self) -> str:
        return self.row.values["Event_End_Date"]

    @property
    def start_date(self) -> date | None:
        return _date(self.start)

    @property
    def end_date(self) -> date | None:
        return _date(self.end)


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


@dataclass
class PersonFailures:
    person_id: int
    name: str
    council_reference: str
    visible: bool
    events: list[EventFailures] = field(default_factory=list)


@dataclass
class TeamFailures:
    team: Team
    events: int = 0  # events checked
    failing_events: int = 0
    counts: Counter = field(default_factory=Counter)  # (column, label, validity) -> events
    people: list[PersonFailures] = field(default_factory=list)

    @property
    def count_rows(self) -> list[tuple[str, str, int]]:
        """(field, DHSC's validity, events), in DHSC's column order."""
        return [(label, validity, n) for (_, label, validity), n in self.counts.items()]


def fix_url(finding: Finding, row: CldRow, completed_records: set[int]) -> str:
    """Where in the app `finding` is put right (common18, "Fix links")."""
    column = finding.column
    if column in SUBMISSION_COLUMNS:
        return ""
    if column in PERSON_FIELDS:
        return _url("recording:person_edit", row.person_id, anchor=f"id_{PERSON_FIELDS[column]}")
    if column in CARER_COLUMNS:
        return _url("recording:carer_links", row.person_id)
    if row.source == Source.REQUEST:
        return _url("frontdoor:request", row.source_id)
    if row.source == Source.SERVICE:
        return _url("assessments:support_service", row.source_id)
    if row.source_id in completed_records:
        return _url("assessments:return_details", row.source_id)
    return _url("assessments:edit", row.source_id)


def quality_report(
    rows: Iterable[CldRow], *, user, teams: list[Team], can_fix: bool = True
) -> list[TeamFailures]:
    """Each of `teams` with its failures: counts by field and validity, and its people
    with a failure, by name, each event's failing fields. A person `user` may not see is
    "A restricted person", without links. `can_fix` False: no Fix links (quality staff
    read and write nothing)."""
    by_team = {team.pk: TeamFailures(team) for team in teams}
    failing: list[tuple[CldRow, list[Finding]]] = []
    for row in rows:
        team = by_team.get(row.team_id)
        if team is None:
            continue
        team.events += 1
        findings = check_row(row)
        if findings:
            team.failing_events += 1
            for finding in findings:
                team.counts[(finding.column, finding.label, finding.validity)] += 1
            failing.append((row, findings))

    person_ids = {row.person_id for row, _ in failing}
    people = {
        person["pk"]: person
        for person in Person.objects.filter(pk__in=person_ids)
        .annotate(visible=Case(When(person_visibility(user), then=True), default=False))
        .values("pk", "name", "council_reference", "visible")
    }
    record_ids = {
        row.source_id for row, _ in failing if row.source in (Source.ASSESSMENT, Source.REVIEW)
    }
    completed = set(
        Record.objects.filter(pk__in=record_ids)
        .exclude(Q(status=Record.Status.DRAFT))
        .values_list("pk", flat=True)
    )
    link: Callable[[Finding, CldRow], str] = (
        (lambda finding, row: fix_url(finding, row, completed)) if can_fix else lambda *_: ""
    )

    grouped: dict[tuple[int, int], PersonFailures] = {}
    for row, findings in failing:
        key = (row.team_id, row.person_id)
        if key not in grouped:
            person = people.get(row.person_id, {})
            grouped[key] = PersonFailures(
                person_id=row.person_id,
                name=person.get("name", ""),
                council_reference=person.get("council_reference", ""),
                visible=bool(person.get("visible")),
            )
        shown = grouped[key]
        shown.events.append(
            EventFailures(
                row=row,
                fields=[FailedField(f, link(f, row) if shown.visible else "") for f in findings],
            )
        )
    by_person: dict[int, list[PersonFailures]] = defaultdict(list)
    for (team_id, _), person in grouped.items():
        by_person[team_id].append(person)
    for team_id, team in by_team.items():
        # Visible people by name; the restricted ones the viewer may not see after them.
        team.people = sorted(
            by_person[team_id], key=lambda p: (not p.visible, p.name if p.visible else "")
        )
        order = {column: i for i, column in enumerate(EXTRACT_COLUMNS)}
        team.counts = Counter(
            dict(sorted(team.counts.items(), key=lambda item: (order[item[0][0]], item[0][2])))
        )
    return list(by_team.values())
