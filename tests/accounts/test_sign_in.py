import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.roles import ROLE_PERMISSIONS, Role
from tests.factories import PASSWORD

SIGN_IN = reverse("login")


@pytest.mark.parametrize(
    "name",
    ["home", "principles:index", "principles:confirm_reading", "password_change"],
)
def test_every_page_but_sign_in_needs_sign_in(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url == f"{SIGN_IN}?next={reverse(name)}"


def test_sign_in_page_is_open(client, db):
    response = client.get(SIGN_IN)
    assert response.status_code == 200
    assert "Sign in to Practice Record" in response.text


def test_sign_in_with_the_right_password(client, practitioner):
    response = client.post(SIGN_IN, {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("home")


@pytest.mark.parametrize("username", ["alice", "nobody-by-this-name"])
def test_wrong_password_does_not_say_whether_the_username_exists(client, practitioner, username):
    response = client.post(SIGN_IN, {"username": username, "password": "wrong-password-here"})
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.text
    assert f'value="{username}"' in response.text  # the username typed is kept
    assert "<title>Error: Sign in" in response.text


def test_empty_sign_in_says_what_to_enter(client, db):
    response = client.post(SIGN_IN, {"username": "", "password": ""})
    assert "Enter your username" in response.text
    assert "Enter your password" in response.text


def test_html_typed_as_username_is_shown_as_text(client, db):
    response = client.post(SIGN_IN, {"username": "<script>x</script>", "password": "p"})
    assert "<script>x</script>" not in response.text
    assert "&lt;script&gt;x&lt;/script&gt;" in response.text


def test_sign_out_is_a_post_and_ends_the_session(practitioner_client):
    assert practitioner_client.get(reverse("logout")).status_code == 405
    response = practitioner_client.post(reverse("logout"))
    assert response.status_code == 302
    assert practitioner_client.get(reverse("home")).status_code == 302


def test_change_password(practitioner_client, practitioner):
    response = practitioner_client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-longer-new-passphrase",
            "new_password2": "a-much-longer-new-passphrase",
        },
    )
    assert response.status_code == 302
    practitioner.refresh_from_db()
    assert practitioner.check_password("a-much-longer-new-passphrase")


def test_change_password_refuses_a_short_one_next_to_the_field(practitioner_client):
    response = practitioner_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 200
    assert "This password is too short" in response.text
    assert 'href="#id_new_password2"' in response.text


def test_roles_are_groups_created_by_migration(db):
    for role in Role:
        group = Group.objects.get(name=role)
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert codenames == {codename for _, codename in ROLE_PERMISSIONS[role]}


def test_navigation_follows_the_role(practitioner_client, manager_client, principles):
    assert "Team recording" not in practitioner_client.get(reverse("home")).text
    assert "Team recording" in manager_client.get(reverse("home")).text


def test_header_names_the_service_and_the_active_council(practitioner_client, principles):
    page = practitioner_client.get(reverse("home")).text
    assert "Practice Record" in page
    assert "Hertfordshire County Council" in page


def test_admin_is_for_administrators_only(administrator_client, practitioner_client, principles):
    assert (
        administrator_client.get(reverse("admin:principles_framework_changelist")).status_code
        == 200
    )
    assert practitioner_client.get(reverse("admin:index")).status_code == 302
