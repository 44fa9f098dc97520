"""Dates of things that happened are today or in the past, today being the date on the
clocks in London (issue 14, part 6): one rule (`config.past_dates`), one form field
(`config.forms.PastDateField`), used by every such date."""

from datetime import date, datetime

import pytest
import time_machine
from django import forms

from config.forms import PastDateField
from config.past_dates import future_date_error, local_today, past_date_errors
from recording.deadlines import LONDON

REVIEW = "The date of the review"


@pytest.mark.parametrize(
    ("day", "today", "refused"),
    [
        (date(2026, 11, 30), date(2026, 11, 30), False),  # today
        (date(2026, 11, 29), date(2026, 11, 30), False),
        (date(2026, 12, 1), date(2026, 11, 30), True),  # tomorrow
        (date(2026, 12, 3), date(2026, 11, 30), True),  # the review "held" on 3 December
        (date(2027, 1, 1), date(2026, 12, 31), True),
        (None, date(2026, 11, 30), False),  # no date: not this rule's question
    ],
)
def test_a_date_after_today_is_refused(day, today, refused):
    message = future_date_error(day, today=today, subject=REVIEW)
    assert message == ("The date of the review must be today or in the past" if refused else None)


def test_a_models_future_dates_are_keyed_by_field():
    errors = past_date_errors(
        {"review_date": (date(2026, 12, 1), REVIEW), "next_review_date": (None, "x")},
        today=date(2026, 11, 30),
    )
    assert errors == {"review_date": "The date of the review must be today or in the past"}


@pytest.mark.parametrize(
    ("now", "today"),
    [
        # Late evening in winter: London and UTC agree.
        (datetime(2026, 11, 30, 23, 59, tzinfo=LONDON), date(2026, 11, 30)),
        # Half past midnight in summer: London is on 1 July, UTC still on 30 June.
        (datetime(2026, 7, 1, 0, 30, tzinfo=LONDON), date(2026, 7, 1)),
        # Half past eleven on a summer evening: still 30 June in London.
        (datetime(2026, 6, 30, 23, 30, tzinfo=LONDON), date(2026, 6, 30)),
        # The nights the clocks change.
        (datetime(2026, 3, 29, 0, 30, tzinfo=LONDON), date(2026, 3, 29)),
        (datetime(2026, 10, 25, 0, 30, tzinfo=LONDON), date(2026, 10, 25)),
        (datetime(2026, 10, 24, 23, 30, tzinfo=LONDON), date(2026, 10, 24)),
    ],
)
def test_today_is_the_date_in_london(now, today):
    with time_machine.travel(now, tick=False):
        assert local_today() == today


class _ReviewForm(forms.Form):
    held_on = PastDateField(label="Date of the review", subject=REVIEW, required=False)


def _form(day: date) -> _ReviewForm:
    return _ReviewForm(
        {"held_on_0": str(day.day), "held_on_1": str(day.month), "held_on_2": str(day.year)}
    )


@pytest.mark.parametrize(
    ("now", "day", "valid"),
    [
        (datetime(2026, 11, 30, 23, 59, tzinfo=LONDON), date(2026, 11, 30), True),
        (datetime(2026, 11, 30, 23, 59, tzinfo=LONDON), date(2026, 12, 1), False),
        (datetime(2026, 12, 1, 0, 0, tzinfo=LONDON), date(2026, 12, 1), True),
        # 00:30 British Summer Time is 23:30 UTC the day before: today is London's.
        (datetime(2026, 7, 1, 0, 30, tzinfo=LONDON), date(2026, 7, 1), True),
        (datetime(2026, 7, 1, 0, 30, tzinfo=LONDON), date(2026, 7, 2), False),
        (datetime(2026, 6, 30, 23, 30, tzinfo=LONDON), date(2026, 7, 1), False),
    ],
)
def test_the_field_refuses_tomorrow_next_to_the_field_around_midnight(now, day, valid):
    with time_machine.travel(now, tick=False):
        form = _form(day)
        assert form.is_valid() is valid
        if not valid:
            assert form.errors["held_on"] == ["The date of the review must be today or in the past"]
