"""Load and fault test: draft saves under load, with a worker killed mid-run (issue 7, part 7).

It makes a database of its own -- on the PostgreSQL server in --database-url (or
DATABASE_URL), or, for a SQLite URL, a new file in the directory of the file it names --
migrates it, and creates N practitioners, each with a person and draft case notes. It
starts gunicorn on 127.0.0.1 at a free port (loopback only) with `bench/settings_load.py`,
and signs each practitioner in twice: two "windows" each. Then:

1. The baseline: every window POSTs to a bare Django view that inserts one row, for
   --bare-seconds (or --requests POSTs).
2. The service: every window saves its practitioner's drafts for --seconds (or
   --requests POSTs) -- mostly autosaves chained on the version each answer gives, as
   static/js/autosave.mjs does, some through the normal form, and now and then it
   completes a note. Both windows of a practitioner also save one shared draft, so
   they provoke edit conflicts (409: counted, then the page is read again). A third of
   the way in, one gunicorn worker is killed (SIGKILL); the master starts another.

Every acknowledged save (200 with the version it reports, or 302 to the record) is
recorded, and after gunicorn has stopped the database is checked: a lost write is an
acknowledged save whose text and version are not in the record's history, two
acknowledged saves of the same version of a record (one overwrote the other), a record
whose text is not its latest acknowledged save, or an acknowledged completion that is
not what was completed. It must be 0, as must server errors (5xx answers, such as
SQLite's "database is locked"); the exit status is 1 otherwise. It prints saves per
second, p50/p95 latency, conflicts, lost writes, server errors, worker restarts, and the
ratio of save throughput to the bare insert's (goal >= 0.5). It stops gunicorn and
drops its database (or deletes its file) in any case.

Run on demand from the project directory (pytest does not collect it):

    .venv/bin/python bench/load.py \\
        --database-url postgres://practice_record:practice_record@127.0.0.1:5432/practice_record \\
        [--practitioners 4] [--workers 4] [--seconds 60] [--bare-seconds 15] [--requests 20000]
    .venv/bin/python bench/load.py --database-url sqlite:////tmp/load.sqlite3 [...]

The PostgreSQL user needs CREATEDB. If PostgreSQL is not running, start it as `.ci/run`
does (`pg_ctlcluster 15 main start`).
"""

import argparse
import http.client
import json
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
PASSWORD = "load-test-password-0123"  # noqa: S105 -- a throwaway database's users
HTTP_TIMEOUT = 15  # seconds, for every request
START_TIMEOUT = 60
SHARED_SHARE = 0.3  # of a window's saves go to the draft both windows edit
FORM_SHARE = 0.2  # of saves go through the normal form rather than the autosave
COMPLETE_EVERY = 40  # saves, on average, between completions by one window

_VERSION = re.compile(r'name="version" value="(\d+)"')
_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# --- The database of the run ---


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite:")


def database_url_for(url: str, name: str) -> str:
    if is_sqlite(url):
        return f"sqlite:///{sqlite_path(url, name)}"
    parts = urlsplit(url)
    return parts._replace(path=f"/{name}").geturl()


def sqlite_file(url: str) -> Path:
    """The file a SQLite URL names: sqlite:////tmp/x.sqlite3 is /tmp/x.sqlite3."""
    return Path(urlsplit(url).path[1:])


def sqlite_path(url: str, name: str) -> Path:
    """The run's own SQLite file, beside the one `url` names."""
    return sqlite_file(url).parent / f"{name}.sqlite3"


def admin_connection(url: str):
    import psycopg2

    parts = urlsplit(url)
    connection = psycopg2.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname=(parts.path or "/postgres").lstrip("/") or "postgres",
        connect_timeout=5,
    )
    connection.autocommit = True
    return connection


def database_problem(url: str) -> str | None:
    """Why the run cannot make its database from `url`, or None."""
    if is_sqlite(url):
        file = sqlite_file(url)
        if not file.is_absolute() or not file.parent.is_dir():
            return (
                "Give a SQLite URL with an absolute path in a directory that exists, "
                "e.g. sqlite:////tmp/load.sqlite3."
            )
        return None
    if not url.startswith(("postgres://", "postgresql://")):
        return "Give --database-url (or DATABASE_URL) of a PostgreSQL server or a SQLite file."
    try:
        admin_connection(url).close()
    except Exception as error:
        return (
            f"PostgreSQL is not available at {urlsplit(url).hostname}: {error}"
            "Start it (as .ci/run does: pg_ctlcluster 15 main start) and try again."
        )
    return None


def database_create(url: str, name: str) -> None:
    if is_sqlite(url):
        sqlite_path(url, name).touch(exist_ok=False)  # connecting fills it in
        return
    # Not `with connection`: psycopg2 would open a transaction, where CREATE DATABASE fails.
    connection = admin_connection(url)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        connection.close()


def database_drop(url: str, name: str) -> None:
    if is_sqlite(url):
        path = sqlite_path(url, name)
        for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            file.unlink(missing_ok=True)
        return
    connection = admin_connection(url)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        connection.close()


def setup_django(database_url: str) -> None:
    sys.path.insert(0, str(BASE_DIR))
    os.chdir(BASE_DIR)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings_load"
    os.environ["DATABASE_URL"] = database_url
    os.environ["DATABASE_CONN_MAX_AGE"] = "0"
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()


@dataclass
class World:
    users: list  # (username, [draft ids], shared draft id)
    evidence: dict  # form fields that evidence every principle a case note must


def seed(practitioners: int, drafts_each: int) -> World:
    """Migrate, load the principles, and make the practitioners and their drafts."""
    from datetime import date, timedelta

    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from accounts.models import Team, TeamMembership, User
    from accounts.roles import Role
    from bench.urls_load import BARE_TABLE
    from principles.models import ActiveFramework, Framework, required_principles
    from recording.models import Person, RecordKind
    from recording.services import case_note_save, contact_record

    call_command("migrate", verbosity=0)
    call_command(
        "loaddata",
        "fixtures/principles_hertfordshire.json",
        "fixtures/principles_lancashire.json",
        "fixtures/required_principles.json",
        "fixtures/cited_principles.json",
        verbosity=0,
    )
    key = "bigserial" if connection.vendor == "postgresql" else "integer"  # SQLite's rowid
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {BARE_TABLE} (id {key} PRIMARY KEY, author_id bigint, text text)"
        )
    framework = Framework.objects.get(slug="hertfordshire-connected-lives")
    ActiveFramework.choose(framework)
    numbers = {p.number for p in required_principles(framework, RecordKind.CASE_NOTE)} | {1}
    evidence = {}
    for number in sorted(numbers):
        evidence[f"principle_{number}"] = "on"
        evidence[f"principle_{number}_evidence"] = "The person led the conversation."
    team = Team.objects.create(name="Load test team", slug="load-test")
    practitioner = Group.objects.get(name=Role.PRACTITIONER)
    now = timezone.now()
    users = []
    for n in range(practitioners):
        user = User.objects.create_user(
            username=f"load{n}", password=PASSWORD, first_name="Load", last_name=f"Tester {n}"
        )
        user.groups.add(practitioner)
        TeamMembership.objects.create(user=user, team=team)
        person = Person.objects.create(
            name=f"Person {n}",
            date_of_birth=date(1940, 1, 1),
            council_reference=f"LOAD-{n}",
            team=team,
            allocated_worker=user,
        )
        drafts = []
        for d in range(drafts_each):
            contact = contact_record(
                person=person,
                occurred_at=now - timedelta(minutes=10 * d + 5),
                method="visit",
                with_whom="The person",
                recorded_by=user,
            )
            note = case_note_save(
                author=user,
                obligation=contact.obligations.get(),
                fields={"narrative": f"Draft {d} for person {n}."},
                evidence=[],
                options=[],
            )
            drafts.append(note.pk)
        users.append((user.username, drafts[1:], drafts[0]))
    return World(users=users, evidence=evidence)


# --- gunicorn ---


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn_start(database_url: str, port: int, workers: int, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings_load",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    command = [
        str(BASE_DIR / ".venv" / "bin" / "gunicorn"),
        "bench.wsgi_load",
        "--preload",
        "--bind",
        f"127.0.0.1:{port}",  # loopback only
        "--workers",
        str(workers),
        "--timeout",
        "30",
        "--graceful-timeout",
        "5",
        "--pythonpath",
        str(BASE_DIR),
    ]
    with open(log, "wb") as output:
        return subprocess.Popen(  # noqa: S603 -- a fixed command
            command,
            cwd=BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def gunicorn_stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)


def workers_of(master: int) -> set[int]:
    """The pids whose parent is gunicorn's master, from /proc."""
    children = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after its ")".
        if int(stat.rsplit(")", 1)[1].split()[1]) == master:
            children.add(int(entry.name))
    return children


def wait_until_serving(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped:\n{log.read_text()[-3000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/sign-in/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer in {START_TIMEOUT} s:\n{log.read_text()[-3000:]}")


# --- The clients ---


class Browser:
    """One signed-in window: cookies, a CSRF token, stdlib HTTP with timeouts."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.token = ""
        self.connection = None

    def request(self, method: str, path: str, fields: dict | None = None):
        body = urlencode(fields or {}, doseq=True) if method == "POST" else None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=HTTP_TIMEOUT
                )
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (OSError, http.client.HTTPException):
                self.connection.close()
                self.connection = None
                if method == "POST" or attempt == 2:
                    raise  # a POST is never sent twice: it may have been saved
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        text = data.decode("utf-8", "replace")
        token = _TOKEN.search(text)
        if token:
            self.token = token[1]
        return response.status, response.headers, text

    def sign_in(self, username: str) -> None:
        self.request("GET", "/sign-in/")
        status, headers, _ = self.request(
            "POST",
            "/sign-in/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": self.token},
        )
        if status != 302:
            raise RuntimeError(f"{username} could not sign in: {status}")


@dataclass
class Tally:
    """What the clients saw; lists are appended from many threads (atomic in CPython)."""

    latencies: list = field(default_factory=list)  # ms, of every timed POST
    by_kind: dict = field(default_factory=dict)  # ms: autosave, form, complete, page (GET)
    acknowledged: list = field(default_factory=list)  # (record, version or None, text, how)
    completed: list = field(default_factory=list)  # (record, text)
    conflicts: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (status, path)
    failures: list = field(default_factory=list)  # connection errors, timeouts
    posts: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count_post(self, limit: int) -> bool:
        with self.lock:
            if self.posts >= limit:
                return False
            self.posts += 1
            return True


def bare_window(browser: Browser, tally: Tally, deadline: float, limit: int, name: str):
    browser.request("GET", "/")  # a page, for the CSRF token
    sequence = 0
    while time.monotonic() < deadline and tally.count_post(limit):
        sequence += 1
        fields = {"text": f"{name} {sequence}", "csrfmiddlewaretoken": browser.token}
        started = time.perf_counter()
        try:
            status, _, _ = browser.request("POST", "/bench/bare-insert/", fields)
        except (OSError, http.client.HTTPException) as error:
            tally.failures.append(repr(error))
            continue
        if status == 200:
            tally.latencies.append((time.perf_counter() - started) * 1000)
            tally.acknowledged.append((None, None, fields["text"], "bare"))
        else:
            tally.refused.append((status, "/bench/bare-insert/"))


class Window:
    """A practitioner's window saving drafts as the autosave script and the form do."""

    def __init__(self, browser, name, drafts, shared, evidence, tally, rng):
        self.browser, self.name, self.tally, self.rng = browser, name, tally, rng
        self.drafts, self.shared, self.evidence = list(drafts), shared, evidence
        self.versions: dict[int, int] = {}
        self.sequence = 0

    def open(self, record: int) -> bool:
        started = time.perf_counter()
        status, _, text = self.browser.request("GET", f"/records/{record}/edit/")
        self.tally.by_kind.setdefault("page", []).append((time.perf_counter() - started) * 1000)
        version = _VERSION.search(text)
        if status != 200 or not version:
            return False  # completed meanwhile (409), or refused
        self.versions[record] = int(version[1])
        return True

    def text(self, record: int) -> str:
        self.sequence += 1
        words = " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(5, 40)))
        return f"{self.name} save {self.sequence} of record {record}: {words}."

    def post(self, record: int, fields: dict, kind: str):
        started = time.perf_counter()
        try:
            status, headers, text = self.browser.request("POST", f"/records/{record}/edit/", fields)
        except (OSError, http.client.HTTPException) as error:
            self.tally.failures.append(repr(error))
            self.versions.pop(record, None)  # may or may not have been saved: read again
            return None
        took = (time.perf_counter() - started) * 1000
        self.tally.latencies.append(took)
        self.tally.by_kind.setdefault(kind, []).append(took)
        return status, headers, text

    def step(self) -> None:
        shared = self.rng.random() < SHARED_SHARE or not self.drafts
        record = self.shared if shared else self.rng.choice(self.drafts)
        if record is None:
            return
        if record not in self.versions and not self.open(record):
            self._retire(record)
            return
        narrative = self.text(record)
        fields = {
            "csrfmiddlewaretoken": self.browser.token,
            "version": str(self.versions[record]),
            "option_rows": "2",
            "narrative": narrative,
        }
        completing = not shared and self.rng.random() < 1 / COMPLETE_EVERY
        if completing:
            kind = "complete"
            fields.update(self.evidence, action="complete", made_decision="no")
        elif self.rng.random() < FORM_SHARE:
            kind = "form"
            fields["action"] = "save"
        else:
            kind = "autosave"
            fields["autosave"] = "1"
        answer = self.post(record, fields, kind)
        if answer is None:
            return
        status, headers, text = answer
        if status == 200 and fields.get("autosave"):
            version = json.loads(text)["version"]
            self.versions[record] = version
            self.tally.acknowledged.append((record, version, narrative, "autosave"))
        elif status == 302 and headers.get("Location", "").startswith(f"/records/{record}/"):
            self.versions.pop(record, None)  # the next save reads the page again
            self.tally.acknowledged.append((record, None, narrative, "form"))
            if completing:
                self.tally.completed.append((record, narrative))
                self._retire(record)
        elif status == 409 and ('"conflict": true' in text or "changed since you opened" in text):
            self.tally.conflicts.append(record)
            self.versions.pop(record, None)  # read the saved version, as a person would
        elif status == 409:  # completed meanwhile
            self._retire(record)
        else:
            self.tally.refused.append((status, f"/records/{record}/edit/"))
            self.versions.pop(record, None)

    def _retire(self, record: int) -> None:
        if record in self.drafts:
            self.drafts.remove(record)
        if record == self.shared:
            self.shared = None


def app_window(window: Window, deadline: float, limit: int) -> None:
    while time.monotonic() < deadline and window.tally.count_post(limit):
        try:
            window.step()
        except (OSError, http.client.HTTPException) as error:  # reading a page failed
            window.tally.failures.append(repr(error))


WORDS = [
    "Maggie", "visited", "home", "garden", "stairs", "bath", "daughter", "son", "carer",
    "kitchen", "meals", "walk", "bus", "church", "neighbour", "pendant", "falls", "tablets",
    "doctor", "nurse", "friend", "cat", "Tuesday", "club", "shopping",
]  # fmt: skip


def run_phase(targets) -> None:
    threads = [threading.Thread(target=target, daemon=True) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


# --- The check ---


def lost_writes(tally: Tally) -> tuple[int, list[str]]:
    """Acknowledged saves the database does not hold."""
    from recording.models import CaseNote

    problems = []
    saves = [a for a in tally.acknowledged if a[3] != "bare"]
    history = getattr(CaseNote, "history", None)
    seen: dict[tuple[int, int], str] = {}
    for record, version, text, _how in saves:
        if version is not None:
            if (record, version) in seen and seen[(record, version)] != text:
                problems.append(f"record {record} version {version} acknowledged twice")
            seen[(record, version)] = text
        if history is not None:
            rows = history.filter(id=record, narrative=text)
            if version is not None:
                rows = rows.filter(version=version)
            if not rows.exists():
                problems.append(f"record {record}: acknowledged save not in history: {text[:40]}")
    # Each record holds its latest acknowledged save (the highest version acknowledged).
    versions_of_form_saves = {}
    if history is not None:
        for record, version, text, _how in saves:
            if version is None:
                row = history.filter(id=record, narrative=text).order_by("-version").first()
                if row is not None:
                    versions_of_form_saves[(record, text)] = row.version
    latest: dict[int, tuple[int, str]] = {}
    for record, version, text, _how in saves:
        version = version if version is not None else versions_of_form_saves.get((record, text))
        if version is not None and version >= latest.get(record, (0, ""))[0]:
            latest[record] = (version, text)
    notes = CaseNote.objects.in_bulk(list(latest))
    for record, (version, text) in latest.items():
        note = notes[record]
        if note.version == version and note.narrative != text:
            problems.append(f"record {record} is not its latest acknowledged save")
        if note.version < version:
            problems.append(f"record {record} is at version {note.version} < {version}")
    for record, text in tally.completed:
        note = notes.get(record) or CaseNote.objects.get(pk=record)
        if not note.is_completed or note.narrative != text:
            problems.append(f"record {record}: acknowledged completion not what was completed")
    return len(problems), problems


def server_errors(tally: Tally) -> int:
    return sum(1 for status, _path in tally.refused if status >= 500)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# --- The run ---


def _time_is_up(*_) -> None:
    raise TimeoutError("the load test ran out of time")


def report(
    bare: Tally, bare_elapsed: float, tally: Tally, elapsed: float, restarts, lost, problems
):
    bare_rate = len(bare.acknowledged) / bare_elapsed
    saves = [a for a in tally.acknowledged if a[3] != "bare"]
    save_rate = len(saves) / elapsed
    autosaves = sum(1 for a in saves if a[3] == "autosave")
    print()
    print(
        f"bare insert: {len(bare.acknowledged)} in {bare_elapsed:.1f} s = {bare_rate:.1f}/s; "
        f"p50 {percentile(bare.latencies, 0.5):.0f} ms, p95 {percentile(bare.latencies, 0.95):.0f}"
        f" ms; failed {len(bare.failures)}"
    )
    print(
        f"draft saves: {len(saves)} acknowledged ({autosaves} autosaves, "
        f"{len(saves) - autosaves} by the form, {len(tally.completed)} of them completions) "
        f"in {elapsed:.1f} s = {save_rate:.1f} saves/s"
    )
    print(
        f"save latency: p50 {percentile(tally.latencies, 0.5):.0f} ms, "
        f"p95 {percentile(tally.latencies, 0.95):.0f} ms"
    )
    kinds = ", ".join(
        f"{kind} {percentile(times, 0.5):.0f}/{percentile(times, 0.95):.0f}"
        for kind, times in sorted(tally.by_kind.items())
    )
    print(f"p50/p95 ms by request: {kinds} (page: reading the form again)")
    print(f"conflicts detected (409): {len(tally.conflicts)}")
    print(f"failed requests (the killed worker's, timeouts): {len(tally.failures)}")
    print(f"other refusals: {len(tally.refused)} {sorted(set(tally.refused))[:5]}")
    print(f"server errors (5xx): {server_errors(bare) + server_errors(tally)}")
    print(f"worker restarts: {len(restarts)} {'; '.join(restarts)}")
    print(
        f"lost writes: {lost} (each acknowledged save looked up in the records' history "
        f"by its text{' and version' if autosaves else ''}; each record against its latest)"
    )
    for problem in problems[:20]:
        print(f"  {problem}")
    ratio = save_rate / bare_rate if bare_rate else float("nan")
    print(f"throughput, draft saves / bare inserts: {ratio:.2f} (goal >= 0.5)")


def kill_a_worker(master: int, after: float, restarts: list[str]) -> None:
    """SIGKILL one gunicorn worker `after` seconds in; note when the master replaced it."""
    time.sleep(after)
    before = workers_of(master)
    if not before:
        return
    victim = min(before)
    os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic()
    while time.monotonic() < killed_at + 30:
        new = workers_of(master) - before
        if new:
            waited = time.monotonic() - killed_at
            restarts.append(f"killed worker {victim}, new worker {min(new)} after {waited:.1f} s")
            return
        time.sleep(0.1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="a PostgreSQL server's URL, for a user with CREATEDB, or sqlite:////DIR/FILE "
        "(the run's file is made in DIR) (default: DATABASE_URL)",
    )
    parser.add_argument("--practitioners", type=int, default=4)
    parser.add_argument("--drafts", type=int, default=6, help="draft case notes each")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--seconds", type=float, default=60, help="of draft saves")
    parser.add_argument("--bare-seconds", type=float, default=15, help="of bare inserts")
    parser.add_argument("--requests", type=int, default=20000, help="POSTs at most, per phase")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    problem = database_problem(args.database_url)
    if problem:
        print(problem, file=sys.stderr)
        return 2

    # A hard stop: whatever hangs, the finally below still stops gunicorn and drops the
    # database.
    signal.signal(signal.SIGALRM, _time_is_up)
    signal.alarm(int(args.seconds + args.bare_seconds + 300))
    name = f"practice_record_load_{secrets.token_hex(4)}"
    database_url = database_url_for(args.database_url, name)
    process = None
    created = django_ready = False
    log = Path(tempfile.mkdtemp(prefix="practice-record-load-")) / "gunicorn.log"
    try:
        database_create(args.database_url, name)
        created = True
        setup_django(database_url)
        django_ready = True
        started = time.perf_counter()
        world = seed(args.practitioners, args.drafts)
        print(
            f"database {name}: migrated; {args.practitioners} practitioners with "
            f"{args.drafts} draft case notes each ({time.perf_counter() - started:.1f} s)"
        )
        port = free_port()
        process = gunicorn_start(database_url, port, args.workers, log)
        wait_until_serving(port, process, log)
        print(f"gunicorn: 127.0.0.1:{port}, {args.workers} workers, master pid {process.pid}")
        rng = random.Random(args.seed)  # noqa: S311 -- a repeatable run, not secrets
        tally = Tally()
        windows = []
        for username, drafts, shared in world.users:
            for side, mine in (("a", drafts[0::2]), ("b", drafts[1::2])):
                browser = Browser(port)
                browser.sign_in(username)
                window_rng = random.Random(rng.random())  # noqa: S311
                windows.append(
                    Window(
                        browser, username + side, mine, shared, world.evidence, tally, window_rng
                    )
                )
        print(f"{len(windows)} windows signed in: each practitioner twice")

        # 1. The baseline: a bare view that inserts one row, through the same middleware.
        bare = Tally()
        bare_started = time.monotonic()
        deadline = bare_started + args.bare_seconds
        run_phase(
            lambda w=window: bare_window(w.browser, bare, deadline, args.requests, w.name)
            for window in windows
        )
        bare_elapsed = time.monotonic() - bare_started

        # 2. The service's draft saves, with a worker killed a third of the way in.
        restarts: list[str] = []
        killer = threading.Thread(
            target=kill_a_worker, args=(process.pid, args.seconds / 3, restarts), daemon=True
        )
        app_started = time.monotonic()
        deadline = app_started + args.seconds
        killer.start()
        run_phase(lambda w=window: app_window(w, deadline, args.requests) for window in windows)
        elapsed = time.monotonic() - app_started
        killer.join(timeout=35)
        gunicorn_stop(process)  # nothing writes any more: check what was acknowledged
        lost, problems = lost_writes(tally)
        report(bare, bare_elapsed, tally, elapsed, restarts, lost, problems)
        return 1 if lost or server_errors(bare) or server_errors(tally) else 0
    finally:
        if process is not None:
            gunicorn_stop(process)
        if django_ready:
            from django.db import connections

            connections.close_all()
        if created:
            database_drop(args.database_url, name)
            dropped = sqlite_path(args.database_url, name) if is_sqlite(database_url) else name
            print(f"dropped database {dropped}")
        signal.alarm(0)


if __name__ == "__main__":
    sys.exit(main())
