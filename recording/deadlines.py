"""The two-working-day recording rule (Hertfordshire principle 6: "Recording ... must be
completed within two working days of contact with the person, including provisional
care packages").

Pure functions: no database, no clock. Callers pass the contact's *local* date
(Europe/London) and the council's closure days.

A working day is Monday to Friday that is neither an England and Wales bank holiday
(from the maintained `holidays` library) nor a council closure day. The contact's date
is day 0; the record is due by the end of the second working day after it.
"""

from datetime import date, datetime, time, timedelta
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


def due_moment(due: date) -> datetime:
    """The last second of the due date, Europe/London."""
    return datetime.combine(due, time(23, 59, 59), tzinfo=LONDON)


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
