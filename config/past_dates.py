"""Dates of things that happened cannot be in the future (issue 14, part 6).

One rule for every date that records a past event: when a contact happened, when a
review was held, when the person received their copy, when a supervision session was
held, when someone read the principles -- and, later, when a request was received.
"Today" is the council's local date (Europe/London), not the server's UTC date: a
contact at 23:30 on a summer evening is today, though UTC has moved on.

The rule is a pure function (`future_date_error`); forms use it through `PastDateField`
(the error next to the field), and models through `past_date_errors` in their checks,
so that a service call cannot keep or complete a future date either.
"""

from datetime import date

from django.utils import timezone


def future_date_error(day: date | None, *, today: date, subject: str) -> str | None:
    """The message when `day` is after `today`, else None. `subject` names the date
    as the sentence starts: "The date of the review"."""
    if day is not None and day > today:
        return f"{subject} must be today or in the past"
    return None


def local_today() -> date:
    """Today on the clocks in London (settings.TIME_ZONE)."""
    return timezone.localdate()


def past_date_errors(dates: dict[str, tuple[date | None, str]], *, today: date) -> dict[str, str]:
    """For a model's checks: field name -> (its date, its subject) in; the field names
    whose dates are in the future, with their messages, out."""
    errors = {}
    for name, (day, subject) in dates.items():
        message = future_date_error(day, today=today, subject=subject)
        if message:
            errors[name] = message
    return errors
