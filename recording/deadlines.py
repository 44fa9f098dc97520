"""The two-working-day recording rule (Hertfordshire principle 6: "Recording ... must be
completed within two working days of contact with the person, including provisional
care packages").

Pure functions: no database, no clock. Callers pass the contact's *local* date
(Europe/London) and the council's closure days.

A working day is Monday to Friday that is neither an England and Wales bank holiday
(from the maintained `holidays` library) nor a council closure day. The contact's date
is day 0; the record is due by the end of the second working day after it.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")
WORKING_DAYS_ALLOWED = 2


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays in `year` (subdiv ENG: without it, Easter Monday
    and the late summer bank holiday are missing)."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date, closure_days: frozenset[date] = frozenset()) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year) and day not in closure_days


def add_working_days(start: date, count: int, closure_days: frozenset[date] = frozenset()) -> date:
    """The `count`-th working day after `start` (`start` itself never counts)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day, closure_days):
            count -= 1
    return day


def due_date(contact_date: date, closure_days: frozenset[date] = frozenset()) -> date:
    """The date by the end of which the record of a contact on `contact_date` is due."""
    return add_working_days(contact_date, WORKING_DAYS_ALLOWED, closure_days)


def working_days_late(due: date, done_on: date, closure_days: frozenset[date] = frozenset()) -> int:
    """How many working days after `due` a record was completed on (or is still open
    on) `done_on`: 0 when on time. Completing on a weekend straight after the due date is
    still late, and counts as 1."""
    if done_on <= due:
        return 0
    late = 0
    day = due
    while day < done_on:
        day += timedelta(days=1)
        if is_working_day(day, closure_days):
            late += 1
    return max(late, 1)


def working_days_before(end: date, count: int, closure_days: frozenset[date] = frozenset()) -> date:
    """The `count`-th working day before `end` (`end` itself never counts)."""
    day = end
    while count > 0:
        day -= timedelta(days=1)
        if is_working_day(day, closure_days):
            count -= 1
    return day


def contact_dates_a_closure_can_move(
    day: date, closure_days: frozenset[date] = frozenset()
) -> tuple[date, date]:
    """The open range (after, before) of contact dates whose due date closing (or
    reopening) `day` can move: contacts before `day` with fewer than two working days
    between them and it. Whether `day` itself is closed does not change the range, so
    the same range serves adding and removing a closure day."""
    others = closure_days - {day}
    return working_days_before(day, WORKING_DAYS_ALLOWED + 1, others), day


class TrackerState(StrEnum):
    """Where a record stands against the two-working-day clock (SPEC 2)."""

    ON_TIME = "on_time"
    COMPLETED_LATE = "completed_late"
    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    DUE_TOMORROW = "due_tomorrow"
    UPCOMING = "upcoming"

    @property
    def label(self) -> str:
        return TRACKER_LABELS[self]


# An open record's states: not yet due, and all of them with overdue.
NOT_YET_DUE = (TrackerState.DUE_TODAY, TrackerState.DUE_TOMORROW, TrackerState.UPCOMING)
OPEN_STATES = (TrackerState.OVERDUE, *NOT_YET_DUE)

TRACKER_LABELS = {
    TrackerState.ON_TIME: "Completed on time",
    TrackerState.COMPLETED_LATE: "Completed late",
    TrackerState.OVERDUE: "Overdue",
    TrackerState.DUE_TODAY: "Due today",
    TrackerState.DUE_TOMORROW: "Due next working day",
    TrackerState.UPCOMING: "Upcoming",
}


def tracker_state(
    *, due: date, completed_on: date | None, today: date, next_working_day: date
) -> TrackerState:
    """The state of one obligation. `recording.models.tracker_conditions` says the same in
    SQL, for each row (`with_tracker`) and for counts (`tracker_counts`); a test holds
    them to the same answers."""
    if completed_on is not None:
        return TrackerState.ON_TIME if completed_on <= due else TrackerState.COMPLETED_LATE
    if due < today:
        return TrackerState.OVERDUE
    if due == today:
        return TrackerState.DUE_TODAY
    if due <= next_working_day:
        return TrackerState.DUE_TOMORROW
    return TrackerState.UPCOMING


@dataclass
class WorkingCalendar:
    """`today` and the council's closure days, for answering many rows of a list: the
    next working day, and how late each overdue or late record is (memoised by date)."""

    today: date
    closure_days: frozenset[date] = frozenset()
    _late: dict = field(default_factory=dict, repr=False)

    @property
    def next_working_day(self) -> date:
        return add_working_days(self.today, 1, self.closure_days)

    def days_late(self, due: date, done_on: date | None = None) -> int:
        key = (due, done_on or self.today)
        if key not in self._late:
            self._late[key] = working_days_late(due, key[1], self.closure_days)
        return self._late[key]


def tracker_label(state: TrackerState, *, due: date, working_days_late: int, today: date) -> str:
    """What a tag says about an obligation, e.g. "Overdue by 3 working days"."""
    plural = "" if working_days_late == 1 else "s"
    if state == TrackerState.COMPLETED_LATE:
        return f"Completed {working_days_late} working day{plural} late"
    if state == TrackerState.OVERDUE:
        return f"Overdue by {working_days_late} working day{plural}"
    if state in (TrackerState.DUE_TOMORROW, TrackerState.UPCOMING):
        if due == today + timedelta(days=1):
            return "Due tomorrow"
        return f"Due {due:%A} {due.day} {due:%B}"
    return state.label
