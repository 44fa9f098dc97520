from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.forms import ChangePasswordForm, SignInForm
from principles.models import ActiveFramework, reading_status_for
from recording.models import RecordingObligation


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True


class ChangePasswordView(auth_views.PasswordChangeView):
    form_class = ChangePasswordForm
    template_name = "accounts/change_password.html"
    success_url = reverse_lazy("password_change_done")


class ChangePasswordDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/change_password_done.html"


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in member of staff's start page: their reading confirmation status."""
    framework = ActiveFramework.current()
    status = last_read_on = None
    if framework is not None:
        status, last_read_on = reading_status_for(request.user, framework)
    overdue = None
    if request.user.can_record:
        overdue = (
            RecordingObligation.objects.open()
            .filter(owner=request.user, due_date__lt=timezone.localdate())
            .count()
        )
    return render(
        request,
        "accounts/home.html",
        {
            "overdue": overdue,
            "framework": framework,
            "status": status,
            "last_read_on": last_read_on,
            "teams": request.user.teams.all(),
            "managed_teams": request.user.managed_teams(),
        },
    )
