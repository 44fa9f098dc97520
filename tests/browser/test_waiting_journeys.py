"""Browser journeys of the waiting lists and allocation (issue 17): the manager sees a
waiting person on the list and allocates the work; the worker sees it on Home and starts
the assessment from the person's page; a worker leaves and the manager moves all their
work to a colleague in one action. Playwright on Debian's Chromium, axe on every page."""

import re
from datetime import date, datetime

import pytest
import time_machine
from playwright.sync_api import expect

from frontdoor.models import Allocation, Task, WorkItem, WorkKind
from recording.deadlines import LONDON
from tests.browser.axe import assert_accessible
from tests.factories import PersonFactory
from tests.frontdoor.factories import (
    TaskFactory,
    WorkItemFactory,
    dhsc_assessment,
    dhsc_request,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _wednesday(settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=True):
        yield


def test_the_manager_allocates_from_the_list_and_the_worker_starts_the_assessment(
    sign_in, live_server, manager, colleague, person, team
):
    item = WorkItemFactory(person=person, waiting_since=date(2026, 11, 2))
    earlier = PersonFactory(team=team, name="Edna Earlier")  # DHSC's waiting times
    dhsc_request(earlier, date(2026, 10, 5))
    dhsc_assessment(earlier, date(2026, 10, 16))
    page = sign_in(manager)
    page.get_by_role("link", name="Waiting lists").click()
    expect(page.get_by_role("heading", name="Waiting lists")).to_be_visible()
    needs = page.get_by_role("table", name="Waiting for a needs assessment, longest wait first")
    expect(needs).to_contain_text("23 days")
    expect(needs).to_contain_text("Unallocated")
    expect(page.get_by_role("heading", name="Waiting times as DHSC measures them")).to_be_visible()
    first = page.get_by_role("table", name="Wait time to first response")
    expect(first.get_by_role("row", name=re.compile("October to December 2026"))).to_contain_text(
        "11.0 days"
    )
    page.get_by_text("What DHSC counts, and what it leaves out").click()
    assert_accessible(page)
    needs.get_by_role("link", name="Margaret Oyelaran").click()
    expect(page.get_by_role("heading", name="Waiting for a needs assessment")).to_be_visible()
    assert_accessible(page)
    # Allocating without choosing a worker is refused next to the field.
    page.get_by_label("Reason (optional)").fill("Erin knows the family")
    page.get_by_role("button", name="Allocate").click()
    expect(page.get_by_role("alert")).to_contain_text("Select a worker")
    expect(page.get_by_label("Reason (optional)")).to_have_value("Erin knows the family")
    assert_accessible(page)
    page.get_by_label("Allocate to").select_option(label="Erin Evans")
    page.get_by_role("button", name="Allocate").click()
    expect(page.get_by_text("Allocated to Erin Evans.")).to_be_visible()
    expect(page.get_by_role("table", name="Allocations, newest first")).to_contain_text(
        "Erin knows the family"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    page = sign_in(colleague)
    expect(page.get_by_role("heading", name="Allocated to you")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Needs assessment for Margaret Oyelaran").click()
    expect(page.get_by_text("Erin Evans, since 25 November 2026")).to_be_visible()
    page.get_by_role("link", name="Margaret Oyelaran").first.click()
    expect(page.get_by_role("heading", name="Margaret Oyelaran", level=1)).to_be_visible()
    page.get_by_role("link", name="Start a Care Act record").click()
    page.get_by_label("Needs assessment", exact=True).check()
    page.get_by_label("Full assessment").check()
    assert_accessible(page)
    page.get_by_role("button", name="Start the record").click()
    expect(page.get_by_text("Needs assessment started as a draft.")).to_be_visible()
    item.refresh_from_db()
    assert item.allocated_to == colleague and item.is_open


def test_a_worker_leaves_and_the_manager_moves_all_their_work_at_once(
    sign_in, live_server, team, manager, practitioner, colleague, person
):
    review = WorkItemFactory(
        kind=WorkKind.REVIEW,
        person=PersonFactory(team=team, name="Rosa Lindqvist"),
        waiting_since=date(2026, 12, 10),
        allocated_to=practitioner,
    )
    TaskFactory(owner=practitioner, person=person, what="Ring Maggie's GP")
    page = sign_in(manager)
    page.goto(f"{live_server.url}/caseloads/{practitioner.pk}/reallocate/")
    expect(page.get_by_role("heading", name="Move all of Alice Adams's work")).to_be_visible()
    expect(page.get_by_text("Review for Rosa Lindqvist")).to_be_visible()
    expect(page.get_by_text("Ring Maggie's GP")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Move all this work").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter why the work is moving")
    assert_accessible(page)
    page.get_by_label("Move all of it to").select_option(label="Erin Evans")
    page.get_by_label("Reason").fill("Alice has left the team")
    page.get_by_role("button", name="Move all this work").click()
    expect(
        page.get_by_text("Moved to Erin Evans: 1 work item, 1 person and 1 task.")
    ).to_be_visible()
    expect(page.get_by_text("Alice Adams holds no work in your teams.")).to_be_visible()
    assert_accessible(page)
    assert WorkItem.objects.get(pk=review.pk).allocated_to == colleague
    assert Task.objects.get().owner == colleague
    assert Allocation.objects.filter(reason="Alice has left the team").count() == 2
