"""The Safeguarding Adults Collection's tables SG1 and SG2 for a financial year (1 April
to 31 March), counted in SQL from the record: a fixed number of queries whatever the
number of people (`sac_tables`).

- SG1 (demographics): the individuals -- each person once -- with a safeguarding concern
  raised in the year (the concern completed), a section 42 enquiry commenced, an other
  enquiry commenced; by age band (age on 31 March, or at death), gender and ethnic
  group. Then the cases: concerns and enquiries by primary support reason (a person
  with two concerns counts twice).
- SG2 (case details): the enquiries concluded in the year, by type of abuse (each type
  once per enquiry, several per enquiry), location, source of risk (each source once),
  action and result, risk outcome (where a risk was identified and action taken) and
  Making Safeguarding Personal.

The return is counts, never people; small counts are shown as they are.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, DateField, Exists, IntegerField, OuterRef, Q, Value
from django.db.models.functions import Cast, Coalesce, ExtractDay, ExtractMonth, ExtractYear, Least

from assessments.models import (
    EnquiryRiskSource,
    EnquiryRiskType,
    SafeguardingConcern,
    SafeguardingEnquiry,
)
from config import cld, sac
from recording.deadlines import LONDON
from recording.models import Person, Record

FIRST_YEAR = 2015  # the Care Act's first full year (2015-16)
NOT_A_YEAR = "Enter the year the financial year starts in as 4 digits, like 2025"
NOT_RECORDED = "Not recorded"
UNKNOWN = "Unknown"

# (label, lowest age, highest age): SG1a's bands. Under 18s (a young person in
# transition) count with 18-64.
AGE_BANDS = [
    ("18-64", None, 64),
    ("65-74", 65, 74),
    ("75-84", 75, 84),
    ("85-94", 85, 94),
    ("95+", 95, None),
]
S42, OTHER = SafeguardingEnquiry.Decision.S42, SafeguardingEnquiry.Decision.OTHER
ENQUIRY_TYPES = [(S42, "Section 42 enquiries"), (OTHER, "Other enquiries")]


@dataclass(frozen=True)
class Year:
    """The financial year starting 1 April `first`."""

    first: int

    @property
    def start(self) -> date:
        return date(self.first, 4, 1)

    @property
    def end(self) -> date:
        return date(self.first + 1, 3, 31)

    @property
    def label(self) -> str:  # "2025 to 2026"
        return f"{self.first} to {self.first + 1}"

    @property
    def short(self) -> str:  # "2025-26"
        return f"{self.first}-{str(self.first + 1)[2:]}"

    def moments(self) -> tuple[datetime, datetime]:
        """The first moment of the year and the first of the next, in London."""
        return (
            datetime.combine(self.start, time.min, tzinfo=LONDON),
            datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=LONDON),
        )


def latest_full_year(today: date) -> Year:
    """The last financial year that has ended by `today`."""
    return Year(today.year - 1 if today >= date(today.year, 4, 1) else today.year - 2)


def current_year(today: date) -> Year:
    return Year(today.year if today >= date(today.year, 4, 1) else today.year - 1)


def parse_year(raw: str | None, *, today: date) -> Year:
    """`?year=2025` is 2025 to 2026; none is the latest full year. Raises ValueError
    with the message to show for anything else, or a year not yet begun."""
    if raw is None or raw == "":
        return latest_full_year(today)
    raw = raw.strip()
    if not (raw.isascii() and raw.isdecimal() and len(raw) == 4):
        raise ValueError(NOT_A_YEAR)
    year = Year(int(raw))
    if year.first < FIRST_YEAR:
        raise ValueError(f"The return starts with the year {Year(FIRST_YEAR).label}")
    if year.start > today:
        raise ValueError(f"The year {year.label} has not started yet")
    return year


def recent_years(today: date, count: int = 6) -> list[Year]:
    first = current_year(today).first
    return [Year(y) for y in range(first, max(FIRST_YEAR, first - count + 1) - 1, -1)]


@dataclass
class Table:
    """One table of the return: rows of counts under `columns`."""

    code: str  # "SG1a"
    title: str
    columns: list[str]
    rows: list[tuple[str, list[int]]] = field(default_factory=list)
    note: str = ""

    @property
    def totals(self) -> list[int]:
        return [sum(row[i] for _, row in self.rows) for i in range(len(self.columns))]

    def cell(self, row_label: str, column: str) -> int:
        index = self.columns.index(column)
        return next(values[index] for label, values in self.rows if label == row_label)


def _date_number(expression):
    """A date as the number yyyymmdd, so that whole years between two dates are their
    difference // 10000, on any database."""
    number = (
        ExtractYear(expression) * 10000 + ExtractMonth(expression) * 100 + ExtractDay(expression)
    )
    # PostgreSQL's EXTRACT gives a numeric: an integer, so that / is integer division.
    return Cast(number, output_field=IntegerField())


def _concerns_raised(year: Year):
    start, end = year.moments()
    return SafeguardingConcern.objects.filter(
        status=Record.Status.COMPLETED, completed_at__gte=start, completed_at__lt=end
    )


def _enquiries_commenced(year: Year):
    return SafeguardingEnquiry.objects.filter(
        outcome_of_concern__in=[S42, OTHER],
        started_on__gte=year.start,
        started_on__lte=year.end,
        concern__status=Record.Status.COMPLETED,
    )


def _enquiries_concluded(year: Year):
    return SafeguardingEnquiry.objects.filter(
        outcome_of_concern__in=[S42, OTHER],
        concluded_on__gte=year.start,
        concluded_on__lte=year.end,
    )


SG1_COLUMNS = ["Safeguarding concerns", "Section 42 enquiries", "Other enquiries"]


def _sg1_individuals(year: Year) -> list[dict]:
    """One query: each person involved once, grouped by age band, gender and
    ethnicity, with how many of them had a concern, a s42 and an other enquiry."""
    commenced = _enquiries_commenced(year).filter(concern__person=OuterRef("pk"))
    year_end = Value(year.end, output_field=DateField())
    on = Coalesce(Least("date_of_death", year_end), year_end, output_field=DateField())
    age = (_date_number(on) - _date_number("date_of_birth")) / 10000
    people = (
        Person.objects.annotate(
            in_concern=Exists(_concerns_raised(year).filter(person=OuterRef("pk"))),
            in_s42=Exists(commenced.filter(outcome_of_concern=S42)),
            in_other=Exists(commenced.filter(outcome_of_concern=OTHER)),
        )
        .filter(Q(in_concern=True) | Q(in_s42=True) | Q(in_other=True))
        .annotate(age=Coalesce(age, Value(-1), output_field=IntegerField()))
    )
    return list(
        people.values("age", "gender", "ethnicity")
        .annotate(
            concern=Count("pk", filter=Q(in_concern=True)),
            s42=Count("pk", filter=Q(in_s42=True)),
            other=Count("pk", filter=Q(in_other=True)),
        )
        .order_by()
    )


def age_band(age: int | None) -> str:
    if age is None or age < 0:
        return UNKNOWN
    for label, low, high in AGE_BANDS:
        if (low is None or age >= low) and (high is None or age <= high):
            return label
    raise AssertionError("unreachable")


def _sg1_tables(groups: list[dict]) -> list[Table]:
    by_age = {label: [0, 0, 0] for label, _, _ in AGE_BANDS} | {UNKNOWN: [0, 0, 0]}
    by_gender = {label: [0, 0, 0] for label in cld.Gender.labels} | {NOT_RECORDED: [0, 0, 0]}
    groups_order = list(dict.fromkeys(cld.ethnicity_group(v) for v in cld.Ethnicity.values))
    by_ethnicity = {label: [0, 0, 0] for label in groups_order} | {UNKNOWN: [0, 0, 0]}
    gender_labels = dict(cld.Gender.choices)
    for group in groups:
        counts = (group["concern"], group["s42"], group["other"])
        gender = gender_labels.get(group["gender"], NOT_RECORDED)
        ethnicity = cld.ethnicity_group(group["ethnicity"])
        for table, key in (
            (by_age, age_band(group["age"])),
            (by_gender, gender),
            (by_ethnicity, ethnicity if ethnicity in by_ethnicity else UNKNOWN),
        ):
            table[key] = [a + b for a, b in zip(table[key], counts, strict=True)]
    note = "Individuals: each person once, however many concerns or enquiries they had."
    return [
        Table(
            "SG1a",
            "Individuals by age band",
            SG1_COLUMNS,
            list(by_age.items()),
            note + " Age on 31 March, or at death.",
        ),
        Table("SG1b", "Individuals by gender", SG1_COLUMNS, list(by_gender.items()), note),
        Table("SG1c", "Individuals by ethnic group", SG1_COLUMNS, list(by_ethnicity.items()), note),
    ]


def _sg1_cases(year: Year) -> Table:
    """Two queries: concerns raised, and enquiries commenced, by primary support reason."""
    concerns = {
        row["person__primary_support_reason"]: row["n"]
        for row in _concerns_raised(year)
        .values("person__primary_support_reason")
        .annotate(n=Count("pk"))
        .order_by()
    }
    enquiries = {
        row["concern__person__primary_support_reason"]: row
        for row in _enquiries_commenced(year)
        .values("concern__person__primary_support_reason")
        .annotate(
            s42=Count("pk", filter=Q(outcome_of_concern=S42)),
            other=Count("pk", filter=Q(outcome_of_concern=OTHER)),
        )
        .order_by()
    }
    rows = []
    for value, label in [*cld.PrimarySupportReason.choices, ("", NOT_RECORDED)]:
        enquiry = enquiries.get(value, {})
        rows.append(
            (label, [concerns.get(value, 0), enquiry.get("s42", 0), enquiry.get("other", 0)])
        )
    known = set(cld.PrimarySupportReason.values) | {""}
    stray = [0, 0, 0]  # a value no longer in the list counts as not recorded
    for value, n in concerns.items():
        if value not in known:
            stray[0] += n
    for value, row in enquiries.items():
        if value not in known:
            stray[1] += row["s42"]
            stray[2] += row["other"]
    label, counts = rows[-1]
    rows[-1] = (label, [a + b for a, b in zip(counts, stray, strict=True)])
    return Table(
        "SG1d",
        "Cases by primary support reason",
        ["Concerns raised", "Section 42 enquiries commenced", "Other enquiries commenced"],
        rows,
        "Cases: a person with two concerns counts twice.",
    )


SG2_COLUMNS = [label for _, label in ENQUIRY_TYPES]
SG2_SINGLE = [
    ("SG2b", "Location of risk", "location", sac.RiskLocation, ""),
    ("SG2d", "Action taken and result", "action_and_result", sac.ActionAndResult, ""),
    (
        "SG2e",
        "Risk outcome",
        "risk_outcome",
        sac.RiskOutcome,
        "Of the enquiries where a risk was identified and action taken.",
    ),
    (
        "SG2f",
        "Making Safeguarding Personal: asked about desired outcomes",
        "asked_outcomes",
        sac.AskedOutcomes,
        "",
    ),
    (
        "SG2g",
        "Making Safeguarding Personal: outcomes achieved",
        "outcomes_achieved",
        sac.OutcomesAchieved,
        "Of the enquiries where the person expressed outcomes.",
    ),
]


def _sg2_tables(year: Year) -> list[Table]:
    """Three queries: the single-answer questions in one, the types of abuse and the
    sources of risk in one each (several per enquiry, each once)."""
    concluded = _enquiries_concluded(year)
    aggregates, cells = {}, {}
    for kind, _ in ENQUIRY_TYPES:
        alias = f"total_{kind}"
        aggregates[alias] = Count("pk", filter=Q(outcome_of_concern=kind))
        for code, _, name, choices, _ in SG2_SINGLE:
            for value in choices.values:
                alias = f"c{len(aggregates)}"
                aggregates[alias] = Count("pk", filter=Q(outcome_of_concern=kind, **{name: value}))
                cells[(code, value, kind)] = alias
        alias = f"c{len(aggregates)}"
        aggregates[alias] = Count("pk", filter=Q(outcome_of_concern=kind, lacked_capacity=True))
        cells[("SG2h", "lacked", kind)] = alias
        alias = f"c{len(aggregates)}"
        aggregates[alias] = Count(
            "pk", filter=Q(outcome_of_concern=kind, lacked_capacity=True, advocate_supported=True)
        )
        cells[("SG2h", "supported", kind)] = alias
    counted = concluded.aggregate(**aggregates)

    def multiple(model, field_name: str) -> dict:
        rows = (
            model.objects.filter(enquiry__in=concluded)
            .values(field_name, "enquiry__outcome_of_concern")
            .annotate(n=Count("enquiry", distinct=True))
            .order_by()
        )
        return {(row[field_name], row["enquiry__outcome_of_concern"]): row["n"] for row in rows}

    risk_types = multiple(EnquiryRiskType, "risk_type")
    sources = multiple(EnquiryRiskSource, "source")
    kinds = [kind for kind, _ in ENQUIRY_TYPES]
    tables = [
        Table(
            "SG2",
            "Enquiries concluded",
            SG2_COLUMNS,
            [("Enquiries concluded in the year", [counted[f"total_{k}"] for k in kinds])],
        ),
        Table(
            "SG2a",
            "Type of risk",
            SG2_COLUMNS,
            [
                (label, [risk_types.get((v, k), 0) for k in kinds])
                for v, label in sac.RiskType.choices
            ],
            "An enquiry counts once under each type of abuse it was about.",
        ),
    ]
    singles = {
        code: Table(
            code,
            title,
            SG2_COLUMNS,
            [
                (label, [counted[cells[(code, v, k)]] for k in kinds])
                for v, label in choices.choices
            ],
            note,
        )
        for code, title, _, choices, note in SG2_SINGLE
    }
    tables.append(singles["SG2b"])
    tables.append(
        Table(
            "SG2c",
            "Source of risk",
            SG2_COLUMNS,
            [
                (label, [sources.get((v, k), 0) for k in kinds])
                for v, label in sac.SourceOfRisk.choices
            ],
            "An enquiry counts once under each source of risk, however many people of that kind.",
        )
    )
    tables += [singles[code] for code in ("SG2d", "SG2e", "SG2f", "SG2g")]
    tables.append(
        Table(
            "SG2h",
            "Making Safeguarding Personal: capacity and support",
            SG2_COLUMNS,
            [
                ("Lacked capacity", [counted[cells[("SG2h", "lacked", k)]] for k in kinds]),
                (
                    "Lacked capacity and supported by an advocate, family or friend",
                    [counted[cells[("SG2h", "supported", k)]] for k in kinds],
                ),
            ],
        )
    )
    return tables


@dataclass
class SacReturn:
    year: Year
    sg1: list[Table]
    sg2: list[Table]

    @property
    def tables(self) -> list[Table]:
        return [*self.sg1, *self.sg2]

    def table(self, code: str) -> Table:
        return next(table for table in self.tables if table.code == code)


def sac_tables(year: Year) -> SacReturn:
    """SG1 and SG2 of the financial year: six queries."""
    sg1 = _sg1_tables(_sg1_individuals(year))
    sg1.append(_sg1_cases(year))
    return SacReturn(year=year, sg1=sg1, sg2=_sg2_tables(year))


def csv_rows(sac_return: SacReturn):
    """The same tables as the page, one section per table: its code and title, its
    column headings, its rows, its totals where they add up, then a blank line."""
    yield ["Safeguarding Adults Collection", sac_return.year.label]
    yield []
    for table in sac_return.tables:
        yield [table.code, table.title]
        if table.note:
            yield [table.note]
        yield ["", *table.columns]
        for label, values in table.rows:
            yield [label, *values]
        yield []
