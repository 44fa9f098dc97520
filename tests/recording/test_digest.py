"""The daily recording digest (`manage.py send_recording_digest`): what each member of
staff is emailed about their recording, and when they are emailed at all."""

from datetime import date, datetime
from io import StringIO
from smtplib import SMTPException
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase

from accounts import outbox
from accounts.models import OutboundEmail
from recording.models import ClosureDay, DigestSent
from recording.services import record_complete, recording_digest_send
from tests.factories import ContactFactory, PersonFactory, UserFactory, case_note_for

# Marked, so pytest-django runs these with the other database tests, before the
# browser tests' flushes.
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _after_every_contact_here():
    # Fixtures record contacts up to late December 2026, and a contact cannot be in the
    # future; each test travels on to its own day.
    with time_machine.travel(datetime(2027, 1, 31, 9, 0, tzinfo=LONDON), tick=False):
        yield


LONDON = ZoneInfo("Europe/London")

# Wednesday 25 November 2026; the next working day is Thursday 26th.
WEDNESDAY = datetime(2026, 11, 25, 7, 0, tzinfo=LONDON)
THURSDAY = datetime(2026, 11, 26, 7, 0, tzinfo=LONDON)
SATURDAY = datetime(2026, 11, 28, 7, 0, tzinfo=LONDON)
CHRISTMAS_DAY = datetime(2026, 12, 25, 7, 0, tzinfo=LONDON)


def at(year, month, day, hour=10):
    return datetime(year, month, day, hour, 0, tzinfo=LONDON)


def send_digest(*args) -> str:
    """Run the command as cron would, outside a transaction: each email's row commits
    and the email is sent. Return what it printed."""
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_recording_digest", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _site_url(settings):
    # A trailing slash, as people write it: the link must not get a double slash.
    settings.SITE_URL = "https://records.example.gov.uk/"


@pytest.fixture
def alice(practitioner):
    practitioner.email = "alice@example.gov.uk"
    practitioner.save()
    return practitioner


@pytest.fixture
def three_due(alice, person, team):
    """Alice's case notes on Wednesday 25 November: one overdue, one due today, one due
    on the next working day."""
    overdue_person = PersonFactory(
        name="Harriet Overdue", council_reference="HCC-300001", team=team
    )
    tomorrow_person = PersonFactory(
        name="Tobias Tomorrow", council_reference="HCC-300003", team=team
    )
    return {
        # Thursday 19th: due Monday 23rd; on Wednesday 25th overdue by 2 working days.
        "overdue": ContactFactory(
            person=overdue_person, recorded_by=alice, occurred_at=at(2026, 11, 19)
        ),
        # Monday 23rd: due Wednesday 25th (the SPEC's example).
        "today": ContactFactory(person=person, recorded_by=alice, occurred_at=at(2026, 11, 23)),
        # Tuesday 24th: due Thursday 26th.
        "tomorrow": ContactFactory(
            person=tomorrow_person, recorded_by=alice, occurred_at=at(2026, 11, 24)
        ),
    }


def test_lists_what_is_overdue_due_today_and_due_next_working_day(three_due, mailoutbox):
    with time_machine.travel(WEDNESDAY, tick=False):
        output = send_digest()

    assert "Sent 1 recording digest email for Wednesday 25 November 2026." in output
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["alice@example.gov.uk"]
    assert email.subject == (
        "Practice Record: recording 1 overdue, 1 due today, 1 due next working day"
    )
    body = email.body
    assert body.startswith("Hello Alice,")
    overdue, rest = body.split("Overdue (1):\n")[1].split("Due today (1):\n")
    today, tomorrow = rest.split("Due Thursday 26 November (1):\n")
    assert overdue.strip() == (
        "- HCC-300001: case note for the visit on 19 November, overdue by 2 working days"
    )
    assert today.strip() == "- HCC-104233: case note for the visit on 23 November"
    assert tomorrow.startswith("- HCC-300003: case note for the visit on 24 November\n")
    assert "See them all on My recording: https://records.example.gov.uk/my-recording/" in body


def test_the_email_names_no_one(three_due, mailoutbox):
    """Council references only: the email leaves the council's systems."""
    with time_machine.travel(WEDNESDAY, tick=False):
        send_digest()

    email = mailoutbox[0]
    for name in ["Margaret", "Oyelaran", "Maggie", "Harriet", "Tobias", "daughter"]:
        assert name not in email.subject
        assert name not in email.body


def test_overdue_by_one_working_day_is_singular(alice, person, mailoutbox):
    # Friday 20th: due Tuesday 24th; on Wednesday 25th one working day late.
    ContactFactory(person=person, recorded_by=alice, occurred_at=at(2026, 11, 20))

    with time_machine.travel(WEDNESDAY, tick=False):
        send_digest()

    assert mailoutbox[0].subject == "Practice Record: recording 1 overdue"
    assert "overdue by 1 working day\n" in mailoutbox[0].body


def test_due_next_working_day_across_a_weekend(alice, person, mailoutbox):
    # The SPEC's example: a contact on Friday 27th is due on Tuesday 1 December, which on
    # Monday 30th is the next working day.
    ContactFactory(person=person, recorded_by=alice, occurred_at=at(2026, 11, 27))

    with time_machine.travel(datetime(2026, 11, 30, 7, 0, tzinfo=LONDON), tick=False):
        send_digest()

    body = mailoutbox[0].body
    assert "Due Tuesday 1 December (1):\n- HCC-104233: case note for the visit on 27 November" in (
        body
    )
    assert "Overdue" not in body
    assert "Due today" not in body


def test_a_second_run_the_same_day_sends_nothing(three_due, mailoutbox):
    with time_machine.travel(WEDNESDAY, tick=False):
        send_digest()
        output = send_digest()

    assert "Sent 0 recording digest emails for Wednesday 25 November 2026." in output
    assert len(mailoutbox) == 1
    assert DigestSent.objects.filter(sent_on=date(2026, 11, 25)).count() == 1


def test_sends_again_the_next_working_day(three_due, mailoutbox):
    with time_machine.travel(WEDNESDAY, tick=False):
        send_digest()
    with time_machine.travel(THURSDAY, tick=False):
        output = send_digest()

    assert "Sent 1 recording digest email for Thursday 26 November 2026." in output
    assert len(mailoutbox) == 2
    # On Thursday the note that was due on Wednesday is overdue too.
    assert mailoutbox[1].subject == "Practice Record: recording 2 overdue, 1 due today"


def test_sends_nothing_on_a_saturday(three_due, mailoutbox):
    with time_machine.travel(SATURDAY, tick=False):
        output = send_digest()

    assert output.strip() == (
        "Saturday 28 November 2026 is not a working day: no recording digest sent."
    )
    assert mailoutbox == []
    assert not DigestSent.objects.exists()


def test_sends_nothing_on_a_bank_holiday_and_again_after_it(alice, person, mailoutbox):
    # Monday 21 December: due Wednesday 23rd, overdue over Christmas.
    ContactFactory(person=person, recorded_by=alice, occurred_at=at(2026, 12, 21))

    with time_machine.travel(CHRISTMAS_DAY, tick=False):
        output = send_digest()

    assert "Friday 25 December 2026 is not a working day" in output
    assert mailoutbox == []

    # Boxing Day is a Saturday, so its bank holiday is Monday 28th: Tuesday 29th is the
    # next working day.
    with time_machine.travel(datetime(2026, 12, 28, 7, 0, tzinfo=LONDON), tick=False):
        send_digest()
    assert mailoutbox == []
    with time_machine.travel(datetime(2026, 12, 29, 7, 0, tzinfo=LONDON), tick=False):
        send_digest()
    assert len(mailoutbox) == 1
    assert "overdue by 2 working days" in mailoutbox[0].body  # 24th and 29th


def test_sends_nothing_on_a_council_closure_day(three_due, mailoutbox):
    ClosureDay.objects.create(date=date(2026, 11, 25), reason="Staff training day")

    with time_machine.travel(WEDNESDAY, tick=False):
        output = send_digest()

    assert "Wednesday 25 November 2026 is not a working day" in output
    assert mailoutbox == []
    # The service itself holds to the rule too, whoever calls it.
    assert recording_digest_send(today=date(2026, 11, 25), site_url="https://x.example") == 0
    assert mailoutbox == []


def test_completed_and_upcoming_obligations_are_not_listed(three_due, alice, team, mailoutbox):
    # Completed (late) on Tuesday 24th: no longer anything to do.
    done = ContactFactory(
        person=PersonFactory(council_reference="HCC-400001", team=team),
        recorded_by=alice,
        occurred_at=at(2026, 11, 18),
    )
    note = case_note_for(done)
    record_complete(record=note, user=alice, now=at(2026, 11, 24, 15))
    # Wednesday 25th: due Friday 27th, after the next working day.
    ContactFactory(
        person=PersonFactory(council_reference="HCC-400002", team=team),
        recorded_by=alice,
        occurred_at=at(2026, 11, 25, 6),
    )
    # Completing one of the three: it drops out of the email.
    record_complete(record=case_note_for(three_due["today"]), user=alice, now=at(2026, 11, 24, 16))

    with time_machine.travel(WEDNESDAY, tick=False):
        send_digest()

    body = mailoutbox[0].body
    assert mailoutbox[0].subject == "Practice Record: recording 1 overdue, 1 due next working day"
    assert "HCC-300001" in body
    assert "HCC-300003" in body
    for reference in ["HCC-400001", "HCC-400002", "HCC-104233"]:
        assert reference not in body
    assert "Due today" not in body


def test_a_draft_does_not_take_an_obligation_off_the_list(alice, person, mailoutbox):
    contact = ContactFactory(person=person, recorded_by=alice, occurred_at=at(2026, 11, 23))
    case_note_for(contact)  # started, not completed

    with time_machine.travel(WEDNESDAY, tick=False):
        send_digest()

    assert "HCC-104233" in mailoutbox[0].body


def test_no_email_when_nothing_is_due(alice, person, mailoutbox):
    # Only an upcoming contact (Wednesday 25th: due Friday 27th) and a completed one.
    ContactFactory(person=person, recorded_by=alice, occurred_at=at(2026, 11, 25, 6))
    done = ContactFactory(person=person, recorded_by=alice, occurred_at=at(2026, 11, 23))
    record_complete(record=case_note_for(done), user=alice, now=at(2026, 11, 24))

    with time_machine.travel(WEDNESDAY, tick=False):
        output = send_digest()

    assert "Sent 0 recording digest emails" in output
    assert mailoutbox == []
    assert not DigestSent.objects.exists()


def test_each_member_of_staff_gets_their_own(three_due, team, mailoutbox):
    bella = UserFactory(username="bella", first_name="Bella", email="bella@example.gov.uk")
    ContactFactory(
        person=PersonFactory(council_reference="HCC-500001", team=team),
        recorded_by=bella,
        occurred_at=at(2026, 11, 23),
    )

    with time_machine.travel(WEDNESDAY, tick=False):
        output = send_digest()

    assert "Sent 2 recording digest emails" in output
    by_recipient = {tuple(email.to): email for email in mailoutbox}
    assert set(by_recipient) == {("alice@example.gov.uk",), ("bella@example.gov.uk",)}
    bellas = by_recipient[("bella@example.gov.uk",)]
    assert bellas.body.startswith("Hello Bella,")
    assert "HCC-500001" in bellas.body
    assert "HCC-300001" not in bellas.body
    assert "HCC-500001" not in by_recipient[("alice@example.gov.uk",)].body


def test_no_email_to_a_user_without_an_address_or_no_longer_active(
    practitioner, person, team, mailoutbox
):
    # The practitioner fixture has no email address.
    ContactFactory(person=person, recorded_by=practitioner, occurred_at=at(2026, 11, 23))
    leaver = UserFactory(username="leaver", email="leaver@example.gov.uk", is_active=False)
    ContactFactory(
        person=PersonFactory(council_reference="HCC-600001", team=team),
        recorded_by=leaver,
        occurred_at=at(2026, 11, 23),
    )

    with time_machine.travel(WEDNESDAY, tick=False):
        output = send_digest()

    assert "Sent 0 recording digest emails" in output
    assert mailoutbox == []
    assert not DigestSent.objects.exists()


def test_a_failed_send_is_kept_and_tried_again_by_the_outbox(three_due, mailoutbox):
    with (
        time_machine.travel(WEDNESDAY, tick=False),
        mock.patch("accounts.outbox.send_mail", side_effect=SMTPException("refused")),
    ):
        output = send_digest()

    assert "Sent 0 recording digest emails for Wednesday 25 November 2026." in output
    assert "Could not send 1 yet: manage.py send_queued_email tries it again." in output
    assert mailoutbox == []
    # The day is marked sent with its email kept: a second run queues no second one.
    assert DigestSent.objects.get().user == three_due["today"].recorded_by
    email = OutboundEmail.objects.get()
    assert email.last_error == "SMTPException: refused"

    with time_machine.travel(WEDNESDAY, tick=False):
        output = send_digest()
    assert "Sent 0 recording digest emails" in output
    assert "Could not send" not in output
    assert OutboundEmail.objects.count() == 1

    with time_machine.travel(WEDNESDAY + outbox.FIRST_WAIT, tick=False):
        call_command("send_queued_email", stdout=StringIO())

    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == (
        "Practice Record: recording 1 overdue, 1 due today, 1 due next working day"
    )


def test_one_refused_address_does_not_stop_the_others(three_due, mailoutbox, team):
    other = UserFactory(username="erin", email="erin@example.org")
    ContactFactory(person=PersonFactory(team=team), recorded_by=other, occurred_at=at(2026, 11, 23))
    real_send = outbox.send_mail

    def refuse_the_first(*, recipient_list, **kwargs):
        if recipient_list != ["erin@example.org"]:
            raise SMTPException("mailbox full")
        return real_send(recipient_list=recipient_list, **kwargs)

    with (
        time_machine.travel(WEDNESDAY, tick=False),
        mock.patch("accounts.outbox.send_mail", side_effect=refuse_the_first),
    ):
        output = send_digest()

    assert "Sent 1 recording digest email for" in output
    assert "Could not send 1 yet" in output
    assert [m.to for m in mailoutbox] == [["erin@example.org"]]
    assert DigestSent.objects.count() == 2
    refused = OutboundEmail.objects.get(sent_at=None)
    assert refused.to == "alice@example.gov.uk"
    assert refused.last_error == "SMTPException: mailbox full"


def test_the_email_is_queued_with_its_day_or_not_at_all(three_due, mailoutbox):
    """A second run racing the first: its DigestSent insert fails, and no email is kept
    without its day's row."""
    with time_machine.travel(WEDNESDAY, tick=False):
        send_digest()
    DigestSent.objects.all().delete()
    OutboundEmail.objects.all().delete()
    with (
        time_machine.travel(WEDNESDAY, tick=False),
        mock.patch("recording.services.render_to_string", side_effect=RuntimeError("broken")),
        pytest.raises(RuntimeError),
    ):
        send_digest()
    assert not DigestSent.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_the_date_option_chooses_the_day(three_due, mailoutbox):
    # Run on a Saturday for the Wednesday before: as if cron had run that morning.
    with time_machine.travel(SATURDAY, tick=False):
        output = send_digest("--date", "2026-11-25")

    assert "Sent 1 recording digest email for Wednesday 25 November 2026." in output
    assert mailoutbox[0].subject == (
        "Practice Record: recording 1 overdue, 1 due today, 1 due next working day"
    )
    assert DigestSent.objects.get().sent_on == date(2026, 11, 25)


def test_the_date_option_on_a_day_that_is_not_a_working_day(three_due, mailoutbox):
    with time_machine.travel(WEDNESDAY, tick=False):
        output = send_digest("--date", "2026-12-25")

    assert "Friday 25 December 2026 is not a working day" in output
    assert mailoutbox == []


@pytest.mark.parametrize("value", ["25/11/2026", "2026-11-31", "tomorrow", ""])
def test_a_malformed_date_is_refused(three_due, mailoutbox, value):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        send_digest("--date", value)

    assert mailoutbox == []
    assert not DigestSent.objects.exists()
