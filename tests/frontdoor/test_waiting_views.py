"""The waiting lists, a piece of work's page, allocating a person and moving all of a
worker's work, as their users see them (issue 17, parts 3 and 4)."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from audit.models import AccessEvent
from config import cld
from frontdoor.models import Allocation, WorkItem, WorkKind
from recording.deadlines import LONDON
from tests.factories import PersonFactory
from tests.frontdoor.factories import (
    TaskFactory,
    WorkItemFactory,
    dhsc_assessment,
    dhsc_request,
    dhsc_service,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _wednesday():
    with time_machine.travel(datetime(2026, 11, 25, 10, 32, tzinfo=LONDON), tick=False):
        yield


def _waits(team, count: int, *, start: int = 0):
    for n in range(count):
        WorkItemFactory(
            kind=list(WorkKind)[n % 4],
            person=PersonFactory(team=team, ethnicity=cld.Ethnicity.WHITE_IRISH if n % 2 else ""),
            waiting_since=TODAY - timedelta(days=start + n),
        )


def test_the_managers_lists_with_their_figures(manager_client, team, person, colleague):
    WorkItemFactory(person=person, waiting_since=TODAY - timedelta(days=12), allocated_to=colleague)
    WorkItemFactory(
        kind=WorkKind.NEEDS_ASSESSMENT,
        person=PersonFactory(team=team, name="Tom Ward"),
        waiting_since=TODAY - timedelta(days=3),
    )
    WorkItemFactory(
        kind=WorkKind.REVIEW,
        person=PersonFactory(team=team, name="Rita Review"),
        waiting_since=TODAY - timedelta(days=4),
    )
    WorkItemFactory(
        kind=WorkKind.REVIEW,
        person=PersonFactory(team=team, name="Far Future"),
        waiting_since=TODAY + timedelta(days=60),
    )
    response = manager_client.get(reverse("frontdoor:waiting_lists"))
    content = response.content.decode()
    assert "Margaret Oyelaran" in content and "12 days" in content and "Erin Evans" in content
    assert "Tom Ward" in content and "Unallocated" in content
    assert "7.5 days" in content  # the median of 3 and 12
    assert "Overdue by 4 days" in content
    assert "Far Future" not in content  # not due within 28 days
    lists = response.context["lists"]
    assert [(x["kind"], x["figures"].count) for x in lists] == [
        ("needs_assessment", 2),
        ("carers_assessment", 0),
        ("service", 0),
        ("review", 1),
    ]


def test_a_practitioner_reads_their_own_teams_list_only(practitioner_client, person, other_team):
    WorkItemFactory(person=person)
    WorkItemFactory(person=PersonFactory(team=other_team, name="Hospital Person"))
    response = practitioner_client.get(reverse("frontdoor:waiting_lists") + "?team=hospital")
    content = response.content.decode()
    assert response.context["chooser"].team.slug == "north"
    assert "Margaret Oyelaran" in content and "Hospital Person" not in content
    assert "The team's managers allocate the work" in content


def test_quality_staff_see_all_teams(quality_client, person, other_team):
    WorkItemFactory(person=person)
    WorkItemFactory(person=PersonFactory(team=other_team, name="Hospital Person"))
    response = quality_client.get(reverse("frontdoor:waiting_lists") + "?team=all")
    content = response.content.decode()
    assert "Margaret Oyelaran" in content and "Hospital Person" in content
    assert "All teams" in content


def test_the_equity_page(manager_client, team):
    _waits(team, 8)
    response = manager_client.get(reverse("frontdoor:waiting_equity"))
    content = response.content.decode()
    assert "By ethnicity group" in content and "By primary support reason" in content
    assert "White" in content and "Not recorded" in content


def _dhsc_chains(team, count: int, *, start: int = 0):
    """Requests answered by an assessment and a service: DHSC's waiting times."""
    for n in range(count):
        person = PersonFactory(team=team)
        dhsc_request(person, TODAY - timedelta(days=60 + start + n))
        dhsc_assessment(person, TODAY - timedelta(days=50 + start))
        dhsc_service(person, TODAY - timedelta(days=40 + start))


@pytest.mark.parametrize("url", ["frontdoor:waiting_lists", "frontdoor:waiting_equity"])
def test_the_lists_take_the_same_queries_whatever_the_size(
    client, manager, quality, team, url, principles, django_assert_max_num_queries
):
    for user, query in ((manager, ""), (quality, "?team=all")):
        client.force_login(user)
        _waits(team, 3)
        _dhsc_chains(team, 1)
        with django_assert_max_num_queries(15) as small:
            client.get(reverse(url) + query)
        _waits(team, 40, start=100)
        _dhsc_chains(team, 3, start=10)
        with django_assert_max_num_queries(len(small)):
            client.get(reverse(url) + query)


def test_the_lists_show_dhscs_waiting_times_of_the_team(
    manager_client, quality_client, team, other_team, principles
):
    for days, person in ((10, PersonFactory(team=team)), (20, PersonFactory(team=team))):
        dhsc_request(person, date(2026, 10, 1))
        dhsc_assessment(person, date(2026, 10, 1) + timedelta(days=days))
    elsewhere = PersonFactory(team=other_team)
    dhsc_request(elsewhere, date(2026, 10, 1))
    dhsc_assessment(elsewhere, date(2026, 10, 31))
    content = manager_client.get(reverse("frontdoor:waiting_lists")).content.decode()
    assert "Waiting times as DHSC measures them" in content
    assert "October to December 2026" in content and "April to June 2024" in content
    assert "15.0 days" in content  # the median of 10 and 20: not the other team's 30
    content = quality_client.get(reverse("frontdoor:waiting_lists") + "?team=all").content
    assert "20.0 days" in content.decode()  # 10, 20 and 30


def test_navigation_has_waiting_lists(practitioner_client):
    content = practitioner_client.get(reverse("home")).content.decode()
    assert 'href="/waiting-lists/"' in content


# --- A piece of work ---


@pytest.fixture
def item(person):
    return WorkItemFactory(person=person, waiting_since=TODAY - timedelta(days=9))


def test_the_work_item_page_is_logged(manager_client, manager, item):
    response = manager_client.get(reverse("frontdoor:work_item", args=[item.pk]))
    assert response.status_code == 200
    assert AccessEvent.objects.filter(user=manager, person=item.person).exists()
    assert "9 days" in response.content.decode()


def test_allocate_offers_only_the_teams_active_recorders(manager_client, item, colleague, outsider):
    response = manager_client.get(reverse("frontdoor:work_item", args=[item.pk]))
    choices = list(response.context["allocate_form"].fields["worker"].queryset)
    assert colleague in choices and outsider not in choices


@pytest.mark.parametrize("who", ["outsider", "deactivated"])
def test_a_crafted_post_of_a_worker_who_cannot_take_work_is_refused(
    manager_client, item, outsider, colleague, who
):
    worker = outsider
    if who == "deactivated":
        colleague.is_active = False
        colleague.save()
        worker = colleague
    response = manager_client.post(
        reverse("frontdoor:work_item_allocate", args=[item.pk]),
        {"allocate-worker": worker.pk, "allocate-expected_holder": "", "allocate-reason": "Kept"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Select an active member of the team who records" in content
    assert 'value="Kept"' in content  # nothing typed is lost
    item.refresh_from_db()
    assert item.allocated_to is None


def test_the_second_manager_is_told_who_got_it(manager_client, item, colleague, practitioner):
    url = reverse("frontdoor:work_item_allocate", args=[item.pk])
    first = manager_client.post(
        url, {"allocate-worker": colleague.pk, "allocate-expected_holder": ""}
    )
    assert first.status_code == 302
    second = manager_client.post(
        url, {"allocate-worker": practitioner.pk, "allocate-expected_holder": ""}, follow=True
    )
    assert "Bob Baker allocated this to Erin Evans at 10:32" in second.content.decode()
    item.refresh_from_db()
    assert item.allocated_to == colleague
    assert Allocation.objects.count() == 1


def test_closing_without_a_reason_is_refused_next_to_the_field(manager_client, item):
    response = manager_client.post(
        reverse("frontdoor:work_item_close", args=[item.pk]), {"close-how": "closed"}
    )
    assert "Enter why it was closed" in response.content.decode()
    assert WorkItem.objects.get(pk=item.pk).is_open


def test_allocating_a_person(manager_client, person, colleague):
    response = manager_client.post(
        reverse("frontdoor:person_allocate", args=[person.pk]),
        {"allocate-worker": colleague.pk, "allocate-expected_holder": person.allocated_worker_id},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.allocated_worker == colleague


def test_home_shows_what_was_allocated_to_the_worker(
    manager_client, client, item, colleague, person
):
    manager_client.post(
        reverse("frontdoor:work_item_allocate", args=[item.pk]),
        {"allocate-worker": colleague.pk, "allocate-expected_holder": ""},
    )
    client.force_login(colleague)
    content = client.get(reverse("home")).content.decode()
    assert "Allocated to you" in content
    assert "Needs assessment for Margaret Oyelaran" in content


# --- All of a worker's work ---


def test_moving_all_when_something_changed_shows_what_and_moves_nothing(
    manager_client, team, person, practitioner, colleague
):
    WorkItemFactory(person=person, allocated_to=practitioner)
    url = reverse("frontdoor:reallocate_all", args=[practitioner.pk])
    page = manager_client.get(url)
    form = page.context["form"]
    data = {
        f"move-{name}": form[name].value()
        for name in ("shown_items", "shown_people", "shown_tasks")
    }
    TaskFactory(owner=practitioner, person=person, what="Ring her daughter")  # new meanwhile
    response = manager_client.post(
        url, {**data, "move-worker": colleague.pk, "move-reason": "Left"}
    )
    content = response.content.decode()
    assert "Nothing was moved" in content and "1 new task appeared" in content
    assert "Ring her daughter" in content
    assert not Allocation.objects.exists()
    # Sent again as now shown, it moves.
    form = response.context["form"]
    data = {
        f"move-{name}": form[name].value()
        for name in ("shown_items", "shown_people", "shown_tasks")
    }
    response = manager_client.post(
        url, {**data, "move-worker": colleague.pk, "move-reason": "Left"}
    )
    assert response.status_code == 302
    assert Allocation.objects.count() == 2
