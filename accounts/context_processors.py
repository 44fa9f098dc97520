from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

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
    if user.can_read_records:
        url = reverse("recording:person_list")
        items.append(("People", url, path.startswith((url, "/contacts/", "/records/"))))
    if user.can_record:
        url = reverse("recording:my_recording")
        items.append(("My recording", url, path.startswith(url)))
    if user.is_team_manager or user.is_quality:
        url = reverse("recording:team_recording")
        items.append(("Team recording", url, path.startswith(url)))
    if user.can_read_records:
        url = reverse("dashboards:index")
        items.append(("Dashboards", url, path.startswith(url)))
    principles_url = reverse("principles:index")
    items.append(("Principles", principles_url, path.startswith(principles_url)))
    if user.is_team_manager or user.is_practitioner:
        url = reverse("supervision:session_list")
        items.append(("Supervision", url, path.startswith(url)))
    if user.is_team_manager or user.is_administrator:  # audit.models.can_read_access_log
        url = reverse("audit:access_log")
        items.append(("Access log", url, path.startswith(url)))
    if user.is_administrator and user.is_staff:
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
