"""Sign-ins end after a spell of inactivity (SPEC 6, "Security").

Every request a signed-in member of staff makes is activity, except the timeout
warning's own check of how long is left (`accounts.views.session_status`): if that
counted, the warning would keep the session alive by asking about it. The time of the
last activity is kept in the session, so the rule holds whatever the session backend,
and the check can say how long is left without changing it.

The time is written at most once a minute (and at sign-in and on "Stay signed in"), so a
page view does not cost a database write: a session may end up to a minute before
SESSION_COOKIE_AGE has passed since the very last request, never after.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

LAST_ACTIVE_AT = "last_active_at"  # seconds since the epoch, in the session
RESOLUTION = 60  # seconds between writes of LAST_ACTIVE_AT


def seconds_left(request: HttpRequest) -> int:
    """Seconds until the signed-in user's session ends for inactivity; 0 when signed out."""
    if not request.user.is_authenticated:
        return 0
    last_active_at = request.session.get(LAST_ACTIVE_AT)
    if last_active_at is None:  # signed in before this rule existed
        return settings.SESSION_COOKIE_AGE
    return max(0, int(last_active_at + settings.SESSION_COOKIE_AGE - time.time()))


def note_activity(request: HttpRequest) -> None:
    request.session[LAST_ACTIVE_AT] = int(time.time())


def note_sign_in(sender, request: HttpRequest, user, **kwargs) -> None:
    """`user_logged_in` receiver (accounts/apps.py): a sign-in is activity, so the first
    page after it need not write the session again."""
    if request is not None and hasattr(request, "session"):
        note_activity(request)


class SessionInactivityMiddleware:
    """Sign out a session idle for SESSION_COOKIE_AGE seconds; note each activity.

    Must come after AuthenticationMiddleware. A request whose view sets
    `request.counts_as_activity = False` leaves the time of the last activity alone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and seconds_left(request) == 0:
            # Then LoginRequiredMiddleware sends them to sign in, with ?next= this page.
            logout(request)
        response = self.get_response(request)
        if (
            request.user.is_authenticated
            and getattr(request, "counts_as_activity", True)
            and time.time() - request.session.get(LAST_ACTIVE_AT, 0) >= RESOLUTION
        ):
            note_activity(request)
        return response
