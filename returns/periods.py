"""The CLD's reporting period: the 12 months ending on a quarter end (DHSC,
`Main_tables/docs/methodology/3-submission-selection.md`: councils submit a rolling 12
months each quarter)."""

from dataclasses import dataclass
from datetime import date

QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))
NOT_A_QUARTER_END = (
    "The period must end on a quarter end: 31 March, 30 June, 30 September or 31 December"
)


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


def is_quarter_end(day: date) -> bool:
    return (day.month, day.day) in QUARTER_ENDS


def reporting_period(end: date) -> Period:
    """The rolling 12 months ending on `end`, a quarter end: 2026-03-31 gives
    2025-04-01 to 2026-03-31. Raises ValueError (with the message to show) otherwise."""
    if not is_quarter_end(end):
        raise ValueError(NOT_A_QUARTER_END)
    start = date(end.year - 1, end.month, end.day)
    # The day after the same quarter end a year before (31 Dec -> 1 Jan, 31 Mar -> 1 Apr).
    month = start.month % 12 + 1
    return Period(start=date(start.year + (start.month == 12), month, 1), end=end)


def latest_quarter_end(today: date) -> date:
    """The last quarter end on or before `today`."""
    for year in (today.year, today.year - 1):
        for month, day in reversed(QUARTER_ENDS):
            candidate = date(year, month, day)
            if candidate <= today:
                return candidate
    raise AssertionError("unreachable")


def recent_quarter_ends(today: date, count: int = 8) -> list[date]:
    """The latest `count` quarter ends on or before `today`, newest first: the periods
    the extract and the data-quality page offer."""
    ends = [latest_quarter_end(today)]
    while len(ends) < count:
        ends.append(latest_quarter_end(date.fromordinal(ends[-1].toordinal() - 1)))
    return ends


def current_quarter_end(today: date) -> date:
    """The end of the quarter `today` is in: the return being recorded now, which teams
    can put right before it is due."""
    return next(date(today.year, m, d) for m, d in QUARTER_ENDS if date(today.year, m, d) >= today)
