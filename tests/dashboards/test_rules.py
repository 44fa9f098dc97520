from datetime import date

import pytest

from dashboards.rules import (
    MONTH,
    QUARTER,
    WEEK,
    Timeliness,
    default_period,
    month_start,
    neutralise,
    next_month,
    next_quarter,
    next_week,
    not_yet_due_text,
    percent_text,
    periods_between,
    quarter_start,
    roll_up,
    share,
    trend_grain,
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


@pytest.mark.parametrize(
    ("date_from", "date_to", "grain"),
    [
        (date(2026, 11, 23), date(2026, 11, 23), WEEK),  # one day
        (date(2026, 9, 7), date(2026, 11, 23), WEEK),  # the default twelve weeks
        (date(2026, 1, 1), date(2026, 7, 1), WEEK),  # 26 weeks: 27 rows at most
        (date(2026, 1, 1), date(2026, 7, 2), MONTH),  # 26 weeks and a day
        (date(2025, 1, 1), date(2026, 12, 31), MONTH),  # exactly two years
        (date(2025, 1, 1), date(2027, 1, 1), QUARTER),  # two years and a day
        (date(2024, 2, 29), date(2026, 2, 28), MONTH),  # from a leap day
        (date(2024, 2, 29), date(2026, 3, 1), QUARTER),
        (date(2023, 11, 23), date(2026, 11, 23), QUARTER),  # three years
    ],
)
def test_a_long_range_is_grouped_by_month_and_beyond_two_years_by_quarter(
    date_from, date_to, grain
):
    assert trend_grain(date_from, date_to) == grain


@pytest.mark.parametrize(
    ("date_from", "date_to", "rows"),
    [
        (date(2026, 1, 1), date(2026, 7, 1), 27),
        (date(2025, 1, 1), date(2026, 12, 31), 24),
        (date(2023, 11, 23), date(2026, 11, 23), 13),
        (date(2016, 1, 1), date(2026, 12, 31), 44),  # ten years: quarters, not 574 weeks
    ],
)
def test_a_trend_never_has_hundreds_of_rows(date_from, date_to, rows):
    grain = trend_grain(date_from, date_to)
    assert len(periods_between(date_from, date_to, grain.period_of, grain.step)) == rows


def test_quarters_are_calendar_quarters_named_by_their_months():
    assert quarter_start(date(2026, 11, 23)) == date(2026, 10, 1)
    assert quarter_start(date(2026, 3, 31)) == date(2026, 1, 1)
    assert next_quarter(date(2026, 10, 1)) == date(2027, 1, 1)
    assert QUARTER.label(date(2026, 10, 1)) == "Oct to Dec 2026"
    assert QUARTER.caption == "By quarter"


def test_a_period_with_only_records_not_yet_due_says_so():
    pending = Timeliness(not_yet_due=12)
    assert pending.share_text == "Not yet due"
    assert pending.summary == "12 records are not yet due; none is late"
    assert not_yet_due_text(1) == "1 record is not yet due; none is late"
    assert Timeliness().share_text == "No records"
    assert Timeliness(on_time=1, not_yet_due=3).share_text == "100%"
    assert Timeliness(on_time=1).summary == "completed within two working days"
