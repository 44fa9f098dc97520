"""Writes of the front door's requests for support (issue 17, part 2): recording a
request (a contact, so its case note is on the two-working-day clock) and screening it
once. Each is one transaction."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.models import (
    Priority,
    Requester,
    ScreeningOutcome,
    SupportRequest,
    WorkItem,
    WorkKind,
)
from frontdoor.services import work_item_open
from recording.history import history_rows_add
from recording.services import contact_record, local_date

SCREENED = "screened"
WITH_WHOM_MAX = 300  # Contact.with_whom


def requester_described(requester: str, requester_name: str) -> str:
    """Who asked, as the contact's "with whom": "Family member or friend: Jo (daughter)"."""
    label = Requester(requester).label
    text = f"{label}: {requester_name.strip()}" if requester_name.strip() else label
    return text[:WITH_WHOM_MAX]


@transaction.atomic
def support_request_record(
    *,
    person,
    received_at: datetime,
    method: str,
    requester: str,
    requester_name: str,
    route_of_access: str,
    asked_for: str,
    urgency: str,
    recorded_by,
) -> SupportRequest:
    """Record a request for support: its contact (whose case note falls due two working
    days after the day it was received, owned by whoever recorded it) and the request."""
    contact = contact_record(
        person=person,
        occurred_at=received_at,
        method=method,
        with_whom=requester_described(requester, requester_name),
        recorded_by=recorded_by,
    )
    request = SupportRequest(
        contact=contact,
        person=person,
        team_id=person.team_id,
        received_at=received_at,
        requester=requester,
        requester_name=requester_name,
        route_of_access=route_of_access,
        asked_for=asked_for,
        urgency=urgency,
        created_by=recorded_by,
    )
    request.full_clean(exclude=["contact", "person", "team", "created_by"])
    request.save()
    return request


class AlreadyScreened(Exception):
    """Someone screened the request first (another window, another duty worker):
    nothing was changed. `request` is as they left it."""

    def __init__(self, request: SupportRequest):
        self.request = request
        super().__init__(f"Request {request.pk} was already screened.")


# What each outcome asks for, beyond the outcome itself.
REASON_REQUIRED = {
    ScreeningOutcome.NO_FURTHER_ACTION: "Enter why no further action is needed",
    ScreeningOutcome.SIGNPOSTING: "Enter who the person was signposted to",
}
ASSESSMENT_KINDS = (WorkKind.NEEDS_ASSESSMENT, WorkKind.CARERS_ASSESSMENT)


def screening_errors(
    *, outcome: str, reason: str, assessment_kind: str, priority: str, priority_reason: str
) -> dict[str, str]:
    """Field name -> message for what the outcome needs and was not given."""
    errors = {}
    if outcome not in ScreeningOutcome.values:
        errors["outcome"] = "Select the outcome of screening"
        return errors
    if outcome in REASON_REQUIRED and not reason.strip():
        errors["reason"] = REASON_REQUIRED[outcome]
    if outcome == ScreeningOutcome.ASSESSMENT_NEEDED:
        if assessment_kind not in ASSESSMENT_KINDS:
            errors["assessment_kind"] = "Select which assessment is needed"
        if priority not in Priority.values:
            errors["priority"] = "Select the priority of the assessment"
        elif priority == Priority.HIGH and not priority_reason.strip():
            errors["priority_reason"] = "Enter why the assessment is high priority"
    return errors


@transaction.atomic
def support_request_screen(
    *,
    request: SupportRequest,
    user,
    outcome: str,
    reason: str = "",
    assessment_kind: str = "",
    priority: str = "",
    priority_reason: str = "",
    now: datetime | None = None,
) -> WorkItem | None:
    """Screen the request to `outcome`, once. For "assessment needed" the person goes on
    their team's waiting list for the assessment, waiting since the day the request was
    received; the work item is returned. A request screened meanwhile raises
    `AlreadyScreened` and nothing changes."""
    errors = screening_errors(
        outcome=outcome,
        reason=reason,
        assessment_kind=assessment_kind,
        priority=priority,
        priority_reason=priority_reason,
    )
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    # Race: two duty workers (or two windows) screening at once -- only the first finds
    # the request unscreened; the UPDATE holds the row until the transaction ends.
    updated = SupportRequest.objects.filter(pk=request.pk, screened_at__isnull=True).update(
        outcome=outcome, outcome_reason=reason.strip(), screened_by=user, screened_at=now
    )
    if not updated:
        raise AlreadyScreened(
            SupportRequest.objects.select_related("screened_by").get(pk=request.pk)
        )
    screened = SupportRequest.objects.get(pk=request.pk)
    history_rows_add([screened], reason=SCREENED, user=user, when=now)
    request.outcome, request.outcome_reason = screened.outcome, screened.outcome_reason
    request.screened_by, request.screened_at = user, now
    if outcome != ScreeningOutcome.ASSESSMENT_NEEDED:
        return None
    return work_item_open(
        kind=WorkKind(assessment_kind),
        person=request.person,
        waiting_since=local_date(request.received_at),
        request=request,
        priority=Priority(priority),
        priority_reason=priority_reason.strip(),
    )
