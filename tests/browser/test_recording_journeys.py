"""Browser journeys through the case record: Playwright on Debian's Chromium, axe on
every page. Time is frozen on Wednesday 25 November 2026 so the clock states are known."""

import re
from datetime import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from recording.deadlines import LONDON
from recording.models import CaseNote
from recording.services import record_complete
from tests.browser.axe import assert_accessible
from tests.factories import ContactFactory, case_note_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _wednesday(settings):
    # The browser compares cookie expiry with the real clock: keep the session cookie
    # for the browser's life instead.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=True):
        yield


def _fill_date(page, group: str, day: str, month: str, year: str) -> None:
    fieldset = page.get_by_role("group", name=group)
    fieldset.get_by_label("Day").fill(day)
    fieldset.get_by_label("Month").fill(month)
    fieldset.get_by_label("Year").fill(year)


def test_record_a_contact_and_complete_its_case_note(sign_in, practitioner, person):
    page = sign_in(practitioner)
    page.get_by_role("link", name="People", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Search by name or council reference").fill("Oyelaran")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Margaret Oyelaran").click()
    expect(page.get_by_role("heading", name="Margaret Oyelaran")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record a contact").click()
    assert_accessible(page)
    # A future date is refused next to the field; what was typed stays.
    _fill_date(page, "Date of contact", "26", "11", "2026")
    page.get_by_label("Time of contact").fill("14:30")
    page.get_by_label("Visit").check()
    page.get_by_label("Who was the contact with?").fill("Maggie and her son, Dev")
    page.get_by_role("button", name="Save contact and write the case note").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "The date of the contact must be today or in the past"
    )
    expect(page.get_by_label("Who was the contact with?")).to_have_value("Maggie and her son, Dev")
    assert_accessible(page)
    page.get_by_role("group", name="Date of contact").get_by_label("Day").fill("23")
    page.get_by_role("button", name="Save contact and write the case note").click()

    expect(page.get_by_role("heading", name="Write the case note")).to_be_visible()
    expect(page.get_by_text("Due today")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What happened").fill("I visited Maggie at home. She wants to stay there.")
    page.get_by_label("1. Independence and citizenship").check()
    page.get_by_label("How did principle 1 shape what you did?").fill(
        "Maggie chose where we met and what we talked about."
    )
    page.get_by_label("2. Every contact is strength based and risk positive").check()
    # Complete too early: the evidence for principle 2 is missing.
    page.get_by_role("button", name="Complete case note").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Enter how principle 2")
    expect(summary).to_contain_text("Select yes if you made a decision")
    expect(page.get_by_label("What happened")).to_have_value(
        "I visited Maggie at home. She wants to stay there."
    )
    assert_accessible(page)
    summary.get_by_role("link", name=re.compile("Enter how principle 2")).click()
    expect(page.get_by_label("How did principle 2 shape what you did?")).to_be_focused()
    page.get_by_label("How did principle 2 shape what you did?").fill(
        "We started from what she can do: she cooks every day."
    )
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("What did you decide?").fill("Arrange a telecare falls pendant.")
    page.get_by_label("Your reasons for the decision").fill("She has fallen twice at night.")
    page.get_by_label("Option 1 considered").fill("A residential care home")
    page.get_by_label("Why option 1 was not appropriate").fill("Maggie does not want it.")
    page.get_by_label("The law the decision rests on").select_option(label="Care Act 2014")
    page.get_by_label("Section, if known").fill("section 18")
    assert_accessible(page)
    page.get_by_role("button", name="Complete case note").click()

    expect(page.get_by_text("Case note completed.")).to_be_visible()
    expect(page.get_by_text("Completed on time")).to_be_visible()
    expect(page.get_by_role("cell", name="A residential care home")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="My recording", exact=True).click()
    expect(page.get_by_role("table", name=re.compile(r"^Due today \(0\)"))).to_be_visible()
    completed = page.get_by_role("table", name=re.compile("Completed in the last"))
    expect(completed).to_contain_text("Margaret Oyelaran")
    expect(completed).to_contain_text("Completed on time")
    assert_accessible(page)
    assert CaseNote.objects.get().evidence.count() == 2


def test_add_an_addendum_to_a_completed_note(sign_in, practitioner, person):
    contact = ContactFactory(
        person=person,
        recorded_by=practitioner,
        occurred_at=datetime(2026, 11, 20, 11, 0, tzinfo=LONDON),
    )
    note = case_note_for(contact)
    record_complete(record=note, user=practitioner)
    page = sign_in(practitioner)
    page.get_by_role("link", name="My recording", exact=True).click()
    page.get_by_role("link", name=re.compile("^Case note for Margaret Oyelaran")).click()
    expect(page.get_by_text("Completed 1 working day late")).to_be_visible()
    page.get_by_role("link", name="Add an addendum").click()
    assert_accessible(page)
    page.get_by_role("button", name="Add addendum").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the reason for the addendum")
    assert_accessible(page)
    page.get_by_label("Reason for the addendum").fill("Information received later")
    page.get_by_label("Addendum", exact=True).fill("Dev phoned: the pendant arrived.")
    page.get_by_role("button", name="Add addendum").click()
    expect(page.get_by_text("Addendum added.")).to_be_visible()
    expect(page.get_by_text("Dev phoned: the pendant arrived.")).to_be_visible()
    expect(page.get_by_text("Added by Alice Adams")).to_be_visible()
    assert_accessible(page)


def test_my_recording_and_the_team_view_show_what_is_overdue(
    sign_in, practitioner, manager, person
):
    for day in (18, 19, 23, 24):
        ContactFactory(
            person=person,
            recorded_by=practitioner,
            occurred_at=datetime(2026, 11, day, 11, 0, tzinfo=LONDON),
        )
    page = sign_in(practitioner)
    page.get_by_role("link", name="My recording", exact=True).click()
    overdue = page.get_by_role("table", name=re.compile(r"^Overdue \(2\)"))
    expect(overdue.get_by_role("row").nth(1)).to_contain_text("Overdue by 3 working days")
    expect(overdue.get_by_role("row").nth(2)).to_contain_text("Overdue by 2 working days")
    expect(page.get_by_role("table", name=re.compile(r"^Due tomorrow \(1\)"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    page = sign_in(manager)
    page.get_by_role("link", name="Team recording").click()
    row = page.get_by_role("row", name=re.compile("Alice Adams"))
    expect(row).to_contain_text("2")
    assert_accessible(page)
    page.get_by_role("link", name="Alice Adams").click()
    expect(page.get_by_role("table", name=re.compile(r"^Overdue \(2\)"))).to_be_visible()
    assert_accessible(page)


def test_the_case_note_form_works_without_javascript(browser, live_server, practitioner, person):
    contact = ContactFactory(
        person=person,
        recorded_by=practitioner,
        occurred_at=datetime(2026, 11, 23, 11, 0, tzinfo=LONDON),
    )
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/contacts/{contact.pk}/case-note/")
    # Without JavaScript the conditional questions are all shown.
    expect(page.get_by_label("How did principle 2 shape what you did?")).to_be_visible()
    page.get_by_label("What happened").fill("Phoned Maggie.")
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Complete case note").click()
    expect(page.get_by_text("Case note completed.")).to_be_visible()
    context.close()


def test_a_provisional_care_packages_cost_is_typed_as_people_type_money(
    sign_in, live_server, practitioner, person
):
    ContactFactory(
        person=person,
        recorded_by=practitioner,
        occurred_at=datetime(2026, 11, 24, 11, 0, tzinfo=LONDON),
    )
    page = sign_in(practitioner)
    page.goto(f"{live_server.url}{person.get_absolute_url()}")
    page.get_by_role("link", name="Record a provisional care package").click()
    expect(page.get_by_role("heading", name="Provisional care package")).to_be_visible()
    assert_accessible(page)

    cost = page.get_by_label("Weekly cost")
    expect(cost).to_have_attribute("inputmode", "decimal")
    page.get_by_label("What care and support has been arranged?").fill("Two calls a day.")
    cost.fill("ten")
    page.get_by_role("button", name="Save as draft").click()
    message = "Enter the weekly cost as an amount in pounds and pence, like 120 or 120.50"
    expect(page.get_by_role("alert")).to_contain_text(message)
    expect(cost).to_have_accessible_description(re.compile(message))
    expect(cost).to_have_value("ten")
    assert_accessible(page)

    cost.fill("£1,245.50")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("£1,245.50")).to_be_visible()
    assert_accessible(page)
