"""Writes to the Care Act records. Each is one transaction; completion, evidence and
the two-working-day clock are the case record's (`recording.services`)."""

import hashlib
import logging
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.access import can_authorise
from accounts.models import OutboundEmail
from accounts.outbox import email_queue
from assessments.models import (
    COPY_RECEIVED,
    Authorisation,
    CarePlan,
    CopyGenerated,
    CopyGiven,
    EligibilityDetermination,
    IssuedCopy,
    NeedsAssessment,
    Review,
)
from assessments.pdf import Correction, copy_filename, issue_date, render_copy
from assessments.rules import START_NEEDS, StartFacts
from config import cld
from config.kinds import AUTHORISED_KINDS, CARE_ACT_KINDS, COPY_KINDS
from config.past_dates import local_today, past_date_errors
from recording.history import history_rows_add
from recording.models import Contact, Person, Record, RecordKind
from recording.services import (
    EvidenceInput,
    draft_lock,
    draft_start,
    draft_write,
    local_date,
    obligation_create,
    record_complete,
)
from recording.signals import review_due_changed

logger = logging.getLogger(__name__)

# Each kind's record is made from the one before it on the person's journey.
BASIS_FIELD = {
    RecordKind.ELIGIBILITY: "assessment",
    RecordKind.CARE_PLAN: "eligibility",
    RecordKind.REVIEW: "plan",
}


def basis_for(person: Person, kind: str) -> Record | None:
    """The record a new record of `kind` builds on: the latest completed assessment for a
    determination, the latest authorised eligible determination for a plan, the latest
    authorised plan for a review. None when there is none yet."""
    authorised = {"status": Record.Status.COMPLETED, "authorisation__decision": "authorised"}
    if kind == RecordKind.ELIGIBILITY:
        candidates = NeedsAssessment.objects.filter(status=Record.Status.COMPLETED)
    elif kind == RecordKind.CARE_PLAN:
        candidates = EligibilityDetermination.objects.filter(
            decision=EligibilityDetermination.Decision.ELIGIBLE, **authorised
        )
    elif kind == RecordKind.REVIEW:
        candidates = CarePlan.objects.filter(**authorised)
    else:
        return None
    return candidates.filter(person=person).order_by("-completed_at", "-pk").first()


@transaction.atomic
def care_act_record_start(
    *,
    kind: str,
    person: Person,
    author,
    contact: Contact | None = None,
    form_type: str = "",
) -> Record:
    """Start a draft of `kind` for `person`. If it records `contact`, it runs on the
    two-working-day clock from that contact."""
    if kind not in CARE_ACT_KINDS:
        raise ValueError(f"{kind} is not a Care Act record")
    if contact is not None and contact.person_id != person.pk:
        raise ValueError("The contact is with someone else.")
    model = Record.model_for_kind(kind)
    record = model()
    if kind in BASIS_FIELD:
        basis = basis_for(person, kind)
        if basis is None:
            raise ValidationError({"kind": START_NEEDS[kind]})
        setattr(record, BASIS_FIELD[kind], basis)
    if kind == RecordKind.CARERS_ASSESSMENT and person.client_type != cld.ClientType.CARER:
        raise ValidationError({"kind": START_NEEDS[kind]})
    if kind == RecordKind.NEEDS_ASSESSMENT and form_type:
        record.form_type = form_type
    obligation = None
    if contact is not None:
        obligation = obligation_create(contact=contact, kind=kind, owner=author)
    draft_start(record, person=person, author=author, obligation=obligation)
    draft_write(record, {}, None)
    return record


def start_facts(person: Person) -> StartFacts:
    """The facts `rules.why_not_startable` needs, in one query; the same conditions as
    `basis_for` (a test holds them together)."""
    authorised = Q(authorisation__decision=Authorisation.Decision.AUTHORISED)
    eligible = Q(eligibilitydetermination__decision=EligibilityDetermination.Decision.ELIGIBLE)
    found = Record.objects.filter(person=person, status=Record.Status.COMPLETED).aggregate(
        assessments=Count(
            "pk", filter=Q(kind__in=[RecordKind.NEEDS_ASSESSMENT, RecordKind.CARERS_ASSESSMENT])
        ),
        determinations=Count("pk", filter=Q(kind=RecordKind.ELIGIBILITY) & authorised & eligible),
        plans=Count("pk", filter=Q(kind=RecordKind.CARE_PLAN) & authorised),
    )
    return StartFacts(
        completed_assessment=found["assessments"] > 0,
        authorised_eligible_determination=found["determinations"] > 0,
        authorised_plan=found["plans"] > 0,
        is_carer=person.client_type == cld.ClientType.CARER,
    )


@transaction.atomic
@transaction.atomic
def care_act_record_save(
    *,
    record: Record,
    author,
    fields: dict,
    evidence: list[EvidenceInput] | None = None,
    children: dict[str, list[dict]] | None = None,
    version: int | None = None,
) -> Record:
    """Save a draft, if it is still at `version` (`recording.services.draft_lock`): its
    fields, and (when given) its principle evidence and the rows of each child list,
    replaced whole. Refuses what no version of the record may say (a plan over budget
    without the person's top-up) and changes nothing then. One transaction, with what
    the apps above write when it is saved (`frontdoor.receivers_alerts`)."""
    draft_lock(record, author, version)
    draft_write(record, fields, evidence)
    for related_name, rows in (children or {}).items():
        manager = getattr(record, related_name)
        manager.all().delete()
        for position, values in enumerate(rows, start=1):
            row = manager.model(**{manager.field.name: record}, **values)
            if hasattr(row, "position"):
                row.position = position
            row.full_clean()
            row.save()
    if hasattr(record, "_prefetched_objects_cache"):
        record._prefetched_objects_cache.clear()
    errors = record.save_errors()
    if errors:
        raise ValidationError(errors)
    return record


def care_act_record_complete(
    *, record: Record, user, now: datetime | None = None, version: int | None = None
) -> Record:
    """Complete the draft (if still at `version`, when given); a completed review sets
    when the person is next reviewed."""
    with transaction.atomic():
        record = record_complete(record=record, user=user, now=now, version=version)
        if isinstance(record, Review):
            Person.objects.filter(pk=record.person_id).update(review_due=record.next_review_date)
            _review_due_history(
                record, reason="Review completed", review_due=record.next_review_date, user=user
            )
    return record


@transaction.atomic
def authorisation_decide(
    *, record: Record, manager, authorise: bool, reason: str = "", now=None
) -> Authorisation:
    """A manager of the person's team authorises a completed eligibility determination
    or plan, or returns it with a reason. Never their own record."""
    if not record.needs_authorisation:
        raise ValueError(f"A {record.get_kind_display().lower()} is not authorised.")
    if not can_authorise(manager, record):
        raise PermissionDenied("A manager of the person's team authorises this, never its author.")
    if not Record.objects.filter(pk=record.pk, status=Record.Status.COMPLETED).exists():
        raise ValidationError("The record must be completed before it is authorised.")
    if Authorisation.objects.filter(record=record).exists():
        raise ValidationError("This record has already been decided.")
    decision = Authorisation(
        record=record,
        decision=Authorisation.Decision.AUTHORISED
        if authorise
        else Authorisation.Decision.RETURNED,
        reason=reason.strip(),
        decided_by=manager,
        decided_at=now or timezone.now(),
    )
    decision.full_clean()
    decision.save()
    if not authorise:
        return_email_queue(decision)
    if authorise and isinstance(record, CarePlan):
        Person.objects.filter(pk=record.person_id).update(review_due=record.review_date)
        _review_due_history(
            record,
            reason="Care and support plan authorised",
            review_due=record.review_date,
            user=manager,
        )
    return decision


def return_email_queue(decision: Authorisation) -> OutboundEmail | None:
    """Tell the author that a manager returned their record: queued with the return, in
    its transaction, and sent once it is saved (`accounts.outbox`, which tries again
    should the mail server refuse). The return stands whatever becomes of the email:
    the author also sees it on Home and My recording."""
    record = decision.record
    author = record.author
    if not author.is_active or not author.email:
        return None
    # The email leaves the service, so it carries no more of the person's case than the
    # author needs to find the record: its kind and the person's council reference, never
    # their name or what the record says. The reason is the manager's words to the
    # author, which they need to act on (the decision form tells the manager it is sent).
    context = {
        "author": author,
        "decision": decision,
        "kind": record.get_kind_display(),
        "reference": record.person.council_reference,
        "url": settings.SITE_URL.rstrip("/") + record.get_absolute_url(),
    }
    return email_queue(
        to=author.email,
        subject=f"Practice Record: your {context['kind'].lower()} for "
        f"{context['reference']} was returned",
        body=render_to_string("assessments/email/returned.txt", context),
        why="record returned",
    )


def _review_due_history(record: Record, *, reason: str, review_due, user) -> None:
    """The UPDATE of the person's review date sends no model signal: keep it in the
    history, and tell the apps above (`recording.signals.review_due_changed`)."""
    person = Person.objects.get(pk=record.person_id)
    history_rows_add([person], reason=reason)
    review_due_changed.send(
        sender=type(record), person=person, review_due=review_due, record=record, user=user
    )


@transaction.atomic
def record_revise(*, record: Record, author) -> Record:
    """A returned record stays as it was; its author revises it in a new draft that
    starts from what it said."""
    decision = Authorisation.objects.filter(record=record).first()
    if decision is None or decision.is_authorised:
        raise ValidationError("Only a returned record can be revised.")
    if record.author_id != author.pk:
        raise PermissionDenied("Only the author can revise a returned record.")
    existing = record.revisions.first()
    if existing is not None:
        return existing.as_kind()
    model = type(record)
    copy = model()
    for field in model._meta.local_concrete_fields:
        if not field.primary_key:  # the kind's own fields, not the link to `Record`
            setattr(copy, field.attname, getattr(record, field.attname))
    draft_start(copy, person=record.person, author=author, obligation=None)
    copy.revises = record
    draft_write(
        copy,
        {},
        [
            EvidenceInput(
                principle=e.principle, evidence=e.evidence, statements=list(e.statements.all())
            )
            for e in record.evidence.select_related("principle").prefetch_related("statements")
        ],
    )
    for related_name in CHILD_LISTS.get(record.kind, []):
        for row in getattr(record, related_name).all():
            row.pk = None
            setattr(row, getattr(copy, related_name).field.name, copy)
            row.save()
    return copy


CHILD_LISTS = {
    RecordKind.NEEDS_ASSESSMENT: ["outcomes", "risks"],
    RecordKind.CARE_PLAN: ["outcomes", "supports"],
    RecordKind.REVIEW: ["progress"],
}


def copy_is_owed(record: Record) -> bool:
    """The person is owed a copy of a completed assessment, and of an authorised
    eligibility determination or plan (Herts P5). Works on a plain `Record` too."""
    if record.kind not in COPY_KINDS or not record.is_completed:
        return False
    if record.kind in AUTHORISED_KINDS:
        decision = getattr(record, "authorisation", None)
        return bool(decision and decision.is_authorised)
    return True


@transaction.atomic
def copy_given_record(
    *, record: Record, given_on: date, channel: str, format: str, language: str = "", user
) -> CopyGiven:
    if not copy_is_owed(record):
        raise ValidationError("Copies are given of completed, authorised records.")
    errors = past_date_errors({"given_on": (given_on, COPY_RECEIVED)}, today=local_today())
    if errors:
        raise ValidationError(errors)
    if record.completed_at and given_on < local_date(record.completed_at):
        raise ValidationError(
            {
                "given_on": "The date the person received it cannot be before the record "
                "was completed"
            }
        )
    copy = CopyGiven(
        record=record,
        given_on=given_on,
        channel=channel,
        format=format,
        language=language,
        recorded_by=user,
    )
    copy.full_clean()
    copy.save()
    return copy


def copy_generated_record(*, record: Record, user, large_print: bool) -> CopyGenerated:
    return CopyGenerated.objects.create(record=record, generated_by=user, large_print=large_print)


def issued_copy_latest(*, record: Record, large_print: bool) -> IssuedCopy | None:
    """The copy of this variant the person was last issued, if any."""
    variant = IssuedCopy.Variant.LARGE_PRINT if large_print else IssuedCopy.Variant.STANDARD
    copies = IssuedCopy.objects.filter(record_id=record.pk, variant=variant)
    return copies.order_by("-issue_number").first()


def issued_copy_for_download(*, record: Record, user, large_print: bool) -> IssuedCopy:
    """The copy to give out: the latest issued, or, at the first download of an owed
    copy, issue 1 (stored now, so every later download is these same bytes)."""
    issued = issued_copy_latest(record=record, large_print=large_print)
    if issued is None:
        copy_issue(record=record, user=user)
        issued = issued_copy_latest(record=record, large_print=large_print)
    return issued


def copy_issue(*, record: Record, user, reason: str = "", now: datetime | None = None) -> int:
    """Issue the next copy of an owed record, both variants, rendered now from the
    record as it stands, and return its number. The first is issued on the record's own
    date (`pdf.issue_date`); a later one is a corrected copy, dated today, that says
    which copy it replaces, and needs a reason."""
    if not copy_is_owed(record):
        raise ValidationError("Copies are issued of completed, authorised records.")
    reason = reason.strip()
    now = now or timezone.now()
    latest = IssuedCopy.objects.filter(record_id=record.pk).order_by("-issue_number").first()
    correction = None
    if latest is not None:
        if not reason:
            raise ValidationError({"reason": "Enter why you are issuing a corrected copy"})
        correction = Correction(
            issue_number=latest.issue_number + 1,
            issued_on=local_date(now),
            replaces_issued_on=latest.issued_on,
        )
    number = correction.issue_number if correction else 1
    # Rendered before the transaction: a render takes a few tenths of a second.
    copies = []
    for variant in IssuedCopy.Variant:
        large_print = variant == IssuedCopy.Variant.LARGE_PRINT
        pdf = render_copy(record, large_print=large_print, correction=correction)
        copy = IssuedCopy(
            record=record,
            variant=variant,
            issue_number=number,
            issued_on=correction.issued_on if correction else issue_date(record),
            issued_at=now,
            issued_by=user,
            reason=reason,
            filename=copy_filename(record, large_print=large_print, correction=correction),
            sha256=hashlib.sha256(pdf).hexdigest(),
            pdf=pdf,
        )
        copy.full_clean(validate_constraints=False)
        copies.append(copy)
    try:
        with transaction.atomic():
            IssuedCopy.objects.bulk_create(copies)
    except IntegrityError:
        # The race of two first downloads (or two corrections) at once: both chose the
        # same number, the unique constraint let one in, and its copies stand.
        pass
    return number
