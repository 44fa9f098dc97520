import logging
from urllib.parse import urlencode

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import pluralize
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.forms import ChangePasswordForm, SignInForm
from accounts.middleware import note_activity, seconds_left
from assessments.queries import returned_to
from principles.models import ActiveFramework, reading_status_for
from recording.drafts import WORK_OWNER_COOKIE
from recording.models import Person, RecordingObligation

# Refusals worth a security review: CSRF failures here; sign-in lockouts are logged by axes.
security_log = logging.getLogger("practice_record.security")

RETURNED_SHOWN = 100  # the returned records on Home, newest first


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """What django-axes shows (AXES_LOCKOUT_CALLABLE) after too many wrong passwords for
    one username from one address. Each further attempt starts the cool-off again
    (axes' AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT), so it ends a cool-off from now."""
    cool_off = get_cool_off(request)
    return render(
        request,
        "accounts/locked_out.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cool_off_minutes": int(cool_off.total_seconds() // 60),
            "try_again_at": timezone.localtime() + cool_off,
        },
        status=429,
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form that came without its token, or with an old one (the page
    was open across a sign-in, or the form was not sent from this service). Nothing was
    done with it; the refusal is logged without the form's contents."""
    security_log.warning(
        "CSRF refused: %s %s user=%s reason=%s",
        request.method,
        request.path,
        request.user.pk if request.user.is_authenticated else "anonymous",
        reason,
    )
    return render(request, "403_csrf.html", status=403)


@require_GET
@never_cache
@login_not_required
def session_status(request: HttpRequest) -> JsonResponse:
    """How long the timeout warning (static/js/session-timeout.mjs) has before the session
    ends. Asking is not activity, or the warning would keep the session alive."""
    request.counts_as_activity = False
    return JsonResponse({"seconds_left": seconds_left(request)})


@require_POST
def session_keep_alive(request: HttpRequest) -> HttpResponse:
    """The timeout warning's "Stay signed in": the inactivity time starts again now."""
    note_activity(request)
    return HttpResponse(status=204)


def _duration(seconds: int) -> str:
    minutes = seconds // 60
    if minutes:
        return f"{minutes} minute{pluralize(minutes)}"
    return f"{seconds} second{pluralize(seconds)}"


@require_GET
@login_not_required
def signed_out(request: HttpRequest) -> HttpResponse:
    """Where the timeout warning takes someone whose session has ended."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    if request.user.is_authenticated:  # active again in another tab or window
        # A path, never a URL name: `redirect("x")` would try to reverse "x".
        return HttpResponseRedirect(next_url if next_url.startswith("/") else reverse("home"))
    sign_in_url = reverse("login")
    if next_url:
        sign_in_url += "?" + urlencode({"next": next_url})
    return render(
        request,
        "accounts/signed_out.html",
        {"sign_in_url": sign_in_url, "timeout": _duration(settings.SESSION_COOKIE_AGE)},
    )


class ChangePasswordView(auth_views.PasswordChangeView):
    form_class = ChangePasswordForm
    template_name = "accounts/change_password.html"
    success_url = reverse_lazy("password_change_done")


class ChangePasswordDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/change_password_done.html"


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in member of staff's start page: what is overdue, what a manager
    returned to them, and their reading confirmation status."""
    framework = ActiveFramework.current()
    status = last_read_on = None
    if framework is not None:
        status, last_read_on = reading_status_for(request.user, framework)
    overdue, returned = None, []
    if request.user.can_record:
        overdue = (
            RecordingObligation.objects.overdue_on(timezone.localdate())
            .filter(owner=request.user)
            .count()
        )
        visible = Person.objects.visible_to(request.user)
        returned = list(returned_to(request.user, visible)[:RETURNED_SHOWN])
    return render(
        request,
        "accounts/home.html",
        {
            "overdue": overdue,
            "returned": returned,
            "framework": framework,
            "status": status,
            "last_read_on": last_read_on,
            "teams": request.user.teams.all(),
            "managed_teams": request.user.managed_teams(),
        },
    )


class SignOutView(auth_views.LogoutView):
    """Signing out on purpose also forgets whom this browser worked as, so nothing sent
    from it afterwards is kept for them (`recording.drafts`); a session that merely
    expired keeps it, so a form sent then is kept for its author."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response.delete_cookie(WORK_OWNER_COOKIE, samesite="Lax")
        return response
