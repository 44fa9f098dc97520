from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from accounts.access import (
    can_read_access_log,
    may_download_extract,
    may_read_records,
    may_record,
    may_see_dashboards,
    may_see_data_quality,
    may_see_front_door,
    may_see_safeguarding_return,
    may_see_team_caseloads,
    may_see_team_recording,
    may_see_waiting_lists,
    may_use_admin,
    takes_part_in_supervision,
)
from accounts.middleware import seconds_left


def navigation(request: HttpRequest) -> dict:
    """The service navigation for the signed-in user's role."""
    context: dict = {}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        context["service_navigation"] = []
        return context

    path = request.path
    items = [("Home", reverse("home"), path == reverse("home"))]
    if may_read_records(user):
        url = reverse("recording:person_list")
        items.append(("People", url, path.startswith((url, "/contacts/", "/records/"))))
    if may_record(user):
        url = reverse("recording:my_recording")
        items.append(("My recording", url, path.startswith(url)))
    if may_see_team_recording(user):
        url = reverse("recording:team_recording")
        items.append(("Team recording", url, path.startswith(url)))
    if may_see_waiting_lists(user):
        url = reverse("frontdoor:waiting_lists")
        items.append(("Waiting lists", url, path.startswith(url)))
    if may_record(user) or may_see_team_caseloads(user):  # issue 17: caseloads and tasks
        url = reverse(
            "frontdoor:team_caseloads" if may_see_team_caseloads(user) else "frontdoor:my_caseload"
        )
        items.append(("Caseload", url, path.startswith(("/caseload/", "/caseloads/", "/tasks/"))))
    if may_see_dashboards(user):
        url = reverse("dashboards:index")
        items.append(("Dashboards", url, path.startswith(url)))
    principles_url = reverse("principles:index")
    items.append(("Principles", principles_url, path.startswith(principles_url)))
    if takes_part_in_supervision(user):
        url = reverse("supervision:session_list")
        items.append(("Supervision", url, path.startswith(url)))
    if can_read_access_log(user):
        url = reverse("audit:access_log")
        items.append(("Access log", url, path.startswith(url)))
    if may_see_front_door(user):
        url = reverse("frontdoor:front_door")
        items.append(("Front door", url, path.startswith(url)))
    if may_see_data_quality(user):  # issue 18: the CLD return's data quality
        url = reverse("returns:data_quality")
        items.append(("Data quality", url, path.startswith(url)))
    if may_download_extract(user):  # issue 18: the CLD extract
        url = reverse("returns:extract")
        items.append(("CLD extract", url, path.startswith(url)))
    if may_see_safeguarding_return(user):  # issue 18: the Safeguarding Adults Collection
        url = reverse("returns:safeguarding")
        items.append(("Safeguarding return", url, path.startswith(url)))
    if may_use_admin(user):
        items.append(("Administration", reverse("admin:index"), False))
    context["service_navigation"] = [
        {"text": text, "href": href, "active": active} for text, href, active in items
    ]
    return context


def session_timeout(request: HttpRequest) -> dict:
    """For the timeout warning in base.html: seconds of inactivity before sign-out, how
    many of them are left now, and how long before the end the warning shows."""
    return {
        "session_timeout": settings.SESSION_COOKIE_AGE,
        "session_seconds_left": seconds_left(request) if hasattr(request, "user") else 0,
        "session_timeout_warning": settings.SESSION_TIMEOUT_WARNING,
    }
