"""Telling the access log what a user was shown about a person (SPEC 6, "Access").

Every view that shows a person's record calls `record_access` once, after it has found
the person in the user's scope; a refusal (the person out of scope) is logged from the
`OutOfScope` the access getters raise (`audit.middleware`).

The log itself is the `audit` app's, and audit sits above `recording` and
`assessments` (the layers in pyproject.toml), so their views cannot call it: they call
`record_access` here, and audit connects its writer to `person_shown` when Django starts
(`AuditConfig.ready`). With no writer connected a page about a person fails, rather
than being shown unlogged.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.dispatch import Signal
from django.http import Http404, HttpRequest

from recording.models import Contact, Person, Record


class What(models.TextChoices):
    """What the user was shown (or refused): `audit.models.AccessEvent.what`."""

    PERSON_PAGE = "person_page", "Person's page"
    RECORD_PAGE = "record_page", "Record"
    RECORD_PDF = "record_pdf", "PDF copy of a record"
    ADHERENCE_PAGE = "adherence_page", "Principles-adherence report"
    ADHERENCE_PDF = "adherence_pdf", "Principles-adherence report PDF"
    PERSON_HISTORY = "person_history", "History of the person's details"
    RECORD_HISTORY = "record_history", "History of a record"
    ACCESS_LOG = "access_log", "Who has viewed this record"
    RECORD_FORM = "record_form", "Form of a record (a draft, an addendum, a new record)"
    SUPPORT_REQUEST = "support_request", "Request for support"
    OTHER = "other", "Another page about the person"
    CLD_EXTRACT = "cld_extract", "Client Level Data extract (everyone, no single person)"
    DATA_QUALITY = "data_quality", "Data-quality page of the CLD return (the teams' people)"


# Sent with request, person (None when a refused address named nobody), what, refused.
person_shown = Signal()


def record_access(
    request: HttpRequest, person: Person | None, what: str, refused: bool = False
) -> None:
    """Log that `request.user` was shown (or refused) `what` about `person`."""
    if not person_shown.has_listeners():
        raise ImproperlyConfigured("Nothing writes the access log: is the audit app installed?")
    person_shown.send(sender=What, request=request, person=person, what=what, refused=refused)


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
