"""Browser journeys through tasks and caseloads (issue 17, parts 5 and 6): Playwright on
Debian's Chromium, axe on every page. Time is frozen on Wednesday 25 November 2026."""

import re
from datetime import date, datetime

import pytest
import time_machine
from playwright.sync_api import expect

from accounts.models import TeamMembership
from frontdoor.models import Task, WorkKind
from recording.deadlines import LONDON
from recording.models import CaseNote
from tests.browser.axe import assert_accessible
from tests.factories import ContactFactory, PersonFactory, UserFactory
from tests.frontdoor.factories import TaskFactory, WorkItemFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _wednesday(settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=True):
        yield


def test_save_a_case_note_and_add_a_task_then_complete_it(sign_in, practitioner, person):
    ContactFactory(
        person=person,
        recorded_by=practitioner,
        occurred_at=datetime(2026, 11, 24, 11, 0, tzinfo=LONDON),
    )
    page = sign_in(practitioner)
    page.get_by_role("link", name="My recording", exact=True).click()
    page.get_by_role("link", name=re.compile("^Write the case note for Margaret")).click()
    expect(page.get_by_role("heading", name="Write the case note")).to_be_visible()
    text = "I phoned Maggie. Her GP is changing her medication; I will ring the GP."
    page.get_by_label("What happened").fill(text)
    assert_accessible(page)
    page.get_by_role("button", name="Save and add a task").click()

    expect(page.get_by_role("heading", name="Add a task")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Add task").click()  # nothing filled in: refused
    expect(page.get_by_role("alert")).to_contain_text("Enter what needs to be done")
    assert_accessible(page)
    page.get_by_label("What needs to be done?").fill("Ring the GP about the new medication")
    expect(page.get_by_label("Who will do it?")).to_have_value(str(practitioner.pk))
    group = page.get_by_role("group", name="Due date")
    group.get_by_label("Day").fill("25")
    group.get_by_label("Month").fill("11")
    group.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Add task").click()

    # Back at the draft, with the text kept.
    expect(page.get_by_text("Task added for Alice Adams, due 25 November 2026.")).to_be_visible()
    expect(page.get_by_label("What happened")).to_have_value(text)
    assert_accessible(page)
    note = CaseNote.objects.get()
    assert note.is_draft and note.narrative == text
    assert Task.objects.get().record_id == note.pk

    page.get_by_role("link", name="My recording", exact=True).click()
    today = page.get_by_role("table", name=re.compile("^Tasks due today"))
    expect(today).to_contain_text("Margaret Oyelaran")
    assert_accessible(page)
    today.get_by_role("link", name="Ring the GP about the new medication").click()
    expect(page.get_by_role("heading", name="Task", exact=True)).to_be_visible()
    expect(page.get_by_text("Set for Alice Adams, due 25 November 2026")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Complete task").click()
    expect(page.get_by_text("Task completed: Ring the GP about the new medication")).to_be_visible()
    expect(page.get_by_role("button", name="Complete task")).to_have_count(0)
    assert_accessible(page)
    assert Task.objects.get().completed_by == practitioner


def test_a_manager_sees_the_teams_weighted_loads(sign_in, manager, practitioner, team, person):
    busy = UserFactory(username="fay", first_name="Fay", last_name="Full")
    TeamMembership.objects.create(user=busy, team=team)
    for n in range(30):
        PersonFactory(team=team, allocated_worker=busy, name=f"Someone {n}")
    for _ in range(3):
        WorkItemFactory(person=PersonFactory(team=team), allocated_to=busy)
    WorkItemFactory(
        person=person,
        kind=WorkKind.REVIEW,
        allocated_to=practitioner,
        waiting_since=date(2026, 11, 1),
    )
    TaskFactory(person=person, owner=practitioner, due_on=date(2026, 11, 20))

    page = sign_in(manager)
    page.get_by_role("link", name="Caseload", exact=True).click()
    expect(page.get_by_role("heading", name="North Adult Care Team")).to_be_visible()
    table = page.get_by_role("table", name=re.compile("^Caseloads in North"))
    alice = table.get_by_role("row", name=re.compile("Alice Adams"))
    # Margaret (1 hour) and her review (2 hours) and a task (0.25): 3.25 of 37 hours.
    expect(alice).to_contain_text("3.25 of 37 hours (9%)")
    expect(alice).to_contain_text("Room for more")
    fay = table.get_by_role("row", name=re.compile("Fay Full"))
    # 30 people (30 hours) and 3 needs assessments (9 hours): 39 of 37 hours.
    expect(fay).to_contain_text("39 of 37 hours (105%)")
    expect(fay).to_contain_text("Over capacity")
    # Most room first.
    expect(table.get_by_role("row").nth(1)).to_contain_text("Bob Baker")
    assert_accessible(page)

    alice.get_by_role("link", name="Alice Adams").click()
    expect(page.get_by_role("heading", name="Alice Adams")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("^People allocated"))).to_contain_text(
        "Margaret Oyelaran"
    )
    expect(page.get_by_role("table", name=re.compile("^Open tasks"))).to_contain_text("Overdue")
    assert_accessible(page)
