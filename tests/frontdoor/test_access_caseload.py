"""Who may see and do what on the caseload and task pages (issue 17, parts 5 and 6).

Every URL of the area × every persona × Margaret restricted or not. The rules: one's own
caseload for those who record; a member's, and the team overview, for their team's
managers and quality staff; a task is seen by whoever may see its person, and completed
or reassigned by its owner, who set it, or a manager of the person's team (quality staff
read only); a person out of scope is a 404 that does not name them.

The expectations are written out by hand, from those rules.
"""

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AccessEvent
from frontdoor.models import Task
from recording.models import Person
from tests.frontdoor.factories import TaskFactory

pytestmark = pytest.mark.django_db

PERSONAS = (
    "practitioner",  # Alice, in North, Margaret's allocated worker, owns the task
    "colleague",  # Erin, in North
    "manager",  # Bob, manages North
    "outsider",  # Charlie, Hospital Discharge
    "other_manager",  # Dana, manages Hospital Discharge
    "quality",  # Quentin
    "administrator",  # Ada
    "anonymous",
)
LOGIN = "sign in"
DONE = "done"  # a 302 after the change was made

# fmt: off
UNRESTRICTED = {
    #                   prac  coll  mgr   out   omgr  qual  admin anon
    "my_caseload":     (200,  200,  200,  200,  200,  403,  403,  LOGIN),
    "team_caseloads":  (403,  403,  200,  403,  200,  200,  403,  LOGIN),
    "caseload":        (200,  403,  200,  403,  404,  200,  403,  LOGIN),
    "task_new":        (200,  200,  200,  404,  404,  403,  404,  LOGIN),
    "task":            (200,  200,  200,  404,  404,  200,  404,  LOGIN),
    "task_complete":   (DONE, 403,  DONE, 404,  404,  403,  404,  LOGIN),
    "task_reassign":   (DONE, 403,  DONE, 404,  404,  403,  404,  LOGIN),
}
RESTRICTED = {
    #                   prac  coll  mgr   out   omgr  qual  admin anon
    "my_caseload":     (200,  200,  200,  200,  200,  403,  403,  LOGIN),
    "team_caseloads":  (403,  403,  200,  403,  200,  200,  403,  LOGIN),
    "caseload":        (200,  403,  200,  403,  404,  200,  403,  LOGIN),
    "task_new":        (200,  404,  200,  404,  404,  404,  404,  LOGIN),
    "task":            (200,  404,  200,  404,  404,  404,  404,  LOGIN),
    "task_complete":   (DONE, 404,  DONE, 404,  404,  404,  404,  LOGIN),
    "task_reassign":   (DONE, 404,  DONE, 404,  404,  404,  404,  LOGIN),
}
# fmt: on
IDENTIFIERS = ("Margaret Oyelaran", "Maggie", "HCC-104233")
WRITES = {"task_complete", "task_reassign"}


@pytest.fixture
def users(request):
    return {
        name: None if name == "anonymous" else request.getfixturevalue(name) for name in PERSONAS
    }


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _url(page: str, task: Task, person: Person, alice) -> str:
    return {
        "my_caseload": reverse("frontdoor:my_caseload"),
        "team_caseloads": reverse("frontdoor:team_caseloads"),
        "caseload": reverse("frontdoor:caseload", args=[alice.pk]),
        "task_new": reverse("frontdoor:task_new", args=[person.pk]),
        "task": reverse("frontdoor:task", args=[task.pk]),
        "task_complete": reverse("frontdoor:task_complete", args=[task.pk]),
        "task_reassign": reverse("frontdoor:task_reassign", args=[task.pk]),
    }[page]


def _outcome(response, changed: bool):
    if response.status_code == 302:
        if "/sign-in/" in response["Location"] or "login" in response["Location"]:
            return LOGIN
        return DONE if changed else f"302 unchanged to {response['Location']}"
    return response.status_code


@pytest.mark.parametrize("restricted", [False, True], ids=["unrestricted", "restricted"])
@pytest.mark.parametrize("page", list(UNRESTRICTED))
def test_access_matrix(person, users, page, restricted):
    Person.objects.filter(pk=person.pk).update(is_restricted=restricted)
    alice, bob = users["practitioner"], users["manager"]
    expected = dict(zip(PERSONAS, (RESTRICTED if restricted else UNRESTRICTED)[page], strict=True))
    actual = {}
    for persona in PERSONAS:
        task = TaskFactory(person=person, owner=alice, created_by=alice)
        url = _url(page, task, person, alice)
        client = _client(users[persona])
        if page == "task_complete":
            response = client.post(url)
        elif page == "task_reassign":
            response = client.post(url, {"owner": bob.pk, "reason": "Alice is on leave"})
        else:
            response = client.get(url)
        task.refresh_from_db()
        changed = task.completed_at is not None or task.owner_id != alice.pk
        if page in WRITES and expected[persona] != DONE:
            assert not changed, persona  # a refusal changes nothing
        actual[persona] = _outcome(response, changed)
        if response.status_code == 404:
            assert not [text for text in IDENTIFIERS if text in response.text], (persona, page)
    assert actual == expected


def test_the_task_page_and_the_task_form_are_in_the_access_log(person, practitioner_client):
    task = TaskFactory(person=person, owner=person.allocated_worker)
    practitioner_client.get(reverse("frontdoor:task", args=[task.pk]))
    practitioner_client.get(reverse("frontdoor:task_new", args=[person.pk]))
    assert AccessEvent.objects.filter(person=person, refused=False).count() == 2


def test_a_refused_task_page_is_logged_as_refused(person, outsider):
    task = TaskFactory(person=person, owner=person.allocated_worker)
    assert _client(outsider).get(reverse("frontdoor:task", args=[task.pk])).status_code == 404
    assert AccessEvent.objects.filter(person=person, refused=True, user=outsider).exists()


def test_the_caseload_navigation_item(practitioner_client, manager_client, quality_client):
    home = reverse("home")
    assert reverse("frontdoor:my_caseload") in practitioner_client.get(home).text
    assert reverse("frontdoor:team_caseloads") in manager_client.get(home).text
    assert reverse("frontdoor:team_caseloads") in quality_client.get(home).text
