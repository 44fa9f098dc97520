"""seed_scale: the council-sized data set for measuring the dashboards, here at a small
size. It keeps the app's rules (the two-working-day clock, one case note a contact, the
person's team), repeats itself for the same seed, and refuses what it cannot do."""

from collections import Counter
from datetime import date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F

from accounts.models import Team, TeamMembership, User
from accounts.roles import Role
from assessments.models import Authorisation, CopyGiven
from config.kinds import CARE_ACT_KINDS
from demo.management.commands import _scale_text
from demo.management.commands.seed_scale import DEFAULT_FRAMEWORK
from frontdoor.models import Allocation, ScreeningOutcome, SupportRequest, Task, WorkItem
from principles.models import ActiveFramework, Framework, ReadingConfirmation
from recording.deadlines import LONDON, due_date
from recording.models import (
    CaseNote,
    ClosureDay,
    Contact,
    Person,
    PrincipleEvidence,
    Record,
    RecordingObligation,
)
from tests.conftest import PRINCIPLES_FIXTURES

pytestmark = pytest.mark.django_db

# A Wednesday afternoon; the year before it holds the Christmas closure below.
NOW = datetime(2026, 3, 11, 14, 30, tzinfo=LONDON)
CHRISTMAS_EVE = date(2025, 12, 24)
SMALL = ["--contacts", "600", "--people", "60", "--staff", "20", "--teams", "4", "--years", "1"]


def _seed(*extra: str) -> str:
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("seed_scale", *SMALL, *extra, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(principles):
    ClosureDay.objects.create(date=CHRISTMAS_EVE, reason="Christmas Eve closure")
    return _seed()


def _scale_obligations():
    return RecordingObligation.objects.filter(team__slug__startswith="scale-team-")


def test_it_creates_the_numbers_asked_for(seeded):
    assert Team.objects.filter(slug__startswith="scale-team-").count() == 4
    staff = User.objects.filter(username__startswith="scale-")
    assert staff.count() == 20
    assert not any(user.has_usable_password() for user in staff)
    assert Person.objects.filter(council_reference__startswith="SC").count() == 60
    assert Contact.objects.filter(recorded_by__in=staff).count() == 600
    # The app makes one case-note obligation a contact; packages and Care Act records
    # add their own.
    obligations = _scale_obligations()
    assert obligations.filter(kind="case_note").count() == 600
    assert obligations.filter(kind="provisional_care_package").exists()
    assert obligations.filter(kind__in=CARE_ACT_KINDS).exists()
    assert "Scale data set created in" in seeded
    assert "recording_principleevidence" in seeded


def test_each_team_has_one_manager_and_its_practitioners(seeded):
    for team in Team.objects.filter(slug__startswith="scale-team-"):
        managers = TeamMembership.objects.filter(team=team, is_manager=True)
        assert [m.user.is_team_manager for m in managers] == [True]
        practitioners = TeamMembership.objects.filter(team=team, is_manager=False)
        assert practitioners.exists()
        assert all(m.user.is_practitioner for m in practitioners)
    quality = User.objects.filter(username__startswith="scale-", groups__name=Role.QUALITY)
    assert quality.count() == 1
    assert not TeamMembership.objects.filter(user__in=quality).exists()


def test_every_obligation_is_in_its_persons_team_and_owned_by_a_practitioner_there(seeded):
    obligations = _scale_obligations()
    assert not obligations.exclude(team=F("contact__person__team")).exists()
    for obligation in obligations.select_related("owner"):
        assert obligation.owner.is_practitioner
        assert TeamMembership.objects.filter(
            user=obligation.owner_id, team=obligation.team_id
        ).exists()


def test_restricted_people_are_seen_by_their_allocated_worker(seeded):
    for person in Person.objects.filter(is_restricted=True):
        assert person.allocated_worker_id is not None
        assert set(person.contacts.values_list("recorded_by", flat=True)) <= {
            person.allocated_worker_id
        }


def test_due_dates_follow_the_two_working_day_rule_with_closure_days(seeded):
    closures = ClosureDay.dates()
    rows = _scale_obligations().values_list("contact__occurred_at", "contact_date", "due_date")
    for occurred_at, contact_date, due in rows:
        assert contact_date == occurred_at.astimezone(LONDON).date()
        assert due == due_date(contact_date, closures)
    # Contacts the Monday before Christmas are due on the 29th: the closure, two bank
    # holidays and a weekend come first.
    before_christmas = _scale_obligations().filter(contact_date=date(2025, 12, 22))
    assert before_christmas.exists()
    assert set(before_christmas.values_list("due_date", flat=True)) == {date(2025, 12, 29)}
    assert not _scale_obligations().filter(due_date=CHRISTMAS_EVE).exists()


def test_completed_records_have_their_completion_time(seeded):
    obligations = _scale_obligations()
    completed = obligations.filter(completed_at__isnull=False)
    assert completed.exists()
    for obligation in completed.select_related("record"):
        assert obligation.completed_on == obligation.completed_at.astimezone(LONDON).date()
        assert obligation.record.status == Record.Status.COMPLETED
        assert obligation.record.completed_at == obligation.completed_at
        assert obligation.record.author_id == obligation.owner_id
    assert not Record.objects.filter(status=Record.Status.COMPLETED, completed_at=None).exists()
    assert not Record.objects.filter(
        status=Record.Status.DRAFT, completed_at__isnull=False
    ).exists()
    # Only a contact's case note is owed before anyone starts it.
    assert not obligations.filter(record__isnull=True).exclude(kind="case_note").exists()


def test_most_records_are_completed_on_time_and_recent_ones_are_open(seeded):
    obligations = _scale_obligations()
    completed = obligations.filter(completed_on__isnull=False)
    on_time = completed.filter(completed_on__lte=F("due_date")).count() / completed.count()
    assert 0.78 < on_time < 0.92
    today = NOW.date()
    open_ = obligations.filter(completed_on__isnull=True)
    assert open_.filter(due_date__lt=today).exists()  # overdue
    assert open_.filter(due_date__gte=today).exists()  # not yet due
    assert open_.filter(record__status=Record.Status.DRAFT).exists()
    assert not open_.filter(contact_date__lt=date(2025, 12, 1)).exists()


def test_completed_records_evidence_one_to_four_principles_of_the_active_framework(
    seeded, principles
):
    completed = Record.objects.filter(status=Record.Status.COMPLETED)
    counts = Counter(completed.annotate(n=Count("evidence")).values_list("n", flat=True))
    assert set(counts) <= {1, 2, 3, 4}
    assert 1.5 < PrincipleEvidence.objects.count() / Record.objects.count() < 2.5
    assert set(Record.objects.values_list("framework", flat=True)) == {principles.pk}
    assert not PrincipleEvidence.objects.exclude(principle__framework=principles).exists()
    assert not PrincipleEvidence.statements.through.objects.exists()
    assert set(CaseNote.objects.values_list("kind", flat=True)) == {"case_note"}


def test_decisions_and_copies_follow_the_records(seeded):
    for decision in Authorisation.objects.select_related("record", "decided_by"):
        assert decision.record.kind in ("eligibility", "care_plan")
        assert decision.record.is_completed
        assert decision.decided_at > decision.record.completed_at
        assert decision.decided_by.is_team_manager
    for copy in CopyGiven.objects.select_related("record"):
        assert copy.record.kind in ("needs_assessment", "eligibility", "care_plan")
        assert copy.given_on >= copy.record.completed_at.astimezone(LONDON).date()
        assert copy.given_on < NOW.date()


def test_most_staff_have_read_every_principle(seeded, principles):
    staff = User.objects.filter(username__startswith="scale-")
    total = principles.principles.count()
    read = Counter(
        ReadingConfirmation.objects.filter(user__in=staff)
        .values("user")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )
    assert read[total] >= 12  # about 80% of 20


def _fingerprint() -> tuple:
    return (
        list(
            Contact.objects.order_by("pk").values_list(
                "pk", "person", "occurred_at", "method", "with_whom", "recorded_by"
            )
        ),
        list(
            RecordingObligation.objects.order_by("pk").values_list(
                "pk", "contact", "kind", "team", "owner", "due_date", "completed_at"
            )
        ),
        list(
            Record.objects.order_by("pk").values_list(
                "pk", "kind", "person", "obligation", "status", "created_at", "reading_ease"
            )
        ),
        list(
            PrincipleEvidence.objects.order_by("pk").values_list("record", "principle", "evidence")
        ),
        list(Person.objects.order_by("pk").values_list("name", "team", "review_due")),
        Authorisation.objects.count(),
        CopyGiven.objects.count(),
        list(
            SupportRequest.objects.order_by("pk").values_list("contact", "outcome", "screened_at")
        ),
        list(
            WorkItem.objects.order_by("pk").values_list(
                "kind", "person", "waiting_since", "allocated_to", "completed_at"
            )
        ),
        list(Task.objects.order_by("pk").values_list("owner", "due_on", "completed_at")),
    )


def test_requests_waits_allocations_and_tasks_keep_the_apps_rules(seeded):
    requests = SupportRequest.objects.all()
    assert 0.1 < requests.count() / 600 < 0.25  # 35,000 a year at the default size
    assert not requests.exclude(person=F("contact__person")).exists()  # a request is a contact
    assert not requests.exclude(received_at=F("contact__occurred_at")).exists()
    assert not requests.exclude(team=F("person__team")).exists()
    screened = requests.filter(screened_at__isnull=False)
    assert not screened.filter(outcome="").exists()
    assert not requests.filter(screened_at__isnull=True).exclude(outcome="").exists()
    assert not screened.filter(screened_at__lt=F("received_at")).exists()
    assert not requests.filter(outcome=ScreeningOutcome.NO_FURTHER_ACTION, outcome_reason="")
    assert len(set(screened.values_list("outcome", flat=True))) >= 4

    items = WorkItem.objects.all()
    assessments = screened.filter(outcome=ScreeningOutcome.ASSESSMENT_NEEDED).count()
    assert 0 < items.filter(request__isnull=False).count() <= assessments
    assert not items.exclude(team=F("person__team")).exists()
    waiting = items.filter(completed_at__isnull=True)
    assert waiting.exists() and items.filter(completed_at__isnull=False).exists()
    assert waiting.count() == len(set(waiting.values_list("person", "kind")))  # one each
    for item in items.exclude(allocated_to=None).select_related("person"):
        assert TeamMembership.objects.filter(
            user=item.allocated_to_id, team=item.team_id, is_manager=False
        ).exists()
        if item.person.is_restricted:
            assert item.allocated_to_id == item.person.allocated_worker_id
        history = item.allocations.order_by("allocated_at", "pk")
        assert history.last().to_worker_id == item.allocated_to_id
    assert Allocation.objects.filter(person__isnull=False).count() == (
        Person.objects.filter(allocated_worker__isnull=False).count()
    )
    tasks = Task.objects.all()
    assert tasks.filter(completed_at__isnull=True).exists()
    assert not tasks.filter(completed_at__isnull=False, completed_by=None).exists()


def test_small_batches_lose_no_rows(principles):
    _seed("--batch-size", "25")
    assert Contact.objects.count() == 600
    assert Allocation.objects.filter(person__isnull=False).count() == (
        Person.objects.filter(allocated_worker__isnull=False).count()
    )
    for item in WorkItem.objects.exclude(allocated_to=None):
        assert item.allocations.exists()


def test_the_same_seed_makes_the_same_data_set(principles):
    class RolledBack(Exception):
        pass

    fingerprints = []
    for _ in range(2):
        with pytest.raises(RolledBack), transaction.atomic():
            _seed("--seed", "7")
            fingerprints.append(_fingerprint())
            raise RolledBack
    assert fingerprints[0] == fingerprints[1]
    assert len(fingerprints[0][0]) == 600


def test_a_second_data_set_is_refused(seeded):
    with pytest.raises(CommandError, match="already has a scale data set"):
        _seed()
    assert Contact.objects.count() == 600


def test_it_refuses_without_the_principles(db):
    with pytest.raises(CommandError, match="needs the principles of framework"):
        _seed()
    assert not Team.objects.exists()
    assert ActiveFramework.current() is None


# --- The framework it records to: the README's steps on a fresh database ---


def test_straight_after_loading_the_principles_it_makes_the_default_framework_active(db):
    call_command("loaddata", *PRINCIPLES_FIXTURES, verbosity=0)
    assert ActiveFramework.current() is None
    out = _seed()
    hertfordshire = Framework.objects.get(slug=DEFAULT_FRAMEWORK)
    assert ActiveFramework.current() == hertfordshire
    assert f"Records are written to the active framework: {hertfordshire}." in out
    evidenced = PrincipleEvidence.objects.values_list("principle__framework", flat=True)
    assert set(evidenced) == {hertfordshire.pk}


def test_it_records_to_the_framework_already_active(db):
    call_command("loaddata", *PRINCIPLES_FIXTURES, verbosity=0)
    lancashire = Framework.objects.exclude(slug=DEFAULT_FRAMEWORK).get()
    ActiveFramework.choose(lancashire)
    _seed()
    assert ActiveFramework.current() == lancashire
    assert set(Record.objects.values_list("framework", flat=True)) == {lancashire.pk}


def test_the_framework_option_makes_that_framework_active(principles):
    lancashire = Framework.objects.exclude(slug=DEFAULT_FRAMEWORK).get()
    _seed("--framework", lancashire.slug)
    assert ActiveFramework.current() == lancashire
    assert set(Record.objects.values_list("framework", flat=True)) == {lancashire.pk}


def test_a_framework_not_loaded_is_refused_and_nothing_changes(principles):
    with pytest.raises(CommandError, match="needs the principles of framework 'no-such'"):
        _seed("--framework", "no-such")
    assert ActiveFramework.current() == principles
    assert not Team.objects.exists()


def test_it_refuses_too_few_staff_for_the_teams(principles):
    with pytest.raises(CommandError, match="too few for 4 teams"):
        _seed("--staff", "8")


def test_its_words_need_no_escaping_in_postgresql_copy():
    for name in dir(_scale_text):
        value = getattr(_scale_text, name)
        if isinstance(value, tuple | list):
            for item in value:
                for words in item if isinstance(item, tuple) else (item,):
                    assert not set(words) & {"\t", "\n", "\r", "\\"}, (name, words)
