"""The principles-adherence report for one person: what a complaint investigation reads
(SPEC 5). Both councils' principles say so: "When complaints or representations are
received - adherence to these principles is what will be tested".

Every record on the person, drafts included and marked, oldest first: an investigation
reads what happened in the order it happened, and a chronology is what complaint
procedures ask for. Each record is read principle by principle against its own framework
version (a later version never rewrites what an old record evidenced), with the gaps:

- a principle its kind must evidence (`RequiredPrinciple`) that it does not evidence;
- a principle ticked with no evidence written.

and where it stands against the two-working-day clock (Herts P6), worked out by
`recording.deadlines` from the obligation's stored dates and the council's closure days.

`adherence_report` is the rule: no database and no clock, so it is tested from tables.
`adherence_report_for` loads what it needs in a fixed number of queries, whatever the
number of records.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.db.models import Prefetch
from django.db.models.functions import Coalesce

from principles.models import Framework, Principle, Statement, required_principles_by_kind
from recording.deadlines import (
    NOT_YET_DUE,
    TrackerState,
    WorkingCalendar,
    tracker_label,
    tracker_state,
)
from recording.models import (
    Addendum,
    ClosureDay,
    Contact,
    Person,
    PrincipleEvidence,
    Record,
    RecordingObligation,
)
from recording.principle_evidence import is_written, required_not_evidenced

NO_CLOCK = "No two-working-day clock (not a record of a contact)"


class Finding(StrEnum):
    """What a record shows about one principle."""

    EVIDENCED = "evidenced"
    REQUIRED_NOT_EVIDENCED = "required_not_evidenced"
    NO_EVIDENCE_WRITTEN = "no_evidence_written"
    NOT_EVIDENCED = "not_evidenced"

    @property
    def label(self) -> str:
        return FINDING_LABELS[self]

    @property
    def is_gap(self) -> bool:
        return self in (Finding.REQUIRED_NOT_EVIDENCED, Finding.NO_EVIDENCE_WRITTEN)


FINDING_LABELS = {
    Finding.EVIDENCED: "Evidenced",
    Finding.REQUIRED_NOT_EVIDENCED: "Required principle not evidenced",
    Finding.NO_EVIDENCE_WRITTEN: "Ticked, but no evidence written",
    Finding.NOT_EVIDENCED: "Not evidenced",
}


@dataclass(frozen=True)
class EvidenceGiven:
    """What a record says about one principle: the evidence text and the We statements
    ticked (`PrincipleEvidence`, read once)."""

    text: str
    statements: Sequence[Statement] = ()


@dataclass(frozen=True)
class PrincipleFinding:
    principle: Principle
    finding: Finding
    required: bool
    ticked: bool
    evidence: str = ""
    statements: Sequence[Statement] = ()

    @property
    def label(self) -> str:
        return self.finding.label

    @property
    def is_gap(self) -> bool:
        return self.finding.is_gap


def principle_findings(
    principles: Iterable[Principle],
    given: dict[int, EvidenceGiven],
    required: frozenset[int],
) -> list[PrincipleFinding]:
    """One record, principle by principle of its framework version: `given` maps the
    ids of the principles it ticked to what it said; `required` holds the ids of the
    principles its kind must evidence. A required principle ticked with no evidence
    written is not evidenced (`required_not_evidenced`): the strong finding wins."""
    principles = list(principles)
    texts = {principle_id: row.text for principle_id, row in given.items()}
    missing = {
        principle.pk
        for principle in required_not_evidenced(
            [principle for principle in principles if principle.pk in required], texts
        )
    }
    findings = []
    for principle in principles:
        row = given.get(principle.pk)
        text = row.text.strip() if row else ""
        is_required = principle.pk in required
        if principle.pk in missing:
            finding = Finding.REQUIRED_NOT_EVIDENCED
        elif is_written(texts.get(principle.pk)):
            finding = Finding.EVIDENCED
        elif row is not None:
            finding = Finding.NO_EVIDENCE_WRITTEN
        else:
            finding = Finding.NOT_EVIDENCED
        findings.append(
            PrincipleFinding(
                principle=principle,
                finding=finding,
                required=is_required,
                ticked=row is not None,
                evidence=text,
                statements=tuple(row.statements) if row else (),
            )
        )
    return findings


@dataclass(frozen=True)
class Timeliness:
    """Where a record stands against the two-working-day clock; `tracker_state` None
    when it has no clock (a Care Act record started without a contact). The names are
    the tracker's (`with_tracker`), so the tracker tag partial shows it."""

    tracker_state: TrackerState | None
    tracker_label: str
    contact: Contact | None = None
    contact_date: date | None = None
    due_date: date | None = None
    completed_on: date | None = None
    working_days_late: int = 0

    @property
    def has_clock(self) -> bool:
        return self.tracker_state is not None


def timeliness(obligation: RecordingObligation | None, calendar: WorkingCalendar) -> Timeliness:
    """The same answer as the tracker (`RecordingObligationQuerySet.with_tracker`) gives
    on My recording, from the obligation's stored dates."""
    if obligation is None:
        return Timeliness(tracker_state=None, tracker_label=NO_CLOCK)
    state = tracker_state(
        due=obligation.due_date,
        completed_on=obligation.completed_on,
        today=calendar.today,
        next_working_day=calendar.next_working_day,
    )
    late = (
        calendar.days_late(obligation.due_date, obligation.completed_on)
        if state in (TrackerState.OVERDUE, TrackerState.COMPLETED_LATE)
        else 0
    )
    return Timeliness(
        tracker_state=state,
        tracker_label=tracker_label(
            state, due=obligation.due_date, working_days_late=late, today=calendar.today
        ),
        contact=obligation.contact,
        contact_date=obligation.contact_date,
        due_date=obligation.due_date,
        completed_on=obligation.completed_on,
        working_days_late=late,
    )


@dataclass(frozen=True)
class RecordEntry:
    record: Record
    findings: list[PrincipleFinding]
    timeliness: Timeliness
    addenda: list[Addendum]

    @property
    def gaps(self) -> list[PrincipleFinding]:
        return [finding for finding in self.findings if finding.is_gap]

    @property
    def required_not_evidenced(self) -> list[PrincipleFinding]:
        return [f for f in self.findings if f.finding == Finding.REQUIRED_NOT_EVIDENCED]

    @property
    def no_evidence_written(self) -> list[PrincipleFinding]:
        return [f for f in self.findings if f.finding == Finding.NO_EVIDENCE_WRITTEN]

    @property
    def evidenced(self) -> list[PrincipleFinding]:
        return [f for f in self.findings if f.finding == Finding.EVIDENCED]


@dataclass(frozen=True)
class PrincipleTally:
    """One principle across the person's records written under its framework version."""

    principle: Principle
    records: int
    evidenced: int
    required: int
    required_not_evidenced: int


@dataclass(frozen=True)
class FrameworkTally:
    framework: Framework
    records: int
    principles: list[PrincipleTally]


@dataclass(frozen=True)
class Summary:
    records: int
    completed: int
    drafts: int
    on_time: int
    completed_late: int
    overdue: int
    not_yet_due: int
    no_clock: int
    required_not_evidenced: int
    required_not_evidenced_in_drafts: int
    records_with_required_not_evidenced: int
    no_evidence_written: int
    contacts_not_recorded: int


@dataclass(frozen=True)
class AdherenceReport:
    person: Person
    today: date
    entries: list[RecordEntry]
    frameworks: list[FrameworkTally]
    summary: Summary
    # Contacts whose case note was never started: no record to read, but the clock ran.
    not_recorded: list[Timeliness] = field(default_factory=list)


def adherence_report(
    *,
    person: Person,
    records: Sequence[Record],
    required: dict[tuple[int, str], frozenset[int]],
    not_recorded: Sequence[RecordingObligation],
    calendar: WorkingCalendar,
) -> AdherenceReport:
    """The report from loaded rows, in the order given. Each record brings its
    `framework.principles`, `evidence` (with statements), `addenda` and `obligation`
    (with its contact) already fetched; `required` maps (framework id, record kind) to
    the ids of the principles that kind must evidence."""
    entries = []
    for record in records:
        given = {
            row.principle_id: EvidenceGiven(
                text=row.evidence, statements=list(row.statements.all())
            )
            for row in record.evidence.all()
        }
        entries.append(
            RecordEntry(
                record=record,
                findings=principle_findings(
                    record.framework.principles.all(),
                    given,
                    required.get((record.framework_id, record.kind), frozenset()),
                ),
                timeliness=timeliness(record.obligation, calendar),
                addenda=list(record.addenda.all()),
            )
        )
    unrecorded = [timeliness(obligation, calendar) for obligation in not_recorded]
    return AdherenceReport(
        person=person,
        today=calendar.today,
        entries=entries,
        frameworks=_framework_tallies(entries),
        summary=_summary(entries, unrecorded),
        not_recorded=unrecorded,
    )


def _framework_tallies(entries: Sequence[RecordEntry]) -> list[FrameworkTally]:
    """Per framework version the person's records were written under, in the order its
    first record comes: how many records evidenced each principle."""
    by_framework: dict[int, list[RecordEntry]] = {}
    for entry in entries:
        by_framework.setdefault(entry.record.framework_id, []).append(entry)
    tallies = []
    for group in by_framework.values():
        evidenced, required, missing = Counter(), Counter(), Counter()
        for entry in group:
            for finding in entry.findings:
                number = finding.principle.number
                evidenced[number] += finding.finding == Finding.EVIDENCED
                required[number] += finding.required
                missing[number] += finding.finding == Finding.REQUIRED_NOT_EVIDENCED
        framework = group[0].record.framework
        tallies.append(
            FrameworkTally(
                framework=framework,
                records=len(group),
                principles=[
                    PrincipleTally(
                        principle=principle,
                        records=len(group),
                        evidenced=evidenced[principle.number],
                        required=required[principle.number],
                        required_not_evidenced=missing[principle.number],
                    )
                    for principle in framework.principles.all()
                ],
            )
        )
    return tallies


def _summary(entries: Sequence[RecordEntry], not_recorded: Sequence[Timeliness]) -> Summary:
    states = Counter(entry.timeliness.tracker_state for entry in entries)
    drafts = [entry for entry in entries if entry.record.is_draft]
    return Summary(
        records=len(entries),
        completed=len(entries) - len(drafts),
        drafts=len(drafts),
        on_time=states[TrackerState.ON_TIME],
        completed_late=states[TrackerState.COMPLETED_LATE],
        overdue=states[TrackerState.OVERDUE],
        not_yet_due=sum(states[state] for state in NOT_YET_DUE),
        no_clock=states[None],
        required_not_evidenced=sum(len(e.required_not_evidenced) for e in entries),
        required_not_evidenced_in_drafts=sum(len(e.required_not_evidenced) for e in drafts),
        records_with_required_not_evidenced=sum(1 for e in entries if e.required_not_evidenced),
        no_evidence_written=sum(len(e.no_evidence_written) for e in entries),
        contacts_not_recorded=len(not_recorded),
    )


# --- Loading ---


def records_for_report(person: Person):
    """The person's records, oldest first by when they happened: the contact a record
    records; for a record of no contact, when it was completed (the date the person's
    copy carries) or, for a draft, started. Everything the report reads comes with
    them: one query for the records and one for each prefetched list."""
    return (
        person.records.select_related(
            "author", "framework", "obligation__contact", "authorisation__decided_by"
        )
        .prefetch_related(
            Prefetch("framework__principles", queryset=Principle.objects.order_by("number")),
            Prefetch(
                "evidence",
                queryset=PrincipleEvidence.objects.prefetch_related(
                    Prefetch("statements", queryset=Statement.objects.order_by("position"))
                ),
            ),
            Prefetch("addenda", queryset=Addendum.objects.select_related("author")),
        )
        .annotate(
            happened_at=Coalesce("obligation__contact__occurred_at", "completed_at", "created_at")
        )
        .order_by("happened_at", "pk")
    )


def adherence_report_for(person: Person, *, today: date) -> AdherenceReport:
    """The report on `person` as it stands on `today` (the council's local date)."""
    calendar = WorkingCalendar(today=today, closure_days=ClosureDay.dates())
    records = list(records_for_report(person))
    not_recorded = (
        RecordingObligation.objects.filter(contact__person=person, record__isnull=True)
        .select_related("contact__recorded_by")
        .order_by("contact__occurred_at", "pk")
    )
    return adherence_report(
        person=person,
        records=records,
        required={
            key: frozenset(principle.pk for principle in principles)
            for key, principles in required_principles_by_kind(
                {record.framework_id for record in records}
            ).items()
        },
        not_recorded=list(not_recorded),
        calendar=calendar,
    )
