"""Caseloads (issue 17, part 5): the weighted load rule in a table; a team's overview
with each worker's figures, sorted most room first, in a fixed number of queries; a
worker's caseload page, oldest first, without the people the viewer may not see."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from accounts.models import TeamMembership
from frontdoor.caseloads import (
    DEFAULT_WEIGHTS,
    LoadStatus,
    load_status,
    team_caseload_rows,
    weighted_load,
)
from frontdoor.models import Allocation, LoadKind, WorkItem, WorkKind, WorkloadWeight
from recording.deadlines import LONDON
from tests.factories import ContactFactory, PersonFactory, UserFactory
from tests.frontdoor.factories import TaskFactory, WorkItemFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-11-30 10:00 +00:00", tick=False):
        yield


# --- The rule ---

D = DEFAULT_WEIGHTS
FULL_AT_37 = {"person": 15, "needs_assessment": 4, "review": 3, "task": 16}
ONE_MORE_TASK = {**FULL_AT_37, "task": 17}
HEAVIER_PEOPLE = {**D, "person": Decimal("2.5")}
ROOM, FULL, OVER, NONE = LoadStatus.ROOM, LoadStatus.FULL, LoadStatus.OVER, LoadStatus.NO_CAPACITY
# fmt: off
LOADS = [
    # counts                                    weights         load     capacity percent status
    ({},                                        D,              "0.00",  "37",    0,      ROOM),
    ({"person": 10},                            D,              "10.00", "37",    27,     ROOM),
    (FULL_AT_37,                                D,              "37.00", "37",    100,    FULL),
    (ONE_MORE_TASK,                             D,              "37.25", "37",    101,    OVER),
    ({"carers_assessment": 2, "service": 2},    D,              "7.00",  "8.5",   82,     ROOM),
    ({"person": 17},                            D,              "17.00", "20",    85,     FULL),
    ({"person": 3},                             HEAVIER_PEOPLE, "7.50",  "10",    75,     ROOM),
    ({"person": 1},                             D,              "1.00",  "0",     None,   OVER),
    ({},                                        D,              "0.00",  "0",     None,   NONE),
]
# fmt: on


@pytest.mark.parametrize("counts, hours, load, capacity, percent, status", LOADS)
def test_the_weighted_load_against_capacity(counts, hours, load, capacity, percent, status):
    got = weighted_load(counts, hours)
    assert got == Decimal(load)
    assert load_status(got, Decimal(capacity)) == (percent, status)


def test_every_kind_has_a_default_weight():
    assert set(DEFAULT_WEIGHTS) == set(LoadKind.values)


# --- The team overview ---


def _worker(team, name, capacity="37"):
    user = UserFactory(username=name.lower(), first_name=name, last_name="Worker")
    user.capacity_hours = Decimal(capacity)
    user.save()
    TeamMembership.objects.create(user=user, team=team)
    return user


def _load_up(team, worker, *, people=0, assessments=0, reviews=0, tasks=0, late_tasks=0):
    for _ in range(people):
        PersonFactory(team=team, allocated_worker=worker)
    for _ in range(assessments):
        WorkItemFactory(person=PersonFactory(team=team), allocated_to=worker)
    for _ in range(reviews):
        due = PersonFactory(team=team, review_due=TODAY + timedelta(days=10))
        WorkItemFactory(person=due, kind=WorkKind.REVIEW, allocated_to=worker)
    for n in range(tasks + late_tasks):
        late = n < late_tasks
        TaskFactory(
            owner=worker,
            person=PersonFactory(team=team),
            due_on=TODAY - timedelta(days=1) if late else TODAY + timedelta(days=5),
        )


def test_the_team_overview_figures_and_order(team, manager, manager_client):
    busy = _worker(team, "Busy")
    _load_up(team, busy, people=15, assessments=4, reviews=3, tasks=15, late_tasks=2)
    light = _worker(team, "Light", capacity="18.5")
    _load_up(team, light, people=2, assessments=1)
    far_review = PersonFactory(team=team, review_due=TODAY + timedelta(days=60))
    WorkItemFactory(person=far_review, kind=WorkKind.REVIEW, allocated_to=light)
    WorkItemFactory(
        person=PersonFactory(team=team),
        kind=WorkKind.CARERS_ASSESSMENT,
        allocated_to=light,
        completed_at=datetime(2026, 11, 1, tzinfo=LONDON),
    )
    ContactFactory(
        person=PersonFactory(team=team),
        recorded_by=light,
        occurred_at=datetime(2026, 11, 20, 9, tzinfo=LONDON),
    )
    WorkloadWeight.objects.create(kind=LoadKind.TASK, hours=Decimal("0.5"))

    rows = {row.user.first_name: row for row in team_caseload_rows([busy, light], TODAY)}
    assert rows["Busy"].people == 15
    assert rows["Busy"].open_assessments == 4
    assert rows["Busy"].reviews_due == 3
    assert (rows["Busy"].open_tasks, rows["Busy"].overdue_tasks) == (17, 2)
    # 15 + 4×3 + 3×2 + 17×0.5 (the administrator's weight for a task)
    assert rows["Busy"].load == Decimal("41.50")
    assert rows["Busy"].status == LoadStatus.OVER
    assert rows["Light"].people == 2  # the person of their contact is not allocated to them
    assert rows["Light"].reviews_due == 0  # due in 60 days
    assert rows["Light"].overdue_recording == 1
    # 2 people + 1 assessment + 1 review (the completed carer's assessment not counted)
    assert rows["Light"].load == Decimal("7.00")

    page = manager_client.get(reverse("frontdoor:team_caseloads"))
    text = page.text
    assert text.index("Light Worker") < text.index("Busy Worker")  # most room first
    assert "Over capacity" in text and "Room for more" in text
    assert "41.5 of 37 hours (112%)" in text


def _member_world(team, size):
    for n in range(size):
        worker = _worker(team, f"W{size}x{n}")
        _load_up(team, worker, people=2, assessments=1, reviews=1, tasks=1, late_tasks=1)
        ContactFactory(person=PersonFactory(team=team, allocated_worker=worker), recorded_by=worker)


@pytest.mark.parametrize("size", [2, 8])
def test_the_team_overview_takes_the_same_queries_whatever_its_size(
    team, manager_client, size, django_assert_max_num_queries
):
    _member_world(team, size)
    manager_client.get(reverse("frontdoor:team_caseloads"))  # warm the session
    with django_assert_max_num_queries(14):
        response = manager_client.get(reverse("frontdoor:team_caseloads"))
    assert response.status_code == 200
    assert response.text.count(f"W{size}x") == size


def test_quality_chooses_any_team_and_a_manager_only_theirs(
    team, other_team, manager_client, quality_client, outsider
):
    page = quality_client.get(reverse("frontdoor:team_caseloads"), {"team": "hospital"})
    assert "Hospital Discharge Team" in page.text and "Charlie Clarke" in page.text
    mine = manager_client.get(reverse("frontdoor:team_caseloads"), {"team": "hospital"})
    assert "Charlie Clarke" not in mine.text  # not theirs: their own team shown


# --- A worker's caseload ---


def test_a_caseload_oldest_first_without_people_the_viewer_may_not_see(
    person, practitioner, manager, team, practitioner_client, manager_client, quality_client
):
    newer = PersonFactory(team=team, allocated_worker=practitioner, name="Newer Person")
    Allocation.objects.create(
        person=newer,
        to_worker=practitioner,
        allocated_by=manager,
        allocated_at=datetime(2026, 11, 20, tzinfo=LONDON),
    )
    Allocation.objects.create(
        person=person,
        to_worker=practitioner,
        allocated_by=manager,
        allocated_at=datetime(2026, 6, 1, tzinfo=LONDON),
    )
    secret = PersonFactory(
        team=team, allocated_worker=practitioner, is_restricted=True, name="Secret Person"
    )
    WorkItemFactory(person=secret, allocated_to=practitioner)
    WorkItemFactory(person=newer, allocated_to=practitioner, waiting_since=date(2026, 11, 1))
    WorkItemFactory(
        person=person,
        allocated_to=practitioner,
        waiting_since=date(2026, 9, 1),
        kind=WorkKind.REVIEW,
    )
    TaskFactory(person=person, owner=practitioner, what="Ring Margaret's GP")

    own = practitioner_client.get(reverse("frontdoor:my_caseload")).text
    assert own.index("Margaret Oyelaran") < own.index("Newer Person")  # allocated first
    assert "Secret Person" in own  # their own restricted person
    assert "Ring Margaret" in own
    assert own.index("Review") < own.index("Needs assessment")  # waiting longest first

    theirs = manager_client.get(reverse("frontdoor:caseload", args=[practitioner.pk])).text
    assert "Secret Person" in theirs  # a manager of the restricted person's team

    by_quality = quality_client.get(reverse("frontdoor:caseload", args=[practitioner.pk])).text
    assert "Secret Person" not in by_quality and "Margaret Oyelaran" in by_quality


def test_a_caseload_page_takes_the_same_queries_whatever_its_size(
    team, practitioner, practitioner_client, django_assert_max_num_queries
):
    for size in (1, 6):
        _load_up(team, practitioner, people=size, assessments=size, tasks=size)
        practitioner_client.get(reverse("frontdoor:my_caseload"))
        with django_assert_max_num_queries(14):
            assert practitioner_client.get(reverse("frontdoor:my_caseload")).status_code == 200
    assert WorkItem.objects.count() == 7
