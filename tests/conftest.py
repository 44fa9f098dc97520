"""The test kit: personas (healthchecks-style), a signed-in client per role, the
principles fixtures, and Playwright on Debian's Chromium."""

import copy
import threading
import time
from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections, transaction
from django.test import Client
from hypothesis import settings as hypothesis_settings
from pytest_django.plugin import blocking_manager_key

from accounts.roles import Role, sync_role_groups
from principles.models import ActiveFramework, Framework
from tests.factories import PASSWORD, TeamFactory, TeamMembershipFactory, UserFactory

# What the property tests check is behaviour, never speed: on a busy two-core machine
# (CI runs SQLite and PostgreSQL at once) an example can take longer than Hypothesis's
# default 200 ms deadline, which made a passing test fail as "flaky".
hypothesis_settings.register_profile("practice-record", deadline=None)
hypothesis_settings.load_profile("practice-record")

PRINCIPLES_FIXTURES = [
    "fixtures/principles_hertfordshire.json",
    "fixtures/principles_lancashire.json",
    "fixtures/required_principles.json",
    "fixtures/cited_principles.json",
]


@pytest.fixture(autouse=True)
def _fast_test_settings(settings):
    # Real password hashing is deliberately slow; tests only need it to be consistent.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Production uses whitenoise's manifest storage, which needs collectstatic first;
    # tests serve the source files instead.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Nor does whitenoise index `collectstatic`'s output, left by bin/setup: it would do
    # so for every test client (thousands of files each time), and CI has none.
    settings.STATIC_ROOT = settings.BASE_DIR / "tests" / "no-collected-static-files"


@pytest.fixture(scope="session", autouse=True)
def _close_stray_connections(django_db_setup, django_db_blocker):
    """After the last test, end any other session on the PostgreSQL test database so
    pytest-django can drop it. After the browser tests one connection stays open that
    Django's `close_all()` in the main context does not reach (seen only on PostgreSQL,
    after the live server and Playwright have run; its owner is not yet pinned down)."""
    yield
    with django_db_blocker.unblock():
        connection = connections["default"]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture(autouse=True)
def _role_groups(request):
    """The role groups the data migration makes, for every database test.

    A browser test's live server flushes the database after it, taking the groups with
    it, and pytest-django does not always run those tests last.
    """
    marker = request.node.get_closest_marker("django_db")
    if (
        marker
        and marker.kwargs.get("transaction")
        or any(name in request.fixturenames for name in ("transactional_db", "live_server"))
    ):
        request.getfixturevalue("transactional_db")
        request.node.flushes_database = True  # see pytest_runtest_teardown
    elif marker or "db" in request.fixturenames:
        request.getfixturevalue("db")
    else:
        return
    if not Group.objects.exists():
        sync_role_groups(apps)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test that flushed the database, put the role groups back at once and for
    good, not inside each later test's rolled-back transaction: made again in every test
    after a browser test, they were a third of a PostgreSQL run."""
    result = yield
    # After the last test (`nextitem` None) the test database is already gone with the
    # session's fixtures, and no later test needs the groups.
    if getattr(item, "flushes_database", False) and nextitem is not None:
        with item.config.stash[blocking_manager_key].unblock():
            sync_role_groups(apps)
    return result


class _LoadedRows:
    """The rows a `loaddata` adds, kept once per session and put back with one
    `bulk_create` a model.

    Parsing and saving the principles fixtures object by object (with their history
    rows) took a fifth of the suite's time, and most tests ask for them. The rows are
    what `loaddata` wrote into the freshly migrated test database, history included,
    so a test sees exactly what `loaddata` would give it.
    """

    def __init__(self, *fixtures):
        self.fixtures = fixtures
        self.rows: list[tuple[type, list]] = []

    def capture(self):
        models = apps.get_models(include_auto_created=True)
        with transaction.atomic():
            before = {model: model._base_manager.count() for model in models}
            call_command("loaddata", *self.fixtures, verbosity=0)
            for model in models:
                added = model._base_manager.count() - before[model]
                if not added:
                    continue
                if before[model]:
                    raise AssertionError(f"{model.__name__} had rows before the fixtures")
                self.rows.append((model, list(model._base_manager.order_by("pk"))))
            transaction.set_rollback(True)

    def load(self):
        connection = connections["default"]
        with transaction.atomic():
            for model, objects in self.rows:
                model._base_manager.bulk_create(copy.copy(obj) for obj in objects)
            # As `loaddata` does: the next row each table makes follows these.
            statements = connection.ops.sequence_reset_sql(
                no_style(), [model for model, _ in self.rows]
            )
            if statements:
                with connection.cursor() as cursor:
                    for statement in statements:
                        cursor.execute(statement)


@pytest.fixture(scope="session")
def _principles_rows(django_db_setup, django_db_blocker) -> _LoadedRows:
    rows = _LoadedRows(*PRINCIPLES_FIXTURES)
    with django_db_blocker.unblock():
        rows.capture()
    return rows


@pytest.fixture
def principles(db, _principles_rows) -> Framework:
    """Both councils' frameworks, loaded from the fixtures; Hertfordshire active."""
    _principles_rows.load()
    hertfordshire = Framework.objects.get(slug="hertfordshire-connected-lives")
    ActiveFramework.choose(hertfordshire)
    return hertfordshire


@pytest.fixture
def team(db):
    return TeamFactory(name="North Adult Care Team", slug="north")


@pytest.fixture
def other_team(db):
    return TeamFactory(name="Hospital Discharge Team", slug="hospital")


@pytest.fixture
def practitioner(team):
    user = UserFactory(
        username="alice", first_name="Alice", last_name="Adams", role=Role.PRACTITIONER
    )
    TeamMembershipFactory(user=user, team=team)
    return user


@pytest.fixture
def manager(team):
    user = UserFactory(
        username="bob",
        first_name="Bob",
        last_name="Baker",
        job_title="Team manager",
        role=Role.TEAM_MANAGER,
    )
    TeamMembershipFactory(user=user, team=team, is_manager=True)
    return user


@pytest.fixture
def colleague(team):
    """A second practitioner in North, who is not Margaret's allocated worker."""
    user = UserFactory(
        username="erin", first_name="Erin", last_name="Evans", role=Role.PRACTITIONER
    )
    TeamMembershipFactory(user=user, team=team)
    return user


@pytest.fixture
def outsider(other_team):
    """A practitioner in another team."""
    user = UserFactory(
        username="charlie", first_name="Charlie", last_name="Clarke", role=Role.PRACTITIONER
    )
    TeamMembershipFactory(user=user, team=other_team)
    return user


@pytest.fixture
def other_manager(other_team):
    user = UserFactory(username="dana", first_name="Dana", last_name="Dunn", role=Role.TEAM_MANAGER)
    TeamMembershipFactory(user=user, team=other_team, is_manager=True)
    return user


@pytest.fixture
def quality(db):
    return UserFactory(
        username="quentin",
        first_name="Quentin",
        last_name="Quayle",
        job_title="Head of service",
        role=Role.QUALITY,
    )


@pytest.fixture
def administrator(db):
    return UserFactory(
        username="ada", first_name="Ada", last_name="Admin", is_staff=True, role=Role.ADMINISTRATOR
    )


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def practitioner_client(practitioner):
    return _client_for(practitioner)


@pytest.fixture
def manager_client(manager):
    return _client_for(manager)


@pytest.fixture
def outsider_client(outsider):
    return _client_for(outsider)


@pytest.fixture
def quality_client(quality):
    return _client_for(quality)


@pytest.fixture
def administrator_client(administrator):
    return _client_for(administrator)


# --- Browser tests: Playwright driving Debian's Chromium (never a downloaded browser) ---


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


class _CountingApp:
    """The live server's WSGI app, counting the requests it is handling."""

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()
        self.handling = 0
        self.last = time.monotonic()

    def _mark(self, step):
        with self.lock:
            self.handling += step
            self.last = time.monotonic()

    def __call__(self, environ, start_response):
        self._mark(1)
        try:
            return self.app(environ, start_response)
        finally:
            self._mark(-1)

    def wait_until_quiet(self, quiet=0.3, limit=10.0):
        """Return once no request has been handled for `quiet` seconds."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            with self.lock:
                if not self.handling and time.monotonic() - self.last >= quiet:
                    return
            time.sleep(0.05)
        raise AssertionError("the live server was still handling requests after the test")


@pytest.fixture(autouse=True)
def _live_server_quiet(request):
    """A browser test ends when its live server has stopped handling requests.

    Leaving a form saves its unsaved text (the autosave's keepalive request), and that
    request must finish before the database is flushed and the next test begins: on
    SQLite the live server shares the tests' in-memory connection. Set up after the
    database, so this waits before the flush, and after the browser has closed.
    """
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    httpd = request.getfixturevalue("live_server").thread.httpd
    app = httpd.get_app()
    if not isinstance(app, _CountingApp):
        app = _CountingApp(app)
        httpd.set_app(app)
    yield
    app.wait_until_quiet()


@pytest.fixture
def page(page):
    """Playwright's page, left for a blank one at the end, so leaving the last form
    happens while the test's data is still there."""
    yield page
    if not page.is_closed():
        page.goto("about:blank")


@pytest.fixture
def sign_in(live_server, page):
    """Sign `user` in through the real sign-in page; returns the page."""

    def _sign_in(user):
        page.goto(f"{live_server.url}/sign-in/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        return page

    return _sign_in


# --- The case record ---


@pytest.fixture
def person(principles, team, practitioner):
    """Someone allocated to the practitioner in the North team."""
    from tests.factories import PersonFactory

    return PersonFactory(
        name="Margaret Oyelaran",
        preferred_name="Maggie",
        date_of_birth=date(1941, 3, 2),
        council_reference="HCC-104233",
        team=team,
        allocated_worker=practitioner,
    )


@pytest.fixture
def other_teams_person(principles, other_team, outsider):
    from tests.factories import PersonFactory

    return PersonFactory(
        name="Harold Pennington",
        council_reference="HCC-200001",
        team=other_team,
        allocated_worker=outsider,
    )
