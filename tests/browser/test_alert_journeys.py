"""Alerts that cannot wait (issue 17, part 7): a practitioner saves a safeguarding
concern marked for immediate action; the team's manager is emailed, signs in, sees the
alert at the top of Home, opens the record and marks the alert seen, and it leaves Home.
Playwright on Debian's Chromium, axe on every page."""

import re
from datetime import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from frontdoor.models import SafeguardingAlert
from recording.deadlines import LONDON
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _wednesday(settings):
    # The browser compares cookie expiry with the real clock: keep the session cookie
    # for the browser's life instead.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 11, 25, 10, 32, tzinfo=LONDON), tick=True):
        yield


def test_a_manager_sees_an_immediate_safeguarding_alert_on_home_and_marks_it_seen(
    sign_in, live_server, practitioner, manager, person, mailoutbox
):
    manager.email = "bob@example.gov.uk"
    manager.save()

    # The practitioner starts a safeguarding concern and saves it, for immediate action.
    page = sign_in(practitioner)
    page.goto(f"{live_server.url}{person.get_absolute_url()}")
    page.get_by_role("link", name="Start a Care Act record").click()
    page.get_by_label("Safeguarding concern", exact=True).check()
    page.get_by_role("button", name="Start the record").click()
    expect(page.get_by_text("Safeguarding concern started as a draft.")).to_be_visible()
    page.get_by_label("The concern").fill("Bruises on her arms; she says a neighbour grabbed her.")
    page.get_by_label("Immediate action is needed: someone is at risk now").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()

    # The manager is emailed at once: the reference and a link, not her name.
    assert [m.to for m in mailoutbox] == [["bob@example.gov.uk"]]
    assert "HCC-104233" in mailoutbox[0].subject
    assert "Margaret" not in mailoutbox[0].body
    page.context.clear_cookies()

    # The manager signs in: the alert is at the top of Home.
    page = sign_in(manager)
    banner = page.get_by_role("region", name="Important")
    expect(banner).to_contain_text(
        "Safeguarding: immediate action for HCC-104233 raised by Alice Adams at 10:32"
    )
    heading = page.get_by_role("heading", name="Hello, Bob")
    assert banner.bounding_box()["y"] < heading.bounding_box()["y"]
    assert_accessible(page)

    # They open the record, and come back to mark the alert seen.
    banner.get_by_role("link", name="HCC-104233").click()
    expect(page.get_by_role("heading", name=re.compile("Safeguarding concern"))).to_be_visible()
    expect(page.get_by_text("Bruises on her arms")).to_be_visible()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("region", name="Important").get_by_role(
        "button", name=re.compile("^I have seen this")
    ).click()
    expect(
        page.get_by_text("You marked the safeguarding alert for HCC-104233 as seen.")
    ).to_be_visible()
    expect(page.get_by_text("Safeguarding: immediate action for")).to_have_count(0)
    assert_accessible(page)

    alert = SafeguardingAlert.objects.get()
    assert alert.acknowledged_by == manager
    assert alert.acknowledged_at is not None
