"""Who may see or do what: every access rule of the service, in one place (issue 16,
part 1; SPEC "Users", issue 4 "Access", issue 6 "Scope" and part 6, SPEC 6 "Access").

Three kinds of function, the shape `supervision` started:
- what a role may do at all (`may_record`, `may_read_records`, ...): functions of the
  user's roles, which the views, the navigation and the dashboards call;
- who may see or do what to one thing (`may_see_person`, `may_authorise`, ...): plain
  functions of the facts, with no database, unit-tested in tables;
- the same rules as the SQL the lists use (`person_visibility`, `session_visibility`,
  `supervisable_members`, ...): a `Q` on the model named, or a queryset of this app's
  models. `Person.objects.visible_to`, `SupervisionSession.objects.visible_to` and
  `AccessEvent.objects.visible_to` filter with them.
tests/accounts/test_access_rules.py holds each plain function and its SQL to the same
answers for every persona.

Records, contacts and drafts are seen by whoever may see their person
(`recording.access_queries`); a draft is changed by its author only; a completed record
is never changed (an addendum is added to it).

This module is of the lowest app: it imports no other app of the project; the `Q`s name
the other apps' fields by their lookups.
"""

from collections.abc import Collection
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import Team, TeamMembership, User
from accounts.roles import AUTHORISE, ROLE_PERMISSIONS, WRITE_RECORDS, Role
from config.kinds import RecordKind

# --- What a role may do -----------------------------------------------------------------


_GRANTED = {role: frozenset(pairs) for role, pairs in ROLE_PERMISSIONS.items()}


def _role_grants(user, permissions: list[tuple[str, str]]) -> bool:
    """Whether one of the user's roles is granted all of `permissions` in
    `ROLE_PERMISSIONS`, the table the role groups' permissions are made from (so the same
    answer as the group's permissions, without a query; a superuser's implicit
    permissions are no role)."""
    return user.is_authenticated and any(
        _GRANTED.get(role, frozenset()).issuperset(permissions) for role in user.role_names
    )


def may_record(user) -> bool:
    """Practitioners and team managers write to people's records (`WRITE_RECORDS`)."""
    return _role_grants(user, WRITE_RECORDS)


def require_recorder(user) -> None:
    """Quality staff read; practitioners and team managers record."""
    if not may_record(user):
        raise PermissionDenied("Your role can read records but not add to them.")


def may_read_records(user) -> bool:
    """Quality staff read people's records too, but never write to them. (Administrators
    read them in the admin only, never in the service's pages.)"""
    return user.is_authenticated and (may_record(user) or user.is_quality)


def may_authorise_at_all(user) -> bool:
    """Team managers authorise eligibility determinations and plans (`AUTHORISE`)."""
    return _role_grants(user, AUTHORISE)


def may_see_team_recording(user) -> bool:
    """Team recording: a team manager's teams, or every team for quality staff."""
    return user.is_authenticated and (user.is_team_manager or user.is_quality)


def may_record_supervision(user) -> bool:
    """Only team managers record supervision sessions (with whom: `may_supervise`)."""
    return user.is_authenticated and user.is_team_manager


def takes_part_in_supervision(user) -> bool:
    """Practitioners are supervised and team managers supervise: their navigation shows
    Supervision. (The list page itself is open to anyone; it lists what they may see.)"""
    return user.is_authenticated and (user.is_team_manager or user.is_practitioner)


def can_read_access_log(user) -> bool:
    """Team managers and administrators read the access log (SPEC 6, "Access")."""
    return user.is_authenticated and (user.is_administrator or user.is_team_manager)


def reads_whole_access_log(user) -> bool:
    """Administrators read every event, whoever it is about (or none: a refusal that
    named nobody); a team manager only their teams' people's."""
    return can_read_access_log(user) and user.is_administrator


def may_use_admin(user) -> bool:
    """The Django admin: active administrators with staff status."""
    return user.is_authenticated and user.is_active and user.is_staff and user.is_administrator


# --- People, and their contacts and records ---------------------------------------------


def may_see_person(
    *,
    viewer_id: int,
    records: bool,
    quality: bool,
    team_ids: Collection[int],
    managed_team_ids: Collection[int],
    person_team_id: int,
    restricted: bool,
    allocated_worker_id: int | None,
) -> bool:
    """Practitioners and managers (`records`: `may_record`) see their teams' people; a
    restricted person only their allocated worker and the managers of their team
    (`managed_team_ids`: `User.managed_teams()`, so empty without the manager role);
    quality staff everyone who is not restricted. Their contacts and records likewise."""
    if restricted:
        return (records and allocated_worker_id == viewer_id) or person_team_id in set(
            managed_team_ids
        )
    return quality or (records and person_team_id in set(team_ids))


def person_visibility(user) -> Q:
    """`may_see_person` as a filter on `Person`; `Q(pk__in=[])` sees nobody."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    member_of = TeamMembership.objects.filter(user=user, team=OuterRef("team"))
    rule = Q(pk__in=[])
    if may_record(user):
        rule |= Q(Exists(member_of), is_restricted=False)
        rule |= Q(is_restricted=True, allocated_worker=user)
    if user.is_team_manager:  # `managed_teams()`: the role and a manager membership
        rule |= Q(is_restricted=True) & Q(Exists(member_of.filter(is_manager=True)))
    if user.is_quality:
        rule |= Q(is_restricted=False)
    return rule


def may_change_draft(user, record) -> bool:
    """Only its author changes a draft (a completed record is never changed)."""
    return record.is_draft and record.author_id == user.pk


def may_add_addendum(user, record) -> bool:
    """A completed record is corrected by an addendum, from anyone who records."""
    return record.is_completed and may_record(user)


def may_revise(user, record, authorisation) -> bool:
    """The author of a record a manager returned starts a new draft from it."""
    return (
        authorisation is not None
        and not authorisation.is_authorised
        and record.author_id == user.pk
    )


def may_change_service(user, support) -> bool:
    """A support's CLD service details on an authorised plan (issue 18): whoever records
    and may see the person (`may_edit_person`) sets or corrects them and ends the
    service; quality staff only read them."""
    return may_edit_person(user, support.plan.person)


def may_record_enquiry(user, concern) -> bool:
    """The enquiry a completed safeguarding concern led to (issue 18, part 6) is
    recorded by those who record for the person (`may_edit_person`: their team's
    practitioners and managers; for a restricted person, the allocated worker and the
    team's managers); quality staff read it."""
    return concern.is_completed and may_edit_person(user, concern.person)


# --- Adding and changing people (issue 17, part 1) --------------------------------------


def may_add_person(user) -> bool:
    """Practitioners and team managers add people, to a team of their own
    (`teams_for_new_person`); quality staff and administrators do not."""
    return may_record(user)


def teams_for_new_person(user) -> QuerySet[Team]:
    """The teams `user` may add a person to, or move one to: their own."""
    if not may_add_person(user):
        return Team.objects.none()
    return Team.objects.filter(memberships__user=user).distinct()


def may_edit_person(user, person) -> bool:
    """Whoever records and may see the person changes their details (with history);
    quality staff only read them, administrators see no one."""
    return may_record(user) and may_see_person(
        viewer_id=user.pk,
        records=True,
        quality=user.is_quality,
        team_ids=list(user.memberships.values_list("team_id", flat=True)),
        managed_team_ids=list(user.managed_teams().values_list("pk", flat=True)),
        person_team_id=person.team_id,
        restricted=person.is_restricted,
        allocated_worker_id=person.allocated_worker_id,
    )


def may_restrict(*, records: bool, managed_team_ids: Collection[int], team_id: int) -> bool:
    """Only a manager of the person's team sets or clears "restricted".
    `managed_team_ids` is looked at last, so it may be a query not yet run."""
    return records and team_id in managed_team_ids


def may_restrict_person(user, *, team_id: int) -> bool:
    """`may_restrict` for `user` and a person of the team `team_id` (or to be)."""
    return may_restrict(
        records=may_record(user),
        managed_team_ids=_ManagedTeamIds(user),
        team_id=team_id,
    )


# --- Authorisation ------------------------------------------------------------------------


def may_authorise(
    *,
    user_id: int,
    author_id: int,
    needs_authorisation: bool,
    authorises: bool,
    managed_team_ids: Collection[int],
    person_team_id: int,
) -> bool:
    """A manager (`authorises`: `may_authorise_at_all`) of the person's team authorises
    an eligibility determination or a plan (`needs_authorisation`), never their own.
    `managed_team_ids` is looked at last, so it may be a query not yet run."""
    return (
        needs_authorisation
        and authorises
        and user_id != author_id
        and person_team_id in managed_team_ids
    )


def can_authorise(user, record) -> bool:
    """`may_authorise` for `user` and the record (whose person is loaded)."""
    return may_authorise(
        user_id=user.pk,
        author_id=record.author_id,
        needs_authorisation=record.needs_authorisation,
        authorises=may_authorise_at_all(user),
        managed_team_ids=_ManagedTeamIds(user),
        person_team_id=record.person.team_id,
    )


class _ManagedTeamIds:
    """The user's managed teams' ids, asked about one id in one query when needed."""

    def __init__(self, user):
        self.user = user

    def __contains__(self, team_id) -> bool:
        return self.user.managed_teams().filter(pk=team_id).exists()


# --- The access log -----------------------------------------------------------------------


def may_read_access_log_of(
    *, administrator: bool, managed_team_ids: Collection[int], person_team_id: int | None
) -> bool:
    """Administrators read every event (and the refusals that name nobody, with no
    person's team); a team manager the events about the people of the teams they manage,
    restricted or not, whoever looked; nobody else any (`can_read_access_log`)."""
    if administrator:
        return True
    return person_team_id is not None and person_team_id in set(managed_team_ids)


def access_log_visibility(user, *, person: str = "") -> Q:
    """`may_read_access_log_of` as a filter on `Person` (the people whose log `user` may
    read), or, with `person="person__"`, on `AccessEvent`."""
    if reads_whole_access_log(user):
        return Q()
    if not can_read_access_log(user):
        return Q(pk__in=[])
    return Q(**{f"{person}team__in": user.managed_teams()})


# --- Supervision (issue 6, part 6) --------------------------------------------------------
# A team manager records a session with a member of a team they manage, never with
# themselves. A session is private to the supervisor, the practitioner and the managers of
# any team the practitioner belongs to: not quality staff, not other practitioners, not
# managers of other teams. Anyone else is told it does not exist (a 404).


def may_supervise(
    *,
    supervisor_id: int,
    practitioner_id: int,
    practitioner_is_active: bool,
    managed_team_ids: Collection[int],
    practitioner_team_ids: Collection[int],
) -> bool:
    """`managed_team_ids`: the teams the supervisor manages (`User.managed_teams()`, so
    empty without the team manager role)."""
    return (
        supervisor_id != practitioner_id
        and practitioner_is_active
        and not set(managed_team_ids).isdisjoint(practitioner_team_ids)
    )


def may_see_session(
    *,
    viewer_id: int,
    supervisor_id: int,
    practitioner_id: int,
    viewer_managed_team_ids: Collection[int],
    practitioner_team_ids: Collection[int],
) -> bool:
    """The practitioner's teams are their teams now: a new manager of the team sees the
    team's supervision history; a manager whose team the practitioner left no longer does
    (unless they were the supervisor)."""
    return viewer_id in (supervisor_id, practitioner_id) or not set(
        viewer_managed_team_ids
    ).isdisjoint(practitioner_team_ids)


def supervision_cases(manager: User) -> Q:
    """The people a manager may name as discussed in a session, as a filter on `Person`:
    of the teams they manage, and visible to them (`person_visibility`)."""
    return person_visibility(manager) & Q(team__in=manager.managed_teams())


def supervisable_members(manager: User) -> QuerySet[User]:
    """`may_supervise` in SQL: the people `manager` may record a session with."""
    return (
        User.objects.filter(is_active=True, memberships__team__in=manager.managed_teams())
        .exclude(pk=manager.pk)
        .distinct()
    )


def session_visibility(user) -> Q:
    """`may_see_session` as a filter on `SupervisionSession`; `Q(pk__in=[])` sees none."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    rule = Q(supervisor=user) | Q(practitioner=user)
    if user.is_team_manager:  # `managed_teams()`: the role and a manager membership
        manages_a_team_of_theirs = TeamMembership.objects.filter(
            user=user, is_manager=True, team__memberships__user=OuterRef("practitioner")
        )
        rule |= Q(Exists(manages_a_team_of_theirs))
    return rule


# --- Team recording: the teams a user oversees ------------------------------------------


def may_oversee(
    *, quality: bool, managed_team_ids: Collection[int], member_team_ids: Collection[int]
) -> bool:
    """Quality staff oversee every team's members; a team manager the members of the
    teams they manage (themselves included); nobody else anyone."""
    if quality:
        return bool(member_team_ids)
    return not set(managed_team_ids).isdisjoint(member_team_ids)


def teams_overseen(user) -> QuerySet[Team]:
    """`may_oversee`'s teams: every team for quality staff, a manager's own teams. For
    anyone else none (they may not see Team recording: `may_see_team_recording`)."""
    if not user.is_authenticated:
        return Team.objects.none()
    if user.is_quality:
        return Team.objects.all()
    return user.managed_teams()


def overseen_members(user) -> QuerySet[User]:
    """`may_oversee` in SQL: the members of the teams `user` oversees."""
    return User.objects.filter(memberships__team__in=teams_overseen(user)).distinct()


# --- The dashboards' scope (issue 6 "Scope") ----------------------------------------------


@dataclass
class Scope:
    """Whose figures a user may see: a team manager their teams, quality staff and heads
    of service every team (read-only), a practitioner only their own."""

    user: object
    teams: list[Team]
    own_only: bool
    every_team: bool = False  # all the council's teams: quality staff, heads of service

    @property
    def label(self) -> str:
        if self.own_only:
            return "Your own records"
        return "All your teams" if len(self.teams) > 1 else self.teams[0].name


def may_see_dashboards(user) -> bool:
    """The roles that read records see the dashboards, each in their scope."""
    return may_read_records(user)


def dashboard_scope(user) -> Scope:
    """The user's `Scope`; refused to a role that reads no records."""
    if not may_see_dashboards(user):
        raise PermissionDenied("Only staff who record or oversee records can see the dashboards.")
    if user.is_quality:
        return Scope(user, list(Team.objects.order_by("name")), own_only=False, every_team=True)
    if user.is_team_manager:
        teams = list(user.managed_teams().order_by("name"))
        if teams:
            return Scope(user, teams, own_only=False)
    return Scope(user, [], own_only=True)


# --- The front door: requests for support and their screening (issue 17, part 2) --------
# A request for support is about a person, so it is seen by whoever may see them
# (`person_visibility`). The front door lists the requests of the user's teams: a
# practitioner's or manager's own teams, every team for quality staff (who read, and
# screen nothing). A duty worker -- a practitioner or manager of the team that received
# the request -- screens it.


def may_see_front_door(user) -> bool:
    """The front door page: those who record (their teams'), quality staff (all teams)."""
    return may_read_records(user)


def front_door_teams(user) -> QuerySet[Team]:
    """The teams whose requests the front door lists for `user`."""
    if not may_see_front_door(user):
        return Team.objects.none()
    if user.is_quality:
        return Team.objects.all()
    return Team.objects.filter(memberships__user=user)


def may_screen_request(*, records: bool, team_ids: Collection[int], request_team_id: int) -> bool:
    """A practitioner or manager (`records`: `may_record`) of the team that received the
    request (`team_ids`: the user's teams) screens it. (They must see the person too: the
    page is a 404 otherwise.)"""
    return records and request_team_id in set(team_ids)


def screenable_requests(user) -> Q:
    """`may_screen_request` as a filter on `frontdoor.SupportRequest`."""
    if not may_record(user):
        return Q(pk__in=[])
    return Q(Exists(TeamMembership.objects.filter(user=user, team=OuterRef("team"))))


# --- Alerts that cannot wait (issue 17, part 7) -------------------------------------------
# A safeguarding concern marked for immediate action alerts the managers of the person's
# team: only they see the alert on Home and mark it seen. Anyone else is told it does not
# exist (a 404).


def may_acknowledge_alert(*, managed_team_ids: Collection[int], alert_team_id: int) -> bool:
    """`managed_team_ids`: `User.managed_teams()`, so empty without the team manager
    role (or for a leaver: a deactivated user cannot sign in)."""
    return alert_team_id in set(managed_team_ids)


def alert_visibility(user) -> Q:
    """`may_acknowledge_alert` as a filter on `SafeguardingAlert`."""
    if not user.is_authenticated or not user.is_team_manager:
        return Q(pk__in=[])
    return Q(team__in=user.managed_teams())


def team_managers(team_id: int) -> QuerySet[User]:
    """Who is alerted for a team: its active managers (the role and a manager
    membership), each once."""
    return User.objects.filter(
        is_active=True,
        groups__name=Role.TEAM_MANAGER,
        memberships__team_id=team_id,
        memberships__is_manager=True,
    ).distinct()


# --- Waiting lists and allocation (issue 17, parts 3 and 4) -------------------------------
# Practitioners read their own teams' waiting lists; a team manager reads their teams' and
# allocates their work; quality staff read every team's (and "All teams"), allocating
# nothing. A waiting person's row shows who they are only to those who may see them
# (`person_visibility`); the figures count everyone.


def may_see_waiting_lists(user) -> bool:
    """The roles that read records see waiting lists, each for their teams."""
    return may_read_records(user)


def waiting_list_teams(user) -> QuerySet[Team]:
    """The teams whose waiting lists `user` reads: every team for quality staff, their
    own teams for practitioners and managers, none for anyone else."""
    if not may_see_waiting_lists(user):
        return Team.objects.none()
    if user.is_quality:
        return Team.objects.all()
    return Team.objects.filter(memberships__user=user).distinct()


def may_allocate_in(*, allocates: bool, managed_team_ids: Collection[int], team_id: int) -> bool:
    """A team manager (`allocates`: the manager role) allocates the work and the people
    of the teams they manage, restricted people included; nobody else allocates."""
    return allocates and team_id in managed_team_ids


def may_allocate(user, team_id: int) -> bool:
    """`may_allocate_in` for `user` and a team."""
    return user.is_authenticated and may_allocate_in(
        allocates=user.is_team_manager,
        managed_team_ids=_ManagedTeamIds(user),
        team_id=team_id,
    )


def may_close_work_item(user, item) -> bool:
    """The team's managers close a piece of work (a service started, or closed with a
    reason), and so does the worker who holds it."""
    return may_allocate(user, item.team_id) or (
        may_record(user) and item.allocated_to_id is not None and item.allocated_to_id == user.pk
    )


def may_move_work_of(user, worker) -> bool:
    """Moving all of a worker's work at once (`frontdoor:reallocate_all`): a manager of
    one of the worker's teams, never for their own work."""
    return (
        user.is_authenticated
        and user.is_team_manager
        and user.pk != worker.pk
        and user.managed_teams().filter(memberships__user=worker).exists()
    )


def may_take_work(*, active: bool, records: bool, team_ids: Collection[int], team_id: int) -> bool:
    """Work of a team goes to an active member of that team who records."""
    return active and records and team_id in set(team_ids)


def allocatable_workers(team_id: int) -> QuerySet[User]:
    """`may_take_work` in SQL: the active members of the team who record (practitioners
    and team managers)."""
    return (
        User.objects.filter(
            is_active=True, memberships__team_id=team_id, groups__name__in=_recording_roles()
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


# --- Caseloads and tasks (issue 17, parts 5 and 6) ---------------------------------------
# A worker's caseload is theirs to see (if they record), and their managers' and quality
# staff's (`may_oversee`); the people on it are shown only to those who may see them.
# A task is about a person: it is seen by whoever may see the person (like a record), and
# owned by someone who records and may see the person. It is completed or reassigned by
# its owner, the one who set it, or a manager of the person's team -- never by quality
# staff, who read only.


def may_see_team_caseloads(user) -> bool:
    """The team caseload overview: a team manager's teams, quality staff every team."""
    return may_see_team_recording(user)


def may_see_caseload(
    *,
    viewer_id: int | None,
    worker_id: int,
    records: bool,
    quality: bool,
    managed_team_ids: Collection[int],
    worker_team_ids: Collection[int],
) -> bool:
    """One's own caseload (for those who record), or a member's of a team one oversees."""
    if records and viewer_id == worker_id:
        return True
    return may_oversee(
        quality=quality, managed_team_ids=managed_team_ids, member_team_ids=worker_team_ids
    )


def caseload_workers(user) -> QuerySet[User]:
    """`may_see_caseload` in SQL: the users whose caseload `user` may see."""
    if not user.is_authenticated:
        return User.objects.none()
    rule = Q(pk__in=overseen_members(user).values("pk"))
    if may_record(user):
        rule |= Q(pk=user.pk)
    return User.objects.filter(rule)


def _recording_roles() -> list[str]:
    return [role for role, granted in _GRANTED.items() if granted.issuperset(WRITE_RECORDS)]


def person_recorders(
    *, person_team_id: int, restricted: bool, allocated_worker_id: int | None
) -> QuerySet[User]:
    """`may_see_person` from the person's side, for those who record (`may_record`): who
    may own a task about them. Active or not: the form says "has left" of the others."""
    records = Q(groups__name__in=_recording_roles())
    if restricted:
        manages = TeamMembership.objects.filter(
            user=OuterRef("pk"), team_id=person_team_id, is_manager=True
        )
        rule = Q(pk=allocated_worker_id) | (
            Q(Exists(manages)) & Q(pk__in=User.objects.filter(groups__name=Role.TEAM_MANAGER))
        )
    else:
        member = TeamMembership.objects.filter(user=OuterRef("pk"), team_id=person_team_id)
        rule = Q(Exists(member))
    return User.objects.filter(pk__in=User.objects.filter(records).values("pk")).filter(rule)


def may_change_task(
    *,
    user_id: int | None,
    records: bool,
    owner_id: int,
    created_by_id: int,
    managed_team_ids: Collection[int],
    person_team_id: int,
) -> bool:
    """Complete or reassign a task: its owner, who set it, or a manager of the person's
    team, if they record (quality staff read only). Seeing the person is checked first
    (the task's page is a 404 to whoever may not). `managed_team_ids` is looked at last,
    so it may be a query not yet run."""
    return records and (user_id in (owner_id, created_by_id) or person_team_id in managed_team_ids)


def can_change_task(user, task) -> bool:
    """`may_change_task` for `user` and the task (whose person is loaded)."""
    return user.is_authenticated and may_change_task(
        user_id=user.pk,
        records=may_record(user),
        owner_id=task.owner_id,
        created_by_id=task.created_by_id,
        managed_team_ids=_ManagedTeamIds(user),
        person_team_id=task.person.team_id,
    )


# --- Statutory returns (issue 18) ---------------------------------------------------------
# The extract holds every person's identifiers, so it is for the staff who send it:
# administrators (who see no one in the app, but send the returns) and quality staff.
# The data-quality page names people, so it follows who oversees which team.


def may_download_extract(user) -> bool:
    """Administrators and quality staff download the quarterly CLD extract."""
    return user.is_authenticated and (user.is_administrator or user.is_quality)


def data_quality_teams(user) -> QuerySet[Team]:
    """The teams whose data-quality failures `user` sees, person by person: every team
    for quality staff, a manager's own teams, none for anyone else (`teams_overseen`)."""
    return teams_overseen(user)


def may_see_data_quality(user) -> bool:
    """Quality staff and team managers (the page is theirs to act on before the
    deadline)."""
    return user.is_authenticated and (user.is_quality or user.is_team_manager)


def may_see_safeguarding_return(user) -> bool:
    """The Safeguarding Adults Collection is counts, never people: administrators, quality
    staff and team managers read its tables."""
    return user.is_authenticated and (
        user.is_administrator or user.is_quality or user.is_team_manager
    )


RETURN_DETAIL_KINDS = frozenset(
    {RecordKind.NEEDS_ASSESSMENT, RecordKind.CARERS_ASSESSMENT, RecordKind.REVIEW}
)


def may_change_return_details(user, record) -> bool:
    """The statutory-return details of a completed assessment, carer's assessment or
    review (`assessments.services_return`) are corrected by those who record and may
    see the person (seeing is checked first: a 404); never quality staff or
    administrators, who record nothing."""
    return record.is_completed and record.kind in RETURN_DETAIL_KINDS and may_record(user)
