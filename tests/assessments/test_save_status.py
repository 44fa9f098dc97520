"""Only a save that happened says "saved" (issue 14, part 4). A plan over its budget
with no top-up (supports of £200 a week, a budget of £100, no top-up) cannot be saved:
the Save as draft POST, the Complete POST and the autosave each say it is not saved and
what to fix, keep every character typed, and change nothing."""

import re
from datetime import datetime

import pytest
import time_machine

from assessments.models import CarePlan
from recording.deadlines import LONDON
from recording.models import Record
from tests.assessments.test_views import authorised_eligibility, plan_data, save_form, start
from tests.factories import ContactFactory, case_note_for

NOW = datetime(2026, 11, 25, 14, 2, tzinfo=LONDON)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_frozen")]

OVER_BUDGET = {
    "support_1_unit_cost": "120.00",
    "support_2_unit_cost": "80.00",
    "support_2_how_met": "The Tuesday gardening club <on the green>.",
    "personal_budget": "100.00",
    "top_up": "",
}
SAVED = re.compile(r"Draft saved at \d\d:\d\d")


@pytest.fixture
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def plan(practitioner_client, manager_client, person) -> Record:
    authorised_eligibility(practitioner_client, manager_client, person)
    return start(practitioner_client, person, "care_plan")


def _unchanged(plan: Record) -> None:
    saved = CarePlan.objects.get(pk=plan.pk)
    assert saved.version == 1 and saved.is_draft
    assert saved.personal_budget is None and not saved.supports.exists()


@pytest.mark.parametrize("action", ["save", "complete"])
def test_an_over_budget_plan_is_not_saved_and_the_page_says_so(practitioner_client, plan, action):
    response = save_form(practitioner_client, plan, plan_data(**OVER_BUDGET, action=action))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Not saved: fix the errors below" in page
    assert not SAVED.search(page) and "is saved" not in page
    assert "£100.00 a week is not funded" in page  # next to the top-up
    assert "The Tuesday gardening club &lt;on the green&gt;." in page  # kept, escaped
    assert 'value="80.00"' in page
    _unchanged(plan)


def test_an_over_budget_autosave_is_refused_with_what_to_fix(practitioner_client, plan):
    response = save_form(practitioner_client, plan, plan_data(**OVER_BUDGET, autosave="1"))
    assert response.status_code == 422
    answer = response.json()
    assert answer["saved"] is False
    assert answer["status"].startswith("Not saved")
    assert "version" not in answer and "saved_at" not in answer
    [problem] = [p for p in answer["problems"] if "not funded" in p["message"]]
    assert problem["href"] == "#id_top_up"
    _unchanged(plan)


def test_a_saved_plan_that_cannot_be_completed_says_it_was_saved_not_completed(
    practitioner_client, plan
):
    response = save_form(
        practitioner_client, plan, plan_data(contingency_plan="", action="complete")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Draft saved at 14:02, but not completed: put right the problems above" in page
    assert "Not saved" not in page
    assert "Enter the contingency plan" in page
    saved = CarePlan.objects.get(pk=plan.pk)
    assert saved.is_draft and saved.version == 2 and saved.supports.count() == 2


def test_an_autosave_that_saves_says_when(practitioner_client, plan):
    response = save_form(practitioner_client, plan, plan_data(autosave="1"))
    assert response.status_code == 200
    assert response.json()["status"] == "Draft saved at 14:02"


# --- The case record's forms: the same status line ---


@pytest.fixture
def note(person, practitioner):
    contact = ContactFactory(
        person=person,
        recorded_by=practitioner,
        occurred_at=datetime(2026, 11, 24, 9, 30, tzinfo=LONDON),
    )
    return case_note_for(contact, narrative="Maggie wants to stay at home.")


def _note_form(note, **overrides) -> dict:
    return {
        "action": "save",
        "option_rows": "2",
        "narrative": "Maggie wants to stay at home.",
        "made_decision": "no",
        "next_actions": "",
        "version": str(Record.objects.get(pk=note.pk).version),
        **overrides,
    }


def test_a_case_note_sent_with_an_error_is_not_saved_and_says_so(practitioner_client, note):
    response = practitioner_client.post(
        note.get_edit_url(),
        _note_form(note, narrative="New words", option_1_why_not="Too far", action="complete"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Not saved: fix the errors below" in page and not SAVED.search(page)
    assert "New words" in page
    assert Record.objects.get(pk=note.pk).version == 1


def test_a_case_note_saved_but_not_complete_says_saved_and_shows_each_error(
    practitioner_client, note
):
    response = practitioner_client.post(
        note.get_edit_url(), _note_form(note, narrative="", made_decision="", action="complete")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Draft saved at 14:02, but not completed" in page
    # Each in the error summary and next to its field.
    assert page.count("Enter what happened") == 2
    assert page.count("Select yes if you made a decision") == 2
    assert Record.objects.get(pk=note.pk).is_draft
