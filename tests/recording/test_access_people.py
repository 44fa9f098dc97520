"""Who may add a person and change their details (issue 17, part 1), for every persona,
of a person restricted and not. Practitioners and managers add people to their own
teams and change the details of the people they may see; quality staff read but
change nothing; administrators see no one; a person out of scope is a 404 that does not
name them. The expectations are written by hand from those rules."""

import pytest
from django.test import Client
from django.urls import reverse

from recording.models import Person
from tests.recording.test_people import _data

pytestmark = pytest.mark.django_db

PERSONAS = (
    "practitioner",  # Alice, in North, Margaret's allocated worker
    "colleague",  # Erin, in North, not her allocated worker
    "manager",  # Bob, manages North
    "outsider",  # Charlie, a practitioner in Hospital Discharge
    "other_manager",  # Dana, manages Hospital Discharge
    "quality",  # Quentin, quality: reads, writes nothing
    "administrator",  # Ada: sees no one
    "anonymous",
)
SIGN_IN = "sign in"

# fmt: off
EXPECTED = {
    #                            prac  coll  mgr   out   omgr  qual  admin anon
    ("person_new", False):      (200,  200,  200,  200,  200,  403,  403,  SIGN_IN),
    ("person_edit", False):     (200,  200,  200,  404,  404,  403,  404,  SIGN_IN),
    ("person_new", True):       (200,  200,  200,  200,  200,  403,  403,  SIGN_IN),
    ("person_edit", True):      (200,  404,  200,  404,  404,  404,  404,  SIGN_IN),
}
# fmt: on
IDENTIFIERS = ("Margaret Oyelaran", "Maggie", "HCC-104233")


@pytest.fixture
def clients(request) -> dict:
    clients = {}
    for persona in PERSONAS:
        client = Client()
        if persona != "anonymous":
            client.force_login(request.getfixturevalue(persona))
        clients[persona] = client
    return clients


def _outcome(response):
    if response.status_code == 302 and response["Location"].startswith("/sign-in/"):
        return SIGN_IN
    return response.status_code


@pytest.mark.parametrize("restricted", [False, True], ids=["unrestricted", "restricted"])
@pytest.mark.parametrize("page", ["person_new", "person_edit"])
def test_get_access_matrix(clients, person, page, restricted):
    Person.objects.filter(pk=person.pk).update(is_restricted=restricted)
    url = reverse(f"recording:{page}", args=[person.pk] if page == "person_edit" else [])
    actual = {}
    for persona in PERSONAS:
        response = clients[persona].get(url)
        actual[persona] = _outcome(response)
        if response.status_code in (403, 404):
            content = response.content.decode()
            assert not [text for text in IDENTIFIERS if text in content], (persona, page)
    assert actual == dict(zip(PERSONAS, EXPECTED[page, restricted], strict=True))


@pytest.mark.parametrize("restricted", [False, True], ids=["unrestricted", "restricted"])
def test_a_change_from_someone_who_may_not_changes_nothing(clients, person, team, restricted):
    Person.objects.filter(pk=person.pk).update(is_restricted=restricted)
    url = reverse("recording:person_edit", args=[person.pk])
    allowed = dict(zip(PERSONAS, EXPECTED["person_edit", restricted], strict=True))
    for persona in PERSONAS:
        if allowed[persona] == 200:
            continue
        response = clients[persona].post(url, _data(team, name="Changed", council_reference="X"))
        assert _outcome(response) == allowed[persona], persona
    person.refresh_from_db()
    assert person.name == "Margaret Oyelaran"


def test_no_one_is_added_by_those_who_may_not(clients, team):
    for persona in ("quality", "administrator", "anonymous"):
        clients[persona].post(reverse("recording:person_new"), _data(team))
    assert not Person.objects.filter(name="Rosa Delgado").exists()
