"""Browser journeys for issue 7's security part: pages keep to the strict Content Security
Policy with their scripts still working; the timeout warning; the sign-in lockout page.
Playwright on Debian's Chromium against the live server, axe on the new pages."""

import re
import time
from datetime import date, datetime

import pytest
import time_machine
from playwright.sync_api import expect

from recording.deadlines import LONDON
from tests.browser.axe import assert_accessible
from tests.dashboards.test_dashboards import contact_on
from tests.factories import PASSWORD, ContactFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Chromium reports a blocked script, style or connection on the console and as a
# securitypolicyviolation event; the init script collects the events from page load on.
_COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def csp_watch(page):
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    page.add_init_script(_COLLECT_VIOLATIONS)

    def assert_no_violations():
        events = page.evaluate("window.__cspViolations")
        assert events == [], events
        assert console == [], console

    return assert_no_violations


def test_pages_keep_to_the_content_security_policy_and_their_scripts_work(
    sign_in, live_server, page, csp_watch, principles, practitioner, person
):
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=True):
        contact = ContactFactory(
            person=person,
            recorded_by=practitioner,
            occurred_at=datetime(2026, 11, 23, 11, 0, tzinfo=LONDON),
        )
        contact_on(person, practitioner, date(2026, 11, 9), completed_on=date(2026, 11, 10))

        response = page.goto(f"{live_server.url}/sign-in/")
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "unsafe" not in policy
        csp_watch()

        sign_in(practitioner)
        expect(page.get_by_role("heading", name="Hello, Alice")).to_be_visible()
        # GOV.UK Frontend's body class comes from a script file, not an inline script.
        expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
        csp_watch()

        page.goto(f"{live_server.url}/people/{person.pk}/")
        expect(page.get_by_role("heading", name="Margaret Oyelaran")).to_be_visible()
        csp_watch()

        # A form with a conditional reveal, run by GOV.UK Frontend's JavaScript.
        page.goto(f"{live_server.url}/contacts/{contact.pk}/case-note/")
        expect(page.get_by_label("What did you decide?")).to_be_hidden()
        page.get_by_label("Yes", exact=True).check()
        expect(page.get_by_label("What did you decide?")).to_be_visible()
        csp_watch()

        # A dashboard whose chart Chart.js draws from the table.
        page.goto(f"{live_server.url}/dashboards/timeliness/")
        canvas = page.locator("#by-week canvas[role=img]")
        expect(canvas).to_be_visible()
        assert canvas.evaluate("c => c.width > 0 && c.height > 0")
        drawn = canvas.evaluate(
            "c => c.getContext('2d').getImageData(0, 0, c.width, c.height).data"
            ".some((value, i) => i % 4 === 3 && value !== 0)"
        )
        assert drawn, "the chart canvas is blank"
        csp_watch()


def test_timeout_warning_stay_signed_in_then_signed_out(
    sign_in, live_server, page, settings, practitioner
):
    # The warning shows 6 seconds before a 16-second session ends (long enough that a
    # busy machine still shows it, and keeps the session, before the first end).
    settings.SESSION_COOKIE_AGE = 16
    settings.SESSION_TIMEOUT_WARNING = 6
    sign_in(practitioner)
    expect(page.get_by_role("heading", name="Hello, Alice")).to_be_visible()
    signed_in_by = time.monotonic() + 16

    dialog = page.get_by_role("dialog", name="You’re about to be signed out")
    expect(dialog).to_be_visible(timeout=14000)
    expect(dialog).to_contain_text("For your security, we will sign you out in")
    stay = dialog.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_focused()
    expect(page.locator("[data-timeout-announcement]")).to_have_text(
        re.compile(r"We will sign you out in \d seconds?\.")
    )
    assert_accessible(page)

    # Escape is "Stay signed in": the session starts again.
    with page.expect_response(
        lambda response: (
            response.request.method == "POST" and response.url.endswith("/session/keep-alive/")
        )
    ) as kept:
        page.keyboard.press("Escape")
    assert kept.value.ok
    expect(dialog).to_be_hidden()
    # Past the end of the first 16 seconds, within those started again.
    page.wait_for_timeout((signed_in_by + 1 - time.monotonic()) * 1000)
    page.reload()
    expect(page.get_by_role("heading", name="Hello, Alice")).to_be_visible()

    # Doing nothing: the warning comes back, and then the signed-out page.
    expect(dialog).to_be_visible(timeout=14000)
    expect(page.get_by_role("heading", name="You have been signed out")).to_be_visible(
        timeout=18000
    )
    assert_accessible(page)
    sign_in_again = page.get_by_role("link", name="Sign in again")
    expect(sign_in_again).to_have_attribute("href", "/sign-in/?next=%2F")
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/$"))


def test_timeout_warning_sign_out_button(sign_in, live_server, page, settings, practitioner):
    settings.SESSION_COOKIE_AGE = 8
    settings.SESSION_TIMEOUT_WARNING = 6
    sign_in(practitioner)
    dialog = page.get_by_role("dialog", name="You’re about to be signed out")
    expect(dialog).to_be_visible(timeout=6000)
    dialog.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in to Practice Record")).to_be_visible()


def test_lockout_page_after_five_wrong_passwords(live_server, page, practitioner):
    page.goto(f"{live_server.url}/sign-in/")
    for _ in range(4):
        page.get_by_label("Username").fill("alice")
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("alert")).to_contain_text("Enter a correct username and password")
    page.get_by_label("Password").fill("not-the-password")
    with page.expect_response(re.compile(r"/sign-in/$")) as locked:
        page.get_by_role("button", name="Sign in").click()
    assert locked.value.status == 429
    expect(page.get_by_role("heading", name="You cannot sign in at the moment")).to_be_visible()
    expect(page.get_by_text("The wrong password was entered 5 times")).to_be_visible()
    try_again = re.compile(r"You can try again after \d{1,2}:\d\d[ap]m")
    expect(page.get_by_text(try_again)).to_be_visible()
    assert_accessible(page)

    # Even the right password is refused until the time given.
    page.get_by_role("link", name="Go to the sign-in page").click()
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="You cannot sign in at the moment")).to_be_visible()
