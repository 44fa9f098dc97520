"""Allocation (issue 17, part 4): one piece of work, a person, or all of a worker's work
at once; every allocation kept; the worker told by email (council reference and link,
never the person's name). Two managers allocating the same item at once: one wins, the
other is told who got it and nothing changes."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from accounts.models import OutboundEmail
from frontdoor.models import Allocation, Task, WorkItem, WorkKind
from frontdoor.services_waiting import (
    AllocationRefused,
    WorkloadChanged,
    person_allocate,
    reallocate_all,
    work_item_allocate,
    work_item_close,
    work_item_priority_set,
    workload_of,
)
from recording.deadlines import LONDON
from tests.factories import PersonFactory, UserFactory
from tests.frontdoor.factories import TaskFactory, WorkItemFactory

pytestmark = pytest.mark.django_db

MORNING = datetime(2026, 11, 25, 10, 32, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _wednesday():
    with time_machine.travel(MORNING, tick=False):
        yield


@pytest.fixture
def item(person):
    return WorkItemFactory(person=person, kind=WorkKind.NEEDS_ASSESSMENT)


def test_allocating_keeps_the_allocation_and_tells_the_worker(item, manager, colleague):
    colleague.email = "erin@example.gov.uk"
    colleague.save()
    work_item_allocate(
        item=item, to_worker=colleague, by=manager, reason="Has room", expected_holder=None
    )
    item.refresh_from_db()
    assert item.allocated_to == colleague
    assert item.allocated_at == MORNING
    allocation = Allocation.objects.get()
    assert (allocation.work_item, allocation.from_worker, allocation.to_worker) == (
        item,
        None,
        colleague,
    )
    assert (allocation.allocated_by, allocation.reason) == (manager, "Has room")
    assert item.history.first().history_change_reason == "Allocated"
    email = OutboundEmail.objects.get()
    assert email.to == "erin@example.gov.uk"
    assert "HCC-104233" in email.body
    assert f"/waiting-lists/items/{item.pk}/" in email.body
    assert "Margaret" not in email.body + email.subject


def test_two_managers_allocating_at_once_one_wins_the_other_is_told(
    item, manager, colleague, practitioner, team
):
    # Both opened the item while it was unallocated; Bob's allocation lands first.
    second_manager = UserFactory(first_name="Mo", last_name="Khan")
    second_manager.groups.add(*manager.groups.all())
    second_manager.memberships.create(team=team, is_manager=True)
    work_item_allocate(item=item, to_worker=colleague, by=manager, expected_holder=None)
    with pytest.raises(AllocationRefused) as refused:
        work_item_allocate(
            item=item, to_worker=practitioner, by=second_manager, expected_holder=None
        )
    assert refused.value.message == (
        "Not allocated: Bob Baker allocated this to Erin Evans at 10:32. Nothing was changed."
    )
    item.refresh_from_db()
    assert item.allocated_to == colleague
    assert Allocation.objects.count() == 1


def test_allocating_work_completed_meanwhile_is_refused(item, manager, colleague):
    WorkItem.objects.filter(pk=item.pk).update(completed_at=MORNING)
    with pytest.raises(AllocationRefused) as refused:
        work_item_allocate(item=item, to_worker=colleague, by=manager, expected_holder=None)
    assert "completed or closed at 10:32" in refused.value.message
    assert not Allocation.objects.exists()


def test_a_worker_of_another_team_or_deactivated_is_refused(item, manager, outsider, colleague):
    with pytest.raises(ValidationError) as error:
        work_item_allocate(item=item, to_worker=outsider, by=manager, expected_holder=None)
    assert "worker" in error.value.message_dict
    colleague.is_active = False
    colleague.save()
    with pytest.raises(ValidationError):
        work_item_allocate(item=item, to_worker=colleague, by=manager, expected_holder=None)
    item.refresh_from_db()
    assert item.allocated_to is None
    assert not Allocation.objects.exists()


def test_priority_review_is_kept(item, manager):
    work_item_priority_set(item=item, priority="high", reason="Lives alone; fell twice", by=manager)
    item.refresh_from_db()
    assert (item.priority, item.priority_reason, item.priority_reviewed_by) == (
        "high",
        "Lives alone; fell twice",
        manager,
    )
    assert item.history.first().priority == "high"


def test_closing_when_the_service_started(person, manager):
    service = WorkItemFactory(person=person, kind=WorkKind.SERVICE)
    work_item_close(item=service, by=manager, started_on=date(2026, 11, 24))
    service.refresh_from_db()
    assert service.closed_reason == "Service started on 24 November 2026"
    assert service.completed_at == datetime(2026, 11, 24, 9, 0, tzinfo=LONDON)
    with pytest.raises(AllocationRefused):
        work_item_close(item=service, by=manager, reason="Again")


def test_allocating_a_person(person, manager, colleague, practitioner):
    person_allocate(person=person, to_worker=colleague, by=manager, expected_holder=practitioner)
    person.refresh_from_db()
    assert person.allocated_worker == colleague
    allocation = Allocation.objects.get()
    assert (allocation.person, allocation.from_worker, allocation.to_worker) == (
        person,
        practitioner,
        colleague,
    )
    assert person.history.first().allocated_worker == colleague
    # A second manager who saw Alice as the worker is told.
    with pytest.raises(AllocationRefused) as refused:
        person_allocate(person=person, to_worker=manager, by=manager, expected_holder=practitioner)
    assert "Bob Baker allocated them to Erin Evans at 10:32" in refused.value.message


@pytest.fixture
def leaving(team, person, practitioner):
    """Alice's work: Margaret (allocated), two open items, a closed one, two open tasks."""
    items = [
        WorkItemFactory(person=person, kind=WorkKind.NEEDS_ASSESSMENT, allocated_to=practitioner),
        WorkItemFactory(
            person=PersonFactory(team=team), kind=WorkKind.REVIEW, allocated_to=practitioner
        ),
    ]
    WorkItemFactory(
        person=person, kind=WorkKind.SERVICE, allocated_to=practitioner, completed_at=MORNING
    )
    tasks = [
        TaskFactory(owner=practitioner, person=person),
        TaskFactory(owner=practitioner, person=items[1].person),
    ]
    return items, tasks


def test_moving_all_of_a_workers_work_at_once(
    leaving, team, person, practitioner, colleague, manager
):
    items, tasks = leaving
    shown = workload_of(practitioner, [team.pk]).ids()
    assert shown == ({i.pk for i in items}, {person.pk}, {t.pk for t in tasks})
    moved = reallocate_all(
        worker=practitioner,
        to_worker=colleague,
        by=manager,
        reason="Alice left",
        team_ids=[team.pk],
        shown=shown,
    )
    assert (len(moved.items), len(moved.people), len(moved.tasks)) == (2, 1, 2)
    assert set(WorkItem.objects.open().values_list("allocated_to", flat=True)) == {colleague.pk}
    person.refresh_from_db()
    assert person.allocated_worker == colleague
    assert set(Task.objects.values_list("owner", flat=True)) == {colleague.pk}
    assert Allocation.objects.filter(reason="Alice left", from_worker=practitioner).count() == 3
    task = Task.objects.get(pk=tasks[0].pk)
    assert task.history.first().owner == colleague
    assert task.history.first().history_user == manager


def test_moving_all_refuses_when_something_changed_meanwhile(
    leaving, team, person, practitioner, colleague, manager
):
    items, tasks = leaving
    shown = workload_of(practitioner, [team.pk]).ids()
    WorkItem.objects.filter(pk=items[0].pk).update(completed_at=MORNING)  # completed meanwhile
    TaskFactory(owner=practitioner, person=person)  # and a new task
    with pytest.raises(WorkloadChanged) as changed:
        reallocate_all(
            worker=practitioner,
            to_worker=colleague,
            by=manager,
            reason="Alice left",
            team_ids=[team.pk],
            shown=shown,
        )
    assert changed.value.changes == [
        "1 work item shown were completed or moved meanwhile",
        "1 new task appeared",
    ]
    # Nothing moved.
    assert not Allocation.objects.exists()
    assert WorkItem.objects.get(pk=items[1].pk).allocated_to == practitioner
    person.refresh_from_db()
    assert person.allocated_worker == practitioner
    assert not Task.objects.filter(owner=colleague).exists()


def test_moving_all_to_the_same_worker_or_another_team_is_refused(
    leaving, team, practitioner, outsider, manager
):
    shown = workload_of(practitioner, [team.pk]).ids()
    for to_worker in (practitioner, outsider):
        with pytest.raises(ValidationError):
            reallocate_all(
                worker=practitioner,
                to_worker=to_worker,
                by=manager,
                reason="x",
                team_ids=[team.pk],
                shown=shown,
            )
    assert not Allocation.objects.exists()
