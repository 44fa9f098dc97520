"""Who may see and do what on the waiting lists and allocation (issue 17, parts 3, 4 and
"Access"): every URL of the area, from every persona, for a person restricted or not.

The rules: anyone who records or reads records sees their teams' waiting lists (quality
staff every team's); a piece of work's page is seen by whoever may see its person; only
the managers of its team allocate, review its priority, or close it (and the worker who
holds it closes it); a person is allocated by their team's managers only; a worker's
whole caseload is moved by a manager of their team. Out of scope is a 404 that does not
name the person. The expectations are written out by hand."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from frontdoor.models import Allocation, WorkItem
from recording.models import Person
from tests.frontdoor.factories import WorkItemFactory

pytestmark = pytest.mark.django_db

PERSONAS = (
    "practitioner",  # Alice, North, Margaret's allocated worker
    "colleague",  # Erin, North
    "manager",  # Bob, manages North
    "outsider",  # Charlie, Hospital Discharge
    "other_manager",  # Dana, manages Hospital Discharge
    "quality",  # Quentin, all teams, read-only
    "administrator",  # Ada, no team
    "anonymous",
)
SIGN_IN = "sign in"

# fmt: off
UNRESTRICTED = {
    #                      prac  coll  mgr   out   omgr  qual  admin anon
    "waiting_lists":      (200,  200,  200,  200,  200,  200,  403,  SIGN_IN),
    "waiting_equity":     (200,  200,  200,  200,  200,  200,  403,  SIGN_IN),
    "work_item":          (200,  200,  200,  404,  404,  200,  404,  SIGN_IN),
    "work_item_allocate": (403,  403,  200,  404,  404,  403,  404,  SIGN_IN),
    "work_item_priority": (403,  403,  200,  404,  404,  403,  404,  SIGN_IN),
    "work_item_close":    (403,  403,  200,  404,  404,  403,  404,  SIGN_IN),
    "person_allocate":    (403,  403,  200,  404,  404,  403,  404,  SIGN_IN),
    "reallocate_all":     (403,  403,  200,  403,  404,  403,  403,  SIGN_IN),
}
RESTRICTED = {
    #                      prac  coll  mgr   out   omgr  qual  admin anon
    "waiting_lists":      (200,  200,  200,  200,  200,  200,  403,  SIGN_IN),
    "waiting_equity":     (200,  200,  200,  200,  200,  200,  403,  SIGN_IN),
    "work_item":          (200,  404,  200,  404,  404,  404,  404,  SIGN_IN),
    "work_item_allocate": (403,  404,  200,  404,  404,  404,  404,  SIGN_IN),
    "work_item_priority": (403,  404,  200,  404,  404,  404,  404,  SIGN_IN),
    "work_item_close":    (403,  404,  200,  404,  404,  404,  404,  SIGN_IN),
    "person_allocate":    (403,  404,  200,  404,  404,  404,  404,  SIGN_IN),
    # About a member of staff, not a person: restriction changes nothing.
    "reallocate_all":     (403,  403,  200,  403,  404,  403,  403,  SIGN_IN),
}
# fmt: on
EXPECTED = {False: UNRESTRICTED, True: RESTRICTED}
IDENTIFIERS = ("Margaret Oyelaran", "Maggie", "HCC-104233")


@dataclass
class World:
    users: dict
    person: Person
    item: WorkItem
    urls: dict

    def client(self, persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(self.users[persona])
        return client


@pytest.fixture
def world(request, person, practitioner) -> World:
    users = {
        name: AnonymousUser() if name == "anonymous" else request.getfixturevalue(name)
        for name in PERSONAS
    }
    item = WorkItemFactory(person=person)
    urls = {
        "waiting_lists": reverse("frontdoor:waiting_lists"),
        "waiting_equity": reverse("frontdoor:waiting_equity"),
        "work_item": reverse("frontdoor:work_item", args=[item.pk]),
        "work_item_allocate": reverse("frontdoor:work_item_allocate", args=[item.pk]),
        "work_item_priority": reverse("frontdoor:work_item_priority", args=[item.pk]),
        "work_item_close": reverse("frontdoor:work_item_close", args=[item.pk]),
        "person_allocate": reverse("frontdoor:person_allocate", args=[person.pk]),
        "reallocate_all": reverse("frontdoor:reallocate_all", args=[practitioner.pk]),
    }
    return World(users=users, person=person, item=item, urls=urls)


def _outcome(response):
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return SIGN_IN
    return response.status_code


@pytest.mark.parametrize("restricted", [False, True], ids=["unrestricted", "restricted"])
@pytest.mark.parametrize("page", list(UNRESTRICTED))
def test_get_access_matrix(world, page, restricted):
    Person.objects.filter(pk=world.person.pk).update(is_restricted=restricted)
    expected = dict(zip(PERSONAS, EXPECTED[restricted][page], strict=True))
    actual = {}
    for persona in PERSONAS:
        response = world.client(persona).get(world.urls[page])
        actual[persona] = _outcome(response)
        if response.status_code in (403, 404):
            content = response.content.decode()
            assert not [text for text in IDENTIFIERS if text in content], (persona, page)
    assert actual == expected


@pytest.mark.parametrize("persona", ["colleague", "quality"])
def test_a_restricted_person_on_the_list_is_counted_but_not_named(world, persona):
    Person.objects.filter(pk=world.person.pk).update(is_restricted=True)
    response = world.client(persona).get(world.urls["waiting_lists"] + "?team=north")
    content = response.content.decode()
    assert "A restricted person" in content
    assert not [text for text in IDENTIFIERS if text in content]
    assert world.urls["work_item"] not in content


def _post_data(world: World, page: str) -> dict:
    erin = world.users["colleague"]
    return {
        "work_item_allocate": {"allocate-worker": erin.pk, "allocate-expected_holder": ""},
        "work_item_priority": {"priority-priority": "high", "priority-reason": "Falls"},
        "work_item_close": {"close-how": "closed", "close-reason": "Moved away"},
        "person_allocate": {
            "allocate-worker": erin.pk,
            "allocate-expected_holder": world.users["practitioner"].pk,
        },
        "reallocate_all": {
            "move-worker": erin.pk,
            "move-reason": "Left",
            "move-shown_items": "",
            "move-shown_people": str(world.person.pk),
            "move-shown_tasks": "",
        },
    }[page]


def _state(world: World):
    item = WorkItem.objects.get(pk=world.item.pk)
    return (
        item.allocated_to_id,
        item.priority,
        item.completed_at,
        Person.objects.get(pk=world.person.pk).allocated_worker_id,
        Allocation.objects.count(),
    )


# fmt: off
FORBIDDEN_POSTS = [
    # persona          page                  restricted status
    ("practitioner",  "work_item_allocate", False,     403),
    ("quality",       "work_item_allocate", False,     403),
    ("outsider",      "work_item_allocate", False,     404),
    ("other_manager", "work_item_allocate", False,     404),
    ("colleague",     "work_item_allocate", True,      404),
    ("colleague",     "work_item_priority", False,     403),
    ("other_manager", "work_item_priority", False,     404),
    ("colleague",     "work_item_close",    False,     403),
    ("quality",       "work_item_close",    False,     403),
    ("practitioner",  "person_allocate",    False,     403),
    ("quality",       "person_allocate",    False,     403),
    ("other_manager", "person_allocate",    False,     404),
    ("colleague",     "person_allocate",    True,      404),
    ("colleague",     "reallocate_all",     False,     403),
    ("other_manager", "reallocate_all",     False,     404),
    ("quality",       "reallocate_all",     False,     403),
]
# fmt: on


@pytest.mark.parametrize(("persona", "page", "restricted", "status"), FORBIDDEN_POSTS)
def test_writes_from_the_wrong_role_or_team_change_nothing(
    world, persona, page, restricted, status
):
    Person.objects.filter(pk=world.person.pk).update(is_restricted=restricted)
    before = _state(world)
    response = world.client(persona).post(world.urls[page], _post_data(world, page))
    assert response.status_code == status
    assert _state(world) == before


@pytest.mark.parametrize(
    "page", ["work_item_allocate", "work_item_priority", "work_item_close", "person_allocate"]
)
def test_the_managers_post_is_saved(world, page):
    """The control for the table above: the same data from the manager changes things."""
    before = _state(world)
    response = world.client("manager").post(world.urls[page], _post_data(world, page))
    assert response.status_code == 302
    assert _state(world) != before
