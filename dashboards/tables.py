"""A dashboard table: what the page shows and the CSV exports, from one definition.

Each cell keeps the value (written to the CSV: numbers as numbers, dates as ISO dates)
and the text the page shows ("75%", "No records", "3 December 2026").
"""

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.http import StreamingHttpResponse

from dashboards.rules import neutralise, percent_text


@dataclass(frozen=True)
class Cell:
    value: object
    text: str
    href: str = ""
    numeric: bool = False


def text(value, href: str = "") -> Cell:
    return Cell(value, "" if value is None else str(value), href=href)


def number(value: int | float | None) -> Cell:
    return Cell(value, "" if value is None else f"{value:,}", numeric=True)


def percent(value: float | None, empty: str = "No records") -> Cell:
    """A share: "75%" on the page, 75.0 in the CSV (under a heading that says "(%)")."""
    rounded = None if value is None else round(value, 1)
    return Cell(rounded, percent_text(value, empty), numeric=True)


def day(value: date | None) -> Cell:
    if value is None:
        return Cell(None, "")
    return Cell(value.isoformat(), f"{value.day} {value:%B %Y}")


@dataclass(frozen=True)
class Heading:
    """A column heading whose figures have a unit: the page's cells say it ("75%"), the
    CSV's heading does ("Within two working days (%)"), since its cells are bare numbers."""

    text: str
    unit: str

    def __str__(self) -> str:
        return self.text

    @property
    def with_unit(self) -> str:
        return f"{self.text} ({self.unit})"


def percent_heading(heading: str) -> Heading:
    return Heading(heading, "%")


def csv_heading(heading: "str | Heading") -> str:
    return heading.with_unit if isinstance(heading, Heading) else heading


@dataclass
class Chart:
    """Draw the table as a chart: `kind` is "bar" or "line"; `column` the index of the
    figures to draw against the first column's labels. The axes are titled from the
    table's headings, and a percentage axis runs 0 to 100%."""

    kind: str
    column: int
    label: str


@dataclass
class Table:
    slug: str
    caption: str
    headings: list["str | Heading"]
    rows: Iterable[list[Cell]]
    empty: str = "No records in this period."
    chart: Chart | None = None
    # When the page shows only some rows: how many there are in all, and why.
    total: int | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)

    def materialise(self) -> "Table":
        """Read every row now, for a page (a CSV streams them instead)."""
        self.rows = list(self.rows)
        return self

    @property
    def header_cells(self) -> list[tuple[str, bool]]:
        """Each heading, and whether its column is figures (aligned right)."""
        first = self.rows[0] if self.rows else []
        return [
            (str(heading), index > 0 and index < len(first) and first[index].numeric)
            for index, heading in enumerate(self.headings)
        ]

    @property
    def chart_axes(self) -> dict[str, str]:
        """The chart's axis titles and the unit of its figures, for charts.mjs."""
        if self.chart is None:
            return {}
        figures = self.headings[self.chart.column]
        return {
            "x": str(self.headings[0]),
            "y": csv_heading(figures),
            "unit": figures.unit if isinstance(figures, Heading) else "",
        }


class _Echo:
    """A file-like object whose write returns the line, for streaming (Django docs)."""

    def write(self, value):
        return value


def csv_response(table: Table, filename: str) -> StreamingHttpResponse:
    """Stream `table` as CSV, every cell neutralised against formula injection."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # a byte-order mark, so spreadsheets read the text as UTF-8
        yield writer.writerow([neutralise(csv_heading(heading)) for heading in table.headings])
        for row in table.rows:
            yield writer.writerow(["" if c.value is None else neutralise(c.value) for c in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
