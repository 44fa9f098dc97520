"""Browser journey through a record's history and its access log: a practitioner
edits a draft case note twice and completes it, then reads its History; the team's
manager reads who has viewed the person's record. Playwright on Debian's Chromium, axe
on every page."""

import re
from datetime import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from recording.deadlines import LONDON
from tests.browser.axe import assert_accessible
from tests.factories import PASSWORD, ContactFactory, case_note_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _wednesday(settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=True):
        yield


def _edit_the_draft(page, url: str, narrative: str) -> None:
    page.goto(url)
    page.get_by_label("What happened").fill(narrative)
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()


def test_edit_complete_and_read_the_history_then_who_has_viewed_it(
    sign_in, live_server, browser, practitioner, manager, person
):
    contact = ContactFactory(
        person=person,
        recorded_by=practitioner,
        occurred_at=datetime(2026, 11, 24, 11, 0, tzinfo=LONDON),
    )
    note = case_note_for(contact, narrative="I visited Maggie at home.")
    edit_url = f"{live_server.url}{note.get_edit_url()}"

    page = sign_in(practitioner)
    _edit_the_draft(page, edit_url, "I visited Maggie at home. She wants to stay there.")
    _edit_the_draft(page, edit_url, "I visited Maggie at her home. She wants to stay there.")
    page.goto(edit_url)
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Complete case note").click()
    expect(page.get_by_text("Case note completed.")).to_be_visible()

    page.get_by_role("link", name=re.compile("^View history")).click()
    expect(page.get_by_role("heading", name="History of the case note")).to_be_visible()
    headings = page.get_by_role("heading", level=2)
    expect(headings.first).to_contain_text("Completed on")
    expect(page.get_by_text("By Alice Adams").first).to_be_visible()
    # The second edit, word by word: "at home" became "at her home".
    expect(page.locator("ins").filter(has_text="her")).not_to_have_count(0)
    expect(page.locator("ins").filter(has_text="She wants to stay there.")).not_to_have_count(0)
    expect(page.get_by_role("row", name=re.compile("^Status Draft Completed"))).to_be_visible()
    assert_accessible(page)

    context = browser.new_context()
    try:
        managers_page = context.new_page()
        managers_page.goto(f"{live_server.url}/sign-in/")
        managers_page.get_by_label("Username").fill(manager.username)
        managers_page.get_by_label("Password").fill(PASSWORD)
        managers_page.get_by_role("button", name="Sign in").click()
        managers_page.goto(f"{live_server.url}{person.get_absolute_url()}")
        managers_page.get_by_role("link", name="Who has viewed this record").click()
        expect(
            managers_page.get_by_role("heading", name="Who has viewed this record")
        ).to_be_visible()
        views = managers_page.get_by_role("table", name="Views")
        expect(views.get_by_role("row").filter(has_text="Alice Adams").first).to_contain_text(
            "History of a record"
        )
        expect(views).to_contain_text("Bob Baker")  # the manager's own look at the person
        assert_accessible(managers_page)
        managers_page.get_by_role("link", name="The whole access log").click()
        expect(managers_page.get_by_role("heading", name="Access log")).to_be_visible()
        assert_accessible(managers_page)
    finally:
        context.close()
