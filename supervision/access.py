"""Who records supervision, and who sees it (issue 6, part 6).

A team manager records a session with a member of a team they manage, never with
themselves. A session is private to the supervisor, the practitioner and the managers of
any team the practitioner belongs to: not quality staff, not other practitioners, not
managers of other teams. Anyone else is told it does not exist (a 404).

Each rule is written twice: once as a plain function of the facts, unit-tested in a
table, and once as the SQL the pages use (`supervisable_members`, `session_visibility`);
tests/supervision/test_access.py holds the two to the same answers.
"""

from collections.abc import Collection

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import TeamMembership, User


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


def supervisable_members(manager: User) -> QuerySet[User]:
    """`may_supervise` in SQL: the people `manager` may record a session with."""
    return (
        User.objects.filter(is_active=True, memberships__team__in=manager.managed_teams())
        .exclude(pk=manager.pk)
        .distinct()
    )


def session_visibility(user: User) -> Q:
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
