"""The waiting lists' figures (issue 17, part 3): for each list, how many wait, the median
wait and the longest, in days; and the same broken down by ethnicity group and by
primary support reason (CQC asks about equity).

A wait is counted in whole days: London's today minus the day the wait began (day 0).
A review waits from its due date, so a review not yet due has a negative wait ("due in
N days"); the review list holds those due within `REVIEW_HORIZON_DAYS` and overdue.

The figures are exact whatever the size: one GROUP BY query counts the open items per
list and start day (and group), so the median of any number of waits is found in a
histogram of at most a few thousand days -- the middle value, or the mean of the two
middle values for an even count.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from django.db.models import Count, Q, QuerySet

from config import cld
from frontdoor.models import WorkItem, WorkKind

REVIEW_HORIZON_DAYS = 28
NOT_RECORDED = "Not recorded"

BREAKDOWNS = {
    "ethnicity": ("person__ethnicity", "Ethnicity group"),
    "support_reason": ("person__primary_support_reason", "Primary support reason"),
}


@dataclass(frozen=True)
class WaitFigures:
    count: int = 0
    median: float | None = None  # days; x.5 when the two middle waits differ by one
    longest: int | None = None  # days

    @property
    def median_display(self) -> str:
        return "" if self.median is None else f"{self.median:.1f}"


def figures_from_days(day_counts: Iterable[tuple[int, int]]) -> WaitFigures:
    """The figures of waits given as (days waited, how many waited that long)."""
    histogram = sorted((days, n) for days, n in day_counts if n)
    total = sum(n for _, n in histogram)
    if not total:
        return WaitFigures()
    lower, upper = (total - 1) // 2, total // 2  # 0-based positions of the middle
    seen, low_value, high_value = 0, None, None
    for days, n in histogram:
        if low_value is None and lower < seen + n:
            low_value = days
        if upper < seen + n:
            high_value = days
            break
        seen += n
    return WaitFigures(count=total, median=(low_value + high_value) / 2, longest=histogram[-1][0])


def on_the_lists(today: date) -> Q:
    """Open items on the lists: every wait, and the reviews due within the horizon."""
    return ~Q(kind=WorkKind.REVIEW) | Q(
        waiting_since__lte=today + timedelta(days=REVIEW_HORIZON_DAYS)
    )


def waiting_items(team_ids, today: date) -> QuerySet[WorkItem]:
    """The open items on the teams' lists (`team_ids` a list of ids, or None: all)."""
    items = WorkItem.objects.open().filter(on_the_lists(today))
    if team_ids is not None:
        items = items.filter(team_id__in=team_ids)
    return items


@cache
def group_label(breakdown: str, value: str) -> str:
    """The group a person's value falls in (cached: a few dozen values)."""
    if not value:
        return NOT_RECORDED
    if breakdown == "ethnicity":
        return cld.ethnicity_group(value)
    if value in cld.PrimarySupportReason.values:
        return cld.PrimarySupportReason(value).label
    return value


def waiting_figures(items: QuerySet[WorkItem], *, today: date, by: str | None = None) -> dict:
    """The figures of each list (`WorkKind`) of `items` (`waiting_items`), in one
    query: {kind: WaitFigures}; with `by` (a key of `BREAKDOWNS`),
    {kind: {group: WaitFigures}} with the groups in name order and "Not recorded" last.
    Every kind is present, with no waits if none."""
    fields = ["kind", "waiting_since"]
    if by is not None:
        fields.append(BREAKDOWNS[by][0])
    rows = items.order_by().values(*fields).annotate(n=Count("pk")).values_list(*fields, "n")
    histograms: dict = defaultdict(lambda: defaultdict(int))
    for row in rows:
        kind, since, n = row[0], row[1], row[-1]
        key = kind if by is None else (kind, group_label(by, row[2]))
        histograms[key][(today - since).days] += n
    if by is None:
        return {
            kind: figures_from_days(histograms[kind].items())
            if kind in histograms
            else WaitFigures()
            for kind in WorkKind.values
        }
    result: dict = {kind: {} for kind in WorkKind.values}
    for (kind, group), histogram in sorted(
        histograms.items(), key=lambda pair: (pair[0][0], pair[0][1] == NOT_RECORDED, pair[0][1])
    ):
        result[kind][group] = figures_from_days(histogram.items())
    return result
