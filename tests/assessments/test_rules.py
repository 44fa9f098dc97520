"""The Care Act rules as plain functions: money, the 12-month review, eligibility."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.rules import (
    StartFacts,
    add_months,
    budget,
    is_eligible,
    latest_review_date,
    pounds,
    top_up_error,
    why_not_startable,
)
from config.kinds import RecordKind


@pytest.mark.parametrize(
    ("start", "latest"),
    [
        (date(2026, 11, 25), date(2027, 11, 25)),
        (date(2028, 2, 29), date(2029, 2, 28)),  # no 29 February next year
        (date(2026, 1, 31), date(2027, 1, 31)),
    ],
)
def test_the_next_review_is_at_most_12_months_on(start, latest):
    assert latest_review_date(start) == latest


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 3, 31), 1) == date(2026, 4, 30)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_12_months_on_is_a_year_later_give_or_take_a_leap_day(day):
    later = latest_review_date(day)
    assert later.month == day.month and later.year == day.year + 1
    assert (later - day).days in (365, 366) or (day.month == 2 and day.day == 29)


def test_a_plan_within_budget_needs_no_top_up():
    money = budget(Decimal("150.00"), [Decimal("100.00"), Decimal("50.00")], None)
    assert money.over_budget == 0 and money.shortfall == 0 and money.is_funded


def test_a_top_up_must_cover_what_the_support_costs_above_the_budget():
    costs = [Decimal("120.00"), Decimal("45.50")]
    assert budget(Decimal("150.00"), costs, None).shortfall == Decimal("15.50")
    assert budget(Decimal("150.00"), costs, Decimal("10.00")).shortfall == Decimal("5.50")
    assert budget(Decimal("150.00"), costs, Decimal("15.50")).is_funded


def _money(personal_budget: str, costs: list[str], top_up: str | None):
    return budget(Decimal(personal_budget), [Decimal(c) for c in costs], top_up and Decimal(top_up))


@pytest.mark.parametrize(
    ("personal_budget", "costs", "top_up", "says"),
    [
        # Within the budget: no top-up, or £0, is right; any other top-up is refused.
        ("150.00", ["100.00"], None, ""),
        ("150.00", ["100.00"], "0.00", ""),
        ("150.00", ["100.00"], "20.00", "within the personal budget of £150.00"),
        ("150.00", ["100.00", "50.00"], "0.01", "so there is no top-up"),
        # Over the budget: the top-up is exactly the difference.
        ("150.00", ["120.00", "45.50"], "15.50", ""),
        ("150.00", ["120.00", "45.50"], None, "£15.50 a week is not funded"),
        ("150.00", ["120.00", "45.50"], "10.00", "£5.50 a week is not funded"),
        ("150.00", ["120.00", "45.50"], "20.00", "no more than £15.50 a week"),
        ("0.00", ["0.10", "0.20"], "0.30", ""),
    ],
)
def test_a_top_up_exists_only_to_cover_what_the_support_costs_above_the_budget(
    personal_budget, costs, top_up, says
):
    message = top_up_error(_money(personal_budget, costs, top_up))

    assert (message == "") if not says else (says in message)


@given(
    personal_budget=st.decimals(min_value=0, max_value=10_000, places=2),
    costs=st.lists(st.decimals(min_value=0, max_value=5_000, places=2), max_size=5),
    top_up=st.none() | st.decimals(min_value=0, max_value=10_000, places=2),
)
def test_an_accepted_top_up_is_never_more_than_the_difference_and_leaves_nothing_unfunded(
    personal_budget, costs, top_up
):
    money = budget(personal_budget, costs, top_up)
    if not top_up_error(money):
        assert money.top_up == money.over_budget and money.is_funded


def test_money_is_exact_pounds_and_pence():
    # 0.1 + 0.2 is not 0.3 in floats; the plan's arithmetic is Decimal throughout.
    money = budget(Decimal("0.30"), [Decimal("0.10"), Decimal("0.20")], None)
    assert money.total_cost == Decimal("0.30") and money.is_funded
    assert pounds(Decimal("1234.5")) == "£1,234.50"


@pytest.mark.parametrize(
    ("impairment", "unmet", "wellbeing", "eligible"),
    [
        (True, 2, True, True),
        (True, 1, True, False),  # one outcome is not enough
        (False, 5, True, False),
        (True, 5, False, False),
    ],
)
def test_eligible_only_when_all_three_conditions_are_met(impairment, unmet, wellbeing, eligible):
    assert (
        is_eligible(
            needs_from_impairment=impairment, unmet_outcomes=unmet, wellbeing_significant=wellbeing
        )
        is eligible
    )


NOTHING = StartFacts()
ASSESSED = StartFacts(completed_assessment=True)
ELIGIBLE = StartFacts(completed_assessment=True, authorised_eligible_determination=True)
PLANNED = StartFacts(
    completed_assessment=True, authorised_eligible_determination=True, authorised_plan=True
)


@pytest.mark.parametrize(
    ("kind", "facts", "reason"),
    [
        (RecordKind.NEEDS_ASSESSMENT, NOTHING, ""),
        (RecordKind.SAFEGUARDING, NOTHING, ""),
        (RecordKind.ELIGIBILITY, NOTHING, "needs a completed needs assessment"),
        (RecordKind.ELIGIBILITY, ASSESSED, ""),
        (RecordKind.CARE_PLAN, ASSESSED, "needs an authorised eligibility determination"),
        (RecordKind.CARE_PLAN, ELIGIBLE, ""),
        (RecordKind.REVIEW, ELIGIBLE, "A review needs an authorised care and support plan"),
        (RecordKind.REVIEW, PLANNED, ""),
        # Each record needs only the one it builds on: a review of an old authorised plan.
        (RecordKind.REVIEW, StartFacts(authorised_plan=True), ""),
        (RecordKind.NEEDS_ASSESSMENT, PLANNED, ""),
    ],
)
def test_a_record_can_be_started_once_the_record_it_builds_on_exists(kind, facts, reason):
    why = why_not_startable(kind, facts)

    assert (why == "") if not reason else (reason in why)
