"""Writes to the case record: the clock a contact starts, closure days, completion."""

from collections import Counter
from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recording.deadlines import LONDON, TrackerState, WorkingCalendar, due_date, tracker_state
from recording.models import (
    ClosureDay,
    Record,
    RecordImmutableError,
    RecordingObligation,
    RecordKind,
)
from recording.services import (
    addendum_add,
    case_note_save,
    closure_day_add,
    closure_day_change,
    closure_day_remove,
    contact_record,
    record_complete,
)
from tests.factories import ContactFactory, case_note_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_2027():
    # The contacts here are in late 2026; a contact cannot be in the future.
    with time_machine.travel(datetime(2027, 3, 1, 9, 0, tzinfo=LONDON), tick=False):
        yield


def _obligation(contact) -> RecordingObligation:
    return contact.obligations.get(kind=RecordKind.CASE_NOTE)


@pytest.mark.parametrize(
    ("occurred_at", "contact_date", "due"),
    [
        (datetime(2026, 11, 23, 10, 0, tzinfo=LONDON), date(2026, 11, 23), date(2026, 11, 25)),
        # 23:30 on a Friday counts from that Friday.
        (datetime(2026, 11, 27, 23, 30, tzinfo=LONDON), date(2026, 11, 27), date(2026, 12, 1)),
        # 00:30 on a Saturday in British Summer Time is still Friday in UTC: the local
        # date counts.
        (datetime(2026, 7, 4, 0, 30, tzinfo=LONDON), date(2026, 7, 4), date(2026, 7, 7)),
        (datetime(2026, 7, 3, 23, 30, tzinfo=LONDON), date(2026, 7, 3), date(2026, 7, 7)),
        (datetime(2026, 12, 24, 9, 0, tzinfo=LONDON), date(2026, 12, 24), date(2026, 12, 30)),
    ],
)
def test_a_contact_starts_the_clock_from_its_local_date(
    occurred_at, contact_date, due, person, practitioner
):
    contact = ContactFactory(person=person, recorded_by=practitioner, occurred_at=occurred_at)
    obligation = _obligation(contact)
    assert (obligation.contact_date, obligation.due_date) == (contact_date, due)
    assert obligation.owner == practitioner


def _contacts_each_day(person, practitioner, first: date, last: date) -> dict:
    contacts = {}
    day = first
    while day <= last:
        moment = datetime(day.year, day.month, day.day, 11, 0, tzinfo=LONDON)
        contacts[day] = ContactFactory(person=person, recorded_by=practitioner, occurred_at=moment)
        day = date.fromordinal(day.toordinal() + 1)
    return contacts


def _due_dates(contacts) -> dict:
    return {day: _obligation(contact).due_date for day, contact in contacts.items()}


def test_adding_a_closure_day_moves_exactly_the_due_dates_it_affects_in_one_update(
    person, practitioner
):
    contacts = _contacts_each_day(person, practitioner, date(2026, 12, 14), date(2026, 12, 31))
    before = _due_dates(contacts)
    with CaptureQueriesContext(connection) as queries:
        closure_day_add(day=date(2026, 12, 24), reason="Christmas Eve closure")
    updates = [q["sql"] for q in queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 1 and "recording_recordingobligation" in updates[0]

    after = _due_dates(contacts)
    moved = {day for day in contacts if before[day] != after[day]}
    # Tuesday 22nd was due on the 24th, Wednesday 23rd on the 29th... both move on a day.
    assert moved == {date(2026, 12, 22), date(2026, 12, 23)}
    assert after[date(2026, 12, 22)] == date(2026, 12, 29)
    assert after[date(2026, 12, 23)] == date(2026, 12, 30)
    # Contacts on the closed day itself count from it as before.
    assert after[date(2026, 12, 24)] == before[date(2026, 12, 24)] == date(2026, 12, 30)


def test_removing_a_closure_day_restores_the_due_dates(person, practitioner):
    contacts = _contacts_each_day(person, practitioner, date(2026, 12, 18), date(2026, 12, 28))
    before = _due_dates(contacts)
    closure = closure_day_add(day=date(2026, 12, 24), reason="Christmas Eve closure")
    assert _due_dates(contacts) != before
    closure_day_remove(closure=closure)
    assert _due_dates(contacts) == before
    assert not ClosureDay.objects.exists()


def test_moving_a_closure_day_re_evaluates_both_dates(person, practitioner):
    contacts = _contacts_each_day(person, practitioner, date(2026, 12, 14), date(2026, 12, 31))
    closure = closure_day_add(day=date(2026, 12, 24), reason="Christmas Eve closure")
    closure_day_change(closure=closure, day=date(2026, 12, 31), reason="New Year's Eve closure")
    closures = frozenset({date(2026, 12, 31)})
    assert _due_dates(contacts) == {day: due_date(day, closures) for day in contacts}


def test_new_contacts_count_the_closure_days(person, practitioner):
    ClosureDay.objects.create(date=date(2026, 11, 25), reason="Staff training day")
    contact = ContactFactory(
        person=person,
        recorded_by=practitioner,
        occurred_at=datetime(2026, 11, 23, 10, 0, tzinfo=LONDON),
    )
    assert _obligation(contact).due_date == date(2026, 11, 26)


def test_completing_stops_the_clock_with_the_local_date(person, practitioner):
    contact = ContactFactory(
        person=person,
        recorded_by=practitioner,
        occurred_at=datetime(2026, 7, 6, 10, 0, tzinfo=LONDON),
    )
    note = case_note_for(contact)
    # 00:30 on Thursday 9 July in London is 23:30 on Wednesday 8th (the due date) in UTC:
    # it is completed a working day late.
    record_complete(record=note, user=practitioner, now=datetime(2026, 7, 9, 0, 30, tzinfo=LONDON))
    obligation = _obligation(contact)
    assert obligation.due_date == date(2026, 7, 8)
    assert obligation.completed_on == date(2026, 7, 9)


def test_a_completed_record_cannot_be_changed_deleted_or_completed_again(person, practitioner):
    contact = ContactFactory(person=person, recorded_by=practitioner)
    note = case_note_for(contact)
    record_complete(record=note, user=practitioner)

    stored = Record.objects.get(pk=note.pk)
    stored.status = Record.Status.DRAFT
    with pytest.raises(RecordImmutableError):
        stored.save()
    with pytest.raises(RecordImmutableError):
        Record.objects.get(pk=note.pk).delete()
    with pytest.raises(RecordImmutableError):
        case_note_save(
            author=practitioner,
            note=note,
            fields={"narrative": "Rewritten"},
            evidence=[],
            options=[],
        )
    with pytest.raises(RecordImmutableError):
        record_complete(record=Record.objects.get(pk=note.pk), user=practitioner)
    note.refresh_from_db()
    assert note.narrative == "We talked about going home."
    assert note.is_completed


def test_only_the_author_completes_a_draft(person, practitioner, manager):
    note = case_note_for(ContactFactory(person=person, recorded_by=practitioner))
    with pytest.raises(PermissionDenied):
        record_complete(record=note, user=manager)
    assert Record.objects.get(pk=note.pk).is_draft


def test_an_addendum_needs_a_completed_record(person, practitioner):
    note = case_note_for(ContactFactory(person=person, recorded_by=practitioner))
    with pytest.raises(ValueError, match="completed"):
        addendum_add(record=note, author=practitioner, reason="Typo", text="Fixed.")
    record_complete(record=note, user=practitioner)
    addendum = addendum_add(record=note, author=practitioner, reason="Typo", text="Fixed.")
    assert list(note.addenda.all()) == [addendum]


def test_the_tracker_in_sql_agrees_with_the_rule(person, practitioner):
    """Contacts on every day of a fortnight, some completed on various days, seen from
    every day of the fortnight: the queryset's state is the pure rule's state, and so are
    its counts by state (in all and by contact date) and its lists of a state."""
    contacts = _contacts_each_day(person, practitioner, date(2026, 11, 16), date(2026, 11, 29))
    for offset, (day, contact) in enumerate(contacts.items()):
        if offset % 3 == 0:
            note = case_note_for(contact)
            done = datetime.fromordinal(day.toordinal() + offset % 5).replace(
                hour=16, tzinfo=LONDON
            )
            record_complete(record=note, user=practitioner, now=done)
    for today_ordinal in range(date(2026, 11, 16).toordinal(), date(2026, 12, 2).toordinal()):
        calendar = WorkingCalendar(today=date.fromordinal(today_ordinal))
        for obligation in RecordingObligation.objects.with_tracker(calendar):
            assert obligation.tracker_state == tracker_state(
                due=obligation.due_date,
                completed_on=obligation.completed_on,
                today=calendar.today,
                next_working_day=calendar.next_working_day,
            )
        rule = {
            obligation.pk: tracker_state(
                due=obligation.due_date,
                completed_on=obligation.completed_on,
                today=calendar.today,
                next_working_day=calendar.next_working_day,
            )
            for obligation in RecordingObligation.objects.all()
        }
        obligations = RecordingObligation.objects.all()
        assert obligations.tracker_counts(calendar) == {
            state.value: sum(1 for s in rule.values() if s == state) for state in TrackerState
        }
        by_day = Counter(
            (obligation.contact_date, rule[obligation.pk]) for obligation in obligations
        )
        for row in obligations.tracker_counts(calendar, by=("contact_date",)):
            for state in TrackerState:
                assert row[state.value] == by_day[(row["contact_date"], state)]
        for state in TrackerState:
            assert set(
                obligations.in_tracker_state(calendar, state).values_list("pk", flat=True)
            ) == {pk for pk, s in rule.items() if s == state}
        assert set(obligations.overdue_on(calendar.today).values_list("pk", flat=True)) == {
            pk for pk, s in rule.items() if s == TrackerState.OVERDUE
        }


def test_lateness_counts_working_days(person, practitioner):
    contact = ContactFactory(
        person=person,
        recorded_by=practitioner,
        occurred_at=datetime(2026, 11, 23, 10, 0, tzinfo=LONDON),
    )
    with time_machine.travel(datetime(2026, 12, 1, 9, 0, tzinfo=LONDON), tick=False):
        calendar = WorkingCalendar(today=date(2026, 12, 1))
        obligation = RecordingObligation.objects.with_tracker(calendar).get(contact=contact)
    # Due Wednesday 25th; Thursday, Friday, Monday and Tuesday have passed.
    assert obligation.working_days_late == 4
    assert obligation.tracker_label == "Overdue by 4 working days"


def test_the_service_refuses_a_contact_in_the_future_or_before_birth(person, practitioner):
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=False):
        for moment in [
            datetime(2026, 11, 25, 10, 5, tzinfo=LONDON),
            datetime(1941, 3, 1, 12, 0, tzinfo=LONDON),
        ]:
            with pytest.raises(ValidationError):
                contact_record(
                    person=person,
                    occurred_at=moment,
                    method="visit",
                    with_whom="Maggie",
                    recorded_by=practitioner,
                )
    assert not RecordingObligation.objects.exists()
