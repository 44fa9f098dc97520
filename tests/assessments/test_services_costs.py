"""A plan support's CLD service details and costs (issue 18, part 2): the weekly cost is
worked out from the unit cost, what it is per and the planned units (`rules.weekly_cost`),
never typed twice; the plan's weekly cost stays their sum; completion needs every
support's service details; a direct payment is never long-term support in prison."""

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from assessments.models import CarePlan, PlanSupport
from assessments.rules import PRISON_DIRECT_PAYMENT, planned_units, weekly_cost
from config import cld
from recording.deadlines import LONDON
from tests.assessments.factories import care_plan_for, eligibility_for, needs_assessment_for
from tests.assessments.test_views import plan_data, save_form, start

F = cld.CostFrequency
MONEY = st.decimals(min_value=0, max_value=Decimal("99999.99"), places=2)
UNITS = st.decimals(min_value=0, max_value=Decimal("168"), places=2)


# --- The rule ---


@pytest.mark.parametrize(
    ("cost", "per", "units", "weekly"),
    [
        ("400", F.MONTHLY, None, "92.31"),  # 400 x 12 / 52
        ("18.50", F.HOURLY, "7", "129.50"),
        ("60", F.DAILY, "2.5", "150.00"),
        ("25", F.PER_SESSION, "3", "75.00"),
        ("120", F.WEEKLY, "9", "120.00"),  # the frequency says the units
        ("240", F.FORTNIGHTLY, None, "120.00"),
        ("480", F.FOUR_WEEKLY, None, "120.00"),
        ("1560", F.QUARTERLY, None, "120.00"),
        ("6240", F.ANNUALLY, None, "120.00"),
        ("520", F.ONE_OFF, None, "10.00"),  # spread over a year
        ("0.01", F.MONTHLY, None, "0.00"),
    ],
)
def test_the_weekly_cost_of_a_support(cost, per, units, weekly):
    assert weekly_cost(Decimal(cost), per, Decimal(units) if units else None) == Decimal(weekly)


@pytest.mark.parametrize(
    ("cost", "per", "units"),
    [(None, F.WEEKLY, None), (Decimal("10"), "", None), (Decimal("10"), F.HOURLY, None)],
)
def test_no_weekly_cost_until_the_costs_say_it(cost, per, units):
    assert weekly_cost(cost, per, units) is None


@given(cost=MONEY, units=UNITS, per=st.sampled_from([F.HOURLY, F.DAILY, F.PER_SESSION]))
def test_a_cost_per_unit_is_the_cost_times_the_units_to_the_penny(cost, units, per):
    assert weekly_cost(cost, per, units) == (cost * units).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


@given(cost=MONEY, units=st.none() | UNITS, per=st.sampled_from(list(cld.UNITS_PER_WEEK)))
def test_a_frequency_of_a_week_or_longer_says_its_units(cost, units, per):
    weekly = weekly_cost(cost, per, units)
    exact = Fraction(cost) * Fraction(cld.UNITS_PER_WEEK[per]).limit_denominator(52)
    assert abs(Fraction(weekly) - exact) <= Fraction(1, 200)  # rounded once, to the penny
    assert weekly <= cost and weekly >= 0
    assert weekly == weekly_cost(cost, per, None)  # typed units change nothing


@given(low=MONEY, high=MONEY, per=st.sampled_from(list(F)), units=UNITS)
def test_a_dearer_unit_never_costs_less_a_week(low, high, per, units):
    low, high = sorted((low, high))
    assert weekly_cost(low, per, units) <= weekly_cost(high, per, units)


def test_the_planned_units_the_return_carries():
    assert planned_units(F.MONTHLY, None) == Decimal("0.23")
    assert planned_units(F.WEEKLY, Decimal("5")) == Decimal("1.00")
    assert planned_units(F.HOURLY, Decimal("7.5")) == Decimal("7.5")
    assert planned_units(F.ONE_OFF, Decimal("1")) is None


# --- The plan ---


@pytest.fixture
def _frozen():
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=False):
        yield


@pytest.fixture
def eligibility(_frozen, person, practitioner, manager):
    return eligibility_for(
        needs_assessment_for(person, practitioner), practitioner, authorised_by=manager
    )


def _support(plan, **fields) -> PlanSupport:
    return PlanSupport.objects.create(
        plan=plan, position=plan.supports.count() + 1, need="A need", how_met="Help", **fields
    )


@pytest.mark.django_db
def test_the_plans_weekly_cost_is_the_sum_of_its_supports(eligibility, practitioner):
    plan = care_plan_for(
        eligibility,
        practitioner,
        completed=False,
        supports=[
            {"need": "Washing", "how_met": "Home care", "kind": "traditional",
             "unit_cost": Decimal("18.50"), "cost_frequency": F.HOURLY,
             "planned_units_per_week": Decimal("7")},
            {"need": "Going out", "how_met": "A club", "kind": "traditional",
             "unit_cost": Decimal("400"), "cost_frequency": F.MONTHLY},
        ],
    )  # fmt: skip
    weekly = [s.weekly_cost for s in plan.supports.all()]
    assert weekly == [Decimal("129.50"), Decimal("92.31")]
    assert plan.money().total_cost == Decimal("221.81")
    assert plan.supports.get(position=2).planned_units_per_week == Decimal("0.23")


@pytest.mark.django_db
def test_completion_needs_each_supports_service_details(eligibility, practitioner):
    plan = care_plan_for(eligibility, practitioner, completed=False)
    bare = _support(plan, kind="traditional", cost_frequency=F.HOURLY, unit_cost=Decimal("20"))
    errors = CarePlan.objects.get(pk=plan.pk).completion_errors()
    n = bare.position
    assert errors[f"support_{n}_service_type"] == f"Select the service type of support {n}"
    assert errors[f"support_{n}_delivery_mechanism"] == f"Select how support {n} is delivered"
    assert errors[f"support_{n}_start_date"] == f"Enter the date support {n} starts"
    assert errors[f"support_{n}_planned_units_per_week"] == (
        f"Enter how many hours a week support {n} is planned for"
    )
    assert not any(key.startswith("support_1_") for key in errors)  # the factory's are whole


@pytest.mark.django_db
def test_completion_refuses_a_wrong_cqc_id_and_a_direct_payment_in_prison(
    eligibility, practitioner
):
    plan = care_plan_for(eligibility, practitioner, completed=False)
    PlanSupport.objects.filter(plan=plan, position=1).update(
        provider_cqc_location_id="RX1-234",
        service_type=cld.ServiceType.LTS_PRISON,
        delivery_mechanism=cld.DeliveryMechanism.DIRECT_PAYMENT,
    )
    errors = CarePlan.objects.get(pk=plan.pk).completion_errors()
    assert errors["support_1_provider_cqc_location_id"].startswith("Enter the CQC location ID")
    assert errors["support_1_delivery_mechanism"] == PRISON_DIRECT_PAYMENT


@pytest.fixture
def draft(client, practitioner, eligibility):
    client.force_login(practitioner)
    return start(client, eligibility.person, "care_plan")


def test_the_form_works_out_and_shows_the_weekly_cost(client, draft):
    response = save_form(
        client,
        draft,
        plan_data(
            support_1_unit_cost="400",
            support_1_cost_frequency="Monthly",
            support_2_unit_cost="18.50",
            support_2_cost_frequency="Hourly",
            support_2_planned_units_per_week="2",
            personal_budget="200",
            top_up="",
            action="save",
        ),
    )
    assert response.status_code == 302
    plan = CarePlan.objects.get(pk=draft.pk)
    assert [s.weekly_cost for s in plan.supports.all()] == [Decimal("92.31"), Decimal("37.00")]
    page = client.get(plan.get_edit_url()).text
    assert "Weekly cost: £92.31 (worked out from £400.00 per month)." in page
    assert "Weekly cost: £37.00 (worked out from £18.50 per hour, 2 a week)." in page
    assert 'name="support_1_weekly_cost"' not in page  # never typed


def test_the_form_refuses_a_direct_payment_in_prison_next_to_the_field(client, draft):
    response = save_form(
        client,
        draft,
        plan_data(
            support_1_service_type="Long term support: Prison",
            support_1_delivery_mechanism="Direct payment",
            support_1_provider_cqc_location_id="12345",
            action="save",
        ),
    )
    assert response.status_code == 400
    page = response.text
    assert 'href="#id_support_1_delivery_mechanism' in page  # the summary links to it
    assert "A direct payment cannot be used for long-term support in prison" in page
    assert "Enter the CQC location ID as 1- then numbers" in page
    assert not CarePlan.objects.get(pk=draft.pk).supports.exists()  # nothing saved


def test_a_start_more_than_a_year_ahead_is_refused(client, draft):
    response = save_form(client, draft, plan_data(support_1_start_date_2="2031", action="save"))
    assert response.status_code == 400
    assert "The service must start within a year of today" in response.text
