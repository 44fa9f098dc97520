"""django-axes on the sign-in page: five wrong passwords for one username from one
address lock that pair out for 30 minutes, shown on a GOV.UK page, not axes' plain text."""

from datetime import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from recording.deadlines import LONDON
from tests.factories import PASSWORD

SIGN_IN = reverse("login")
NOW = datetime(2026, 11, 25, 15, 10, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _afternoon():
    with time_machine.travel(NOW, tick=False):
        yield


def _sign_in(client, username: str, password: str, address: str = "192.0.2.10"):
    return client.post(SIGN_IN, {"username": username, "password": password}, REMOTE_ADDR=address)


def _fail(client, username: str, times: int, address: str = "192.0.2.10"):
    response = None
    for _ in range(times):
        response = _sign_in(client, username, "not-the-password", address)
    return response


def test_production_limits_are_five_tries_and_thirty_minutes_by_username_and_address(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_four_wrong_passwords_still_show_the_sign_in_form(client, practitioner):
    response = _fail(client, "alice", 4)
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.text
    assert _sign_in(client, "alice", PASSWORD).status_code == 302


def test_fifth_wrong_password_shows_the_lockout_page(client, practitioner):
    response = _fail(client, "alice", 5)
    assert response.status_code == 429
    assert "<title>You cannot sign in at the moment – Practice Record</title>" in response.text
    assert "The wrong password was entered 5 times for this username" in response.text
    assert "You can try again after <strong>3:40pm</strong>" in response.text
    assert 'class="govuk-heading-l"' in response.text  # the service's page, not plain text


def test_the_right_password_is_refused_while_locked_out(client, practitioner):
    _fail(client, "alice", 5)
    response = _sign_in(client, "alice", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home")).status_code == 302


def test_a_try_during_the_lockout_starts_the_thirty_minutes_again(client, practitioner):
    _fail(client, "alice", 5)
    with time_machine.travel(NOW.replace(minute=30), tick=False):
        response = _sign_in(client, "alice", PASSWORD)
    assert "You can try again after <strong>4:00pm</strong>" in response.text


def test_the_lockout_ends_after_thirty_minutes(client, practitioner):
    _fail(client, "alice", 5)
    with time_machine.travel(NOW.replace(minute=41), tick=False):
        assert _sign_in(client, "alice", PASSWORD).status_code == 302


def test_the_lockout_is_for_that_username_from_that_address_only(client, practitioner, colleague):
    _fail(client, "alice", 5)
    # A colleague at the same office can still sign in; so can Alice from elsewhere.
    assert _sign_in(Client(), "erin", PASSWORD).status_code == 302
    assert _sign_in(Client(), "alice", PASSWORD, address="198.51.100.7").status_code == 302


def test_signing_in_resets_the_count(client, practitioner):
    _fail(client, "alice", 4)
    assert _sign_in(client, "alice", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    response = _fail(Client(), "alice", 4)
    assert response.status_code == 200
    assert AccessAttempt.objects.get(username="alice").failures_since_start == 4


def test_an_unknown_username_is_locked_out_the_same_way(client, db):
    # The page must not tell an attacker which usernames exist.
    assert _fail(client, "nobody-by-this-name", 5).status_code == 429


def test_force_login_is_not_affected(practitioner_client):
    assert practitioner_client.get(reverse("home")).status_code == 200


def _through_proxy(client, password: str, forwarded_for: str):
    return client.post(
        SIGN_IN,
        {"username": "alice", "password": password},
        REMOTE_ADDR="10.0.0.2",  # the proxy
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def _fail_through_proxy(client, forwarded_for: str):
    for _ in range(5):
        response = _through_proxy(client, "not-the-password", forwarded_for)
    return response


def test_behind_a_proxy_the_lockout_is_for_the_address_the_proxy_saw(
    client, practitioner, settings
):
    settings.PROXY_COUNT = 1
    assert _fail_through_proxy(client, "192.0.2.10").status_code == 429
    # Someone else behind the same proxy signs in as usual.
    assert _through_proxy(client, PASSWORD, "198.51.100.7").status_code == 302


def test_behind_a_proxy_a_made_up_forwarded_address_does_not_escape_the_lockout(
    client, practitioner, settings
):
    settings.PROXY_COUNT = 1
    _fail_through_proxy(client, "192.0.2.10")
    # The client sends its own X-Forwarded-For; the proxy appends the real address.
    assert _through_proxy(client, PASSWORD, "203.0.113.99, 192.0.2.10").status_code == 429


def test_served_directly_a_forwarded_address_is_ignored(client, practitioner, settings):
    assert settings.PROXY_COUNT == 0
    _fail(client, "alice", 5)
    response = client.post(
        SIGN_IN,
        {"username": "alice", "password": PASSWORD},
        REMOTE_ADDR="192.0.2.10",
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )
    assert response.status_code == 429
