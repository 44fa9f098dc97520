"""Every access rule of `accounts.access`, for every persona (issue 16, part 1).

First what each role may do at all, and each persona's dashboard scope, written out by
hand. Then each rule that is written twice -- a plain function of the facts, and the SQL
the lists use (or the function of the objects the pages use) -- held to the same answers
for every persona and every object of a small world: two teams' people, restricted and
not; records awaiting authorisation; access events; supervision sessions.
"""

from contextlib import suppress
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts import access
from accounts.models import TeamMembership, User
from assessments.services import care_act_record_start
from audit.models import AccessEvent
from audit.services import OutOfScope
from frontdoor.models import SafeguardingAlert
from recording.access_queries import get_record_for_user
from recording.models import Person, Record, RecordKind
from supervision.models import SupervisionSession
from tests.assessments.factories import eligibility_for, needs_assessment_for
from tests.factories import PersonFactory
from tests.supervision.factories import session_for

pytestmark = pytest.mark.django_db

PERSONAS = (
    "practitioner",  # Alice, in North, Margaret's and Rosa's allocated worker
    "colleague",  # Erin, a second practitioner in North
    "manager",  # Bob, manages North
    "outsider",  # Charlie, a practitioner in the Hospital Discharge team
    "other_manager",  # Dana, manages the Hospital Discharge team
    "quality",  # Quentin, quality and head of service, in no team
    "administrator",  # Ada, administrator (and staff), in no team
    "anonymous",  # nobody signed in
)

# fmt: off
ROLE_RULES = {
    #                           prac   coll   mgr    out    omgr   qual   admin  anon
    "may_record":              (True,  True,  True,  True,  True,  False, False, False),
    "may_read_records":        (True,  True,  True,  True,  True,  True,  False, False),
    "may_authorise_at_all":    (False, False, True,  False, True,  False, False, False),
    "may_see_team_recording":  (False, False, True,  False, True,  True,  False, False),
    "may_record_supervision":  (False, False, True,  False, True,  False, False, False),
    "takes_part_in_supervision": (True, True, True,  True,  True,  False, False, False),
    "can_read_access_log":     (False, False, True,  False, True,  False, True,  False),
    "reads_whole_access_log":  (False, False, False, False, False, False, True,  False),
    "may_use_admin":           (False, False, False, False, False, False, True,  False),
    "may_see_dashboards":      (True,  True,  True,  True,  True,  True,  False, False),
    "may_add_person":          (True,  True,  True,  True,  True,  False, False, False),
    "may_see_front_door":      (True,  True,  True,  True,  True,  True,  False, False),
    "may_see_team_caseloads":  (False, False, True,  False, True,  True,  False, False),
}
# A draft and a completed record of Alice's: who may change the one, add to the other.
RECORD_RULES = {
    #                           prac   coll   mgr    out    omgr   qual   admin  anon
    "may_change_draft":        (True,  False, False, False, False, False, False, False),
    "may_add_addendum":        (True,  True,  True,  True,  True,  False, False, False),
}
# Whose figures the dashboards show: "own", the teams' slugs, or refused.
SCOPES = {
    "practitioner": "own", "colleague": "own", "manager": ["north"], "outsider": "own",
    "other_manager": ["hospital"], "quality": ["hospital", "north"],
    "administrator": PermissionDenied, "anonymous": PermissionDenied,
}
# fmt: on


@pytest.fixture
def users(request):
    return {
        name: AnonymousUser() if name == "anonymous" else request.getfixturevalue(name)
        for name in PERSONAS
    }


@pytest.mark.parametrize("rule", ROLE_RULES)
def test_what_each_role_may_do(users, rule):
    answers = {persona: getattr(access, rule)(users[persona]) for persona in PERSONAS}
    assert answers == dict(zip(PERSONAS, ROLE_RULES[rule], strict=True))


@pytest.mark.parametrize("rule", RECORD_RULES)
def test_who_may_change_a_draft_or_add_to_a_record(users, rule):
    alice = users["practitioner"].pk
    draft = SimpleNamespace(author_id=alice, is_draft=True, is_completed=False)
    done = SimpleNamespace(author_id=alice, is_draft=False, is_completed=True)
    record = draft if rule == "may_change_draft" else done
    answers = {persona: getattr(access, rule)(users[persona], record) for persona in PERSONAS}
    assert answers == dict(zip(PERSONAS, RECORD_RULES[rule], strict=True))
    # Nobody changes a completed record, nor adds an addendum to a draft.
    other = done if record is draft else draft
    assert not any(getattr(access, rule)(users[persona], other) for persona in PERSONAS)


def test_the_dashboards_scope_of_each_persona(users):
    for persona in PERSONAS:
        if SCOPES[persona] is PermissionDenied:
            with pytest.raises(PermissionDenied):
                access.dashboard_scope(users[persona])
            continue
        scope = access.dashboard_scope(users[persona])
        teams = "own" if scope.own_only else [team.slug for team in scope.teams]
        assert teams == SCOPES[persona], persona
        assert scope.every_team is (persona == "quality")


# --- The plain functions and their SQL give the same answers ------------------------------


def _facts(user) -> SimpleNamespace:
    """What the plain functions are told about a user, read from the database."""
    if not user.is_authenticated:
        return SimpleNamespace(
            id=None,
            records=False,
            authorises=False,
            quality=False,
            admin=False,
            teams=set(),
            managed=set(),
        )
    return SimpleNamespace(
        id=user.pk,
        records=access.may_record(user),
        authorises=access.may_authorise_at_all(user),
        quality=user.is_quality,
        admin=user.is_administrator,
        teams=set(TeamMembership.objects.filter(user=user).values_list("team_id", flat=True)),
        managed=set(user.managed_teams().values_list("pk", flat=True)),
    )


def _sees_person(viewer: SimpleNamespace, person: Person) -> bool:
    return access.may_see_person(
        viewer_id=viewer.id,
        records=viewer.records,
        quality=viewer.quality,
        team_ids=viewer.teams,
        managed_team_ids=viewer.managed,
        person_team_id=person.team_id,
        restricted=person.is_restricted,
        allocated_worker_id=person.allocated_worker_id,
    )


def _record_pks_got(user) -> set[int]:
    got = set()
    for pk in Record.objects.values_list("pk", flat=True):
        with suppress(OutOfScope):
            got.add(get_record_for_user(user, pk).pk)
    return got


def _authorisable(user) -> set[int]:
    return {record.pk for record in Record.objects.all() if access.can_authorise(user, record)}


@pytest.fixture
def world(person, other_teams_person, users, team, other_team):
    """Margaret (North) and Harold (Hospital Discharge), each with a restricted
    neighbour and a restricted person allocated to nobody; eligibility determinations
    awaiting authorisation, one of them the manager's own; a safeguarding concern, which
    no one authorises; an access event about each person and a refusal naming nobody;
    supervision sessions in both teams (Erin is in both teams)."""
    alice, bob, charlie = users["practitioner"], users["manager"], users["outsider"]
    for where, worker in ((team, alice), (other_team, charlie)):
        PersonFactory(team=where, allocated_worker=worker, is_restricted=True)
        PersonFactory(team=where, allocated_worker=None, is_restricted=True)
    eligibility_for(needs_assessment_for(person, alice), alice)
    eligibility_for(needs_assessment_for(person, bob), bob)
    eligibility_for(needs_assessment_for(other_teams_person, charlie), charlie)
    care_act_record_start(kind=RecordKind.SAFEGUARDING, person=person, author=alice)
    for someone in [*Person.objects.all(), None]:
        AccessEvent.objects.create(
            when=timezone.now(), user=alice, person=someone, what="person_page", path="/"
        )
    session_for(bob, alice)
    session_for(users["other_manager"], charlie)
    TeamMembership.objects.create(user=users["colleague"], team=other_team)
    session_for(bob, users["colleague"])
    for someone, author in ((person, alice), (other_teams_person, charlie)):  # alerts
        concern = care_act_record_start(kind=RecordKind.SAFEGUARDING, person=someone, author=author)
        SafeguardingAlert.objects.create(
            record=concern, team_id=someone.team_id, raised_by=author, raised_at=timezone.now()
        )
    return users


def _may_supervise(viewer: SimpleNamespace, member: User) -> bool:
    member_facts = {"practitioner_id": member.pk, "practitioner_is_active": member.is_active}
    return access.may_supervise(
        supervisor_id=viewer.id,
        managed_team_ids=viewer.managed,
        practitioner_team_ids=_facts(member).teams,
        **member_facts,
    )


def _reads_log_of(viewer: SimpleNamespace, person: Person | None) -> bool:
    return access.may_read_access_log_of(
        administrator=viewer.admin,
        managed_team_ids=viewer.managed,
        person_team_id=person.team_id if person else None,
    )


# Each rule: the objects, the plain function of the viewer's facts and an object, and
# the pks the SQL (or the pages' function of the objects) gives the user.
PAIRS = {
    "person": (
        lambda: Person.objects.all(),
        _sees_person,
        lambda user: set(Person.objects.visible_to(user).values_list("pk", flat=True)),
    ),
    "supervision cases": (
        lambda: Person.objects.all(),
        lambda viewer, person: _sees_person(viewer, person) and person.team_id in viewer.managed,
        lambda user: (
            set(Person.objects.filter(access.supervision_cases(user)).values_list("pk", flat=True))
            if user.is_authenticated
            else set()
        ),
    ),
    "record": (
        lambda: Record.objects.select_related("person"),
        lambda viewer, record: _sees_person(viewer, record.person),
        _record_pks_got,
    ),
    "authorise": (
        lambda: Record.objects.select_related("person"),
        lambda viewer, record: access.may_authorise(
            user_id=viewer.id,
            author_id=record.author_id,
            needs_authorisation=record.needs_authorisation,
            authorises=viewer.authorises,
            managed_team_ids=viewer.managed,
            person_team_id=record.person.team_id,
        ),
        _authorisable,
    ),
    "access log, people": (
        lambda: Person.objects.all(),
        _reads_log_of,
        lambda user: set(
            Person.objects.filter(access.access_log_visibility(user)).values_list("pk", flat=True)
        ),
    ),
    "access log, events": (
        lambda: AccessEvent.objects.select_related("person"),
        lambda viewer, event: _reads_log_of(viewer, event.person),
        lambda user: set(AccessEvent.objects.visible_to(user).values_list("pk", flat=True)),
    ),
    "session": (
        lambda: SupervisionSession.objects.all(),
        lambda viewer, session: access.may_see_session(
            viewer_id=viewer.id,
            supervisor_id=session.supervisor_id,
            practitioner_id=session.practitioner_id,
            viewer_managed_team_ids=viewer.managed,
            practitioner_team_ids=_facts(session.practitioner).teams,
        ),
        lambda user: set(SupervisionSession.objects.visible_to(user).values_list("pk", flat=True)),
    ),
    "supervise": (
        lambda: User.objects.all(),
        _may_supervise,
        lambda user: (
            set(access.supervisable_members(user).values_list("pk", flat=True))
            if user.is_authenticated
            else set()
        ),
    ),
    "acknowledge alert": (
        lambda: SafeguardingAlert.objects.all(),
        lambda viewer, alert: access.may_acknowledge_alert(
            managed_team_ids=viewer.managed, alert_team_id=alert.team_id
        ),
        lambda user: set(
            SafeguardingAlert.objects.filter(access.alert_visibility(user)).values_list(
                "pk", flat=True
            )
        ),
    ),
    "oversee": (
        lambda: User.objects.all(),
        lambda viewer, member: access.may_oversee(
            quality=viewer.quality,
            managed_team_ids=viewer.managed,
            member_team_ids=_facts(member).teams,
        ),
        lambda user: set(access.overseen_members(user).values_list("pk", flat=True)),
    ),
    "caseload": (
        lambda: User.objects.all(),
        lambda viewer, worker: access.may_see_caseload(
            viewer_id=viewer.id,
            worker_id=worker.pk,
            records=viewer.records,
            quality=viewer.quality,
            managed_team_ids=viewer.managed,
            worker_team_ids=_facts(worker).teams,
        ),
        lambda user: set(access.caseload_workers(user).values_list("pk", flat=True)),
    ),
}


@pytest.mark.parametrize("rule", PAIRS)
def test_the_plain_function_and_the_sql_agree(world, rule):
    """For every persona in one world (made once a rule: it is the slow part)."""
    objects, plain, sql = PAIRS[rule]
    for persona in PERSONAS:
        user = world[persona]
        viewer = _facts(user)
        expected = {thing.pk for thing in objects() if plain(viewer, thing)}
        assert sql(user) == expected, persona
    # Every rule says yes to someone, so the table would notice a rule gone silent.
    assert any(plain(_facts(world[p]), thing) for p in PERSONAS for thing in objects()), rule


# --- Adding and changing people (issue 17, part 1) ---

# Margaret (North, allocated to Alice), unrestricted and restricted: who may change her
# details, and who may restrict a person of North / of Hospital Discharge.
# fmt: off
PERSON_RULES = {
    #                              prac   coll   mgr    out    omgr   qual   admin  anon
    "may_edit_person":            (True,  True,  True,  False, False, False, False, False),
    "may_edit_person, restricted": (True, False, True,  False, False, False, False, False),
    "may_restrict_person, north": (False, False, True,  False, False, False, False, False),
    "may_restrict_person, hospital": (False, False, False, False, True, False, False, False),
}
TEAMS_FOR_NEW_PERSON = {
    "practitioner": ["north"], "colleague": ["north"], "manager": ["north"],
    "outsider": ["hospital"], "other_manager": ["hospital"], "quality": [],
    "administrator": [], "anonymous": [],
}
# fmt: on


# --- The front door's requests (issue 17, part 2) ---------------------------------------
# fmt: off
# Whose requests the front door lists (the teams' slugs), and who screens a request of
# North (Margaret's) and of Hospital Discharge (Harold's).
FRONT_DOOR = {
    #                 teams                   screens North  screens Hospital
    "practitioner":  (["north"],              True,          False),
    "colleague":     (["north"],              True,          False),
    "manager":       (["north"],              True,          False),
    "outsider":      (["hospital"],           False,         True),
    "other_manager": (["hospital"],           False,         True),
    "quality":       (["hospital", "north"],  False,         False),
    "administrator": ([],                     False,         False),
    "anonymous":     ([],                     False,         False),
}
# fmt: on


# --- Waiting lists and allocation (issue 17) ----------------------------------------------

# fmt: off
WAITING_RULES = {
    #                           prac   coll   mgr    out    omgr   qual   admin  anon
    "may_see_waiting_lists":   (True,  True,  True,  True,  True,  True,  False, False),
}
# Whose waiting lists each persona reads, and in which team they allocate.
WAITING_TEAMS = {
    "practitioner": ["north"], "colleague": ["north"], "manager": ["north"],
    "outsider": ["hospital"], "other_manager": ["hospital"], "quality": ["hospital", "north"],
    "administrator": [], "anonymous": [],
}
ALLOCATES_IN = {
    "practitioner": [], "colleague": [], "manager": ["north"], "outsider": [],
    "other_manager": ["hospital"], "quality": [], "administrator": [], "anonymous": [],
}
# fmt: on


# --- Tasks (issue 17, part 6) ---------------------------------------------------------------

# Who may complete or reassign a task Alice set herself about Margaret (North), and one
# Charlie set about Harold (Hospital Discharge) for Alice to do.
# fmt: off
TASK_RULES = {
    #                           prac   coll   mgr    out    omgr   qual   admin  anon
    "alice's, about margaret": (True,  False, True,  False, False, False, False, False),
    "charlie's, for alice":    (True,  False, False, True,  True,  False, False, False),
}
# fmt: on


@pytest.mark.parametrize("rule", PERSON_RULES)
def test_who_may_change_and_restrict_a_person(users, person, team, other_team, rule):
    if rule == "may_edit_person, restricted":
        Person.objects.filter(pk=person.pk).update(is_restricted=True)
        person.refresh_from_db()
    answers = {}
    for persona in PERSONAS:
        user = users[persona]
        if rule.startswith("may_edit_person"):
            answers[persona] = access.may_edit_person(user, person)
        else:
            where = team if rule.endswith("north") else other_team
            answers[persona] = access.may_restrict_person(user, team_id=where.pk)
    assert answers == dict(zip(PERSONAS, PERSON_RULES[rule], strict=True))


def test_the_teams_a_person_may_be_added_to(users, team, other_team):
    answers = {
        persona: sorted(access.teams_for_new_person(users[persona]).values_list("slug", flat=True))
        for persona in PERSONAS
    }
    assert answers == TEAMS_FOR_NEW_PERSON


def test_the_front_door_teams_and_who_screens_a_request(users, person, other_teams_person):
    from frontdoor.models import SupportRequest
    from tests.frontdoor.factories import SupportRequestFactory

    north = SupportRequestFactory(person=person)
    hospital = SupportRequestFactory(person=other_teams_person)
    for persona in PERSONAS:
        user = users[persona]
        viewer = _facts(user)
        teams, screens_north, screens_hospital = FRONT_DOOR[persona]
        assert sorted(t.slug for t in access.front_door_teams(user)) == teams, persona
        plain = {
            r.pk
            for r in (north, hospital)
            if access.may_screen_request(
                records=viewer.records, team_ids=viewer.teams, request_team_id=r.team_id
            )
        }
        expected = {
            r.pk for r, yes in ((north, screens_north), (hospital, screens_hospital)) if yes
        }
        assert plain == expected, persona
        sql = set(
            SupportRequest.objects.filter(access.screenable_requests(user)).values_list(
                "pk", flat=True
            )
        )
        assert sql == expected, persona


def test_the_managers_alerted_for_a_team(world, team, other_team):
    """`team_managers`: the active managers of the team (the role and a manager
    membership): not a leaver, nor a member marked manager without the role."""
    leaver = User.objects.create(username="lee", is_active=False)
    leaver.groups.add(*world["manager"].groups.all())
    TeamMembership.objects.create(user=leaver, team=team, is_manager=True)
    TeamMembership.objects.filter(user=world["practitioner"]).update(is_manager=True)

    assert list(access.team_managers(team.pk)) == [world["manager"]]
    assert list(access.team_managers(other_team.pk)) == [world["other_manager"]]


@pytest.mark.parametrize("rule", WAITING_RULES)
def test_who_sees_waiting_lists(users, rule):
    answers = {persona: getattr(access, rule)(users[persona]) for persona in PERSONAS}
    assert answers == dict(zip(PERSONAS, WAITING_RULES[rule], strict=True))


def test_whose_waiting_lists_and_where_each_persona_allocates(users, team, other_team):
    for persona in PERSONAS:
        user = users[persona]
        teams = sorted(access.waiting_list_teams(user).values_list("slug", flat=True))
        assert teams == WAITING_TEAMS[persona], persona
        allocates = sorted(t.slug for t in (team, other_team) if access.may_allocate(user, t.pk))
        assert allocates == ALLOCATES_IN[persona], persona


def test_who_may_take_work_the_plain_function_and_the_sql_agree(users, team, other_team):
    """Work of a team goes to its active members who record; not to quality staff or an
    administrator, nor to a member who has left."""
    gone = User.objects.create(username="gone", first_name="Gone", is_active=False)
    gone.groups.add(*users["practitioner"].groups.all())
    TeamMembership.objects.create(user=gone, team=team)
    TeamMembership.objects.create(user=users["quality"], team=team)
    for where in (team, other_team):
        sql = set(access.allocatable_workers(where.pk).values_list("pk", flat=True))
        plain = {
            user.pk
            for user in User.objects.all()
            if access.may_take_work(
                active=user.is_active,
                records=access.may_record(user),
                team_ids=_facts(user).teams,
                team_id=where.pk,
            )
        }
        assert sql == plain, where.slug
    north = set(access.allocatable_workers(team.pk).values_list("username", flat=True))
    assert north == {"alice", "erin", "bob"}


def test_who_may_change_a_task(users, person, other_teams_person):
    alice, charlie = users["practitioner"], users["outsider"]
    tasks = {
        "alice's, about margaret": SimpleNamespace(
            owner_id=alice.pk, created_by_id=alice.pk, person=person
        ),
        "charlie's, for alice": SimpleNamespace(
            owner_id=alice.pk, created_by_id=charlie.pk, person=other_teams_person
        ),
    }
    for name, task in tasks.items():
        answers = {p: access.can_change_task(users[p], task) for p in PERSONAS}
        assert answers == dict(zip(PERSONAS, TASK_RULES[name], strict=True)), name
        for persona in PERSONAS[:-1]:  # the plain function of the facts agrees
            viewer = _facts(users[persona])
            assert answers[persona] == access.may_change_task(
                user_id=viewer.id,
                records=viewer.records,
                owner_id=task.owner_id,
                created_by_id=task.created_by_id,
                managed_team_ids=viewer.managed,
                person_team_id=task.person.team_id,
            )


def test_who_may_own_a_task_is_who_records_and_may_see_the_person(world):
    """`person_recorders` (the SQL) against `may_see_person` and `may_record` for every
    person of the world, restricted or not, and every persona."""
    for person in Person.objects.all():
        expected = {
            user.pk
            for persona, user in world.items()
            if persona != "anonymous"
            and access.may_record(user)
            and _sees_person(_facts(user), person)
        }
        got = set(
            access.person_recorders(
                person_team_id=person.team_id,
                restricted=person.is_restricted,
                allocated_worker_id=person.allocated_worker_id,
            )
            .filter(pk__in=[u.pk for p, u in world.items() if p != "anonymous"])
            .values_list("pk", flat=True)
        )
        assert got == expected, person


def test_who_may_move_all_of_a_workers_work(users):
    """`may_move_work_of`: a manager of one of the worker's teams, never their own."""
    alice, charlie, bob = users["practitioner"], users["outsider"], users["manager"]
    assert {p: access.may_move_work_of(users[p], alice) for p in PERSONAS} == {
        p: p == "manager" for p in PERSONAS
    }
    assert {p: access.may_move_work_of(users[p], charlie) for p in PERSONAS} == {
        p: p == "other_manager" for p in PERSONAS
    }
    assert not access.may_move_work_of(bob, bob)


# fmt: off
# A support on an authorised plan of Margaret's (North): who changes its service details.
SERVICE_RULE = (True,  True,  True,  False, False, False, False, False)
#               prac   coll   mgr    out    omgr   qual   admin  anon
# fmt: on


def test_who_may_change_a_services_details(users, person):
    support = SimpleNamespace(plan=SimpleNamespace(person=person))
    answers = {
        p: access.may_change_service(users[p], support) for p in PERSONAS if p != "anonymous"
    }
    assert answers == dict(zip(PERSONAS[:-1], SERVICE_RULE[:-1], strict=True))
    type(person).objects.filter(pk=person.pk).update(is_restricted=True)
    person.refresh_from_db()
    assert not access.may_change_service(users["colleague"], support)
    assert access.may_change_service(users["manager"], support)


# --- The enquiry of a safeguarding concern (issue 18, part 6) -------------------------------

# fmt: off
ENQUIRY_RULES = {
    #                           prac   coll   mgr    out    omgr   qual   admin  anon
    "completed":               (True,  True,  True,  False, False, False, False, False),
    "completed, restricted":   (True,  False, True,  False, False, False, False, False),
    "draft":                   (False, False, False, False, False, False, False, False),
}
# fmt: on


@pytest.mark.parametrize("rule", ENQUIRY_RULES)
def test_who_may_record_the_enquiry_of_a_concern(users, person, rule):
    """`may_record_enquiry`: who records for Margaret, once her concern is completed."""
    if "restricted" in rule:
        Person.objects.filter(pk=person.pk).update(is_restricted=True)
        person.refresh_from_db()
    concern = SimpleNamespace(person=person, is_completed=rule != "draft")
    answers = {p: access.may_record_enquiry(users[p], concern) for p in PERSONAS}
    assert answers == dict(zip(PERSONAS, ENQUIRY_RULES[rule], strict=True))
