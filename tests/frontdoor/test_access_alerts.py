"""Who may mark a safeguarding alert seen, and who sees it on Home (issue 17, part 7):
only the managers of the alert's team -- its person restricted or not. Anyone else is
told the alert does not exist (a 404) and sees no banner; nobody signed in is sent to
sign in. The expectations are written out by hand."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.services import care_act_record_start
from frontdoor.models import SafeguardingAlert
from recording.models import RecordKind
from tests.conftest import _client_for
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

PERSONAS = (
    "practitioner",  # Alice, in North, who raised the alerts
    "colleague",  # Erin, a second practitioner in North
    "manager",  # Bob, manages North
    "outsider",  # Charlie, a practitioner in the Hospital Discharge team
    "other_manager",  # Dana, manages the Hospital Discharge team
    "quality",  # Quentin, quality and head of service
    "administrator",  # Ada, administrator, in no team
    "anonymous",  # nobody signed in
)
SIGN_IN = "sign in"

# fmt: off
#                      prac  coll  mgr   out   omgr  qual  admin anon
ACKNOWLEDGE = {
    "margaret":       (404,  404,  302,  404,  404,  404,  404,  SIGN_IN),
    "restricted":     (404,  404,  302,  404,  404,  404,  404,  SIGN_IN),
}
SEES_ON_HOME =        (False, False, True, False, False, False, False, False)
# fmt: on


@pytest.fixture
def alerts(person, team, practitioner):
    """An open alert for Margaret, and one for a restricted person of North."""
    hidden = PersonFactory(team=team, allocated_worker=practitioner, is_restricted=True)
    made = {}
    for name, someone in (("margaret", person), ("restricted", hidden)):
        concern = care_act_record_start(
            kind=RecordKind.SAFEGUARDING, person=someone, author=practitioner
        )
        made[name] = SafeguardingAlert.objects.create(
            record=concern, team=team, raised_by=practitioner, raised_at=timezone.now()
        )
    return made


@pytest.fixture
def clients(request):
    return {
        name: Client() if name == "anonymous" else _client_for(request.getfixturevalue(name))
        for name in PERSONAS
    }


@pytest.mark.parametrize("which", ACKNOWLEDGE)
def test_who_may_mark_an_alert_seen(alerts, clients, which):
    alert = alerts[which]
    url = reverse("frontdoor:alert_acknowledge", args=[alert.pk])
    for persona, expected in zip(PERSONAS, ACKNOWLEDGE[which], strict=True):
        response = clients[persona].post(url)
        if expected == SIGN_IN:
            assert response.status_code == 302, persona
            assert response["Location"].startswith(reverse("login")), persona
        else:
            assert response.status_code == expected, persona
        if expected == 404:
            assert alert.record.person.council_reference not in response.content.decode()
        alert.refresh_from_db()
        # Only the team's manager marks it, and it stays marked by them.
        seen_by = alert.acknowledged_by.username if alert.acknowledged_by else None
        after_bob = PERSONAS.index(persona) >= PERSONAS.index("manager")
        assert seen_by == ("bob" if after_bob else None), persona


def test_the_address_takes_only_a_post(alerts, manager_client):
    url = reverse("frontdoor:alert_acknowledge", args=[alerts["margaret"].pk])
    assert manager_client.get(url).status_code == 405
    alerts["margaret"].refresh_from_db()
    assert alerts["margaret"].is_open


def test_an_alert_that_does_not_exist(manager_client):
    assert (
        manager_client.post(reverse("frontdoor:alert_acknowledge", args=[999])).status_code == 404
    )


def test_who_sees_the_alerts_on_home(alerts, clients):
    for persona, sees in zip(PERSONAS, SEES_ON_HOME, strict=True):
        response = clients[persona].get(reverse("home"))
        if persona == "anonymous":
            assert response.status_code == 302
            continue
        page = response.content.decode()
        assert ("Safeguarding: immediate action" in page) is sees, persona
