from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from audit.services import refusal_record
from recording.access_log import OutOfScope

# The URL arguments that name a person, directly or through their record or contact.
_NAMES_A_PERSON = ("person_id", "record_id", "contact_id")


class AccessRefusalMiddleware:
    """Logs every refusal of an address about a person: out of the user's scope (the
    access getters raise `OutOfScope`, a 404) or not for the user's role (a 403 on an
    address naming a person, record or contact), before Django shows the ordinary page
    (SPEC 6, "Access")."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, OutOfScope):
            refusal_record(request, exception)
        elif isinstance(exception, PermissionDenied):
            # A role refused an address about a person (an administrator opening the
            # adherence report, say): logged as a refusal too.
            named = _person_named(request)
            if named is not None:
                refusal_record(request, named)
        return None  # Django answers the 404 or 403 as usual


def _person_named(request: HttpRequest) -> OutOfScope | None:
    match = request.resolver_match
    if match is None:
        return None
    found = {arg: match.kwargs[arg] for arg in _NAMES_A_PERSON if arg in match.kwargs}
    return OutOfScope(**found) if found else None
