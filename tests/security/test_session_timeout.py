"""Sign-ins end after 30 minutes without a request (SPEC 6): the server enforces it, and a
timeout warning script asks the server how long is left without that counting as use."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.middleware import LAST_ACTIVE_AT
from recording.deadlines import LONDON
from tests.factories import PASSWORD

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)
HOME = reverse("home")
STATUS = reverse("session_status")
KEEP_ALIVE = reverse("session_keep_alive")
SIGNED_OUT = reverse("signed_out")


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def signed_in(client, practitioner, clock):
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_production_timeout_is_thirty_minutes_of_inactivity(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert "accounts.middleware.SessionInactivityMiddleware" in settings.MIDDLEWARE
    assert settings.SESSION_TIMEOUT_WARNING == 2 * 60


def test_a_page_within_thirty_minutes_keeps_the_sign_in(signed_in, clock):
    for _ in range(3):
        clock.shift(timedelta(minutes=29))
        assert signed_in.get(HOME).status_code == 200


def test_activity_is_written_to_the_session_at_most_once_a_minute(signed_in, clock):
    signed_in_at = signed_in.session[LAST_ACTIVE_AT]
    assert signed_in_at == int(NOW.timestamp())
    clock.shift(timedelta(seconds=59))
    signed_in.get(HOME)
    assert signed_in.session[LAST_ACTIVE_AT] == signed_in_at  # no write for this page
    clock.shift(timedelta(seconds=1))
    signed_in.get(HOME)
    assert signed_in.session[LAST_ACTIVE_AT] == signed_in_at + 60


def test_a_page_view_soon_after_signing_in_costs_no_session_write(signed_in, clock):
    clock.shift(timedelta(seconds=30))
    with CaptureQueriesContext(connection) as captured:
        signed_in.get(HOME)
    session_reads = [q["sql"] for q in captured.captured_queries if "django_session" in q["sql"]]
    assert len(session_reads) == 1 and session_reads[0].startswith("SELECT")


def test_thirty_minutes_without_a_request_signs_out(signed_in, clock):
    clock.shift(timedelta(minutes=30))
    response = signed_in.get(reverse("recording:my_recording"))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={reverse('recording:my_recording')}"
    assert "_auth_user_id" not in signed_in.session


def test_status_says_how_long_is_left_and_is_not_activity(signed_in, clock):
    clock.shift(timedelta(minutes=10))
    assert signed_in.get(STATUS).json() == {"seconds_left": 20 * 60}
    clock.shift(timedelta(minutes=19))
    response = signed_in.get(STATUS)
    assert response.json() == {"seconds_left": 60}
    assert response["Cache-Control"].startswith("max-age=0")
    clock.shift(timedelta(minutes=1))  # asking twice did not keep the session alive
    assert signed_in.get(STATUS).json() == {"seconds_left": 0}
    assert signed_in.get(HOME).status_code == 302


def test_status_when_signed_out_is_zero_not_a_redirect(client, db):
    response = client.get(STATUS)
    assert response.status_code == 200
    assert response.json() == {"seconds_left": 0}


def test_stay_signed_in_starts_the_thirty_minutes_again(signed_in, clock):
    clock.shift(timedelta(minutes=29, seconds=30))
    assert signed_in.post(KEEP_ALIVE).status_code == 204
    clock.shift(timedelta(seconds=30))
    assert signed_in.post(KEEP_ALIVE).status_code == 204  # within the minute, still written
    clock.shift(timedelta(minutes=29))
    assert signed_in.get(STATUS).json() == {"seconds_left": 60}
    assert signed_in.get(HOME).status_code == 200


def test_keep_alive_is_a_post_for_the_signed_in_only(signed_in, client, clock):
    assert signed_in.get(KEEP_ALIVE).status_code == 405
    signed_in.post(reverse("logout"))
    response = signed_in.post(KEEP_ALIVE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_signed_out_page_links_to_sign_in_and_back(client, db):
    response = client.get(SIGNED_OUT, {"next": "/people/12/?tab=notes"})
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">You have been signed out</h1>' in response.text
    assert "You had not used Practice Record for 30 minutes" in response.text
    assert 'href="/sign-in/?next=%2Fpeople%2F12%2F%3Ftab%3Dnotes"' in response.text


@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_signed_out_page_ignores_a_next_elsewhere(client, db, unsafe):
    response = client.get(SIGNED_OUT, {"next": unsafe})
    assert 'href="/sign-in/"' in response.text
    assert "evil" not in response.text and "javascript" not in response.text


def test_signed_out_page_sends_someone_still_signed_in_back(signed_in):
    # Active again in another tab: the warning's tab has nothing to sign out.
    response = signed_in.get(SIGNED_OUT, {"next": "/my-recording/"})
    assert response.status_code == 302
    assert response.url == "/my-recording/"


@pytest.mark.parametrize("odd", ["x", "home", "logout", "people", "..", "\x00", "%00"])
def test_signed_out_page_sends_someone_still_signed_in_home_for_any_other_next(signed_in, odd):
    """Issue 15, part 5: ?next=x for a signed-in user was a 500 (NoReverseMatch)."""
    response = signed_in.get(SIGNED_OUT, {"next": odd})
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_pages_carry_the_timeout_and_the_warning_only_when_signed_in(signed_in):
    page = signed_in.get(HOME).text
    assert (
        'data-session-timeout="1800" data-session-seconds-left="1800"'
        ' data-session-timeout-warning="120"'
    ) in page
    assert '<dialog class="app-timeout-warning"' in page
    assert "You’re about to be signed out" in page
    assert 'data-status-url="/session/"' in page
    signed_in.post(reverse("logout"))
    page = signed_in.get(reverse("login")).text
    assert "data-session-timeout" not in page
    assert "app-timeout-warning" not in page
