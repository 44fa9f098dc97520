"""Pure rules the dashboards apply: no database, no clock. Unit-tested in
tests/dashboards/test_rules.py."""

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


def percent_text(value: float | None) -> str:
    return "No records" if value is None else f"{value:.0f}%"


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
