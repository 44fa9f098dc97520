"""The access log's part of a person's page (`config.page_parts`), added in
`AuditConfig.ready`."""

from django.http import HttpRequest

from accounts.access import can_read_access_log


def person_part(request: HttpRequest, person) -> dict:
    """A person's page: whether to link to who has viewed their record."""
    return {"can_read_access_log": can_read_access_log(request.user)}
