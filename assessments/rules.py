"""The rules of the Care Act records, as plain functions (no database): the budget and
top-up (Herts P3), the 12-month review (Lancs P4), eligibility (the 2015 Regulations),
which records can be started, who may authorise, and which copies the person is owed
(Herts P5)."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from config.cld import UNITS_PER_WEEK, CostFrequency
from config.kinds import RecordKind
from config.money import pounds

REVIEW_WITHIN_MONTHS = 12


def add_months(day: date, months: int) -> date:
    """`day` moved on by whole months; the 29-31st become the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def latest_review_date(start: date) -> date:
    """The latest allowed next review: 12 months on (Lancs P4, "annual review as a
    minimum")."""
    return add_months(start, REVIEW_WITHIN_MONTHS)


@dataclass(frozen=True)
class Budget:
    """The plan's weekly money, in pounds and pence (`Decimal`, never float)."""

    personal_budget: Decimal
    total_cost: Decimal
    top_up: Decimal

    @property
    def over_budget(self) -> Decimal:
        """How much the chosen support costs above the personal budget (0 if within)."""
        return max(self.total_cost - self.personal_budget, Decimal("0.00"))

    @property
    def shortfall(self) -> Decimal:
        """What the person's top-up leaves unfunded (0 when the plan is funded)."""
        return max(self.over_budget - self.top_up, Decimal("0.00"))

    @property
    def is_funded(self) -> bool:
        return self.shortfall == 0


def budget(
    personal_budget: Decimal | None, costs: Iterable[Decimal | None], top_up: Decimal | None
) -> Budget:
    zero = Decimal("0.00")
    return Budget(
        personal_budget=personal_budget if personal_budget is not None else zero,
        total_cost=sum((c for c in costs if c is not None), zero),
        top_up=top_up if top_up is not None else zero,
    )


def is_eligible(*, needs_from_impairment: bool, unmet_outcomes: int, wellbeing_significant: bool):
    """Regulation 2(1): all three conditions, with two or more outcomes not achieved."""
    return bool(needs_from_impairment and unmet_outcomes >= 2 and wellbeing_significant)


def is_carer_eligible(*, needs_from_caring: bool, effects: int, wellbeing_significant: bool):
    """Regulation 3(1), a carer's needs: they arise from providing necessary care for an
    adult; as a result the carer's health is at risk or they cannot achieve at least one
    of the outcomes of 3(3) (`effects`, any one is enough); and, as a consequence, there
    is or is likely to be a significant impact on their wellbeing."""
    return bool(needs_from_caring and effects >= 1 and wellbeing_significant)


def top_up_error(money: Budget) -> str:
    """What is wrong with the plan's top-up, or "" (Herts P3). A top-up exists only when
    the chosen support costs more than the personal budget, is never more than the
    difference, and must cover it; no top-up (or £0) within the budget is right."""
    if money.top_up > money.over_budget:
        if not money.over_budget:
            return (
                f"The support costs {pounds(money.total_cost)} a week, within the personal "
                f"budget of {pounds(money.personal_budget)}, so there is no top-up: leave "
                "the top-up empty"
            )
        return (
            f"The top-up must be no more than {pounds(money.over_budget)} a week, what the "
            f"support costs above the personal budget of {pounds(money.personal_budget)}"
        )
    if money.shortfall:
        return shortfall_message(money)
    return ""


def shortfall_message(money: Budget) -> str:
    return (
        f"The support costs {pounds(money.total_cost)} a week, {pounds(money.over_budget)} "
        f"more than the personal budget of {pounds(money.personal_budget)}. The person's "
        f"top-up must cover the difference: {pounds(money.shortfall)} a week is not funded"
    )


@dataclass(frozen=True)
class StartFacts:
    """What the person's completed records already allow (`services.start_facts`)."""

    completed_assessment: bool = False
    authorised_eligible_determination: bool = False
    authorised_plan: bool = False
    is_carer: bool = False  # the person's client type is unpaid carer


# Each record builds on the one before it on the person's journey (SPEC 3): a
# determination on an assessment, a plan on an authorised "eligible" determination, a
# review of an authorised plan. An assessment and a safeguarding concern need nothing.
START_NEEDS = {
    RecordKind.ELIGIBILITY: "An eligibility determination needs a completed needs assessment",
    RecordKind.CARE_PLAN: "A care and support plan needs an authorised eligibility "
    "determination that the person is eligible",
    RecordKind.REVIEW: "A review needs an authorised care and support plan",
    RecordKind.CARERS_ASSESSMENT: "A carer's assessment is for an unpaid carer: change the "
    "person's client type to unpaid carer in their details first",
}


def why_not_startable(kind: str, facts: StartFacts) -> str:
    """Why a record of `kind` cannot be started for the person now, or "" if it can."""
    has_basis = {
        RecordKind.ELIGIBILITY: facts.completed_assessment,
        RecordKind.CARE_PLAN: facts.authorised_eligible_determination,
        RecordKind.REVIEW: facts.authorised_plan,
        RecordKind.CARERS_ASSESSMENT: facts.is_carer,
    }.get(kind, True)
    return "" if has_basis else START_NEEDS[kind]


# --- Services and costs (issue 18, part 2) ---

PENNY = Decimal("0.01")
WEEKS_IN_A_YEAR = 52
# A service may be planned to start (or, on an authorised plan, to end) up to a year
# ahead; a date further on is a typing mistake.
PLANNED_WITHIN_DAYS = 366


def weekly_cost(unit_cost: Decimal | None, frequency: str, units: Decimal | None) -> Decimal | None:
    """What a support costs a week, in pounds and pence, from its CLD costs: the unit
    cost times the units a week. A weekly-or-longer frequency says its units itself
    (`cld.UNITS_PER_WEEK`, DHSC `6.Costs_fact.sql:53-66`: £400 a month is 400 x 12/52 =
    £92.31); an hourly, daily or per-session cost needs the planned units a week; a
    one-off cost is spread over the year it is reported in (÷ 52). None when the costs
    do not yet say it. Rounded half up to the penny, once, at the end."""
    if unit_cost is None or not frequency:
        return None
    if frequency in UNITS_PER_WEEK:
        factor = Fraction(UNITS_PER_WEEK[frequency]).limit_denominator(52)
    elif frequency == CostFrequency.ONE_OFF:
        factor = Fraction(1, WEEKS_IN_A_YEAR)
    elif units is None:
        return None
    else:
        factor = Fraction(units)
    exact = Fraction(unit_cost) * factor
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
        PENNY, rounding=ROUND_HALF_UP
    )


def frequency_says_units(frequency: str) -> bool:
    """Whether the cost frequency says how many units make a week (weekly or longer, or
    one-off), so no planned units a week are needed."""
    return frequency in UNITS_PER_WEEK or frequency == CostFrequency.ONE_OFF


def planned_units(frequency: str, units: Decimal | None) -> Decimal | None:
    """The planned units a week of a support, for the return: `units` as typed for a
    cost per hour, day or session; the frequency's own for weekly or longer (to the
    hundredth: a month is 0.23); none for a one-off (DHSC needs none)."""
    if frequency in UNITS_PER_WEEK:
        factor = Fraction(UNITS_PER_WEEK[frequency]).limit_denominator(52)
        exact = Decimal(factor.numerator) / Decimal(factor.denominator)
        return exact.quantize(PENNY, rounding=ROUND_HALF_UP)
    if frequency == CostFrequency.ONE_OFF:
        return None
    return units


CQC_LOCATION_ID = re.compile(r"1-[0-9]{1,12}")
CQC_SHAPE = "Enter the CQC location ID as 1- then numbers, for example 1-123456789"
PRISON_DIRECT_PAYMENT = (
    "A direct payment cannot be used for long-term support in prison: choose "
    "council-managed personal budget or council-commissioned support"
)
