"""Eight windows saving and completing case notes at once, on a SQLite database file.

`test_sqlite_concurrency.py` runs this in a process of its own, because the test suite's
SQLite database is in memory (where WAL does not apply) and its settings are the test
runner's: here the database is a file and `config.settings` builds the connection from
DATABASE_URL, as in a deployment. Each window is a thread with its own Django test
client (its own database connection), signed in as one of four practitioners (two
windows each, as a person with the record open twice). Each window, at once with the
others:

- opens each of its own drafts, autosaves it several times (each autosave chained on
  the version the last one answered, as static/js/autosave.mjs does), saves it through
  the form, and completes it;
- then both windows of a practitioner complete one shared draft at the same moment
  (exactly one may succeed; the other is told it was completed meanwhile).

Afterwards it checks the database: every acknowledged save is in the record's history
(the autosaves by text and version), each record holds its last save, and each
acknowledged completion happened exactly once, with the text completed. It prints the
figures as JSON on its last line.

    .venv/bin/python -m tests.recording.concurrent_saves /tmp/concurrent.sqlite3
"""

import json
import os
import re
import sys
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PRACTITIONERS = 4
WINDOWS_EACH = 2
DRAFTS_EACH = 2  # a window's own drafts
AUTOSAVES = 4  # of each draft, before the form save and the completion
_TIMEOUT = 120  # seconds, for the threads together
_VERSION = re.compile(r'name="version" value="(\d+)"')
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


def setup(path: Path) -> None:
    sys.path.insert(0, str(BASE_DIR))
    os.chdir(BASE_DIR)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["DEBUG"] = "true"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host, the email outbox


def seed() -> tuple[list, dict]:
    """Migrate, load the principles, and make the practitioners and their drafts:
    [(user, [[window's drafts], [window's drafts]], shared draft)], and the form fields
    that evidence every principle a case note must."""
    from datetime import datetime, timedelta

    from django.core.management import call_command

    from accounts.roles import Role
    from principles.models import ActiveFramework, Framework, required_principles
    from recording.deadlines import LONDON
    from recording.models import RecordKind
    from tests.conftest import PRINCIPLES_FIXTURES
    from tests.factories import (
        ContactFactory,
        PersonFactory,
        TeamFactory,
        TeamMembershipFactory,
        UserFactory,
        case_note_for,
    )

    call_command("migrate", verbosity=0)
    call_command("loaddata", *PRINCIPLES_FIXTURES, verbosity=0)
    framework = Framework.objects.get(slug="hertfordshire-connected-lives")
    ActiveFramework.choose(framework)
    numbers = {p.number for p in required_principles(framework, RecordKind.CASE_NOTE)} | {1}
    evidence = {}
    for number in sorted(numbers):
        evidence[f"principle_{number}"] = "on"
        evidence[f"principle_{number}_evidence"] = "The person led the conversation."
    team = TeamFactory(name="North Adult Care Team", slug="north")
    started = datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)
    practitioners = []
    for n in range(PRACTITIONERS):
        user = UserFactory(username=f"worker{n}", role=Role.PRACTITIONER)
        TeamMembershipFactory(user=user, team=team)
        person = PersonFactory(team=team, allocated_worker=user)
        notes = []
        for d in range(WINDOWS_EACH * DRAFTS_EACH + 1):
            contact = ContactFactory(
                person=person, recorded_by=user, occurred_at=started + timedelta(minutes=d)
            )
            notes.append(case_note_for(contact, narrative=f"Draft {d} of {user}.").pk)
        shared, own = notes[0], notes[1:]
        windows = [own[w::WINDOWS_EACH] for w in range(WINDOWS_EACH)]
        practitioners.append((user, windows, shared))
    return practitioners, evidence


class Window:
    """One signed-in window; what it was told is kept for the check."""

    def __init__(self, user, name: str, drafts: list[int], shared: int, evidence, outcome):
        from django.test import Client

        self.client = Client(raise_request_exception=False)
        self.user, self.name, self.drafts, self.shared = user, name, drafts, shared
        self.evidence, self.outcome = evidence, outcome

    def version(self, record: int) -> int:
        response = self.client.get(f"/records/{record}/edit/")
        self.expect(response, 200, record)
        # From the page, not `response.context`: the test client collects the context
        # of every template rendered meanwhile, in any thread.
        return int(_VERSION.search(response.content.decode())[1])

    def expect(self, response, status: int, record: int) -> bool:
        if response.status_code == status:
            return True
        text = response.content.decode()
        title = _TITLE.search(text)
        self.outcome["errors"].append(
            f"{self.name}: record {record}: {response.status_code}, expected {status}: "
            + " ".join((title[1] if title else text[:200]).split())
        )
        return False

    def post(self, record: int, version: int, narrative: str, **fields):
        return self.client.post(
            f"/records/{record}/edit/",
            {"version": str(version), "option_rows": "2", "narrative": narrative, **fields},
        )

    def complete(self, record: int, version: int, narrative: str):
        return self.post(
            record, version, narrative, action="complete", made_decision="no", **self.evidence
        )

    def run(self, ready: threading.Barrier) -> None:
        from django.db import connections

        try:
            self.client.force_login(self.user)
            for record in self.drafts:
                self.complete_own(record)
            # Both windows of the practitioner complete the shared draft at one moment.
            version = self.version(self.shared)
            ready.wait(timeout=_TIMEOUT)
            narrative = f"{self.name} completed the shared draft."
            response = self.complete(self.shared, version, narrative)
            if response.status_code == 302:
                self.outcome["completed"].append((self.shared, narrative))
            else:
                self.expect(response, 409, self.shared)  # completed meanwhile
        except Exception as error:  # noqa: BLE001 -- every failure is counted and shown
            self.outcome["errors"].append(f"{self.name}: {error!r}")
            ready.abort()
        finally:
            connections.close_all()

    def complete_own(self, record: int) -> None:
        version = self.version(record)
        for n in range(AUTOSAVES):
            narrative = f"{self.name} autosave {n} of record {record}."
            response = self.post(record, version, narrative, autosave="1")
            if not self.expect(response, 200, record):
                return
            version = response.json()["version"]
            self.outcome["saved"].append((record, version, narrative))
        narrative = f"{self.name} saved record {record} through the form."
        if not self.expect(self.post(record, version, narrative, action="save"), 302, record):
            return
        self.outcome["saved"].append((record, None, narrative))
        narrative = f"{self.name} completed record {record}."
        response = self.complete(record, self.version(record), narrative)
        if self.expect(response, 302, record):
            self.outcome["saved"].append((record, None, narrative))
            self.outcome["completed"].append((record, narrative))


def check(outcome: dict, shared: list[int]) -> list[str]:
    """What the database does not hold of what the windows were told."""
    from recording.history import COMPLETED
    from recording.models import CaseNote, RecordingObligation

    problems = []
    history = CaseNote.history
    for record, version, narrative in outcome["saved"]:
        rows = history.filter(id=record, narrative=narrative)
        if version is not None:
            rows = rows.filter(version=version)
        if not rows.exists():
            problems.append(f"record {record}: acknowledged save missing: {narrative}")
    completed = dict(outcome["completed"])
    if len(completed) != len(outcome["completed"]):
        problems.append("a record was acknowledged as completed twice")
    for record in shared:
        if record not in completed:
            problems.append(f"shared record {record}: neither window completed it")
    for record, narrative in completed.items():
        note = CaseNote.objects.get(pk=record)
        if not note.is_completed or note.narrative != narrative:
            problems.append(f"record {record}: not completed as acknowledged")
        completions = history.filter(id=record, history_change_reason=COMPLETED).count()
        if completions != 1:
            problems.append(f"record {record}: completed {completions} times in its history")
        obligation = RecordingObligation.objects.get(pk=note.obligation_id)
        if obligation.completed_at is None:
            problems.append(f"record {record}: its clock did not stop")
    return problems


def main(path: Path) -> dict:
    setup(path)
    from django.db import connection, connections

    practitioners, evidence = seed()
    journal_mode = connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]
    connections.close_all()
    outcome = {"saved": [], "completed": [], "errors": []}
    windows = [
        Window(user, f"{user.username}{'ab'[w]}", drafts, shared, evidence, outcome)
        for user, windows_drafts, shared in practitioners
        for w, drafts in enumerate(windows_drafts)
    ]
    ready = threading.Barrier(len(windows))
    threads = [threading.Thread(target=w.run, args=(ready,), daemon=True) for w in windows]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1, _TIMEOUT - (time.monotonic() - started)))
    hung = sum(thread.is_alive() for thread in threads)
    problems = check(outcome, [shared for _, _, shared in practitioners])
    return {
        "journal_mode": journal_mode,
        "windows": len(windows),
        "seconds": round(time.monotonic() - started, 1),
        "saves": len(outcome["saved"]),
        "completions": len(outcome["completed"]),
        "errors": outcome["errors"] + [f"{hung} windows still running"] * bool(hung),
        "lost": problems,
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
