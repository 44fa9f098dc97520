"""Writing the access log. Every view that shows a person's record calls
`record_access` once, after it has found the person in the user's scope; a refusal
(the person out of scope) is logged by `audit.middleware` from the `OutOfScope` the
access getters raise (`recording.access_queries.get_person_for_user` and its siblings)."""

from django.http import Http404, HttpRequest
from django.utils import timezone

from audit.models import AccessEvent
from recording.models import Contact, Person, Record

What = AccessEvent.What

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


class OutOfScope(Http404):
    """The person (or their record or contact) is not the user's to see. The response
    is a plain 404 that reveals nothing; the refusal is logged."""

    def __init__(self, *, person_id=None, record_id=None, contact_id=None):
        super().__init__("Not found.")
        self.person_id, self.record_id, self.contact_id = person_id, record_id, contact_id

    def refused_person_id(self) -> int | None:
        """The person the address named, or None when it names nobody."""
        if self.record_id is not None:
            found = Record.objects.filter(pk=self.record_id)
        elif self.contact_id is not None:
            found = Contact.objects.filter(pk=self.contact_id)
        else:
            return Person.objects.filter(pk=self.person_id).values_list("pk", flat=True).first()
        return found.values_list("person_id", flat=True).first()


def record_access(
    request: HttpRequest, person: Person | None, what: str, refused: bool = False
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
    return record_access(request, person, what, refused=True)
