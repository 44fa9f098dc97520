"""Alerts that cannot wait (issue 17, part 7): a safeguarding concern saved for
immediate action alerts the managers of the person's team -- once, by email (through the
outbox) and on their Home until one of them marks it seen."""

from datetime import datetime, timedelta
from smtplib import SMTPException
from unittest import mock

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse

from accounts.models import OutboundEmail
from accounts.roles import Role
from assessments.models import SafeguardingConcern
from assessments.services import care_act_record_save, care_act_record_start
from frontdoor.models import SafeguardingAlert
from frontdoor.pages_alerts import home_alerts_part
from recording.deadlines import LONDON
from recording.models import RecordKind
from recording.signals import record_completed
from tests.conftest import _client_for
from tests.factories import PersonFactory, TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 30, 10, 32, tzinfo=LONDON)
CONCERN = "Her son took her bank card and she has no food in the house."


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://records.example.gov.uk/"


@pytest.fixture
def managers(manager, other_manager, team, colleague):
    """Bob and Mo manage North; a North manager who left; Dana manages another team;
    Erin, a North practitioner. Each has an email address."""
    mo = UserFactory(username="mo", first_name="Mo", role=Role.TEAM_MANAGER)
    TeamMembershipFactory(user=mo, team=team, is_manager=True)
    leaver = UserFactory(username="lee", is_active=False, role=Role.TEAM_MANAGER)
    TeamMembershipFactory(user=leaver, team=team, is_manager=True)
    for user in (manager, mo, leaver, other_manager, colleague):
        user.email = f"{user.username}@example.gov.uk"
        user.save()
    return {"bob": manager, "mo": mo}


@pytest.fixture
def concern(person, practitioner):
    return care_act_record_start(kind=RecordKind.SAFEGUARDING, person=person, author=practitioner)


@pytest.fixture
def save(django_capture_on_commit_callbacks, practitioner):
    """Save the draft as its form does, then commit (and send)."""

    def _save(record, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            care_act_record_save(
                record=record, author=practitioner, fields={"concern": CONCERN, **fields}
            )

    return _save


def test_immediate_action_alerts_the_teams_managers_at_once(
    concern, save, managers, practitioner, team, mailoutbox
):
    save(concern, immediate_action=True)

    alert = SafeguardingAlert.objects.get()
    assert alert.record_id == concern.pk
    assert (alert.team, alert.raised_by, alert.raised_at) == (team, practitioner, NOW)
    assert alert.is_open
    # Bob and Mo: not the manager who left, nor another team's, nor a practitioner.
    assert sorted(m.to[0] for m in mailoutbox) == ["bob@example.gov.uk", "mo@example.gov.uk"]
    email = next(m for m in mailoutbox if m.to == ["bob@example.gov.uk"])
    assert email.subject == (
        "Practice Record: safeguarding concern for HCC-104233 needs immediate action"
    )
    assert email.body.startswith("Hello Bob,\n")
    assert (
        "Alice Adams recorded a safeguarding concern for HCC-104233 (North Adult Care Team) "
        "and marked it for immediate action at 10:32 on Monday 30 November 2026"
    ) in email.body
    assert f"https://records.example.gov.uk{concern.get_absolute_url()}\n" in email.body


def test_the_email_names_no_one_and_says_nothing_of_the_concern(
    concern, save, managers, mailoutbox
):
    save(concern, immediate_action=True, persons_wishes="Maggie wants to stay at home.")

    for email in mailoutbox:
        text = email.subject + email.body
        for secret in ["Margaret", "Oyelaran", "Maggie", "bank card", "stay at home"]:
            assert secret not in text


def test_a_concern_without_immediate_action_alerts_no_one(concern, save, managers, mailoutbox):
    save(concern, immediate_action=False)

    assert not SafeguardingAlert.objects.exists()
    assert mailoutbox == []


def test_it_alerts_once_however_often_it_is_saved(concern, save, managers, mailoutbox):
    save(concern, immediate_action=True)
    save(concern, immediate_action=True, action_taken="Called the police.")
    save(concern, immediate_action=False)  # unticked...
    save(concern, immediate_action=True)  # ...and ticked again

    assert SafeguardingAlert.objects.count() == 1
    assert len(mailoutbox) == 2


def test_ticked_later_alerts_then(concern, save, managers, mailoutbox):
    save(concern)
    assert mailoutbox == []
    save(concern, immediate_action=True)
    assert SafeguardingAlert.objects.count() == 1
    assert len(mailoutbox) == 2


def test_a_save_rolled_back_alerts_no_one(
    concern, managers, practitioner, mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        care_act_record_save(record=concern, author=practitioner, fields={"immediate_action": True})
        raise RuntimeError("Something later in the request failed.")

    assert not SafeguardingAlert.objects.exists()
    assert not OutboundEmail.objects.exists()
    assert mailoutbox == []


def test_the_alert_stands_when_the_email_fails(concern, save, managers, mailoutbox):
    with mock.patch("accounts.outbox.send_mail", side_effect=SMTPException("refused")):
        save(concern, immediate_action=True)

    assert SafeguardingAlert.objects.exists()
    kept = OutboundEmail.objects.filter(why="safeguarding alert", sent_at=None)
    assert sorted(kept.values_list("to", flat=True)) == ["bob@example.gov.uk", "mo@example.gov.uk"]
    assert set(kept.values_list("last_error", flat=True)) == {"SMTPException: refused"}


def test_a_concern_completed_for_immediate_action_alerts_too(concern, managers, practitioner):
    """Completion sends `record_completed` inside its transaction: a concern that reached
    completion marked for immediate action without an alert gets one then."""
    SafeguardingConcern.objects.filter(pk=concern.pk).update(immediate_action=True)  # no signal
    concern.refresh_from_db()
    assert not SafeguardingAlert.objects.exists()

    record_completed.send(sender=SafeguardingConcern, record=concern, user=practitioner, now=NOW)

    assert SafeguardingAlert.objects.get().record_id == concern.pk


def test_a_team_without_managers_gets_the_alert_on_no_ones_home_but_it_is_kept(
    other_teams_person, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    concern = care_act_record_start(
        kind=RecordKind.SAFEGUARDING, person=other_teams_person, author=outsider
    )
    with django_capture_on_commit_callbacks(execute=True):
        care_act_record_save(record=concern, author=outsider, fields={"immediate_action": True})
    assert SafeguardingAlert.objects.get().team == other_teams_person.team
    assert mailoutbox == []


# --- On the managers' Home ------------------------------------------------------------------


def _banner(client) -> str:
    page = client.get(reverse("home")).content.decode()
    if 'class="govuk-notification-banner"' not in page:
        return ""
    return page.split('class="govuk-notification-banner"')[1].split('class="govuk-caption-l"')[0]


def test_the_manager_sees_the_alert_on_home(concern, save, managers, manager_client):
    save(concern, immediate_action=True)

    banner = _banner(manager_client)
    assert "Safeguarding: immediate action for" in banner
    assert (
        f'href="{concern.get_absolute_url()}">HCC-104233</a> raised by Alice Adams at 10:32</p>'
        in (banner)
    )
    assert reverse("frontdoor:alert_acknowledge", args=[SafeguardingAlert.objects.get().pk]) in (
        banner
    )


def test_an_alert_of_an_earlier_day_gives_its_date(concern, save, managers, manager, _now):
    save(concern, immediate_action=True)
    _now.shift(timedelta(days=3))

    assert "raised by Alice Adams at 10:32 on 30 November</p>" in _banner(_client_for(manager))


def test_no_one_else_sees_it_on_home(
    concern, save, managers, practitioner_client, other_manager, quality_client
):
    save(concern, immediate_action=True)
    for client in (practitioner_client, _client_for(other_manager), quality_client):
        assert _banner(client) == ""


def test_marking_it_seen_records_who_and_when_and_it_leaves_home(
    concern, save, managers, manager, manager_client, _now
):
    save(concern, immediate_action=True)
    alert = SafeguardingAlert.objects.get()
    _now.shift(timedelta(minutes=5))

    response = manager_client.post(
        reverse("frontdoor:alert_acknowledge", args=[alert.pk]), follow=True
    )

    assert response.redirect_chain == [(reverse("home"), 302)]
    page = response.content.decode()
    assert "You marked the safeguarding alert for HCC-104233 as seen." in page
    assert "Safeguarding: immediate action" not in page
    alert.refresh_from_db()
    assert (alert.acknowledged_by, alert.acknowledged_at) == (manager, NOW + timedelta(minutes=5))
    assert _banner(manager_client) == ""


def test_a_second_manager_is_told_who_saw_it_first(concern, save, managers, manager):
    save(concern, immediate_action=True)
    alert = SafeguardingAlert.objects.get()
    url = reverse("frontdoor:alert_acknowledge", args=[alert.pk])
    _client_for(manager).post(url)

    response = _client_for(managers["mo"]).post(url, follow=True)

    assert (
        "The safeguarding alert for HCC-104233 was already marked seen by Bob Baker at 10:32 "
        "on 30 November."
    ) in response.content.decode()
    alert.refresh_from_db()
    assert alert.acknowledged_by == manager


def test_a_restricted_persons_alert_reaches_the_teams_managers(
    principles, team, practitioner, save, managers, manager_client, mailoutbox
):
    hidden = PersonFactory(team=team, allocated_worker=practitioner, is_restricted=True)
    concern = care_act_record_start(
        kind=RecordKind.SAFEGUARDING, person=hidden, author=practitioner
    )
    save(concern, immediate_action=True)

    assert len(mailoutbox) == 2
    assert hidden.council_reference in _banner(manager_client)


def test_home_runs_a_fixed_number_of_queries(
    principles, team, practitioner, save, managers, manager_client, django_assert_max_num_queries
):
    def home_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            manager_client.get(reverse("home"))
        return len(queries)

    def alert_one_more():
        someone = PersonFactory(team=team, allocated_worker=practitioner)
        concern = care_act_record_start(
            kind=RecordKind.SAFEGUARDING, person=someone, author=practitioner
        )
        save(concern, immediate_action=True)

    alert_one_more()
    one = home_queries()
    for _ in range(4):
        alert_one_more()
    with django_assert_max_num_queries(one):
        manager_client.get(reverse("home"))
    assert _banner(manager_client).count("Safeguarding: immediate action") == 5


def test_home_says_when_more_alerts_wait_than_it_shows(
    principles, team, practitioner, save, manager
):
    for _ in range(2):
        someone = PersonFactory(team=team, allocated_worker=practitioner)
        save(
            care_act_record_start(
                kind=RecordKind.SAFEGUARDING, person=someone, author=practitioner
            ),
            immediate_action=True,
        )

    part = home_alerts_part(user=manager, limit=1)
    assert len(part["safeguarding_alerts"]) == 1 and part["alerts_more"] is True
    assert home_alerts_part(user=manager, limit=2)["alerts_more"] is False
    assert home_alerts_part(user=practitioner, limit=2)["safeguarding_alerts"] == []
