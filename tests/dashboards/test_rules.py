from datetime import date

import pytest

from dashboards.rules import (
    Timeliness,
    default_period,
    month_start,
    neutralise,
    next_month,
    next_week,
    percent_text,
    periods_between,
    roll_up,
    share,
    week_start,
)


@pytest.mark.parametrize(
    ("part", "whole", "expected"), [(1, 2, 50.0), (0, 3, 0.0), (3, 3, 100.0), (0, 0, None)]
)
def test_share_of_nothing_is_none_not_a_division_by_zero(part, whole, expected):
    assert share(part, whole) == expected


def test_percent_text_says_no_records_for_an_empty_period():
    assert percent_text(None) == "No records"
    assert percent_text(66.666) == "67%"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+44 1234", "'+44 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("Maggie", "Maggie"),
        (-3, -3),  # a number is never a formula
        (12.5, 12.5),
        ("", ""),
    ],
)
def test_neutralise_stops_formulas_and_keeps_numbers(cell, expected):
    assert neutralise(cell) == expected


def test_timeliness_share_leaves_out_records_not_yet_due():
    figures = Timeliness(on_time=2, late=1, overdue=1, not_yet_due=5)
    assert figures.records == 9
    assert figures.decided == 4
    assert figures.on_time_share == 50.0
    assert Timeliness(not_yet_due=3).on_time_share is None


def test_weeks_start_on_monday_and_months_on_the_first():
    assert week_start(date(2026, 11, 22)) == date(2026, 11, 16)  # a Sunday
    assert week_start(date(2026, 11, 23)) == date(2026, 11, 23)
    assert month_start(date(2026, 11, 23)) == date(2026, 11, 1)
    assert next_month(date(2026, 12, 1)) == date(2027, 1, 1)
    assert next_month(date(2026, 1, 1)) == date(2026, 2, 1)


def test_roll_up_sums_days_into_their_weeks():
    by_day = {
        date(2026, 11, 9): Timeliness(on_time=1),
        date(2026, 11, 13): Timeliness(late=1),
        date(2026, 11, 16): Timeliness(overdue=1),
    }
    assert roll_up(by_day, week_start) == {
        date(2026, 11, 9): Timeliness(on_time=1, late=1),
        date(2026, 11, 16): Timeliness(overdue=1),
    }


def test_periods_between_include_empty_weeks():
    weeks = periods_between(date(2026, 11, 4), date(2026, 11, 23), week_start, next_week)
    assert weeks == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]


def test_default_period_is_twelve_weeks_from_a_monday():
    assert default_period(date(2026, 11, 23)) == (date(2026, 9, 7), date(2026, 11, 23))
