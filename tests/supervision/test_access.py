"""Who records supervision and who sees it (issue 6, part 6): a team manager records a
session with a member of a team they manage, never with themselves; a session is seen
only by the supervisor, the practitioner and the managers of the practitioner's teams.
Quality staff, other practitioners and other teams' managers get a 404.

The rules are plain functions (`accounts.access`), unit-tested here in tables without
a database; the SQL the pages use is then held to the same answers, and every page is
tried from every persona. Expectations are written out by hand."""

from datetime import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from accounts.access import (
    may_see_session,
    may_supervise,
    session_visibility,
    supervisable_members,
)
from accounts.models import TeamMembership, User
from accounts.roles import Role
from recording.deadlines import LONDON
from supervision.models import SupervisionSession
from tests.factories import TeamMembershipFactory, UserFactory
from tests.supervision.factories import session_for

NORTH, HOSPITAL, DAY_SERVICES = 1, 2, 3

# fmt: off
SUPERVISE = [
    # supervisor, practitioner, active, teams the supervisor manages, practitioner's teams, may?
    (10, 20, True,  {NORTH},           {NORTH},           True),   # their own team's member
    (10, 20, True,  {NORTH, HOSPITAL}, {HOSPITAL},        True),   # any team they manage
    (10, 20, True,  {NORTH},           {HOSPITAL, NORTH}, True),   # in two teams, one theirs
    (10, 20, True,  {NORTH},           {HOSPITAL},        False),  # another team's member
    (10, 20, True,  set(),             {NORTH},           False),  # manages no team (or no role)
    (10, 20, True,  {NORTH},           set(),             False),  # in no team
    (10, 10, True,  {NORTH},           {NORTH},           False),  # never themselves
    (10, 20, False, {NORTH},           {NORTH},           False),  # a deactivated account
]
SEE = [
    # viewer, supervisor, practitioner, teams the viewer manages, practitioner's teams, sees?
    (10, 10, 20, set(),             {NORTH},           True),   # the supervisor
    (10, 10, 20, set(),             set(),             True),   # ... even after the team changed
    (20, 10, 20, set(),             {NORTH},           True),   # the practitioner
    (30, 10, 20, {NORTH},           {NORTH},           True),   # another manager of their team
    (30, 10, 20, {HOSPITAL},        {NORTH, HOSPITAL}, True),   # a manager of their other team
    (30, 10, 20, {HOSPITAL},        {NORTH},           False),  # a manager of another team
    (30, 10, 20, set(),             {NORTH},           False),  # a colleague, quality staff
    (30, 10, 20, {NORTH},           {HOSPITAL},        False),  # they left the viewer's team
]
# fmt: on


@pytest.mark.parametrize(
    ("supervisor", "practitioner", "active", "managed", "theirs", "expected"), SUPERVISE
)
def test_who_may_record_supervision_with_whom(
    supervisor, practitioner, active, managed, theirs, expected
):
    assert (
        may_supervise(
            supervisor_id=supervisor,
            practitioner_id=practitioner,
            practitioner_is_active=active,
            managed_team_ids=managed,
            practitioner_team_ids=theirs,
        )
        is expected
    )


@pytest.mark.parametrize(
    ("viewer", "supervisor", "practitioner", "managed", "theirs", "expected"), SEE
)
def test_who_may_see_a_session(viewer, supervisor, practitioner, managed, theirs, expected):
    assert (
        may_see_session(
            viewer_id=viewer,
            supervisor_id=supervisor,
            practitioner_id=practitioner,
            viewer_managed_team_ids=managed,
            practitioner_team_ids=theirs,
        )
        is expected
    )


# --- The SQL the pages use gives the same answers ---

PERSONAS = (
    "practitioner",  # prac: Alice, in North
    "colleague",  # coll: Erin, a second practitioner in North
    "manager",  # mgr: Bob, manages North
    "outsider",  # out: Charlie, a practitioner in the Hospital Discharge team
    "other_manager",  # omgr: Dana, manages the Hospital Discharge team
    "quality",  # qual: Quentin, quality and head of service, in no team
    "administrator",  # admin: Ada, administrator, in no team
)


@pytest.fixture
def users(practitioner, colleague, manager, outsider, other_manager, quality, administrator):
    return {
        "practitioner": practitioner,
        "colleague": colleague,
        "manager": manager,
        "outsider": outsider,
        "other_manager": other_manager,
        "quality": quality,
        "administrator": administrator,
    }


@pytest.fixture(autouse=True)
def _wednesday():
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=False):
        yield


def _facts(user: User) -> tuple[set[int], set[int]]:
    managed = set(user.managed_teams().values_list("pk", flat=True))
    theirs = set(TeamMembership.objects.filter(user=user).values_list("team_id", flat=True))
    return managed, theirs


@pytest.mark.django_db
def test_supervisable_members_is_may_supervise_in_sql(users):
    # A manager of both teams, so every answer of the table comes up.
    both = UserFactory(username="fay", role=Role.TEAM_MANAGER)
    for team_id in {m.team_id for m in TeamMembership.objects.all()}:
        TeamMembershipFactory(user=both, team_id=team_id, is_manager=True)
    leaver = UserFactory(username="lee", role=Role.PRACTITIONER, is_active=False)
    TeamMembershipFactory(user=leaver, team=users["practitioner"].teams.get())
    everyone = [*users.values(), both, leaver]
    for supervisor in everyone:
        allowed = set(supervisable_members(supervisor).values_list("pk", flat=True))
        managed, _ = _facts(supervisor)
        for practitioner in everyone:
            expected = may_supervise(
                supervisor_id=supervisor.pk,
                practitioner_id=practitioner.pk,
                practitioner_is_active=practitioner.is_active,
                managed_team_ids=managed,
                practitioner_team_ids=_facts(practitioner)[1],
            )
            assert (practitioner.pk in allowed) is expected, (supervisor, practitioner)


@pytest.mark.django_db
def test_session_visibility_is_may_see_session_in_sql(principles, users):
    sessions = [
        session_for(users["manager"], users["practitioner"]),
        session_for(users["manager"], users["colleague"]),
        session_for(users["other_manager"], users["outsider"]),
    ]
    # Alice joins the Hospital Discharge team too: Dana now manages a team of hers.
    TeamMembershipFactory(user=users["colleague"], team=users["outsider"].teams.get())
    for viewer in users.values():
        visible = set(
            SupervisionSession.objects.filter(session_visibility(viewer)).values_list(
                "pk", flat=True
            )
        )
        for session in sessions:
            expected = may_see_session(
                viewer_id=viewer.pk,
                supervisor_id=session.supervisor_id,
                practitioner_id=session.practitioner_id,
                viewer_managed_team_ids=_facts(viewer)[0],
                practitioner_team_ids=_facts(session.practitioner)[1],
            )
            assert (session.pk in visible) is expected, (viewer, session)


# --- Every page, from every persona ---

# What each persona gets from each page. The session: Bob (manages North) supervised
# Alice (in North).
#
# fmt: off
PAGES = {
    #              prac  coll  mgr   out   omgr  qual  admin
    "list":       (200,  200,  200,  200,  200,  200,  200),
    "detail":     (200,  404,  200,  404,  404,  404,  404),
    "new":        (403,  403,  200,  403,  200,  403,  403),
}
# fmt: on


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_page_from_each_persona(principles, users, page, persona):
    session = session_for(users["manager"], users["practitioner"])
    url = {
        "list": reverse("supervision:session_list"),
        "detail": reverse("supervision:session", args=[session.pk]),
        "new": reverse("supervision:session_new"),
    }[page]
    client = Client()
    client.force_login(users[persona])
    response = client.get(url)
    assert response.status_code == PAGES[page][PERSONAS.index(persona)]
    if page == "list" and persona not in ("practitioner", "manager"):
        # The list shows nothing of a session the persona may not see.
        assert session.get_absolute_url() not in response.text
        assert "Alice Adams" not in response.text


@pytest.mark.django_db
def test_a_second_manager_of_the_team_sees_the_session(principles, manager, practitioner, team):
    session = session_for(manager, practitioner)
    deputy = UserFactory(username="dee", role=Role.TEAM_MANAGER)
    TeamMembershipFactory(user=deputy, team=team, is_manager=True)
    client = Client()
    client.force_login(deputy)
    assert client.get(session.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_a_manager_membership_without_the_manager_role_sees_nothing(
    principles, manager, practitioner, team
):
    session = session_for(manager, practitioner)
    practitioner_marked_manager = UserFactory(username="mo", role=Role.PRACTITIONER)
    TeamMembershipFactory(user=practitioner_marked_manager, team=team, is_manager=True)
    client = Client()
    client.force_login(practitioner_marked_manager)
    assert client.get(session.get_absolute_url()).status_code == 404
    assert client.get(reverse("supervision:session_new")).status_code == 403


@pytest.mark.django_db
def test_the_supervisor_still_sees_the_session_after_leaving_the_team(
    principles, manager, practitioner
):
    session = session_for(manager, practitioner)
    TeamMembership.objects.filter(user=manager).delete()
    client = Client()
    client.force_login(manager)
    assert client.get(session.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_a_404_does_not_say_who_was_supervised(principles, manager, practitioner, quality):
    session = session_for(manager, practitioner, notes="Alice is worried about her caseload.")
    client = Client()
    client.force_login(quality)
    response = client.get(session.get_absolute_url())
    assert response.status_code == 404
    for text in ("Alice", "Bob", "worried about her caseload"):  # (the menu has "Caseload")
        assert text not in response.text
