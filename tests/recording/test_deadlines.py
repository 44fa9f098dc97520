import bisect
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recording.deadlines import due_date, is_working_day, working_days_late


@pytest.mark.parametrize(
    ("contact", "due"),
    [
        # The SPEC's examples.
        (date(2026, 11, 23), date(2026, 11, 25)),  # Monday -> Wednesday
        (date(2026, 11, 27), date(2026, 12, 1)),  # Friday -> Tuesday
        (date(2026, 11, 28), date(2026, 12, 1)),  # Saturday -> Tuesday
        # Christmas Eve: Christmas Day, the weekend and Boxing Day observed on Monday 28th
        # do not count.
        (date(2026, 12, 24), date(2026, 12, 30)),
        # Easter 2026: Good Friday 3 April, Easter Monday 6 April (England only).
        (date(2026, 4, 2), date(2026, 4, 8)),
        # Late summer bank holiday, Monday 31 August 2026.
        (date(2026, 8, 28), date(2026, 9, 2)),
        # One-off bank holidays: the state funeral and the coronation.
        (date(2022, 9, 16), date(2022, 9, 21)),
        (date(2023, 5, 5), date(2023, 5, 10)),
    ],
)
def test_due_date_examples(contact, due):
    assert due_date(contact) == due


def test_a_closure_day_moves_the_due_date():
    # A contact on Monday 22 December 2025 is due on Wednesday 24th; with the council
    # closed on the 24th, and the 25th and 26th bank holidays, it is due on Monday 29th.
    assert due_date(date(2025, 12, 22)) == date(2025, 12, 24)
    assert due_date(date(2025, 12, 22), frozenset({date(2025, 12, 24)})) == date(2025, 12, 29)


@pytest.mark.parametrize(
    ("due", "done", "late"),
    [
        (date(2026, 11, 25), date(2026, 11, 25), 0),
        (date(2026, 11, 25), date(2026, 11, 24), 0),
        (date(2026, 11, 25), date(2026, 11, 26), 1),
        (date(2026, 11, 25), date(2026, 12, 1), 4),  # Thu, Fri, Mon, Tue
        (date(2026, 11, 27), date(2026, 11, 28), 1),  # a Saturday after a Friday due date
        (date(2026, 12, 23), date(2026, 12, 29), 2),  # Thursday 24th and Tuesday 29th
    ],
)
def test_working_days_late(due, done, late):
    assert working_days_late(due, done) == late


# --- Property tests against an independent count ---------------------------------------

START, END = date(2013, 1, 1), date(2028, 12, 31)
closure_days_strategy = st.frozensets(st.dates(START, END), max_size=20)


def _working_days_between(closures: frozenset[date]) -> list[date]:
    days = []
    day = START - timedelta(days=10)
    while day <= END + timedelta(days=40):
        if is_working_day(day, closures):
            days.append(day)
        day += timedelta(days=1)
    return days


WORKING_DAYS = _working_days_between(frozenset())


@settings(max_examples=300, deadline=None)
@given(st.dates(START, END))
def test_due_date_is_the_second_working_day_in_the_calendar_after_the_contact(contact):
    # The oracle: find the contact's place in the sorted list of all working days and
    # step two entries on.
    index = bisect.bisect_right(WORKING_DAYS, contact)
    assert due_date(contact) == WORKING_DAYS[index + 1]


@settings(max_examples=100, deadline=None)
@given(st.dates(START, END), closure_days_strategy)
def test_due_date_never_lands_on_a_closed_day_and_skips_exactly_two_working_days(contact, closures):
    due = due_date(contact, closures)
    assert is_working_day(due, closures)
    between = [contact + timedelta(days=n) for n in range(1, (due - contact).days)]
    assert sum(is_working_day(day, closures) for day in between) == 1


def test_every_day_from_2013_to_2028_against_the_working_day_calendar():
    day, mismatches = START, []
    while day <= END:
        expected = WORKING_DAYS[bisect.bisect_right(WORKING_DAYS, day) + 1]
        if due_date(day) != expected:
            mismatches.append(day)
        day += timedelta(days=1)
    assert mismatches == []
