"""A browser journey through reflective supervision (issue 6, part 6): a manager records
a session with a practitioner and finds it again; the practitioner then sees it as their
own. Playwright on Debian's Chromium, axe on every page; time frozen on Wednesday
25 November 2026, as in the other journeys."""

import re
from datetime import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from recording.deadlines import LONDON
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

NOTES = "Alice talked about letting Margaret choose where they met, and what to talk about."
ACTIONS = "Alice to ask Margaret who she wants at her review, by Friday."


@pytest.fixture(autouse=True)
def _wednesday(settings):
    # The browser compares cookie expiry with the real clock: keep the session cookie
    # for the browser's life instead.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=True):
        yield


def test_a_manager_records_supervision_and_the_practitioner_sees_it(
    sign_in, manager, practitioner, colleague, person
):
    page = sign_in(manager)
    page.get_by_role("link", name="Supervision", exact=True).click()
    expect(page.get_by_role("heading", name="Supervision", exact=True)).to_be_visible()
    expect(page.get_by_text("No supervision sessions have been recorded")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record a supervision session").click()
    expect(page.get_by_role("heading", name="Record a supervision session")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Alice Adams").check()
    date = page.get_by_role("group", name="Date of the session")
    date.get_by_label("Day").fill("24")
    date.get_by_label("Month").fill("11")
    date.get_by_label("Year").fill("2026")
    page.get_by_label("Margaret Oyelaran").check()
    page.get_by_label("Agreed actions").fill(ACTIONS)
    # Saved without a principle: asked for one, and nothing typed is lost.
    page.get_by_role("button", name="Save supervision session").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Select at least one principle you reflected on")
    expect(page.get_by_label("Agreed actions")).to_have_value(ACTIONS)
    expect(page.get_by_label("Alice Adams")).to_be_checked()
    expect(page.get_by_label("Margaret Oyelaran")).to_be_checked()
    assert_accessible(page)
    summary.get_by_role("link", name="Select at least one principle").click()
    expect(page.get_by_label("1. Independence and citizenship")).to_be_focused()

    # Ticking the principle reveals its notes.
    expect(page.get_by_label("Notes on principle 1", exact=True)).to_be_hidden()
    page.get_by_label("1. Independence and citizenship").check()
    page.get_by_label("Notes on principle 1", exact=True).fill(NOTES)
    assert_accessible(page)
    page.get_by_role("button", name="Save supervision session").click()

    expect(page.get_by_text("Supervision session with Alice Adams recorded.")).to_be_visible()
    expect(page.get_by_role("heading", name="Supervision session")).to_be_visible()
    expect(page.get_by_text("Tuesday 24 November 2026")).to_be_visible()
    expect(page.get_by_role("link", name="1. Independence and citizenship")).to_be_visible()
    expect(page.get_by_text(NOTES)).to_be_visible()
    expect(page.get_by_text(ACTIONS)).to_be_visible()
    expect(page.get_by_role("link", name="Margaret Oyelaran")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Back to supervision").click()
    sessions = page.get_by_role("table", name=re.compile("^Sessions"))
    expect(sessions).to_contain_text("Alice Adams")
    expect(sessions).to_contain_text("1. Independence and citizenship")
    assert_accessible(page)
    sessions.get_by_role("link", name=re.compile("^24 November 2026")).click()
    expect(page.get_by_text(NOTES)).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    page = sign_in(practitioner)
    page.get_by_role("link", name="Supervision", exact=True).click()
    expect(page.get_by_role("heading", name="Your supervision")).to_be_visible()
    expect(page.get_by_role("link", name="Record a supervision session")).to_have_count(0)
    mine = page.get_by_role("table", name=re.compile("^Your sessions"))
    expect(mine).to_contain_text("Bob Baker")
    expect(mine).to_contain_text("1. Independence and citizenship")
    assert_accessible(page)
    mine.get_by_role("link", name=re.compile("^24 November 2026")).click()
    expect(page.get_by_text(NOTES)).to_be_visible()
    expect(page.get_by_text(ACTIONS)).to_be_visible()
    assert_accessible(page)
