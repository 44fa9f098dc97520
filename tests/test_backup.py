"""The README's backup and restore, proved: `backup_check` backs the database up,
restores it into a fresh database and compares every table's row count (SQLite here,
PostgreSQL when DATABASE_URL points at it, as in CI)."""

import pytest
from django.core.management import CommandError, call_command

from recording.models import Person
from tests.factories import ContactFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def some_records():
    worker = UserFactory()
    people = PersonFactory.create_batch(3)
    for person in people:
        ContactFactory(person=person, recorded_by=worker)
    return people


def test_a_restored_backup_has_every_row(some_records, capsys):
    call_command("backup_check")

    out = capsys.readouterr().out
    assert "Restored copy matches" in out
    assert "DIFFERS" not in out
    person_line = next(line for line in out.splitlines() if line.startswith("recording_person "))
    assert person_line.split()[1:] == [str(Person.objects.count()), "3", "ok"]


def test_a_restore_missing_rows_is_reported(some_records, monkeypatch):
    from config.management.commands import backup_check

    real_counts = backup_check._counts
    calls = []

    def counts_losing_a_person(cursor, tables, quote):
        counts = real_counts(cursor, tables, quote)
        calls.append(counts)
        if len(calls) == 2:  # the restored copy's count
            counts["recording_person"] -= 1
        return counts

    monkeypatch.setattr(backup_check, "_counts", counts_losing_a_person)
    with pytest.raises(CommandError, match="recording_person"):
        call_command("backup_check")


def test_the_backup_can_be_kept(some_records, tmp_path):
    target = tmp_path / "practice-record.backup"
    call_command("backup_check", keep=target)
    assert target.stat().st_size > 0
