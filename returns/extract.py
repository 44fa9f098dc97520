"""The CLD extract as a CSV file: DHSC's 46 columns in their order, one line per event
(`returns.events.cld_rows`). Written by `manage.py cld_extract` and downloaded from
`returns:extract`."""

import csv
from collections.abc import Iterator
from datetime import date

from config.cld import EXTRACT_COLUMNS
from returns.events import cld_rows

# A cell a spreadsheet would run as a formula ("CSV injection"): its first character.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """`value`, with a leading apostrophe when a spreadsheet would read it as a formula.
    The columns are dates, numbers and DHSC's value lists, none of which starts so; the
    guard is for the text people type (references, postcodes, provider IDs)."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def extract_lines(period_end: date, *, team_ids=None) -> Iterator[list[str]]:
    """The header, then each event row's cells."""
    yield list(EXTRACT_COLUMNS)
    for row in cld_rows(period_end, team_ids=team_ids):
        yield [safe_cell(value) for value in row.as_list()]


def write_extract(file, period_end: date) -> int:
    """Write the extract of the 12 months ending `period_end` to the open text `file`
    (opened with newline=""); returns the number of event rows."""
    writer = csv.writer(file)
    count = -1  # the header
    for line in extract_lines(period_end):
        writer.writerow(line)
        count += 1
    return count


class _Echo:
    """A file whose write gives back the line: for streaming CSV through csv.writer."""

    def write(self, value: str) -> str:
        return value


def stream_extract(period_end: date) -> Iterator[str]:
    """The extract as CSV text, line by line (for a StreamingHttpResponse)."""
    writer = csv.writer(_Echo())
    for line in extract_lines(period_end):
        yield writer.writerow(line)


def extract_filename(code: str, period_end: date) -> str:
    return f"cld-{code or 'no-la-code'}-{period_end.isoformat()}.csv"
