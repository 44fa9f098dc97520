"""Pure rules the dashboards apply: no database, no clock. Unit-tested in
tests/dashboards/test_rules.py."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

DEFAULT_WEEKS = 12
# CSV cells that a spreadsheet would run as a formula (OWASP "CSV injection"): the four
# the issue names, plus tab and carriage return, which some spreadsheets also honour.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def share(part: int, whole: int) -> float | None:
    """`part` of `whole` as a percentage, or None when there is nothing to divide: an
    empty period shows "No records", never a division by zero."""
    if not whole:
        return None
    return 100 * part / whole


def percent_text(value: float | None, empty: str = "No records") -> str:
    return empty if value is None else f"{value:.0f}%"


def not_yet_due_text(count: int) -> str:
    """A period whose records are all still within their time: "none is late", rather
    than "No records" beside a count of records."""
    if count == 1:
        return "1 record is not yet due; none is late"
    return f"{count:,} records are not yet due; none is late"


def week_start(day: date) -> date:
    """The Monday of `day`'s week: weeks run Monday to Sunday, like working weeks."""
    return day - timedelta(days=day.weekday())


def month_start(day: date) -> date:
    return day.replace(day=1)


def default_period(today: date) -> tuple[date, date]:
    """The last twelve weeks, from a Monday, up to today."""
    return week_start(today) - timedelta(weeks=DEFAULT_WEEKS - 1), today


def neutralise(cell):
    """A CSV cell safe to open in a spreadsheet: text that starts like a formula gets a
    leading apostrophe, so it shows as typed and never runs. Numbers stay numbers."""
    if isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES):
        return "'" + cell
    return cell


@dataclass(frozen=True)
class Timeliness:
    """Records of contacts against the two-working-day clock (Herts P6), in a period.

    The share counts only the records whose clock has run out: completed ones, and open
    ones past their due date. Open records not yet due are neither on time nor late.
    """

    on_time: int = 0
    late: int = 0
    overdue: int = 0
    not_yet_due: int = 0

    @property
    def records(self) -> int:
        return self.on_time + self.late + self.overdue + self.not_yet_due

    @property
    def decided(self) -> int:
        return self.on_time + self.late + self.overdue

    @property
    def on_time_share(self) -> float | None:
        return share(self.on_time, self.decided)

    @property
    def no_share_text(self) -> str:
        """Why there is no share: every record is still within its time, or none exists."""
        return "Not yet due" if self.records else "No records"

    @property
    def share_text(self) -> str:
        return percent_text(self.on_time_share, self.no_share_text)

    @property
    def summary(self) -> str:
        """What the share means, in words under the headline figure."""
        if self.on_time_share is None and self.not_yet_due:
            return not_yet_due_text(self.not_yet_due)
        return "completed within two working days"

    def __add__(self, other: "Timeliness") -> "Timeliness":
        return Timeliness(
            on_time=self.on_time + other.on_time,
            late=self.late + other.late,
            overdue=self.overdue + other.overdue,
            not_yet_due=self.not_yet_due + other.not_yet_due,
        )


def roll_up(by_day: dict[date, Timeliness], period_of) -> dict[date, Timeliness]:
    """Daily figures summed into the periods `period_of(day)` starts (weeks, months),
    in date order."""
    totals: dict[date, Timeliness] = {}
    for day in sorted(by_day):
        key = period_of(day)
        totals[key] = totals.get(key, Timeliness()) + by_day[day]
    return totals


def periods_between(start: date, end: date, period_of, step) -> list[date]:
    """Every period from `start`'s to `end`'s, so a week with no records still shows."""
    periods, current = [], period_of(start)
    while current <= end:
        periods.append(current)
        current = step(current)
    return periods


def next_week(day: date) -> date:
    return day + timedelta(weeks=1)


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def quarter_start(day: date) -> date:
    """The first day of `day`'s calendar quarter (January, April, July, October)."""
    return day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)


def next_quarter(day: date) -> date:
    return next_month(next_month(next_month(day)))


@dataclass(frozen=True)
class Grain:
    """How finely a trend over the period is grouped: its name ("week"), where each
    group starts and the next begins, and how a group is named on the page."""

    name: str
    period_of: Callable[[date], date]
    step: Callable[[date], date]
    label: Callable[[date], str]
    reason: str = ""

    @property
    def caption(self) -> str:
        return f"By {self.name}"


# Up to half a year a manager reads week by week (at most 27 rows); beyond it, month by
# month; beyond two years, quarter by quarter -- never a table of hundreds of weeks.
WEEKS_AT_MOST = 26
MONTHS_AT_MOST_YEARS = 2

WEEK = Grain("week", week_start, next_week, lambda d: f"{d.day} {d:%b %Y}")
MONTH = Grain(
    "month",
    month_start,
    next_month,
    lambda d: f"{d:%B %Y}",
    reason=f"as the dates span more than {WEEKS_AT_MOST} weeks",
)
QUARTER = Grain(
    "quarter",
    quarter_start,
    next_quarter,
    lambda d: f"{d:%b} to {next_month(next_month(d)):%b %Y}",
    reason="as the dates span more than two years",
)


def trend_grain(date_from: date, date_to: date) -> Grain:
    """The grain a trend from `date_from` to `date_to` (both included) is grouped by."""
    if date_to < date_from + timedelta(weeks=WEEKS_AT_MOST):
        return WEEK
    try:
        two_years_on = date_from.replace(year=date_from.year + MONTHS_AT_MOST_YEARS)
    except ValueError:  # 29 February: two years on is 1 March
        two_years_on = date(date_from.year + MONTHS_AT_MOST_YEARS, 3, 1)
    if date_to < two_years_on:
        return MONTH
    return QUARTER
