"""Two managers allocating the same piece of work at the same moment, each in their own
database connection and transaction: one wins, the other is told who got it, and
nothing else changes (issue 17, "Bad input")."""

import threading

import pytest
from django.db import connection

from accounts.roles import Role
from frontdoor.models import Allocation, WorkItem
from frontdoor.services_waiting import AllocationRefused, work_item_allocate
from tests.factories import TeamMembershipFactory, UserFactory
from tests.frontdoor.factories import WorkItemFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="the suite's SQLite database is in memory, one connection for all threads; "
        "test_waiting_services.py holds the same rule with the two allocations in turn",
    ),
]


def test_two_managers_at_once_one_wins_the_other_is_told(
    person, manager, colleague, practitioner, team
):
    second = UserFactory(username="mo", first_name="Mo", last_name="Khan", role=Role.TEAM_MANAGER)
    TeamMembershipFactory(user=second, team=team, is_manager=True)
    item = WorkItemFactory(person=person)
    start = threading.Barrier(2)
    results = {}

    def allocate(by, to_worker):
        try:
            start.wait(timeout=10)
            work_item_allocate(item=item, to_worker=to_worker, by=by, expected_holder=None)
            results[by.username] = "allocated"
        except AllocationRefused as refused:
            results[by.username] = refused.message
        finally:
            connection.close()

    threads = [
        threading.Thread(target=allocate, args=(manager, colleague)),
        threading.Thread(target=allocate, args=(second, practitioner)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results.values(), key=lambda r: r != "allocated")[0] == "allocated"
    winner = next(name for name, result in results.items() if result == "allocated")
    loser = next(name for name in results if name != winner)
    holder = WorkItem.objects.select_related("allocated_to").get(pk=item.pk).allocated_to
    expected_by = {"bob": "Bob Baker", "mo": "Mo Khan"}[winner]
    assert results[loser].startswith(f"Not allocated: {expected_by} allocated this to {holder} at ")
    assert Allocation.objects.count() == 1
    assert Allocation.objects.get().to_worker == holder
