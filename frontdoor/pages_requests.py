"""The requests' parts of other apps' pages (`config.page_parts`), added in
`FrontdoorConfig.ready`."""

from django.http import HttpRequest

from recording.models import Person

SUPPORT_REQUESTS_SHOWN = 20


def person_requests_part(request: HttpRequest, person: Person) -> dict:
    """A person's page: their requests for support, newest first."""
    return {
        "support_requests": list(
            person.support_requests.order_by("-received_at", "-pk")[:SUPPORT_REQUESTS_SHOWN]
        )
    }
