"""Tasks (issue 17, part 6): set for a person from a record, with an owner who can see
them and a due date not past; completed once; reassigned with a reason; every change in
the history; shown on the person's page, My recording and Team recording; and "Save and
add a task" on a draft, which loses nothing typed."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from accounts.models import TeamMembership
from frontdoor.models import Task
from frontdoor.services_tasks import TaskChanged, task_complete, task_reassign
from frontdoor.views_tasks import task_history
from recording.models import CaseNote, Person
from tests.assessments.factories import care_plan_for, eligibility_for, needs_assessment_for
from tests.factories import ContactFactory, UserFactory, case_note_for
from tests.frontdoor.factories import TaskFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2026, 11, 30).isoformat() + " 10:00 +00:00", tick=False):
        yield


def _data(owner, *, what="Ring the GP about the new medication", due=TODAY + timedelta(days=2)):
    return {
        "what": what,
        "owner": owner.pk if owner is not None else "",
        "due_on_0": due.day,
        "due_on_1": due.month,
        "due_on_2": due.year,
    }


def test_a_practitioner_adds_a_task_from_a_record_and_goes_back(
    person, practitioner, colleague, practitioner_client
):
    note = case_note_for(ContactFactory(person=person, recorded_by=practitioner))
    url = reverse("frontdoor:task_new", args=[person.pk])
    back = note.get_edit_url()
    page = practitioner_client.get(url, {"record": note.pk, "next": back})
    assert page.status_code == 200
    assert "Erin Evans" in page.text and "Alice Adams" in page.text
    response = practitioner_client.post(f"{url}?record={note.pk}&next={back}", _data(colleague))
    assert response.status_code == 302 and response["Location"] == back
    task = Task.objects.get()
    assert (task.owner, task.record_id, task.created_by) == (colleague, note.pk, practitioner)
    assert task.due_on == TODAY + timedelta(days=2)


def test_next_must_be_a_path_of_the_service(person, practitioner_client):
    url = reverse("frontdoor:task_new", args=[person.pk])
    response = practitioner_client.post(
        f"{url}?next=https://evil.example/", _data(person.allocated_worker)
    )
    task = Task.objects.get()
    assert response["Location"] == reverse("frontdoor:task", args=[task.pk])


@pytest.mark.parametrize(
    "who, message",
    [
        ("left", "has left"),
        ("outsider", "cannot see this person"),
        ("quality", "cannot see this person"),
    ],
)
def test_an_owner_who_left_or_cannot_see_the_person_is_refused(
    person, practitioner_client, team, outsider, quality, who, message
):
    if who == "left":
        owner = UserFactory(username="gone", first_name="Gwen", last_name="Gone", is_active=False)
        TeamMembership.objects.create(user=owner, team=team)
    else:
        owner = {"outsider": outsider, "quality": quality}[who]
    url = reverse("frontdoor:task_new", args=[person.pk])
    response = practitioner_client.post(url, _data(owner, what="Keep this text"))
    assert response.status_code == 400
    assert message in response.text
    assert "Keep this text" in response.text
    assert not Task.objects.exists()


def test_a_restricted_persons_task_goes_only_to_who_may_see_them(
    person, practitioner_client, colleague, manager
):
    Person.objects.filter(pk=person.pk).update(is_restricted=True)
    url = reverse("frontdoor:task_new", args=[person.pk])
    page = practitioner_client.get(url)
    assert "Erin Evans" not in page.text and "Bob Baker" in page.text
    assert practitioner_client.post(url, _data(colleague)).status_code == 400
    assert practitioner_client.post(url, _data(manager)).status_code == 302


def test_a_new_task_is_not_due_in_the_past_and_needs_what_and_who(person, practitioner_client):
    url = reverse("frontdoor:task_new", args=[person.pk])
    past = practitioner_client.post(
        url, _data(person.allocated_worker, due=TODAY - timedelta(days=1))
    )
    assert "The due date must be today or in the future" in past.text
    empty = practitioner_client.post(url, {"what": "", "owner": ""})
    assert "Enter what needs to be done" in empty.text
    assert "Choose who will do it" in empty.text
    assert "Enter the due date" in empty.text
    assert not Task.objects.exists()


def test_the_same_form_sent_twice_adds_one_task(person, practitioner_client):
    url = reverse("frontdoor:task_new", args=[person.pk])
    data = {**_data(person.allocated_worker), "submission_key": "k" * 32}
    first = practitioner_client.post(url, data)
    second = practitioner_client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert Task.objects.count() == 1


def test_complete_once_and_a_second_click_says_who_and_when(
    person, practitioner, manager, practitioner_client, manager_client
):
    task = TaskFactory(person=person, owner=practitioner)
    url = reverse("frontdoor:task_complete", args=[task.pk])
    assert practitioner_client.post(url).status_code == 302
    again = manager_client.post(url, follow=True)
    assert "Alice Adams completed this task on 30 November 2026 at 10:00" in again.text
    task.refresh_from_db()
    assert task.completed_by == practitioner
    with pytest.raises(TaskChanged):
        task_complete(task=task, user=manager)


def test_reassign_keeps_history_and_refuses_who_left(
    person, practitioner, colleague, manager, team, manager_client
):
    task = TaskFactory(person=person, owner=practitioner)
    url = reverse("frontdoor:task_reassign", args=[task.pk])
    gone = UserFactory(username="gone", first_name="Gwen", last_name="Gone", is_active=False)
    TeamMembership.objects.create(user=gone, team=team)
    refused = manager_client.post(url, {"owner": gone.pk, "reason": "Cover"})
    assert refused.status_code == 400 and "has left" in refused.text
    same = manager_client.post(url, {"owner": practitioner.pk, "reason": "Cover"})
    assert same.status_code == 400 and "someone other than" in same.text
    moved = manager_client.post(url, {"owner": colleague.pk, "reason": "Alice is on leave"})
    assert moved.status_code == 302
    task.refresh_from_db()
    assert task.owner == colleague
    # A reassignment from a form that showed Alice as the owner: told, nothing changed.
    with pytest.raises(TaskChanged, match="reassigned to Erin Evans meanwhile"):
        task_reassign(
            task=Task(pk=task.pk, owner=practitioner), to=manager, reason="x", user=manager
        )
    task_complete(task=task, user=colleague)
    events = [event["text"] for event in task_history(task)]
    assert events == [
        f"Set for Alice Adams, due {task.due_on:%-d %B %Y}",
        "Reassigned from Alice Adams to Erin Evans: Alice is on leave",
        "Completed",
    ]
    page = manager_client.get(reverse("frontdoor:task", args=[task.pk]))
    assert "Reassigned from Alice Adams to Erin Evans" in page.text
    assert "Complete task" not in page.text  # completed: nothing more to do


def test_tasks_show_on_the_persons_page_my_recording_and_team_recording(
    person, practitioner, practitioner_client, manager_client
):
    TaskFactory(
        person=person, owner=practitioner, what="Late one", due_on=TODAY - timedelta(days=3)
    )
    TaskFactory(person=person, owner=practitioner, what="Today one", due_on=TODAY)
    TaskFactory(
        person=person, owner=practitioner, what="Soon one", due_on=TODAY + timedelta(days=6)
    )
    TaskFactory(
        person=person, owner=practitioner, what="Later one", due_on=TODAY + timedelta(days=9)
    )
    done = TaskFactory(person=person, owner=practitioner, what="Done one", due_on=TODAY)
    task_complete(task=done, user=practitioner)

    person_page = practitioner_client.get(person.get_absolute_url()).text
    assert "Late one" in person_page and "Later one" in person_page
    assert "Done one" not in person_page

    mine = practitioner_client.get(reverse("recording:my_recording")).text
    overdue = mine.index("Tasks overdue")
    today = mine.index("Tasks due today")
    week = mine.index("Tasks due in the next 7 days")
    assert overdue < mine.index("Late one") < today < mine.index("Today one") < week
    assert mine.index("Soon one") > week
    assert "Later one" not in mine and "Done one" not in mine

    team = manager_client.get(reverse("recording:team_recording")).text
    assert "Overdue tasks" in team and "Late one" in team and "Today one" not in team


def test_my_recording_hides_a_task_about_someone_i_may_no_longer_see(
    person, colleague, practitioner
):
    TaskFactory(person=person, owner=colleague, what="About Margaret")
    Person.objects.filter(pk=person.pk).update(is_restricted=True)
    from django.test import Client

    client = Client()
    client.force_login(colleague)
    assert "About Margaret" not in client.get(reverse("recording:my_recording")).text


# --- "Save and add a task" on a draft ---


def _note_data(note, narrative):
    return {
        "version": note.version,
        "narrative": narrative,
        "made_decision": "no",
        "action": "save_then_task",
        "option_rows": "0",
    }


def test_save_and_add_a_task_saves_the_draft_then_opens_the_task_form(
    person, practitioner, practitioner_client
):
    note = case_note_for(ContactFactory(person=person, recorded_by=practitioner))
    page = practitioner_client.get(note.get_edit_url())
    assert "Save and add a task" in page.text
    data = _note_data(note, "Margaret wants to go home. Her daughter will call.")
    response = practitioner_client.post(note.get_edit_url(), data)
    assert response.status_code == 302, response.text[:2000]
    location = response["Location"]
    assert location.startswith(reverse("frontdoor:task_new", args=[person.pk]))
    assert f"record={note.pk}" in location
    note = CaseNote.objects.get(pk=note.pk)
    assert note.narrative == "Margaret wants to go home. Her daughter will call."
    assert note.is_draft
    task_page = practitioner_client.get(location)
    assert task_page.status_code == 200
    done = practitioner_client.post(location, _data(practitioner))
    assert done["Location"] == note.get_edit_url()
    assert Task.objects.get().record_id == note.pk


def test_a_care_and_support_plan_draft_has_save_and_add_a_task(
    person, practitioner, practitioner_client
):
    eligibility = eligibility_for(needs_assessment_for(person, practitioner), practitioner)
    plan = care_plan_for(eligibility, practitioner, completed=False)
    page = practitioner_client.get(plan.get_edit_url(), follow=True)
    assert page.status_code == 200
    assert 'value="save_then_task"' in page.text
