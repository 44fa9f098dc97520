"""The principles' parts of other apps' pages (`config.page_parts`), added in
`PrinciplesConfig.ready`."""

from django.http import HttpRequest

from principles.models import ActiveFramework, reading_status_for


def home_part(request: HttpRequest) -> dict:
    """Home: the user's reading confirmation status for the active framework."""
    framework = ActiveFramework.current()
    status = last_read_on = None
    if framework is not None:
        status, last_read_on = reading_status_for(request.user, framework)
    return {"framework": framework, "status": status, "last_read_on": last_read_on}
