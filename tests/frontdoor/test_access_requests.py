"""Who may see and do what at the front door's requests (issue 17, part 2).

A request is about a person: it is seen by whoever may see them, and out of scope it is
a 404 that does not reveal them. A request is recorded by a practitioner or manager who
may see the person, and screened by a practitioner or manager of the team that received
it; quality staff read every team's (never a restricted person's) and write nothing;
administrators see no people. The expectations are written out by hand.
"""

from dataclasses import dataclass
from datetime import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from frontdoor.models import ScreeningOutcome, SupportRequest, WorkItem
from recording.deadlines import LONDON
from recording.models import Contact, Person
from tests.frontdoor.factories import SupportRequestFactory

pytestmark = pytest.mark.django_db

PERSONAS = (
    "practitioner",  # Alice, in North, Margaret's allocated worker
    "colleague",  # Erin, a second practitioner in North
    "manager",  # Bob, manages North
    "outsider",  # Charlie, a practitioner in the Hospital Discharge team
    "other_manager",  # Dana, manages the Hospital Discharge team
    "quality",  # Quentin, quality and head of service
    "administrator",  # Ada, administrator, in no team
    "anonymous",  # nobody signed in
)
SIGN_IN = "sign in"

# What a GET of each page gives each persona: the pages of Margaret (North) and of her
# unscreened request.
# fmt: off
UNRESTRICTED = {
    #                  prac  coll  mgr   out   omgr  qual  admin anon
    "front_door":     (200,  200,  200,  200,  200,  200,  403,  SIGN_IN),
    "request_new":    (200,  200,  200,  404,  404,  403,  404,  SIGN_IN),
    "request":        (200,  200,  200,  404,  404,  200,  404,  SIGN_IN),
    "request_screen": (200,  200,  200,  404,  404,  403,  404,  SIGN_IN),
}
RESTRICTED = {
    #                  prac  coll  mgr   out   omgr  qual  admin anon
    "front_door":     (200,  200,  200,  200,  200,  200,  403,  SIGN_IN),
    "request_new":    (200,  404,  200,  404,  404,  404,  404,  SIGN_IN),
    "request":        (200,  404,  200,  404,  404,  404,  404,  SIGN_IN),
    "request_screen": (200,  404,  200,  404,  404,  404,  404,  SIGN_IN),
}
# Whether the front door lists Margaret's request to each persona.
LISTED = {
    #              prac   coll   mgr    out    omgr   qual   admin  anon
    False:        (True,  True,  True,  False, False, True,  False, False),
    True:         (True,  False, True,  False, False, False, False, False),
}
# fmt: on
IDENTIFIERS = ("Margaret Oyelaran", "Maggie", "HCC-104233")


@dataclass
class World:
    users: dict
    person: Person
    request: SupportRequest
    urls: dict

    def client(self, persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(self.users[persona])
        return client


@pytest.fixture
def world(
    person, practitioner, colleague, manager, outsider, other_manager, quality, administrator
) -> World:
    request = SupportRequestFactory(person=person, created_by=practitioner)
    users = {
        "practitioner": practitioner,
        "colleague": colleague,
        "manager": manager,
        "outsider": outsider,
        "other_manager": other_manager,
        "quality": quality,
        "administrator": administrator,
        "anonymous": AnonymousUser(),
    }
    urls = {
        "front_door": reverse("frontdoor:front_door"),
        "request_new": reverse("frontdoor:request_new", args=[person.pk]),
        "request": reverse("frontdoor:request", args=[request.pk]),
        "request_screen": reverse("frontdoor:request_screen", args=[request.pk]),
    }
    return World(users=users, person=person, request=request, urls=urls)


def _outcome(response):
    if response.status_code == 302 and response["Location"].startswith("/sign-in/?next="):
        return SIGN_IN
    return response.status_code


@pytest.mark.parametrize("restricted", [False, True], ids=["unrestricted", "restricted"])
def test_get_access_matrix(world, restricted):
    Person.objects.filter(pk=world.person.pk).update(is_restricted=restricted)
    expected = RESTRICTED if restricted else UNRESTRICTED
    for page, url in world.urls.items():
        actual = {}
        for persona in PERSONAS:
            response = world.client(persona).get(url)
            actual[persona] = _outcome(response)
            if response.status_code in (403, 404):
                content = response.content.decode()
                assert not [text for text in IDENTIFIERS if text in content], (persona, page)
        assert actual == dict(zip(PERSONAS, expected[page], strict=True)), page


@pytest.mark.parametrize("restricted", [False, True], ids=["unrestricted", "restricted"])
def test_the_front_door_lists_a_request_only_to_those_who_may_see_the_person(world, restricted):
    Person.objects.filter(pk=world.person.pk).update(is_restricted=restricted)
    listed = {}
    for persona in PERSONAS:
        response = world.client(persona).get(world.urls["front_door"])
        content = response.content.decode()
        listed[persona] = world.urls["request"] in content
        if not listed[persona]:
            assert not [text for text in IDENTIFIERS if text in content], persona
    assert listed == dict(zip(PERSONAS, LISTED[restricted], strict=True))


def _request_data() -> dict:
    return {
        "received_date_0": "1",
        "received_date_1": "11",
        "received_date_2": "2026",
        "received_time": "9:30",
        "method": Contact.Method.PHONE,
        "requester": "gp",
        "route_of_access": "Community / other route",
        "asked_for": "Help at home",
        "urgency": "standard",
    }


SCREEN = {"outcome": ScreeningOutcome.ASSESSMENT_NEEDED, "assessment_kind": "needs_assessment"}
SCREEN["priority"] = "medium"


@pytest.mark.parametrize(
    "persona", ["outsider", "other_manager", "quality", "administrator", "anonymous"]
)
def test_writes_from_the_wrong_team_or_role_change_nothing(world, persona):
    client = world.client(persona)
    client.post(world.urls["request_new"], _request_data())
    client.post(world.urls["request_screen"], SCREEN)
    assert SupportRequest.objects.count() == 1
    world.request.refresh_from_db()
    assert not world.request.is_screened
    assert not WorkItem.objects.exists()


def test_a_request_of_another_team_is_a_404(
    practitioner_client, manager_client, other_teams_person
):
    theirs = SupportRequestFactory(
        person=other_teams_person, received_at=datetime(2026, 11, 2, 9, 0, tzinfo=LONDON)
    )
    for client in (practitioner_client, manager_client):
        assert client.get(reverse("frontdoor:request", args=[theirs.pk])).status_code == 404
        screen = reverse("frontdoor:request_screen", args=[theirs.pk])
        assert client.post(screen, SCREEN).status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_screened


def test_a_request_that_does_not_exist_is_a_404(practitioner_client):
    assert practitioner_client.get(reverse("frontdoor:request", args=[999999])).status_code == 404
