"""Writes to the case record. Each is one transaction; records are checked with
`full_clean()` before they are saved; completed records are never written again."""

import hashlib
import json
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, DateField, F, Value, When
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import OutboundEmail, User
from accounts.outbox import email_queue
from config.readability import reading_ease
from principles.citations import cited_principles
from principles.models import ActiveFramework, Principle, Statement
from recording.deadlines import (
    LONDON,
    TrackerState,
    WorkingCalendar,
    contact_dates_a_closure_can_move,
    due_date,
    is_working_day,
)
from recording.history import COMPLETED, history_rows_add
from recording.models import (
    Addendum,
    CaseNote,
    ClosureDay,
    Contact,
    DecisionOption,
    DigestSent,
    PendingSubmission,
    Person,
    PrincipleEvidence,
    ProvisionalCarePackage,
    Record,
    RecordImmutableError,
    RecordingObligation,
    RecordKind,
)
from recording.signals import record_completed

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class EvidenceInput:
    principle: Principle
    evidence: str
    statements: list[Statement] = field(default_factory=list)


@dataclass(frozen=True)
class OptionInput:
    option: str
    why_not_appropriate: str


def local_date(moment: datetime) -> date:
    return moment.astimezone(LONDON).date()


@transaction.atomic
def obligation_create(
    *, contact: Contact, kind: RecordKind, owner, closure_days: frozenset[date] | None = None
) -> RecordingObligation:
    contact_date = local_date(contact.occurred_at)
    closures = ClosureDay.dates() if closure_days is None else closure_days
    obligation = RecordingObligation(
        contact=contact,
        kind=kind,
        owner=owner,
        team_id=contact.person.team_id,
        contact_date=contact_date,
        due_date=due_date(contact_date, closures),
    )
    obligation.full_clean()
    obligation.save()
    return obligation


@transaction.atomic
def contact_record(
    *, person: Person, occurred_at: datetime, method: str, with_whom: str, recorded_by
) -> Contact:
    """Record a contact; it creates the obligation to write its case note."""
    contact = Contact(
        person=person,
        occurred_at=occurred_at,
        method=method,
        with_whom=with_whom,
        recorded_by=recorded_by,
    )
    contact.full_clean()
    contact.save()
    obligation_create(contact=contact, kind=RecordKind.CASE_NOTE, owner=recorded_by)
    return contact


class DraftConflictError(Exception):
    """The draft was saved again since the version the form showed (in another window,
    on another device, by a save still on its way): nothing was written."""

    def __init__(self, *, record_id: int, submitted: int | None, current: int):
        self.record_id, self.submitted, self.current = record_id, submitted, current
        super().__init__(
            f"Record {record_id} is at version {current}; the save was of version {submitted}."
        )


class TamperedVersionError(Exception):
    """A version number no form was given: not a whole number, or ahead of the draft."""


# --- Every kind's draft: started, taken for a save, written (`case_note_save`,
# `provisional_care_package_save`, `assessments.services.care_act_record_save`) ---


def draft_lock(record: Record, author, version: int | None = None) -> None:
    """Take the draft for this save, or refuse: someone else's record, one completed
    meanwhile, or -- when `version` is given, as every form gives it -- a version that is
    no longer the latest (an edit conflict). Moves the draft's version on by one.
    `version` None (the demo data, revising a returned record) saves whatever the
    version."""
    if record.author_id != author.pk:
        raise PermissionDenied("Only the author can change a draft.")
    rows = Record.objects.filter(pk=record.pk, status=Record.Status.DRAFT)
    if version is not None:
        rows = rows.filter(version=version)
    # Race: two saves of one draft (two windows, a double click, a replayed POST) or a
    # save and a completion. The conditional UPDATE takes the row's write lock until
    # the transaction ends, so only the save that read the latest version moves it on;
    # the other finds no row and is told, never overwriting.
    if rows.update(version=F("version") + 1):
        record.version = (
            version + 1
            if version is not None
            else Record.objects.values_list("version", flat=True).get(pk=record.pk)
        )
        return
    raise _refusal(record, version)


def _refusal(record: Record, version: int | None) -> Exception:
    """Why a conditional write to the draft found no row to write."""
    status, current = Record.objects.values_list("status", "version").get(pk=record.pk)
    if status != Record.Status.DRAFT:
        return RecordImmutableError(f"{record} is completed; add an addendum instead.")
    if version is not None and version > current:
        return TamperedVersionError(f"Version {version} of record {record.pk} was never saved.")
    return DraftConflictError(record_id=record.pk, submitted=version, current=current)


def _evidence_replace(record: Record, evidence: Iterable[EvidenceInput]) -> None:
    """Make the record's principle evidence what was sent. Only what changed is
    written: a draft is saved every few seconds as its author types, and each write
    adds a history row."""
    existing = {row.principle_id: row for row in record.evidence.prefetch_related("statements")}
    wanted = {item.principle.pk: item for item in evidence}
    gone = [row.pk for principle_id, row in existing.items() if principle_id not in wanted]
    if gone:
        record.evidence.filter(pk__in=gone).delete()
    for principle_id, item in wanted.items():
        row = existing.get(principle_id)
        if row is None:
            row = PrincipleEvidence(record=record, principle=item.principle)
        elif row.evidence == item.evidence and {s.pk for s in row.statements.all()} == {
            s.pk for s in item.statements
        }:
            continue
        new = row.pk is None
        row.evidence = item.evidence
        # The record and the principle are the form's own: checking again that each
        # exists would cost a query apiece.
        row.full_clean(exclude=["record", "principle"])
        row.save()
        if item.statements or not new:
            row.statements.set(item.statements)


def _options_replace(note: CaseNote, options: Iterable[OptionInput]) -> None:
    """Make the case note's decision options what was sent, writing only what changed
    (see `_evidence_replace`)."""
    existing = {row.position: row for row in note.options.all()}
    wanted = dict(enumerate(options, start=1))
    gone = [row.pk for position, row in existing.items() if position not in wanted]
    if gone:
        note.options.filter(pk__in=gone).delete()
    for position, item in wanted.items():
        row = existing.get(position)
        if row is None:
            row = DecisionOption(case_note=note, position=position)
        elif (row.option, row.why_not_appropriate) == (item.option, item.why_not_appropriate):
            continue
        row.option, row.why_not_appropriate = item.option, item.why_not_appropriate
        row.full_clean(exclude=["case_note"])
        row.save()


DRAFT_LINKS = ["person", "obligation", "framework", "author", "revises"]


def draft_write(record: Record, fields: dict, evidence: Iterable[EvidenceInput] | None) -> None:
    """Set the fields, check and save the record, and replace its principle evidence
    (`evidence` None leaves it as it is). The plain-English score is kept up to date."""
    for name, value in fields.items():
        setattr(record, name, value)
    record.reading_ease = reading_ease(record.narrative_texts())
    # A saved draft's links are set when it starts and never change: checking again that
    # each exists would cost a query apiece on every save (and every autosave).
    # Nor does a save set a draft's status or completion time, which the database
    # checks together (`completed_records_have_a_completion_time`): checking them here
    # too costs three queries a save.
    record.full_clean(exclude=DRAFT_LINKS + ["status", "completed_at"] if record.pk else None)
    record.save()
    if evidence is not None:
        _evidence_replace(record, evidence)


def draft_start(record: Record, *, person: Person, author, obligation) -> None:
    """Set a new draft's links (unsaved: `draft_write` saves it): whose record, who
    writes it, the framework it is written under (the active one), its clock."""
    framework = ActiveFramework.current()
    if framework is None:
        raise ValueError("Choose the active framework before recording.")
    record.person = person
    record.author = author
    record.framework = framework
    record.obligation = obligation


# --- Forms sent after the session expired (SPEC 6, "No lost work") ---
# The browser holds a random token in a cookie (`recording.draft_views`); only its hash
# is stored.

PENDING_LIFETIME = timedelta(hours=24)  # over lunch and overnight, not for weeks
PENDING_MAX_CHARACTERS = 1_000_000  # far more than any record's text
PENDING_MAX_PER_OWNER = 20


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def pending_submission_keep(
    *, owner_id: int, path: str, data: dict[str, list[str]], replaces: str | None = None
) -> str | None:
    """Keep what a form sent after its author was signed out, for `owner_id` to see
    again at `path`, and return the new random token that finds it; None, keeping
    nothing, when it is too big. The kept submission of token `replaces` (this
    browser's last one), expired ones and the owner's oldest beyond
    PENDING_MAX_PER_OWNER go."""
    if len(json.dumps(data)) > PENDING_MAX_CHARACTERS:
        logger.warning("Did not keep a signed-out POST to %s: too big", path)
        return None
    now = timezone.now()
    PendingSubmission.objects.filter(created_at__lt=now - PENDING_LIFETIME).delete()
    if replaces:
        PendingSubmission.objects.filter(token_hash=_token_hash(replaces)).delete()
    kept = PendingSubmission.objects.filter(owner_id=owner_id).order_by("-created_at")
    PendingSubmission.objects.filter(
        pk__in=list(kept.values_list("pk", flat=True)[PENDING_MAX_PER_OWNER - 1 :])
    ).delete()
    token = secrets.token_urlsafe(32)
    PendingSubmission.objects.create(
        token_hash=_token_hash(token), path=path, owner_id=owner_id, data=data
    )
    logger.info("Kept a signed-out POST to %s for user %s", path, owner_id)
    return token


@transaction.atomic
def pending_submission_take(*, token: str, path: str, owner) -> dict[str, list] | None:
    """What was kept under `token` for `owner` at `path`, once: the row is deleted."""
    kept = PendingSubmission.objects.filter(
        token_hash=_token_hash(token),
        path=path,
        owner=owner,
        created_at__gte=timezone.now() - PENDING_LIFETIME,
    ).first()
    if kept is None:
        return None
    kept.delete()
    return kept.data


@transaction.atomic
def case_note_save(
    *,
    author,
    note: CaseNote | None = None,
    obligation: RecordingObligation | None = None,
    fields: dict,
    evidence: Iterable[EvidenceInput],
    options: Iterable[OptionInput],
    version: int | None = None,
) -> CaseNote:
    """Save a case note as a draft: a new one for `obligation`, or `note` again, if it is
    still at `version` (see `draft_lock`)."""
    if note is None:
        if obligation is None or obligation.kind != RecordKind.CASE_NOTE:
            raise ValueError("A new case note needs its contact's case-note obligation.")
        existing = Record.objects.filter(obligation=obligation).values_list("pk", "version")
        if existing:
            # Written meanwhile (another window of the new note, a replayed POST).
            record_id, current = existing[0]
            raise DraftConflictError(record_id=record_id, submitted=0, current=current)
        note = CaseNote()
        draft_start(note, person=obligation.contact.person, author=author, obligation=obligation)
        try:
            with transaction.atomic():
                draft_write(note, fields, evidence)
        except IntegrityError:
            # Race: two first saves of the note; the obligation's unique link lets one in.
            record_id, current = Record.objects.values_list("pk", "version").get(
                obligation=obligation
            )
            raise DraftConflictError(record_id=record_id, submitted=0, current=current) from None
    else:
        draft_lock(note, author, version)
        draft_write(note, fields, evidence)
    _options_replace(note, options)
    return note


@transaction.atomic
def provisional_care_package_save(
    *,
    author,
    package: ProvisionalCarePackage | None = None,
    contact: Contact | None = None,
    fields: dict,
    evidence: Iterable[EvidenceInput],
    version: int | None = None,
) -> ProvisionalCarePackage:
    """Save a provisional care package as a draft. A new one starts its own clock from
    its contact (Herts P6: "including provisional care packages")."""
    if package is None:
        if contact is None:
            raise ValueError("A new provisional care package needs its contact.")
        package = ProvisionalCarePackage()
        obligation = obligation_create(
            contact=contact, kind=RecordKind.PROVISIONAL_CARE_PACKAGE, owner=author
        )
        draft_start(package, person=contact.person, author=author, obligation=obligation)
    else:
        draft_lock(package, author, version)
    draft_write(package, fields, evidence)
    return package


@transaction.atomic
def record_complete(
    *, record: Record, user, now: datetime | None = None, version: int | None = None
) -> Record:
    """Complete a draft: from now on it is never changed, and its clock stops. With
    `version` (as the forms give it), only if the draft is still that version: what is
    completed is what the author saw."""
    if record.author_id != user.pk:
        raise PermissionDenied("Only the author can complete a record.")
    now = now or timezone.now()
    stale = Record.objects.filter(pk=record.pk).exclude(status=Record.Status.DRAFT, version=version)
    if version is not None and stale.exists():
        raise _refusal(record, version)  # before what completion needs: they saw another version
    errors = record.completion_errors()
    if errors:
        raise ValidationError(errors)
    # Race: two completions (a double click, a replayed POST) -- only the first one
    # finds the row still a draft; and a save in another window since this version.
    rows = Record.objects.filter(pk=record.pk, status=Record.Status.DRAFT)
    if version is not None:
        rows = rows.filter(version=version)
    updated = rows.update(status=Record.Status.COMPLETED, completed_at=now, updated_at=now)
    if not updated:
        raise _refusal(record, version)
    # The UPDATEs send no signal: the completion goes into the history here.
    completed = Record.model_for_kind(record.kind).objects.get(pk=record.pk)
    history_rows_add([completed], reason=COMPLETED, user=user, when=now)
    if record.obligation_id:
        stopped = RecordingObligation.objects.filter(
            pk=record.obligation_id, completed_at__isnull=True
        ).update(completed_at=now, completed_on=local_date(now))
        if stopped:
            obligation = RecordingObligation.objects.get(pk=record.obligation_id)
            history_rows_add([obligation], reason=COMPLETED, user=user, when=now)
    record.status = Record.Status.COMPLETED
    record.completed_at = now
    record._loaded_status = Record.Status.COMPLETED
    record_completed.send(sender=type(completed), record=completed, user=user, now=now)
    return record


@transaction.atomic
def addendum_add(*, record: Record, author, reason: str, text: str) -> Addendum:
    """Correct or add to a completed record without changing it."""
    if not Record.objects.filter(pk=record.pk, status=Record.Status.COMPLETED).exists():
        raise ValueError("Only a completed record takes an addendum; edit the draft instead.")
    addendum = Addendum(record=record, author=author, reason=reason, text=text)
    addendum.full_clean()
    addendum.save()
    return addendum


def due_dates_recompute_around(day: date) -> int:
    """Re-evaluate, in one UPDATE, the due dates that closing or reopening `day` can
    move; return how many obligations were re-evaluated."""
    closures = ClosureDay.dates()
    after, before = contact_dates_a_closure_can_move(day, closures)
    new_due = {}
    contact_day = after + timedelta(days=1)
    while contact_day < before:
        new_due[contact_day] = due_date(contact_day, closures)
        contact_day += timedelta(days=1)
    if not new_due:
        return 0
    affected = RecordingObligation.objects.filter(
        contact_date__gt=after, contact_date__lt=before, due_date__gte=day
    )
    # The history keeps each due date an obligation has had: the rows the UPDATE below
    # moves, read first (in this transaction), get a history row after it.
    moved = [
        obligation
        for obligation in affected
        if obligation.due_date != new_due.get(obligation.contact_date, obligation.due_date)
    ]
    count = affected.update(
        due_date=Case(
            *(
                When(contact_date=contact_day, then=Value(due))
                for contact_day, due in new_due.items()
            ),
            output_field=DateField(),
        )
    )
    for obligation in moved:
        obligation.due_date = new_due[obligation.contact_date]
    history_rows_add(moved, reason=f"Closure day {day.day} {day:%B %Y} added or removed")
    return count


@transaction.atomic
def closure_day_add(*, day: date, reason: str) -> ClosureDay:
    closure = ClosureDay(date=day, reason=reason)
    closure.full_clean()
    closure.save()
    due_dates_recompute_around(day)
    return closure


@transaction.atomic
def closure_day_change(*, closure: ClosureDay, day: date, reason: str) -> ClosureDay:
    old_day = closure.date
    closure.date = day
    closure.reason = reason
    closure.full_clean()
    closure.save()
    if old_day != day:
        due_dates_recompute_around(old_day)
        due_dates_recompute_around(day)
    return closure


@transaction.atomic
def closure_day_remove(*, closure: ClosureDay) -> None:
    day = closure.date
    closure.delete()
    due_dates_recompute_around(day)


def recording_digest_send(*, today: date, site_url: str) -> int:
    """Email each member of staff what is overdue, due today and due on the next
    working day, once a day (a second run the same day sends nothing). Returns how many
    emails were queued (`recording_digest_queue`)."""
    return len(recording_digest_queue(today=today, site_url=site_url))


def recording_digest_queue(*, today: date, site_url: str) -> list[OutboundEmail]:
    """`recording_digest_send`, answering the emails queued: each is sent as its row
    commits, and the outbox (`accounts.outbox`) tries again one the mail server
    refused."""
    calendar = WorkingCalendar(today=today, closure_days=ClosureDay.dates())
    if not is_working_day(today, calendar.closure_days):
        return []
    tomorrow = calendar.next_working_day
    due = (
        RecordingObligation.objects.in_tracker_state(
            calendar, TrackerState.OVERDUE, TrackerState.DUE_TODAY, TrackerState.DUE_TOMORROW
        )
        .filter(owner__is_active=True)
        .exclude(owner__email="")
        .with_tracker(calendar)
        .for_lists()
        .order_by("owner_id", "due_date", "pk")
    )
    by_owner: dict[int, list[RecordingObligation]] = {}
    for obligation in due:
        by_owner.setdefault(obligation.owner_id, []).append(obligation)
    queued = []
    cited = cited_principles()  # once, for every email's reference to the rule
    for user in User.objects.filter(pk__in=by_owner).order_by("pk"):
        items = by_owner[user.pk]
        overdue = [o for o in items if o.tracker_state == TrackerState.OVERDUE]
        context = {
            "user": user,
            "overdue": overdue,
            "due_today": [o for o in items if o.tracker_state == TrackerState.DUE_TODAY],
            "due_tomorrow": [o for o in items if o.tracker_state == TrackerState.DUE_TOMORROW],
            "tomorrow": tomorrow,
            "site_url": site_url.rstrip("/"),
            "cited_principles": cited,
        }
        try:
            # The day's row and the email in one transaction: the email is kept (and
            # sent once this commits, outside it) exactly when the day is marked sent.
            # If two runs race, the second one's insert fails here and queues nothing.
            with transaction.atomic():
                DigestSent.objects.create(user=user, sent_on=today)
                email = email_queue(
                    to=user.email,
                    subject=_digest_subject(context),
                    body=render_to_string("recording/email/digest.txt", context),
                    why="recording digest",
                )
        except IntegrityError:
            continue  # already sent today
        queued.append(email)
    return queued


def _digest_subject(context: dict) -> str:
    parts = [
        f"{len(context[key])} {label}"
        for key, label in [
            ("overdue", "overdue"),
            ("due_today", "due today"),
            ("due_tomorrow", "due next working day"),
        ]
        if context[key]
    ]
    return f"Practice Record: recording {', '.join(parts)}"
