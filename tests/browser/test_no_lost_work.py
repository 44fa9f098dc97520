"""No lost work in the browser (issue 7, parts 3 and 4): the autosave, an expired
session, a lost connection, and two windows editing one draft. Playwright on Debian's
Chromium against the live server; axe on the conflict page."""

import re
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from recording.models import CaseNote
from tests.browser.axe import assert_accessible
from tests.factories import PASSWORD, ContactFactory, case_note_for

pytestmark = pytest.mark.django_db(transaction=True)

SAVED = re.compile(r"^Draft saved at \d\d:\d\d$")
# The autosave waits 3 seconds after typing stops; a retry after a failure, 15.
WAIT_MS = 20_000


def _contact(person, practitioner):
    return ContactFactory(
        person=person,
        recorded_by=practitioner,
        occurred_at=timezone.now() - timedelta(hours=2),
    )


def _saved_status(page):
    return page.get_by_role("status").filter(has_text="Draft saved at")


def _narrative(**filters) -> str:
    return CaseNote.objects.get(**filters).narrative


def test_autosave_saves_what_is_typed_and_a_reload_shows_it(
    sign_in, live_server, practitioner, person
):
    contact = _contact(person, practitioner)
    page = sign_in(practitioner)
    page.goto(f"{live_server.url}{reverse('recording:case_note_new', args=[contact.pk])}")
    text = "I visited Maggie at home. She wants to stay there — “home is home”."
    page.get_by_label("What happened").fill(text)
    expect(_saved_status(page)).to_have_text(SAVED, timeout=WAIT_MS)
    note = CaseNote.objects.get()
    assert note.narrative == text and note.is_draft
    # The page is the draft's own now: a reload opens the draft, with the text.
    expect(page).to_have_url(f"{live_server.url}{note.get_edit_url()}")
    page.reload()
    expect(page.get_by_label("What happened")).to_have_value(text)


def test_text_typed_as_the_session_expires_is_all_there_after_signing_in_again(
    sign_in, live_server, practitioner, person
):
    note = case_note_for(_contact(person, practitioner), narrative="")
    page = sign_in(practitioner)
    page.goto(f"{live_server.url}{note.get_edit_url()}")
    first = "Maggie met me at the door. "
    page.get_by_label("What happened").fill(first)
    expect(_saved_status(page)).to_have_text(SAVED, timeout=WAIT_MS)

    Session.objects.all().delete()  # the session expires on the server
    everything = first + "She showed me the stairs she can no longer climb, and the bath."
    page.get_by_label("What happened").fill(everything)
    expect(page.get_by_text("You have been signed out.")).to_be_visible(timeout=WAIT_MS)
    # Typing on after the message is kept too.
    page.get_by_label("Next actions").fill("Ask occupational therapy about a stair lift.")

    page.get_by_role("link", name="Sign in again").click()
    page.get_by_label("Username").fill(practitioner.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}{note.get_edit_url()}")
    expect(page.get_by_text("We restored text you typed that had not been saved")).to_be_visible()
    expect(page.get_by_label("What happened")).to_have_value(everything)
    expect(_saved_status(page)).to_have_text(SAVED, timeout=WAIT_MS)
    note.refresh_from_db()
    assert note.narrative == everything
    assert note.next_actions == "Ask occupational therapy about a stair lift."


def test_two_windows_editing_one_draft_the_second_save_sees_both_versions(
    live_server, browser, practitioner, person
):
    # Only a draft's author may change it: the same practitioner, in two browsers.
    note = case_note_for(_contact(person, practitioner), narrative="Maggie wants to stay.")
    windows = []
    for _ in range(2):
        context = browser.new_context(base_url=live_server.url)
        page = context.new_page()
        page.goto("/sign-in/")
        page.get_by_label("Username").fill(practitioner.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.goto(note.get_edit_url())
        windows.append(page)
    first, second = windows

    first.get_by_label("What happened").fill("Maggie wants to stay at home with her cat.")
    first.get_by_role("button", name="Save as draft").click()
    expect(first.get_by_text("Draft saved. It is not complete")).to_be_visible()

    second.get_by_label("What happened").fill("Maggie wants to move near her daughter.")
    second.get_by_role("button", name="Save as draft").click()
    expect(
        second.get_by_role("heading", name="This draft has changed since you opened it")
    ).to_be_visible()
    table = second.get_by_role("table", name="What happened")
    # Side by side, the words that differ marked, and named for screen readers.
    expect(table).to_contain_text("Maggie wants to [added: move near] her [added: daughter].")
    expect(table).to_contain_text(
        "Maggie wants to [removed: stay at home with] her [removed: cat]."
    )
    assert_accessible(second)
    # Nothing was overwritten; their text waits in the form to be merged.
    assert _narrative(pk=note.pk) == "Maggie wants to stay at home with her cat."
    field = second.get_by_label("What happened")
    expect(field).to_have_value("Maggie wants to move near her daughter.")
    field.fill("Maggie wants to stay at home with her cat, near her daughter.")
    second.get_by_role("button", name="Save as draft").click()
    expect(second.get_by_text("Draft saved. It is not complete")).to_be_visible()
    assert _narrative(pk=note.pk) == "Maggie wants to stay at home with her cat, near her daughter."
    for page in windows:
        page.context.close()


def test_text_typed_offline_is_kept_and_saved_when_the_connection_returns(
    sign_in, live_server, practitioner, person
):
    note = case_note_for(_contact(person, practitioner), narrative="")
    page = sign_in(practitioner)
    page.goto(f"{live_server.url}{note.get_edit_url()}")
    page.context.set_offline(True)
    text = "Typed on the train with no signal."
    page.get_by_label("What happened").fill(text)
    offline = page.get_by_text("You're offline — your text is kept in this browser")
    expect(offline).to_be_visible(timeout=WAIT_MS)
    assert_accessible(page)
    kept = page.evaluate("Object.keys(window.localStorage).join(' ')")
    assert f":{practitioner.pk}:{note.get_edit_url()}" in kept
    assert _narrative(pk=note.pk) == ""

    page.context.set_offline(False)
    expect(_saved_status(page)).to_have_text(SAVED, timeout=WAIT_MS)
    expect(offline).to_be_hidden()
    assert _narrative(pk=note.pk) == text
    assert page.evaluate("Object.keys(window.localStorage).length") == 0


def _kept_keys(page) -> list[str]:
    return page.evaluate(
        "Object.keys(localStorage).filter((key) => key.startsWith('practice-record:draft:'))"
    )


def test_signing_out_saves_the_text_and_leaves_none_of_it_in_the_browser(
    sign_in, live_server, practitioner, person
):
    note = case_note_for(_contact(person, practitioner), narrative="")
    page = sign_in(practitioner)
    # Text kept from another form that was never saved (say, a closed tab offline).
    page.evaluate(
        "([user]) => localStorage.setItem(`practice-record:draft:${user}:/records/999999/edit/`,"
        " JSON.stringify({version: 1, fields: {narrative: ['Old text']}, keptAt: Date.now()}))",
        [practitioner.pk],
    )
    page.goto(f"{live_server.url}{note.get_edit_url()}")
    text = "Maggie's daughter Ruth rang: she can visit on Tuesdays."
    page.get_by_label("What happened").fill(text)
    # What is typed is kept in the browser within a moment, until it is saved.
    for _ in range(50):
        if len(_kept_keys(page)) == 2:
            break
        page.wait_for_timeout(100)
    assert len(_kept_keys(page)) == 2

    # Straight away, before the autosave's 3 seconds are up.
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert _narrative(pk=note.pk) == text
    assert _kept_keys(page) == []
