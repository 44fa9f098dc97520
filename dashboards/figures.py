"""The dashboards' figures. Each dashboard is a class whose tables are built on demand,
so a page builds them all and a CSV export only the one it streams. Every table is a
fixed number of queries whatever the data size: counts are GROUP BY queries, lists are
one page of rows (the CSV streams them all in chunks)."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.urls import reverse

from accounts.models import TeamMembership, User
from assessments.queries import awaiting_authorisation, copies_owed, immediate_safeguarding
from config.kinds import RecordKind
from config.readability import PLAIN_ENGLISH
from dashboards.forms import Filters
from dashboards.rules import (
    MONTH,
    QUARTER,
    WEEK,
    Grain,
    Timeliness,
    periods_between,
    roll_up,
    share,
    trend_grain,
)
from dashboards.sql import team_of_person
from dashboards.tables import (
    Cell,
    Chart,
    Heading,
    Table,
    day,
    number,
    percent,
    percent_heading,
    text,
)
from principles.models import ActiveFramework, required_principles_by_kind
from principles.reading import reading_status
from recording.deadlines import LONDON, NOT_YET_DUE, TrackerState, WorkingCalendar
from recording.models import Person, PrincipleEvidence, Record, RecordingObligation
from recording.principle_evidence import lacks_required_principle, required_not_evidenced

PAGE_SIZE = 50
CSV_CHUNK = 2000


def _name(user: User) -> str:
    return user.get_full_name() or user.username


def _local_day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LONDON)


class Dashboard:
    do_not_call_in_templates = True  # the navigation lists the classes themselves
    slug = ""
    title = ""
    # Each table's slug (in its CSV's address) and the method that builds it, in the
    # order the page shows them; a method may answer None where the table does not apply.
    TABLES: dict[str, Callable[["Dashboard"], Table | None]] = {}
    uses_dates = True
    uses_kinds = True

    def __init__(self, filters: Filters, calendar: WorkingCalendar, *, page=1, full=False):
        self.filters, self.calendar = filters, calendar
        self.user = filters.scope.user
        self.page_number, self.full = page, full

    def table(self, slug: str) -> Table | None:
        return self.TABLES[slug](self)

    def tables(self) -> list[Table]:
        tables = (self.table(slug) for slug in self.TABLES)
        return [table.materialise() for table in tables if table is not None]

    def _page(self, queryset: QuerySet):
        """One page of `queryset` for the page; every row, in chunks, for the CSV."""
        if self.full:
            return queryset.iterator(chunk_size=CSV_CHUNK), None
        page = Paginator(queryset, PAGE_SIZE).get_page(self.page_number)
        return page.object_list, page

    @property
    def team_tables(self) -> bool:
        """Tables by team only help someone who sees more than one."""
        return not self.filters.scope.own_only and len(self.filters.teams) > 1

    @property
    def practitioner_tables(self) -> bool:
        return not self.filters.scope.own_only

    def _visible(self, person_field: str) -> Exists:
        """Rows whose `person_field` is a person in `_people()`: a correlated EXISTS, which
        the database checks row by row after the indexed filters (an IN over every
        visible person planned badly at council scale)."""
        return Exists(self._people().filter(pk=OuterRef(person_field)))

    def _people(self) -> QuerySet:
        """People whose names may appear: in the chosen teams and visible to the user."""
        people = Person.objects.visible_to(self.user)
        if self.filters.scope.own_only or self.filters.every_team:
            return people
        return people.filter(team__in=self.filters.teams)


# --- Timeliness -----------------------------------------------------------------------


class TimelinessDashboard(Dashboard):
    """Records of contacts completed within two working days (Herts P6; SPEC 5)."""

    slug = "timeliness"
    title = "Timeliness"

    def _scoped(self, queryset: QuerySet) -> QuerySet:
        if self.filters.scope.own_only:
            queryset = queryset.filter(owner=self.user)
        else:
            queryset = queryset.filter(team__in=self.filters.teams)
        if self.filters.kind:
            queryset = queryset.filter(kind=self.filters.kind)
        return queryset

    def obligations(self) -> QuerySet:
        """The obligations of contacts in the period, in scope."""
        return self._scoped(
            RecordingObligation.objects.filter(
                contact_date__gte=self.filters.date_from, contact_date__lte=self.filters.date_to
            )
        ).order_by()

    def _counts(self, *group) -> list[dict]:
        return self.obligations().tracker_counts(self.calendar, by=group)

    @staticmethod
    def _figures(row: dict) -> Timeliness:
        return Timeliness(
            on_time=row[TrackerState.ON_TIME],
            late=row[TrackerState.COMPLETED_LATE],
            overdue=row[TrackerState.OVERDUE],
            not_yet_due=sum(row[state] for state in NOT_YET_DUE),
        )

    HEADINGS = [
        "Records",
        "Completed on time",
        "Completed late",
        "Overdue",
        "Not yet due",
        percent_heading("Within two working days"),
    ]

    @staticmethod
    def _cells(figures: Timeliness) -> list:
        return [
            number(figures.records),
            number(figures.on_time),
            number(figures.late),
            number(figures.overdue),
            number(figures.not_yet_due),
            percent(figures.on_time_share, figures.no_share_text),
        ]

    def headline(self) -> Timeliness:
        return sum((self._figures(row) for row in self._by_kind_rows), Timeliness())

    @cached_property
    def _by_kind_rows(self) -> list[dict]:
        return self._counts("kind")

    def by_team(self) -> Table | None:
        if not self.team_tables:
            return None
        rows = {row["team"]: self._figures(row) for row in self._counts("team")}
        return Table(
            slug="by-team",
            caption="By team",
            headings=["Team", *self.HEADINGS],
            rows=[
                [text(team.name), *self._cells(rows.get(team.pk, Timeliness()))]
                for team in self.filters.teams
            ],
            chart=Chart("bar", 6, "Share completed within two working days, by team"),
        )

    def by_practitioner(self) -> Table | None:
        if not self.practitioner_tables:
            return None
        rows = self._counts("owner", "owner__first_name", "owner__last_name", "owner__username")
        entries = []
        for row in rows:
            figures = self._figures(row)
            name = f"{row['owner__first_name']} {row['owner__last_name']}".strip()
            entries.append((name or row["owner__username"], row["owner"], figures))
        # Lowest share first: who needs support is at the top.
        entries.sort(key=lambda e: (e[2].on_time_share is None, e[2].on_time_share or 0, e[0]))
        shown = entries if self.full else entries[:PAGE_SIZE]
        return Table(
            slug="by-practitioner",
            caption="By practitioner, lowest share first",
            headings=["Practitioner", *self.HEADINGS],
            rows=[
                [text(name, reverse("recording:member_recording", args=[pk])), *self._cells(f)]
                for name, pk, f in shown
            ],
            total=len(entries),
            note=(
                f"Showing the {PAGE_SIZE} with the lowest share; the CSV has all {len(entries)}."
                if len(entries) > len(shown)
                else ""
            ),
        )

    def by_kind(self) -> Table:
        rows = {row["kind"]: self._figures(row) for row in self._by_kind_rows}
        kinds = [RecordKind(self.filters.kind)] if self.filters.kind else list(RecordKind)
        return Table(
            slug="by-kind",
            caption="By kind of record",
            headings=["Kind of record", *self.HEADINGS],
            rows=[
                [text(kind.label), *self._cells(rows.get(kind, Timeliness()))]
                for kind in kinds
                if kind in rows or self.filters.kind
            ],
        )

    @cached_property
    def _by_day(self) -> dict[date, Timeliness]:
        return {row["contact_date"]: self._figures(row) for row in self._counts("contact_date")}

    @cached_property
    def grain(self) -> Grain:
        """How the trend over the period is grouped: by week over a few months, by month
        or quarter over longer (`rules.trend_grain`)."""
        return trend_grain(self.filters.date_from, self.filters.date_to)

    def _by_period(self, grain: Grain) -> Table:
        totals = roll_up(self._by_day, grain.period_of)
        periods = periods_between(
            self.filters.date_from, self.filters.date_to, grain.period_of, grain.step
        )
        return Table(
            slug=f"by-{grain.name}",
            caption=grain.caption,
            headings=[f"{grain.name.capitalize()} starting", *self.HEADINGS],
            rows=[
                [_period_cell(start, grain.label), *self._cells(totals.get(start, Timeliness()))]
                for start in periods
            ],
            chart=Chart(
                "line",
                6,
                f"Share completed within two working days, {grain.name} by {grain.name}",
            ),
            note=f"By {grain.name}, {grain.reason}." if self._is_trend(grain) else "",
        )

    def _is_trend(self, grain: Grain) -> bool:
        """The table is the period's trend at a coarser grain than weeks: say why."""
        return grain == self.grain and bool(grain.reason)

    def by_week(self) -> Table | None:
        """Week by week, over a period short enough to read that way."""
        return self._by_period(WEEK) if self.grain == WEEK else None

    def by_month(self) -> Table | None:
        """Month by month: beside the weeks over a short period, on its own over a long
        one; over more than two years, quarters instead."""
        return self._by_period(MONTH) if self.grain in (WEEK, MONTH) else None

    def by_quarter(self) -> Table | None:
        return self._by_period(QUARTER) if self.grain == QUARTER else None

    def overdue(self) -> Table:
        """Every record overdue today, whatever its contact date: the current list."""
        queryset = (
            self._scoped(
                RecordingObligation.objects.in_tracker_state(self.calendar, TrackerState.OVERDUE)
            )
            .filter(self._visible("contact__person"))
            .with_tracker(self.calendar)
            .select_related("contact__person", "owner")
            .order_by("due_date", "pk")
        )
        rows, page = self._page(queryset)
        return Table(
            slug="overdue",
            caption="Overdue now",
            headings=[
                "Person",
                "Kind of record",
                "Practitioner",
                "Contact date",
                "Due date",
                "Working days late",
            ],
            rows=(
                [
                    text(o.contact.person.name, o.contact.person.get_absolute_url()),
                    text(o.get_kind_display()),
                    text(_name(o.owner)),
                    day(o.contact_date),
                    day(o.due_date),
                    number(o.working_days_late),
                ]
                for o in rows
            ),
            empty="Nothing is overdue.",
            extra={"page": page},
            note="Every record overdue today, whatever the contact date, most late first.",
        )

    TABLES = {
        "by-team": by_team,
        "by-practitioner": by_practitioner,
        "by-kind": by_kind,
        "by-week": by_week,
        "by-month": by_month,
        "by-quarter": by_quarter,
        "overdue": overdue,
    }


def _period_cell(start: date, label) -> Cell:
    """A week, month or quarter: its first day in the CSV, its name on the page."""
    return Cell(start.isoformat(), label(start))


# --- Principles -----------------------------------------------------------------------


class PrinciplesDashboard(Dashboard):
    """How often each principle is evidenced in completed records; records completed
    without a principle their kind requires; plain English (SPEC 5)."""

    slug = "principles"
    title = "Principles"

    @cached_property
    def framework(self):
        return ActiveFramework.current()

    @cached_property
    def principles(self) -> list:
        return list(self.framework.principles.order_by("number")) if self.framework else []

    def _record_q(self, prefix: str = "") -> Q:
        """Completed records in the period and scope, as a filter from `prefix`."""
        filters = self.filters
        q = Q(
            **{
                f"{prefix}status": Record.Status.COMPLETED,
                f"{prefix}completed_at__gte": _local_day_start(filters.date_from),
                f"{prefix}completed_at__lt": _local_day_start(filters.date_to + timedelta(days=1)),
            }
        )
        if filters.scope.own_only:
            q &= Q(**{f"{prefix}author": self.user})
        elif not filters.every_team:  # every team: the period's records on their own index
            q &= Q(**{f"{prefix}person__team__in": filters.teams})
        if filters.kind:
            q &= Q(**{f"{prefix}kind": filters.kind})
        return q

    def records(self) -> QuerySet:
        return Record.objects.filter(self._record_q()).order_by()

    # The groupings the tables show, as positions in a (team, kind) key.
    GROUPS = {"framework": None, "person__team": 0, "kind": 1}

    @cached_property
    def _grid(self) -> tuple[dict, dict]:
        """Records under the active framework per (team, kind), and evidence rows per
        (team, kind, principle): one pass over the period each, which every principle
        table rolls up rather than scanning the records again."""
        records = {
            (team, kind): n
            for team, kind, n in self.records()
            .filter(framework=self.framework)
            .values_list("person__team", "kind")
            .annotate(n=Count("pk"))
            .values_list("person__team", "kind", "n")
        }
        evidence = {
            (team, kind, principle): n
            for team, kind, principle, n in PrincipleEvidence.objects.filter(
                self._record_q("record__"), record__framework=self.framework
            )
            .exclude(evidence="")
            .order_by()
            .values_list("record__person__team", "record__kind", "principle")
            .annotate(n=Count("pk"))
            .values_list("record__person__team", "record__kind", "principle", "n")
        }
        return records, evidence

    def _matrix(self, group: str) -> tuple[dict, dict]:
        """Records under the active framework per `group` value, and evidence rows per
        (`group` value, principle), summed from `_grid`."""
        position = self.GROUPS[group]

        def key_of(pair):
            return self.framework.pk if position is None else pair[position]

        grid_records, grid_evidence = self._grid
        records: dict = {}
        for pair, n in grid_records.items():
            records[key_of(pair)] = records.get(key_of(pair), 0) + n
        evidence: dict = {}
        for (team, kind, principle), n in grid_evidence.items():
            key = (key_of((team, kind)), principle)
            evidence[key] = evidence.get(key, 0) + n
        return records, evidence

    def _principle_headings(self) -> list[Heading]:
        return [percent_heading(f"Principle {p.number}") for p in self.principles]

    def _matrix_rows(self, labels, records, evidence) -> list:
        rows = []
        for key, label in labels:
            total = records.get(key, 0)
            rows.append(
                [
                    label,
                    number(total),
                    *(percent(share(evidence.get((key, p.pk), 0), total)) for p in self.principles),
                ]
            )
        return rows

    def evidenced(self) -> Table | None:
        if self.framework is None:
            return None
        records, evidence = self._matrix("framework")
        total = records.get(self.framework.pk, 0)
        return Table(
            slug="evidenced",
            caption="How often each principle is evidenced",
            headings=["Principle", "Records", "Evidenced in", percent_heading("Share of records")],
            rows=[
                [
                    text(f"{p.number}. {p.title}", p.get_absolute_url()),
                    number(total),
                    number(evidence.get((self.framework.pk, p.pk), 0)),
                    percent(share(evidence.get((self.framework.pk, p.pk), 0), total)),
                ]
                for p in self.principles
            ],
            chart=Chart("bar", 3, "Share of records evidencing each principle"),
            note=f"Completed records written under {self.framework}.",
        )

    def by_team(self) -> Table | None:
        if self.framework is None or not self.team_tables:
            return None
        records, evidence = self._matrix("person__team")
        return Table(
            slug="by-team",
            caption="Share of records evidencing each principle, by team",
            headings=["Team", "Records", *self._principle_headings()],
            rows=self._matrix_rows(
                [(team.pk, text(team.name)) for team in self.filters.teams], records, evidence
            ),
        )

    def by_kind(self) -> Table | None:
        if self.framework is None:
            return None
        records, evidence = self._matrix("kind")
        return Table(
            slug="by-kind",
            caption="Share of records evidencing each principle, by kind of record",
            headings=["Kind of record", "Records", *self._principle_headings()],
            rows=self._matrix_rows(
                [(kind.value, text(kind.label)) for kind in RecordKind if kind in records],
                records,
                evidence,
            ),
        )

    def missing_required(self) -> Table:
        """Completed records without a principle their kind requires: written under an
        older version, or before the council changed its rules."""
        queryset = (
            self.records()
            .filter(self._visible("person"))
            .filter(lacks_required_principle())
            .select_related("person", "author")
            .prefetch_related("evidence")
            .order_by("-completed_at", "-pk")
        )
        rules = required_principles_by_kind()
        rows, page = self._page(queryset)

        def missing(record) -> str:
            given = {e.principle_id: e.evidence for e in record.evidence.all()}
            required = rules.get((record.framework_id, record.kind), [])
            return ", ".join(
                f"{p.number}. {p.title}" for p in required_not_evidenced(required, given)
            )

        return Table(
            slug="missing-required",
            caption="Completed without a required principle",
            headings=["Person", "Record", "Author", "Completed", "Required principles missing"],
            rows=(
                [
                    text(r.person.name, r.person.get_absolute_url()),
                    text(r.get_kind_display(), r.get_absolute_url()),
                    text(_name(r.author)),
                    day(r.completed_at.astimezone(LONDON).date()),
                    text(missing(r)),
                ]
                for r in rows
            ),
            empty="Every completed record in this period evidences its required principles.",
            extra={"page": page},
        )

    @cached_property
    def _reading_grid(self) -> dict[tuple, dict]:
        """Plain-English figures per (team, kind), in one pass over the period."""
        return {
            (row["person__team"], row["kind"]): row
            for row in self.records()
            .values("person__team", "kind")
            .annotate(
                records=Count("pk"),
                scored=Count("reading_ease"),
                total_ease=Sum("reading_ease"),
                plain=Count("pk", filter=Q(reading_ease__gte=PLAIN_ENGLISH)),
            )
        }

    def _plain_english(self, group: str, labels, slug: str, caption: str) -> Table:
        position = self.GROUPS[group]
        figures: dict = {}
        for pair, row in self._reading_grid.items():
            summed = figures.setdefault(
                pair[position], {"records": 0, "scored": 0, "total_ease": 0.0, "plain": 0}
            )
            for name in summed:
                summed[name] += row[name] or 0
        empty = {"records": 0, "scored": 0, "total_ease": 0.0, "plain": 0}
        rows = []
        for key, label in labels:
            row = figures.get(key, empty)
            average = round(row["total_ease"] / row["scored"]) if row["scored"] else None
            rows.append(
                [
                    label,
                    number(row["records"]),
                    number(row["scored"]),
                    number(average),
                    number(row["plain"]),
                    percent(share(row["plain"], row["scored"])),
                ]
            )
        return Table(
            slug=slug,
            caption=caption,
            headings=[
                caption.split(", by ")[-1].capitalize(),
                "Records",
                "Scored",
                "Average reading ease",
                f"Plain English ({PLAIN_ENGLISH} or more)",
                percent_heading("Share in plain English"),
            ],
            rows=rows,
            note="Flesch reading ease of the records' own words, 0 (hard) to 100 (easy). "
            "Records with fewer than ten words are not scored.",
        )

    def plain_english_by_kind(self) -> Table:
        labels = [(kind.value, text(kind.label)) for kind in RecordKind]
        if self.filters.kind:
            labels = [(k, label) for k, label in labels if k == self.filters.kind]
        return self._plain_english(
            "kind", labels, "plain-english-by-kind", "Plain English, by kind of record"
        )

    def plain_english_by_team(self) -> Table | None:
        if not self.team_tables:
            return None
        labels = [(team.pk, text(team.name)) for team in self.filters.teams]
        return self._plain_english(
            "person__team", labels, "plain-english-by-team", "Plain English, by team"
        )

    TABLES = {
        "evidenced": evidenced,
        "by-team": by_team,
        "by-kind": by_kind,
        "missing-required": missing_required,
        "plain-english-by-kind": plain_english_by_kind,
        "plain-english-by-team": plain_english_by_team,
    }


# --- Entitlements and reviews ----------------------------------------------------------


class EntitlementsDashboard(Dashboard):
    """What people are owed today: copies of their records, reviews, decisions, and
    safeguarding that needs action now (SPEC 5). Today's position, so no date range."""

    slug = "entitlements"
    title = "Entitlements and reviews"
    uses_dates = False
    uses_kinds = False

    def _records(self) -> QuerySet:
        records = Record.objects.filter(self._visible("person"))
        if self.filters.scope.own_only:
            return records.filter(author=self.user)
        if self.filters.every_team:
            # Every record of the kinds wanted, from the (kind, status) index.
            return records
        # The teams' people first, then each one's records of a kind on the (person,
        # kind, status) index; then who may see each person.
        return records.filter(person__team__in=self.filters.teams)

    def _reviewed_people(self) -> QuerySet:
        people = self._people()
        if self.filters.scope.own_only:
            people = people.filter(allocated_worker=self.user)
        return people

    @cached_property
    def _lists(self) -> dict[str, QuerySet]:
        today = self.calendar.today
        return {
            "copies-owed": copies_owed(self._records()),
            "awaiting-authorisation": awaiting_authorisation(self._records()),
            "reviews-overdue": self._reviewed_people().filter(review_due__lt=today),
            "immediate-safeguarding": immediate_safeguarding(self._reviewed_people(), today)
            if not self.filters.scope.own_only
            else immediate_safeguarding(self._people(), today).filter(author=self.user),
        }

    # Where each list finds the person's team.
    TEAM_OF = {
        "copies-owed": "person__team",
        "awaiting-authorisation": "person__team",
        "reviews-overdue": "team",
        "immediate-safeguarding": "person__team",
    }

    @cached_property
    def _team_counts(self) -> dict[str, dict[int, int]] | None:
        """Each list counted by team, for those who see team tables; the lists' totals are
        the sums, so each list is counted once."""
        if not self.team_tables:
            return None
        return {
            slug: dict(self._by_team(slug, queryset).annotate(n=Count("pk")))
            for slug, queryset in self._lists.items()
        }

    def _by_team(self, slug: str, queryset: QuerySet) -> QuerySet:
        team = self.TEAM_OF[slug]
        if self.filters.every_team and team == "person__team":
            # Every team's records, on the kind's index: see `team_of_person`.
            queryset = queryset.annotate(team_of=team_of_person("person"))
            team = "team_of"
        return queryset.order_by().values_list(team)

    def by_team(self) -> Table | None:
        counts = self._team_counts
        if counts is None:
            return None
        return Table(
            slug="by-team",
            caption="By team",
            headings=[
                "Team",
                "Copies not given",
                "Awaiting authorisation",
                "Reviews overdue",
                "Safeguarding needing immediate action",
            ],
            rows=[
                [
                    text(team.name),
                    *(number(counts[slug].get(team.pk, 0)) for slug in self.TEAM_OF),
                ]
                for team in self.filters.teams
            ],
        )

    def _limited(self, slug: str, queryset: QuerySet):
        if self.full:
            return queryset.iterator(chunk_size=CSV_CHUNK), None
        counts = self._team_counts
        total = sum(counts[slug].values()) if counts is not None else queryset.count()
        return list(queryset[:PAGE_SIZE]), total

    def _record_list(self, slug, caption, date_heading, empty) -> Table:
        rows, total = self._limited(slug, self._lists[slug])
        return Table(
            slug=slug,
            caption=caption,
            headings=["Person", "Record", "Author", date_heading],
            rows=(
                [
                    text(r.person.name, r.person.get_absolute_url()),
                    text(r.get_kind_display(), r.get_absolute_url()),
                    text(_name(r.author)),
                    day(r.completed_at.astimezone(LONDON).date()),
                ]
                for r in rows
            ),
            empty=empty,
            total=total,
            note=_limited_note(total),
        )

    def copies_owed(self) -> Table:
        return self._record_list(
            "copies-owed",
            "Copies not yet given to the person",
            "Completed",
            "Every person has a copy of their assessments, decisions and plans.",
        )

    def awaiting_authorisation(self) -> Table:
        return self._record_list(
            "awaiting-authorisation",
            "Eligibility decisions and plans awaiting authorisation",
            "Completed",
            "Nothing is awaiting authorisation.",
        )

    def reviews_overdue(self) -> Table:
        rows, total = self._limited(
            "reviews-overdue",
            self._lists["reviews-overdue"]
            .select_related("allocated_worker")
            .order_by("review_due", "pk"),
        )
        return Table(
            slug="reviews-overdue",
            caption="Reviews overdue",
            headings=["Person", "Allocated worker", "Review was due"],
            rows=(
                [
                    text(p.name, p.get_absolute_url()),
                    text(_name(p.allocated_worker) if p.allocated_worker else "Not allocated"),
                    day(p.review_due),
                ]
                for p in rows
            ),
            empty="No reviews are overdue.",
            total=total,
            note=_limited_note(total),
        )

    def immediate_safeguarding(self) -> Table:
        rows, total = self._limited("immediate-safeguarding", self._lists["immediate-safeguarding"])
        return Table(
            slug="immediate-safeguarding",
            caption="Safeguarding concerns needing immediate action, last 30 days",
            headings=["Person", "Record", "Author", "Raised", "Status"],
            rows=(
                [
                    text(r.person.name, r.person.get_absolute_url()),
                    text(r.get_kind_display(), r.get_absolute_url()),
                    text(_name(r.author)),
                    day(r.created_at.astimezone(LONDON).date()),
                    text(r.get_status_display()),
                ]
                for r in rows
            ),
            empty="No safeguarding concern needs immediate action.",
            total=total,
            note=_limited_note(total),
        )

    TABLES = {
        "by-team": by_team,
        "copies-owed": copies_owed,
        "awaiting-authorisation": awaiting_authorisation,
        "reviews-overdue": reviews_overdue,
        "immediate-safeguarding": immediate_safeguarding,
    }


def _limited_note(total: int | None) -> str:
    if total is None or total <= PAGE_SIZE:
        return ""
    return f"Showing the first {PAGE_SIZE} of {total:,}; the CSV has them all."


# --- Reading confirmations ---------------------------------------------------------------


class ReadingDashboard(Dashboard):
    """Who has not confirmed reading the active framework version (Lancashire's reading
    form; SPEC 5)."""

    slug = "reading"
    title = "Reading confirmations"
    uses_dates = False
    uses_kinds = False

    @cached_property
    def framework(self):
        return ActiveFramework.current()

    @cached_property
    def _members(self) -> list[dict]:
        from principles.models import confirmations_summary

        if self.framework is None:
            return []
        total = self.framework.principles.count()
        memberships = TeamMembership.objects.filter(user__is_active=True)
        if self.filters.scope.own_only:
            memberships = memberships.filter(user=self.user)
        else:
            memberships = memberships.filter(team__in=self.filters.teams)
        memberships = confirmations_summary(
            memberships.select_related("user", "team").order_by(
                "team__name", "user__last_name", "user__first_name", "pk"
            ),
            self.framework,
            user_field="user",
        )
        return [
            {
                "membership": m,
                "status": reading_status(principles_read=m.principles_read, principles_total=total),
            }
            for m in memberships
        ]

    def by_team(self) -> Table | None:
        if not self.team_tables:
            return None
        counts = {
            team.pk: {"members": 0, "confirmed": 0, "partial": 0} for team in self.filters.teams
        }
        for row in self._members:
            figures = counts[row["membership"].team_id]
            figures["members"] += 1
            figures["confirmed"] += row["status"].is_confirmed
            figures["partial"] += row["status"].is_partial
        return Table(
            slug="by-team",
            caption="By team",
            headings=[
                "Team",
                "Members",
                "Confirmed",
                "Part read",
                "Not confirmed",
                percent_heading("Share confirmed"),
            ],
            rows=[
                [
                    text(team.name),
                    number(c["members"]),
                    number(c["confirmed"]),
                    number(c["partial"]),
                    number(c["members"] - c["confirmed"] - c["partial"]),
                    percent(share(c["confirmed"], c["members"])),
                ]
                for team in self.filters.teams
                for c in [counts[team.pk]]
            ],
            chart=Chart("bar", 5, "Share of each team who confirmed reading the principles"),
        )

    def not_confirmed(self) -> Table:
        rows = [row for row in self._members if not row["status"].is_confirmed]
        shown = rows if self.full else rows[:PAGE_SIZE]
        return Table(
            slug="not-confirmed",
            caption="Not yet confirmed the current version",
            headings=["Team", "Name", "Status", "Last confirmed a principle"],
            rows=[
                [
                    text(row["membership"].team.name),
                    text(_name(row["membership"].user)),
                    text(row["status"].label),
                    day(row["membership"].last_read_on),
                ]
                for row in shown
            ],
            empty="Everyone has confirmed reading the current version.",
            total=len(rows),
            note=_limited_note(len(rows)),
        )

    TABLES = {"by-team": by_team, "not-confirmed": not_confirmed}


DASHBOARDS = {
    dashboard.slug: dashboard
    for dashboard in (
        TimelinessDashboard,
        PrinciplesDashboard,
        EntitlementsDashboard,
        ReadingDashboard,
    )
}
