"""The admin is for the Administrator role: `is_staff` alone does not open it, and nobody
signs in to it except through the service's own (throttled) sign-in page."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from tests.factories import UserFactory

ADMIN = reverse("admin:index")


def _get(user, url=ADMIN):
    client = Client()
    client.force_login(user)
    return client.get(url, follow=True)


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.TEAM_MANAGER, Role.QUALITY])
@pytest.mark.parametrize("is_staff", [False, True])
def test_other_roles_are_refused_even_with_is_staff(db, role, is_staff):
    user = UserFactory(username="someone", role=role, is_staff=is_staff)
    response = _get(user)
    assert response.status_code == 403
    assert "You do not have access to this page" in response.text


@pytest.mark.parametrize(
    "url", [ADMIN, reverse("admin:accounts_user_changelist"), reverse("admin:login")]
)
def test_a_staff_member_without_the_role_never_sees_the_admin(db, url):
    user = UserFactory(username="staffonly", is_staff=True)
    response = _get(user, url)
    assert response.status_code == 403
    assert "Practice Record administration" not in response.text


def test_administrator_opens_the_admin(administrator):
    response = _get(administrator)
    assert response.status_code == 200
    assert "Practice Record administration" in response.text


def test_administrator_role_still_needs_staff_status(db):
    user = UserFactory(username="notstaff", role=Role.ADMINISTRATOR, is_staff=False)
    assert _get(user).status_code == 403


def test_an_inactive_administrator_is_refused(administrator):
    client = Client()
    client.force_login(administrator)
    administrator.is_active = False
    administrator.save()
    response = client.get(ADMIN, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(reverse("login"))


def test_superuser_opens_the_admin(db):
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    assert _get(user).status_code == 200


def test_signed_out_visitor_is_sent_to_the_service_sign_in(client, db):
    response = client.get(ADMIN, follow=True)
    assert response.redirect_chain[-1][0] == f"{reverse('login')}?next={ADMIN}"
    assert "Sign in to Practice Record" in response.text


def test_admin_login_page_sends_a_signed_in_administrator_to_the_admin(administrator):
    client = Client()
    client.force_login(administrator)
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response.url == ADMIN


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:recording_closureday_changelist") + "?date__year=9999",
        reverse("admin:recording_closureday_changelist") + "?date__year=9999&date__month=12",
        reverse("admin:recording_closureday_changelist") + "?date__year=0",
        reverse("admin:recording_closureday_changelist") + "?date__year=99999999999999999999",
        reverse("admin:principles_readingconfirmation_changelist") + "?read_on__year=9999",
    ],
)
def test_a_date_hierarchy_out_of_range_is_not_a_server_error(administrator, url):
    """Issue 15, part 5: the access log's ?when__year=9999 was a 500 (the year after is
    out of range); every date hierarchy goes through `accounts.admin_site.SafeChangeList`."""
    response = _get(administrator, url)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith("?e=1")
