"""SQLite holds a team: people saving and completing records at the same moment wait
their turn for the write lock rather than getting "database is locked" (a 500), and no
acknowledged save is lost. Run on a database file with real threads
(`concurrent_saves.py`), since the suite's own SQLite database is in memory."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _python(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 -- our own modules with fixed arguments
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "true", **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_eight_windows_saving_and_completing_at_once_lose_nothing(tmp_path):
    result = _python("-m", "tests.recording.concurrent_saves", str(tmp_path / "db.sqlite3"))
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(result.stdout.splitlines()[-1])
    assert figures["journal_mode"] == "wal"
    assert figures["windows"] == 8
    assert figures["errors"] == []
    assert figures["lost"] == []
    # 4 practitioners x 2 windows x 2 drafts, each autosaved 4 times, saved through the
    # form and completed; and each practitioner's shared draft completed once.
    assert figures["saves"] == 16 * 6
    assert figures["completions"] == 16 + 4


def _connection_options(database_url: str) -> dict:
    result = _python(
        "manage.py",
        "shell",
        "-c",
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))",
        DATABASE_URL=database_url,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[-1])


def test_sqlite_waits_its_turn_to_write():
    assert _connection_options("sqlite:////tmp/practice-record.sqlite3") == {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }


def test_postgresql_connections_are_left_as_they_were():
    options = _connection_options("postgres://user:secret@127.0.0.1:5432/records")
    assert options == {}
