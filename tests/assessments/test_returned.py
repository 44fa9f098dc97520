"""Returned work reaches its author: the email when a manager returns a record, the
"Returned to you" list on Home and My recording (only the author's, until the revision
is completed), and the reason above the revision's form."""

from datetime import UTC, datetime
from smtplib import SMTPException
from unittest import mock

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse

from accounts.models import OutboundEmail
from assessments.models import Authorisation
from assessments.queries import returned_to
from assessments.services import authorisation_decide, record_revise
from recording.deadlines import LONDON
from recording.models import Person
from recording.services import record_complete
from tests.assessments.factories import care_plan_for, eligibility_for, needs_assessment_for
from tests.factories import PersonFactory

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=LONDON)
REASON = "Say how Maggie's daughter will help at weekends, and check the top-up with her."
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_frozen")]


@pytest.fixture
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def author(practitioner):
    practitioner.email = "alice@example.org"
    practitioner.save()
    return practitioner


def _plan(person, author, manager):
    eligibility = eligibility_for(
        needs_assessment_for(person, author), author, authorised_by=manager
    )
    return care_plan_for(eligibility, author)


@pytest.fixture
def plan(person, author, manager):
    return _plan(person, author, manager)


def _return(record, manager, reason=REASON, capture=None):
    if capture is None:
        return authorisation_decide(record=record, manager=manager, authorise=False, reason=reason)
    with capture(execute=True):
        return authorisation_decide(record=record, manager=manager, authorise=False, reason=reason)


# --- The email ---


def test_returning_a_record_emails_its_author_once(
    plan, manager, mailoutbox, django_capture_on_commit_callbacks
):
    _return(plan, manager, capture=django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["alice@example.org"]
    assert email.subject == (
        "Practice Record: your care and support plan for HCC-104233 was returned"
    )
    assert "Bob Baker returned your care and support plan for HCC-104233 on 30 November 2026" in (
        email.body
    )
    assert REASON in email.body
    assert f"http://127.0.0.1:8000{plan.get_absolute_url()}" in email.body


def test_the_email_names_no_one_and_says_nothing_of_the_record(
    plan, manager, mailoutbox, django_capture_on_commit_callbacks
):
    _return(plan, manager, reason="Check the budget.", capture=django_capture_on_commit_callbacks)
    body = mailoutbox[0].subject + mailoutbox[0].body
    assert "Margaret" not in body and "Oyelaran" not in body and "Maggie" not in body
    assert plan.contingency_plan not in body


def test_the_email_gives_the_london_date_of_a_late_evening_return(
    plan, manager, mailoutbox, django_capture_on_commit_callbacks
):
    late = datetime(2026, 6, 1, 23, 30, tzinfo=UTC)  # 00:30 on 2 June in London (BST)
    with django_capture_on_commit_callbacks(execute=True):
        authorisation_decide(record=plan, manager=manager, authorise=False, reason="x", now=late)
    assert "on 2 June 2026. Their reason:" in mailoutbox[0].body


def test_the_return_stands_when_the_email_fails_and_the_email_is_kept(
    plan, manager, mailoutbox, django_capture_on_commit_callbacks
):
    with mock.patch("accounts.outbox.send_mail", side_effect=SMTPException("refused")):
        _return(plan, manager, capture=django_capture_on_commit_callbacks)
    assert not Authorisation.objects.get(record=plan).is_authorised
    assert mailoutbox == []
    email = OutboundEmail.objects.get(why="record returned")
    assert (email.to, email.sent_at, email.last_error) == (
        "alice@example.org",
        None,
        "SMTPException: refused",
    )


def test_an_author_without_an_email_address_is_not_emailed(
    plan, author, manager, mailoutbox, django_capture_on_commit_callbacks
):
    author.email = ""
    author.save()
    _return(plan, manager, capture=django_capture_on_commit_callbacks)
    assert mailoutbox == []


def test_authorising_sends_no_email(plan, manager, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        authorisation_decide(record=plan, manager=manager, authorise=True)
    assert mailoutbox == []


def test_no_email_is_sent_for_a_return_that_is_rolled_back(
    plan, manager, mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _return(plan, manager)
        raise RuntimeError("Something later in the same request failed.")
    assert mailoutbox == []
    assert not Authorisation.objects.filter(record=plan).exists()


def test_a_failed_email_leaves_the_return_standing(
    plan, manager, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "tests.assessments.test_returned.RefusingBackend"
    _return(plan, manager, capture=django_capture_on_commit_callbacks)
    assert Authorisation.objects.get(record=plan).decision == "returned"


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("The mail server is down.")


# --- Who sees the list, and until when ---


def test_the_returned_list_lasts_until_the_revision_is_completed(plan, author, manager):
    visible = Person.objects.visible_to(author)
    _return(plan, manager)
    [returned] = returned_to(author, visible)
    assert returned.pk == plan.pk and returned.revision_id is None
    assert returned.authorisation.decided_by == manager

    revision = record_revise(record=plan, author=author)
    [returned] = returned_to(author, visible)
    assert returned.revision_id == revision.pk  # still to do: the draft is not completed

    record_complete(record=revision, user=author)
    assert list(returned_to(author, visible)) == []


def test_a_returned_revision_is_returned_work_again(plan, author, manager):
    _return(plan, manager)
    revision = record_revise(record=plan, author=author)
    record_complete(record=revision, user=author)
    _return(revision, manager, reason="Still no top-up agreement.")
    visible = Person.objects.visible_to(author)
    assert [r.pk for r in returned_to(author, visible)] == [revision.pk]


def test_the_author_sees_returned_work_on_home_and_my_recording(plan, manager, practitioner_client):
    _return(plan, manager)
    for url in (reverse("home"), reverse("recording:my_recording")):
        page = practitioner_client.get(url).content.decode()
        assert "Returned to you" in page
        assert "Care and support plan for Margaret Oyelaran" in page
        assert "Bob Baker on 30 November 2026" in page
        assert "Say how Maggie&#x27;s daughter will help at weekends" in page
        assert f'href="{plan.get_absolute_url()}">Revise it' in page


def test_no_one_else_sees_the_authors_returned_work(
    plan, manager, author, colleague, outsider, client
):
    _return(plan, manager)
    for user in (colleague, outsider, manager):
        client.force_login(user)
        for url in (reverse("home"), reverse("recording:my_recording")):
            assert "Returned to you" not in client.get(url).content.decode(), (user, url)
    # A manager looking at the author's recording sees their lists, not their returns.
    page = client.get(reverse("recording:member_recording", args=[author.pk])).content.decode()
    assert "Alice Adams" in page and "Returned to you" not in page


def test_nothing_returned_shows_no_heading(plan, practitioner_client):
    assert "Returned to you" not in practitioner_client.get(reverse("home")).content.decode()


def test_the_reason_is_escaped_and_a_long_one_is_cut_short_in_the_list(
    plan, manager, practitioner_client
):
    hostile = '<script>alert("x")</script> ' + "word " * 200 + "THE-END"
    _return(plan, manager, reason=hostile)
    page = practitioner_client.get(reverse("home")).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "THE-END" not in page  # the whole reason is on the record and its revision
    revision = record_revise(record=plan, author=plan.author)
    form = practitioner_client.get(revision.get_edit_url()).content.decode()
    assert "THE-END" in form and "<script>alert" not in form


def test_the_link_leads_to_the_revision_once_it_is_started(plan, manager, author, client):
    _return(plan, manager)
    revision = record_revise(record=plan, author=author)
    client.force_login(author)
    page = client.get(reverse("home")).content.decode()
    assert f'href="{revision.get_edit_url()}">Continue the revision' in page


def test_the_revisions_form_shows_who_returned_it_and_why(plan, manager, author, client):
    _return(plan, manager)
    revision = record_revise(record=plan, author=author)
    client.force_login(author)
    page = client.get(revision.get_edit_url()).content.decode()
    assert "Bob Baker returned this on 30 November 2026:" in page
    assert "Say how Maggie&#x27;s daughter will help at weekends" in page
    # A draft that revises nothing has no such banner.
    other = _plan(PersonFactory(team=plan.person.team, allocated_worker=author), author, manager)
    draft = care_plan_for(other.eligibility, author, completed=False)
    assert "returned this on" not in client.get(draft.get_edit_url()).content.decode()


@pytest.mark.parametrize("returns", [1, 8])
def test_home_and_my_recording_run_a_fixed_number_of_queries(
    principles, author, manager, team, practitioner_client, returns, django_assert_max_num_queries
):
    for _ in range(returns):
        person = PersonFactory(team=team, allocated_worker=author)
        plan = _plan(person, author, manager)
        _return(plan, manager)
    record_revise(record=plan, author=author)  # one with a revision draft started
    # session, user, active framework, reading status, roles, overdue count, the returned
    # records (with their decisions, managers and people), the page's framework, teams,
    # what was allocated to them (frontdoor)
    with django_assert_max_num_queries(10):
        response = practitioner_client.get(reverse("home"))
    assert response.text.count("Returned by") == returns
    # the page's 14 (tests/recording/test_views.py: with the principle cited for the
    # two-day rule, and my tasks), and the returned records
    with django_assert_max_num_queries(16):
        response = practitioner_client.get(reverse("recording:my_recording"))
    assert response.text.count("Returned by") == returns
