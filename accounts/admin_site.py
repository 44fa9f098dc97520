"""The Django admin, for administrators only (SPEC "Users": the Administrator role).

`is_staff` alone is not enough: the admin also needs the Administrator role (or a
superuser, who is how the first administrator gets in). Everyone signs in on the
service's own sign-in page, where django-axes throttles guessing; the admin has no sign-in
form of its own.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from accounts.access import may_use_admin


class PracticeRecordAdminSite(admin.AdminSite):
    site_header = "Practice Record administration"
    site_title = "Practice Record administration"

    def has_permission(self, request: HttpRequest) -> bool:
        return may_use_admin(request.user)

    @method_decorator(never_cache)
    @login_not_required
    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        # The admin sends everyone it refuses here.
        if request.user.is_authenticated:
            if self.has_permission(request):
                return redirect("admin:index")
            raise PermissionDenied  # the GOV.UK 403 page, not a second sign-in form
        return redirect_to_login(
            request.GET.get("next") or reverse("admin:index"), settings.LOGIN_URL
        )


class SafeChangeList(ChangeList):
    """Django's change list, but a date-hierarchy link to a date that cannot be moved on
    (`?when__year=9999`: the year after is out of range) is an "incorrect lookup", shown
    as the list with `?e=1`, not a server error (issue 15, part 5)."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error


class ModelAdmin(admin.ModelAdmin):
    """The base of every admin page here."""

    def get_changelist(self, request, **kwargs):
        return SafeChangeList
