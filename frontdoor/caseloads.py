"""Caseloads (issue 17, part 5): what each worker holds, and their weighted load against
their capacity, so a manager allocates to whoever has room.

The weighted load is one rule (`weighted_load`, `load_status`), table-tested; the team's
figures (`team_caseload_rows`) are a fixed number of grouped queries whatever the size of
the team or of its caseloads.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from frontdoor.models import LoadKind, Task, WorkItem, WorkKind, WorkloadWeight
from recording.models import Person, RecordingObligation

# Hours a week one item of each kind counts for when an administrator has set no
# `WorkloadWeight` for it. A worker with the default 37 hours a week is full with, for
# example, 15 people (15 hours), 4 assessments under way (12), 3 reviews (6) and 16 open
# tasks (4).
DEFAULT_WEIGHTS: dict[str, Decimal] = {
    LoadKind.PERSON: Decimal("1.00"),  # keeping in touch with a person allocated
    LoadKind.NEEDS_ASSESSMENT: Decimal("3.00"),  # visits, the assessment, eligibility
    LoadKind.CARERS_ASSESSMENT: Decimal("2.00"),
    LoadKind.SERVICE: Decimal("1.50"),  # arranging the service in the plan
    LoadKind.REVIEW: Decimal("2.00"),
    LoadKind.TASK: Decimal("0.25"),
}

# "Full" from this share of capacity; "Over capacity" above all of it.
FULL_FROM_PERCENT = 85

# Reviews "due" on the overview: overdue, or due within this many days.
REVIEWS_DUE_WITHIN_DAYS = 28


class LoadStatus:
    ROOM = "Room for more"
    FULL = "Full"
    OVER = "Over capacity"
    NO_CAPACITY = "No casework hours"


# The GOV.UK tag colour of each status (the words say it; the colour only repeats it).
STATUS_TAG = {
    LoadStatus.ROOM: "govuk-tag--green",
    LoadStatus.FULL: "govuk-tag--yellow",
    LoadStatus.OVER: "govuk-tag--red",
    LoadStatus.NO_CAPACITY: "govuk-tag--grey",
}


def weights() -> dict[str, Decimal]:
    """Each kind's hours: the administrator's, else `DEFAULT_WEIGHTS` (one query)."""
    set_by_admin = dict(WorkloadWeight.objects.values_list("kind", "hours"))
    return {kind: set_by_admin.get(kind, DEFAULT_WEIGHTS[kind]) for kind in LoadKind.values}


def weighted_load(counts: Mapping[str, int], hours: Mapping[str, Decimal]) -> Decimal:
    """Σ count of each kind × its hours a week (kinds missing from `counts` count 0)."""
    total = sum(
        (Decimal(counts.get(kind, 0)) * Decimal(hours[kind]) for kind in LoadKind.values),
        Decimal(0),
    )
    return total.quantize(Decimal("0.01"))


def load_status(load: Decimal, capacity: Decimal | None) -> tuple[int | None, str]:
    """The load as a whole percentage of capacity (None without capacity) and its status:
    "Room for more" below FULL_FROM_PERCENT, "Full" up to 100%, "Over capacity" above."""
    if not capacity or capacity <= 0:
        return None, LoadStatus.NO_CAPACITY if not load else LoadStatus.OVER
    exact = Decimal(load) * 100 / Decimal(capacity)
    percent = int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if exact > 100:
        return percent, LoadStatus.OVER
    if exact >= FULL_FROM_PERCENT:
        return percent, LoadStatus.FULL
    return percent, LoadStatus.ROOM


def hours_text(hours: Decimal) -> str:
    """3.25 as "3.25", 39.00 as "39", 41.50 as "41.5"."""
    return f"{Decimal(hours).normalize():f}"


@dataclass
class WorkerLoad:
    """One worker's row of the team caseload overview."""

    user: object
    people: int = 0
    open_assessments: int = 0
    reviews_due: int = 0
    overdue_recording: int = 0
    open_tasks: int = 0
    overdue_tasks: int = 0
    counts: dict = field(default_factory=dict)  # LoadKind -> count, for the load
    load: Decimal = Decimal(0)
    percent: int | None = None
    status: str = LoadStatus.ROOM

    @property
    def status_tag(self) -> str:
        return STATUS_TAG[self.status]

    @property
    def capacity(self) -> Decimal:
        return self.user.capacity_hours

    @property
    def load_text(self) -> str:
        """The load against capacity, like "41.5 of 37 hours (112%)"."""
        text = f"{hours_text(self.load)} of {hours_text(self.capacity)} hours"
        return text if self.percent is None else f"{text} ({self.percent}%)"

    @property
    def sort_key(self) -> tuple:
        """Most room first: lowest share of capacity, then the lightest load; a worker
        with no casework hours last."""
        no_capacity = self.percent is None
        return (no_capacity, self.percent or 0, self.load, self.user.get_full_name().lower())


def team_caseload_rows(members: Iterable, today: date) -> list[WorkerLoad]:
    """Each of `members`' figures and weighted load, most room first: six queries
    whatever the number of members or of their people, work, records and tasks.

    The figures count everything allocated to the worker, restricted people too (a
    number names nobody; the load must be the whole of it)."""
    members = list(members)
    rows = {member.pk: WorkerLoad(user=member) for member in members}
    ids = list(rows)
    hours = weights()

    for worker, n in (
        Person.objects.filter(allocated_worker__in=ids)
        .order_by()
        .values_list("allocated_worker")
        .annotate(n=Count("pk"))
    ):
        rows[worker].people = rows[worker].counts[LoadKind.PERSON] = n

    review_horizon = today + timedelta(days=REVIEWS_DUE_WITHIN_DAYS)
    # A review is due on the person's next review date, or, without one, from the day
    # the wait began; "due" is overdue or due within REVIEWS_DUE_WITHIN_DAYS.
    review_due = Q(kind=WorkKind.REVIEW) & (
        Q(person__review_due__lte=review_horizon)
        | Q(person__review_due__isnull=True, waiting_since__lte=review_horizon)
    )
    work = (
        WorkItem.objects.open()
        .filter(allocated_to__in=ids)
        .order_by()
        .values("allocated_to", "kind")
        .annotate(n=Count("pk"), due=Count("pk", filter=review_due))
    )
    for item in work:
        row = rows[item["allocated_to"]]
        row.counts[item["kind"]] = row.counts.get(item["kind"], 0) + item["n"]
        if item["kind"] in (WorkKind.NEEDS_ASSESSMENT, WorkKind.CARERS_ASSESSMENT):
            row.open_assessments += item["n"]
        row.reviews_due += item["due"]

    for owner, n in (
        RecordingObligation.objects.overdue_on(today)
        .filter(owner__in=ids)
        .order_by()
        .values_list("owner")
        .annotate(n=Count("pk"))
    ):
        rows[owner].overdue_recording = n

    for owner, n, late in (
        Task.objects.open()
        .filter(owner__in=ids)
        .order_by()
        .values_list("owner")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(due_on__lt=today)))
    ):
        rows[owner].open_tasks = rows[owner].counts[LoadKind.TASK] = n
        rows[owner].overdue_tasks = late

    for row in rows.values():
        row.load = weighted_load(row.counts, hours)
        row.percent, row.status = load_status(row.load, row.capacity)
    return sorted(rows.values(), key=lambda row: row.sort_key)
