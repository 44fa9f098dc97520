"""The demo case record: every state of the two-working-day clock on the day it is
loaded, whatever the day, and loading it twice changes nothing."""

from datetime import date, datetime

import pytest
import time_machine

from accounts.models import User
from demo.data import demo_data_load
from recording.deadlines import LONDON, TrackerState, WorkingCalendar
from recording.models import (
    Addendum,
    CaseNote,
    Contact,
    Person,
    ProvisionalCarePackage,
    Record,
    RecordingObligation,
)

# Marked, so pytest-django runs these with the other database tests, before the
# browser tests' flushes.
pytestmark = pytest.mark.django_db

FRAMEWORK = "hertfordshire-connected-lives"
WEDNESDAY = date(2026, 11, 25)
SATURDAY = date(2026, 11, 28)
MONDAY = date(2026, 11, 30)


def _load_on(day: date) -> None:
    with time_machine.travel(
        datetime(day.year, day.month, day.day, 9, 0, tzinfo=LONDON), tick=False
    ):
        demo_data_load(framework_slug=FRAMEWORK)


def _states(day: date, username: str | None = None) -> list[TrackerState]:
    obligations = RecordingObligation.objects.all()
    if username:
        obligations = obligations.filter(owner__username=username)
    calendar = WorkingCalendar(today=day, closure_days=frozenset())
    return [o.tracker_state for o in obligations.with_tracker(calendar)]


def _counts() -> list[int]:
    return [m.objects.count() for m in (Person, Contact, RecordingObligation, Record, Addendum)]


@pytest.mark.parametrize("day", [WEDNESDAY, MONDAY], ids=["wednesday", "monday"])
def test_pat_sees_every_state_on_a_working_day(principles, day):
    _load_on(day)

    states = _states(day, "pat")
    assert set(states) == set(TrackerState)
    assert states.count(TrackerState.OVERDUE) >= 3
    pat = User.objects.get(username="pat")
    assert Record.objects.filter(author=pat, status=Record.Status.DRAFT).exists()


@pytest.mark.parametrize("day", [WEDNESDAY, MONDAY], ids=["wednesday", "monday"])
def test_overdue_records_are_late_by_different_numbers_of_working_days(principles, day):
    _load_on(day)

    calendar = WorkingCalendar(today=day, closure_days=frozenset())
    late = {
        o.working_days_late
        for o in RecordingObligation.objects.filter(owner__username="pat").with_tracker(calendar)
        if o.tracker_state == TrackerState.OVERDUE
    }
    assert late == {1, 3, 6}


def test_the_demo_has_drafts_packages_decisions_and_an_addendum(principles):
    _load_on(WEDNESDAY)

    packages = ProvisionalCarePackage.objects.all()
    assert {p.status for p in packages} == {Record.Status.DRAFT, Record.Status.COMPLETED}
    decided = CaseNote.objects.filter(status=Record.Status.COMPLETED, made_decision=True)
    assert decided.filter(legal_basis="care_act_2014", legal_section="section 18").exists()
    assert all(note.options.exists() for note in decided)
    for note in CaseNote.objects.filter(status=Record.Status.COMPLETED):
        assert note.evidence.count() == 2
        assert {e.principle.framework.slug for e in note.evidence.all()} == {FRAMEWORK}
    assert Addendum.objects.count() == 1
    # Every contact is in the past, and no record was completed before its contact.
    now = datetime(2026, 11, 25, 9, 0, tzinfo=LONDON)
    assert not Contact.objects.filter(occurred_at__gte=now).exists()
    for record in Record.objects.filter(
        status=Record.Status.COMPLETED, obligation__isnull=False
    ).select_related("obligation__contact"):
        assert record.obligation.contact.occurred_at < record.completed_at < now


def test_the_team_has_recording_too(principles):
    _load_on(WEDNESDAY)

    for username in ["sam", "riley", "olly"]:
        assert _states(WEDNESDAY, username), username
    assert Person.objects.filter(allocated_worker__username="olly").exists()


def test_loading_twice_changes_nothing(principles):
    _load_on(WEDNESDAY)
    counts = _counts()
    _load_on(WEDNESDAY)
    assert _counts() == counts
    assert counts[0] >= 8


def test_the_restricted_person_is_allocated_to_pat(principles):
    _load_on(WEDNESDAY)

    restricted = Person.objects.get(is_restricted=True)
    assert restricted.allocated_worker.username == "pat"
    assert restricted.contacts.exists()


def test_loading_on_a_saturday(principles):
    _load_on(SATURDAY)

    states = _states(SATURDAY)
    assert TrackerState.OVERDUE in states
    assert TrackerState.DUE_TOMORROW in states
    assert TrackerState.UPCOMING in states
    # Nothing is ever due on a day that is not a working day.
    assert TrackerState.DUE_TODAY not in states


def test_loading_with_lancashire_active(principles):
    with time_machine.travel(datetime(2026, 11, 25, 9, 0, tzinfo=LONDON), tick=False):
        demo_data_load(framework_slug="lancashire-living-better-lives")

    for record in Record.objects.filter(status=Record.Status.COMPLETED):
        slugs = {e.principle.framework.slug for e in record.evidence.all()}
        assert slugs == {"lancashire-living-better-lives"}, record


def test_the_demo_walks_the_care_act_journey(principles):
    """Doreen's plan is authorised with a top-up but her copy is not given; Eleanor's
    determination awaits a manager; Rebecca's review is overdue (with Stan's and Norman's,
    on the review waiting list); Siobhan's concern needs
    immediate action; Kwame's full assessment is in progress."""
    from assessments.models import CarePlan, SafeguardingConcern
    from assessments.queries import awaiting_authorisation, copies_owed, reviews_overdue

    _load_on(WEDNESDAY)
    plan = CarePlan.objects.get(person__council_reference="HCC-104211")
    assert plan.authorisation.is_authorised and plan.money().top_up > 0
    assert plan in {r.as_kind() for r in copies_owed(Record.objects.all())}
    waiting = awaiting_authorisation(Record.objects.all())
    assert [r.person.council_reference for r in waiting] == ["HCC-104225"]
    overdue = reviews_overdue(Person.objects.all(), WEDNESDAY)
    # Rebecca's; and Stan's and Norman's, waiting on the review list (frontdoor.demo).
    assert [p.council_reference for p in overdue] == ["HCC-104266", "HCC-104237", "HCC-104315"]
    assert SafeguardingConcern.objects.get(immediate_action=True).is_completed
    # Issue 18: Siobhan's led to a s42 enquiry, going on; Graham's (last year) concluded.
    from returns.sac import latest_full_year, sac_tables

    counted = sac_tables(latest_full_year(WEDNESDAY))
    assert counted.table("SG2").rows == [("Enquiries concluded in the year", [1, 0])]
    draft = Record.objects.get(person__council_reference="HCC-104230", kind="needs_assessment")
    assert draft.is_draft and not draft.as_kind().is_proportionate


def test_pat_has_a_determination_returned_with_a_reason(principles, client):
    """Morgan returned Tariq's eligibility determination: Pat sees it on Home."""
    from assessments.queries import returned_to

    _load_on(WEDNESDAY)
    pat = User.objects.get(username="pat")
    returned = list(returned_to(pat, Person.objects.visible_to(pat)))
    assert [r.person.council_reference for r in returned] == ["HCC-104218"]
    assert returned[0].authorisation.decided_by.username == "morgan"
    client.force_login(pat)
    with time_machine.travel(datetime(2026, 11, 25, 9, 0, tzinfo=LONDON), tick=False):
        page = client.get("/").content.decode()
    assert "Returned to you" in page and "Eligibility determination for Tariq Mahmood" in page
