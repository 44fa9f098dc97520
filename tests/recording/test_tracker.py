"""The tracker states and the closure-day range: pure rules, no database."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recording.deadlines import (
    TrackerState,
    WorkingCalendar,
    contact_dates_a_closure_can_move,
    due_date,
    tracker_label,
    tracker_state,
)

WEDNESDAY = date(2026, 11, 25)
THURSDAY = date(2026, 11, 26)
FRIDAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("due", "completed_on", "today", "state"),
    [
        (WEDNESDAY, WEDNESDAY, THURSDAY, TrackerState.ON_TIME),  # completed on the due date
        (WEDNESDAY, date(2026, 11, 24), THURSDAY, TrackerState.ON_TIME),
        (WEDNESDAY, THURSDAY, FRIDAY, TrackerState.COMPLETED_LATE),
        (WEDNESDAY, None, THURSDAY, TrackerState.OVERDUE),
        (WEDNESDAY, None, WEDNESDAY, TrackerState.DUE_TODAY),
        (THURSDAY, None, WEDNESDAY, TrackerState.DUE_TOMORROW),
        (FRIDAY, None, WEDNESDAY, TrackerState.UPCOMING),
        # On a Friday, what is due on Monday is due on the next working day.
        (date(2026, 11, 30), None, FRIDAY, TrackerState.DUE_TOMORROW),
        (date(2026, 12, 1), None, FRIDAY, TrackerState.UPCOMING),
    ],
)
def test_tracker_state(due, completed_on, today, state):
    calendar = WorkingCalendar(today=today)
    assert (
        tracker_state(
            due=due,
            completed_on=completed_on,
            today=today,
            next_working_day=calendar.next_working_day,
        )
        == state
    )


@pytest.mark.parametrize(
    ("state", "due", "late", "today", "label"),
    [
        (TrackerState.OVERDUE, WEDNESDAY, 1, THURSDAY, "Overdue by 1 working day"),
        (TrackerState.OVERDUE, WEDNESDAY, 4, date(2026, 12, 1), "Overdue by 4 working days"),
        (TrackerState.COMPLETED_LATE, WEDNESDAY, 2, FRIDAY, "Completed 2 working days late"),
        (TrackerState.DUE_TOMORROW, THURSDAY, 0, WEDNESDAY, "Due tomorrow"),
        (TrackerState.DUE_TOMORROW, date(2026, 11, 30), 0, FRIDAY, "Due Monday 30 November"),
        (TrackerState.UPCOMING, FRIDAY, 0, WEDNESDAY, "Due Friday 27 November"),
        (TrackerState.DUE_TODAY, WEDNESDAY, 0, WEDNESDAY, "Due today"),
        (TrackerState.ON_TIME, WEDNESDAY, 0, FRIDAY, "Completed on time"),
    ],
)
def test_tracker_label(state, due, late, today, label):
    assert tracker_label(state, due=due, working_days_late=late, today=today) == label


def test_the_calendar_counts_lateness_in_working_days():
    calendar = WorkingCalendar(
        today=date(2026, 12, 29), closure_days=frozenset({date(2026, 12, 24)})
    )
    # Due Wednesday 23 December; still open on Tuesday 29th: the 24th is closed, the 25th,
    # the weekend and the 28th (Boxing Day observed) are not working days.
    assert calendar.days_late(date(2026, 12, 23)) == 1
    assert calendar.days_late(date(2026, 12, 23), done_on=date(2026, 12, 23)) == 0
    assert calendar.next_working_day == date(2026, 12, 30)


def test_the_closure_range_for_christmas_eve():
    # Closing Thursday 24 December 2026 can move contacts from Tuesday 22nd and
    # Wednesday 23rd (due 24th and later), not Monday 21st (due Wednesday 23rd).
    after, before = contact_dates_a_closure_can_move(date(2026, 12, 24))
    assert (after, before) == (date(2026, 12, 21), date(2026, 12, 24))


closure_sets = st.frozensets(st.dates(date(2026, 1, 1), date(2027, 12, 31)), max_size=15)


@settings(max_examples=300, deadline=None)
@given(st.dates(date(2026, 1, 15), date(2027, 12, 15)), closure_sets)
def test_a_closure_day_moves_only_contacts_inside_its_range(day, closures):
    """Every contact whose due date closing `day` changes lies inside the range the
    set-based update filters on -- for adding and for removing the day."""
    with_day, without_day = closures | {day}, closures - {day}
    after, before = contact_dates_a_closure_can_move(day, closures)
    assert contact_dates_a_closure_can_move(day, with_day) == (after, before)
    contact = day - timedelta(days=60)
    while contact <= day + timedelta(days=5):
        if due_date(contact, with_day) != due_date(contact, without_day):
            assert after < contact < before
            # ...and its due date is on or after the day, which the update also filters on.
            assert due_date(contact, without_day) >= day
        contact += timedelta(days=1)
