"""`manage.py cld_extract`: the file, and its refusals before anything is read."""

import csv
import os
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from config import cld
from returns import extract
from tests.factories import PersonFactory
from tests.returns.factories import screened_request


def run(*args):
    out = StringIO()
    call_command("cld_extract", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def two_requests(council, team):
    person = PersonFactory(team=team, council_reference="=HYPERLINK(1)")
    screened_request(person, date(2025, 6, 1), date(2025, 6, 2))
    screened_request(person, date(2025, 7, 1), date(2025, 7, 2))
    return person


@pytest.mark.django_db
def test_it_writes_the_header_and_one_line_per_event(two_requests, tmp_path):
    output = tmp_path / "cld.csv"
    assert "2 event rows written" in run("--period-end", "2026-03-31", "--output", str(output))
    with output.open(newline="", encoding="utf-8") as file:
        lines = list(csv.reader(file))
    assert tuple(lines[0]) == cld.EXTRACT_COLUMNS
    assert len(lines[0]) == 46
    assert [line[:3] for line in lines[1:]] == [["919", "2026-03-31", "2025-04-01"]] * 2
    # Text a spreadsheet would run as a formula is written as text.
    assert {line[4] for line in lines[1:]} == {"'=HYPERLINK(1)"}
    assert [name for name in os.listdir(tmp_path)] == ["cld.csv"]


@pytest.mark.django_db
def test_an_empty_period_writes_the_header_only(council, tmp_path):
    output = tmp_path / "cld.csv"
    assert "0 event rows" in run("--period-end", "2025-12-31", "--output", str(output))
    assert output.read_text().splitlines() == [",".join(cld.EXTRACT_COLUMNS)]


@pytest.mark.parametrize(
    ("period_end", "message"),
    [
        ("31/03/2026", "YYYY-MM-DD"),
        ("2026-02-30", "YYYY-MM-DD"),
        ("2026-03-30", "quarter end"),
    ],
)
def test_a_bad_period_end_is_refused_before_any_query(period_end, message, tmp_path):
    # No database in these tests: a query would fail them with "Database access not allowed".
    with pytest.raises(CommandError, match=message):
        run("--period-end", period_end, "--output", str(tmp_path / "cld.csv"))
    assert list(tmp_path.iterdir()) == []


def test_an_output_that_cannot_be_written_is_refused_before_any_query(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    cases = {
        str(tmp_path / "missing" / "cld.csv"): "does not exist",
        str(tmp_path): "is a directory",
    }
    if os.geteuid() != 0:  # root writes anywhere
        cases[str(locked / "cld.csv")] = "cannot be written"
    for output, message in cases.items():
        with pytest.raises(CommandError, match=message):
            run("--period-end", "2026-03-31", "--output", output)
    locked.chmod(0o700)


@pytest.mark.django_db
def test_a_failure_midway_leaves_no_file_and_keeps_the_old_one(two_requests, tmp_path, monkeypatch):
    output = tmp_path / "cld.csv"
    output.write_text("last quarter's file\n")

    original = extract.extract_lines

    def failing_lines(period_end, team_ids=None):
        lines = original(period_end)
        yield next(lines)  # the header
        yield next(lines)  # the first event
        raise RuntimeError("the database went away")

    monkeypatch.setattr(extract, "extract_lines", failing_lines)
    with pytest.raises(RuntimeError, match="went away"):
        run("--period-end", "2026-03-31", "--output", str(output))
    assert output.read_text() == "last quarter's file\n"
    assert [path.name for path in tmp_path.iterdir()] == ["cld.csv"]
