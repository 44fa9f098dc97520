"""A support's CLD service details on an authorised plan (`assessments:support_service`,
issue 18, part 2): set or corrected, and the service ended, without changing the plan
the person was given; refused with a clear message; kept in the history; one of two
users at once wins; out of scope is a 404, quality staff read only."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from assessments.models import PlanSupport
from audit.models import AccessEvent
from config import cld
from recording.access_log import What
from recording.deadlines import LONDON
from tests.assessments.factories import care_plan_for, eligibility_for, needs_assessment_for

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_frozen")]


@pytest.fixture
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def plan(person, practitioner, manager):
    eligibility = eligibility_for(
        needs_assessment_for(person, practitioner), practitioner, authorised_by=manager
    )
    return care_plan_for(
        eligibility, practitioner, authorised_by=manager, now=datetime(2026, 10, 1, tzinfo=LONDON)
    )


@pytest.fixture
def support(plan) -> PlanSupport:
    return plan.supports.get(position=1)  # home care, £28.20 an hour, 5.25 hours a week


def url(support) -> str:
    return reverse("assessments:support_service", args=[support.pk])


def form_data(client, support, **changes) -> dict:
    """What the page's form sends, as it shows the support, with `changes`."""
    form = client.get(url(support)).context["form"]
    data = {}
    for name in form.fields:
        value = form.initial.get(name)
        if name in ("start_date", "end_date"):
            for part, number in zip(("day", "month", "year"), range(3), strict=True):
                data[f"{name}_{number}"] = str(getattr(value, part)) if value else ""
        else:
            data[name] = "" if value is None else str(value)
    data.update(changes)
    return data


def end_on(day: date, outcome=cld.EventOutcome.NFA_ENDED_PLANNED) -> dict:
    return {
        "end_date_0": str(day.day),
        "end_date_1": str(day.month),
        "end_date_2": str(day.year),
        "end_outcome": outcome,
    }


def test_the_plan_links_each_support_to_its_service_details(practitioner_client, plan, support):
    page = practitioner_client.get(plan.get_absolute_url()).text
    assert f'href="{url(support)}"' in page
    assert "Long-term support in the community, from 1 October 2026" in page


def test_ending_a_service_keeps_the_plan_and_writes_the_history(
    practitioner_client, practitioner, support
):
    response = practitioner_client.get(url(support))
    assert response.status_code == 200
    assert AccessEvent.objects.filter(
        person=support.plan.person, user=practitioner, what=What.RECORD_FORM
    ).exists()

    data = form_data(practitioner_client, support, **end_on(date(2026, 11, 20)))
    response = practitioner_client.post(url(support), data)
    assert response.status_code == 302
    support.refresh_from_db()
    assert support.end_date == date(2026, 11, 20)
    assert support.end_outcome == "NFA: Support ended as planned"
    assert support.weekly_cost == Decimal("148.05")  # the plan as given
    latest = support.history.latest()
    assert latest.history_change_reason == "Service ended"
    assert latest.history_user == practitioner
    page = practitioner_client.get(support.plan.get_absolute_url()).text
    assert "to 20 November 2026 (no further action: support ended as planned)" in page


def test_an_end_before_the_start_is_refused_next_to_the_field(practitioner_client, support):
    data = form_data(practitioner_client, support, **end_on(date(2026, 9, 30)))
    response = practitioner_client.post(url(support), data)
    assert response.status_code == 400
    assert "The service cannot end before it starts" in response.text
    assert 'href="#id_end_date' in response.text
    support.refresh_from_db()
    assert support.end_date is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (end_on(date(2028, 1, 1)), "The service must end within a year of today"),
        ({**end_on(date(2026, 11, 20)), "end_outcome": ""}, "Select why the service ended"),
        ({"end_outcome": "NFA: Deceased"}, "Enter the date the service ends"),
        ({"provider_cqc_location_id": "1-ABC"}, "Enter the CQC location ID as 1- then numbers"),
        ({"unit_cost": "30"}, "but the authorised plan says £148.05 a week"),
        ({"planned_units_per_week": ""}, "Enter how many hours a week the service is planned"),
        (
            {"service_type": "Long term support: Prison", "delivery_mechanism": "Direct payment"},
            "A direct payment cannot be used for long-term support in prison",
        ),
    ],
)
def test_what_no_service_may_say_is_refused(practitioner_client, support, changes, message):
    before = support.history.count()
    response = practitioner_client.post(
        url(support), form_data(practitioner_client, support, **changes)
    )
    assert response.status_code == 400
    assert message in response.text
    assert support.history.count() == before


def test_a_planned_end_may_be_in_the_future(practitioner_client, support):
    data = form_data(practitioner_client, support, **end_on(date(2027, 3, 31)))
    assert practitioner_client.post(url(support), data).status_code == 302
    support.refresh_from_db()
    assert support.end_date == date(2027, 3, 31)


def test_the_costs_may_be_corrected_if_they_keep_the_weekly_cost(practitioner_client, support):
    data = form_data(
        practitioner_client,
        support,
        unit_cost="148.05",
        cost_frequency="Weekly",
        planned_units_per_week="",
        service_component="Reablement",
    )
    assert practitioner_client.post(url(support), data).status_code == 302
    support.refresh_from_db()
    assert (support.unit_cost, support.cost_frequency) == (Decimal("148.05"), "Weekly")
    assert support.planned_units_per_week == Decimal("1.00")
    assert support.service_component == "Reablement"
    assert support.history.latest().history_change_reason == "Service details"


def test_two_users_at_once_one_wins_and_the_other_is_told(
    practitioner_client, manager_client, support
):
    mine = form_data(practitioner_client, support, **end_on(date(2026, 11, 20)))
    theirs = form_data(
        manager_client, support, **end_on(date(2026, 11, 21), cld.EventOutcome.HOSPITAL)
    )
    assert practitioner_client.post(url(support), mine).status_code == 302
    response = manager_client.post(url(support), theirs, follow=True)
    page = response.text.replace("&#x27;", "'").replace("&#39;", "'")
    assert "Someone else changed this service's details since you opened the page" in page
    support.refresh_from_db()
    assert support.end_date == date(2026, 11, 20)  # the first one's, whole
    assert support.end_outcome == "NFA: Support ended as planned"


def test_quality_staff_read_but_do_not_change(quality_client, support):
    page = quality_client.get(url(support))
    assert page.status_code == 200
    assert 'name="seen"' not in page.text  # no form
    assert "Long-term support in the community" in page.text
    data = {**end_on(date(2026, 11, 20)), "seen": "x"}
    assert quality_client.post(url(support), data).status_code == 403
    support.refresh_from_db()
    assert support.end_date is None


def test_out_of_scope_is_a_404(outsider_client, administrator_client, support):
    assert outsider_client.get(url(support)).status_code == 404
    assert administrator_client.get(url(support)).status_code == 404
    assert outsider_client.post(url(support), end_on(date(2026, 11, 20))).status_code == 404


def test_a_restricted_persons_service_is_their_workers_and_managers_only(
    colleague, manager_client, practitioner_client, support
):
    from django.test import Client

    person = support.plan.person
    type(person).objects.filter(pk=person.pk).update(is_restricted=True)
    erin = Client()
    erin.force_login(colleague)
    assert erin.get(url(support)).status_code == 404
    assert practitioner_client.get(url(support)).status_code == 200  # her allocated worker
    assert manager_client.get(url(support)).status_code == 200


def test_a_draft_plans_supports_are_changed_in_the_plan(practitioner_client, plan, practitioner):
    draft = care_plan_for(plan.eligibility, practitioner, completed=False)
    support = draft.supports.first()
    assert practitioner_client.get(url(support)).status_code == 404
    assert reverse("assessments:support_service", args=[support.pk]) not in (
        practitioner_client.get(draft.get_absolute_url()).text
    )


def test_a_missing_support_is_a_404(practitioner_client):
    assert practitioner_client.get("/assessments/supports/999999/service/").status_code == 404
