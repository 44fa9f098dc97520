"""Writing the access log. The views that show a person's record tell it what they
showed through `recording.access_log.record_access`, which this app answers
(`person_shown`, connected in `AuditConfig.ready`); a refusal (the person out of scope)
is logged by `audit.middleware` from the `OutOfScope` the access getters raise."""

from django.http import HttpRequest
from django.utils import timezone

from audit.models import AccessEvent
from recording.access_log import OutOfScope, What
from recording.models import Person

# For a refusal: what the refused address would have shown, by URL name.
WHAT_BY_URL_NAME = {
    "recording:person": What.PERSON_PAGE,
    "recording:person_history": What.PERSON_HISTORY,
    "recording:record": What.RECORD_PAGE,
    "recording:record_history": What.RECORD_HISTORY,
    "assessments:record": What.RECORD_PAGE,
    "assessments:record_history": What.RECORD_HISTORY,
    "assessments:pdf": What.RECORD_PDF,
    "assessments:pdf_large_print": What.RECORD_PDF,
    "assessments:issued_pdf": What.RECORD_PDF,
    "dashboards:adherence": What.ADHERENCE_PAGE,
    "dashboards:adherence_pdf": What.ADHERENCE_PDF,
    "audit:person": What.ACCESS_LOG,
}


def access_event_write(
    request: HttpRequest, person: Person | None, what: str, refused: bool = False, **_signal
) -> AccessEvent:
    """Log that `request.user` was shown (or refused) `what` about `person`."""
    return AccessEvent.objects.create(
        when=timezone.now(),
        user=request.user,
        person=person,
        what=what,
        path=request.get_full_path()[:500],
        refused=refused,
    )


def refusal_record(request: HttpRequest, refusal: OutOfScope) -> AccessEvent | None:
    """Log a refused address about a person; nothing for a user who is not signed in."""
    if not request.user.is_authenticated:
        return None
    match = request.resolver_match
    what = WHAT_BY_URL_NAME.get(match.view_name if match else "", What.OTHER)
    person_id = refusal.refused_person_id()
    person = Person(pk=person_id) if person_id is not None else None
    return access_event_write(request, person, what, refused=True)
