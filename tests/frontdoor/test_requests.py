"""Requests for support and their screening (issue 17, part 2): the services, the forms
and the pages, as a duty worker would notice them."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import NoReverseMatch, reverse

from config import cld
from frontdoor.models import (
    Priority,
    Requester,
    ScreeningOutcome,
    SupportRequest,
    Urgency,
    WorkItem,
    WorkKind,
)
from frontdoor.services_requests import (
    AlreadyScreened,
    support_request_record,
    support_request_screen,
)
from recording.deadlines import LONDON
from recording.models import Contact, RecordingObligation
from tests.factories import PersonFactory
from tests.frontdoor.factories import SupportRequestFactory

pytestmark = pytest.mark.django_db

# Wednesday 2 December 2026, mid-morning in London.
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def _record(person, user, received_at, **overrides):
    fields = {
        "person": person,
        "received_at": received_at,
        "method": Contact.Method.PHONE,
        "requester": Requester.FAMILY,
        "requester_name": "Jo Oyelaran (daughter), 07700 900123",
        "route_of_access": cld.RouteOfAccess.COMMUNITY,
        "asked_for": "Help with washing and dressing after a fall.",
        "urgency": Urgency.STANDARD,
        "recorded_by": user,
    }
    return support_request_record(**{**fields, **overrides})


# --- Recording a request ----------------------------------------------------------------


def test_a_request_is_a_contact_whose_case_note_is_due_two_working_days_after_it_came(
    person, practitioner
):
    friday_evening = datetime(2026, 11, 27, 17, 30, tzinfo=LONDON)
    request = _record(person, practitioner, friday_evening)
    contact = request.contact
    assert contact.occurred_at == friday_evening
    assert contact.with_whom == "Family member or friend: Jo Oyelaran (daughter), 07700 900123"
    assert contact.recorded_by == practitioner
    obligation = RecordingObligation.objects.get(contact=contact)
    assert obligation.contact_date == date(2026, 11, 27)
    assert obligation.due_date == date(2026, 12, 1)  # Friday -> the Tuesday after
    assert obligation.owner == practitioner
    assert (request.team, request.person, request.created_by) == (
        person.team,
        person,
        practitioner,
    )
    assert not request.is_screened


def test_the_clock_starts_on_the_local_day_the_request_came(person, practitioner):
    # 23:30 on a summer Monday in London is 22:30 UTC: still Monday.
    late = datetime(2026, 6, 1, 23, 30, tzinfo=LONDON)
    request = _record(person, practitioner, late)
    assert RecordingObligation.objects.get(contact=request.contact).due_date == date(2026, 6, 3)


def test_a_request_received_in_the_future_is_refused_and_nothing_is_kept(person, practitioner):
    with pytest.raises(ValidationError):
        _record(person, practitioner, NOW + timedelta(hours=1))
    assert not SupportRequest.objects.exists()
    assert not Contact.objects.exists()


# --- Screening --------------------------------------------------------------------------


def test_screening_happens_once_and_the_second_screener_is_told_who_did_it(
    person, practitioner, colleague
):
    request = SupportRequestFactory(person=person, created_by=practitioner)
    support_request_screen(
        request=request, user=practitioner, outcome=ScreeningOutcome.INFORMATION_AND_ADVICE
    )
    second_window = SupportRequest.objects.get(pk=request.pk)
    second_window.screened_at = None  # as the second window loaded it
    with pytest.raises(AlreadyScreened) as refused:
        support_request_screen(
            request=second_window,
            user=colleague,
            outcome=ScreeningOutcome.NO_FURTHER_ACTION,
            reason="Not eligible",
        )
    assert refused.value.request.screened_by == practitioner
    request.refresh_from_db()
    assert request.outcome == ScreeningOutcome.INFORMATION_AND_ADVICE
    assert request.outcome_reason == ""
    assert request.screened_by == practitioner
    assert request.screened_at == NOW
    assert request.history.filter(history_change_reason="screened").count() == 1


@pytest.mark.parametrize(
    ("outcome", "field"),
    [
        (ScreeningOutcome.NO_FURTHER_ACTION, "reason"),
        (ScreeningOutcome.SIGNPOSTING, "reason"),
    ],
)
def test_no_further_action_and_signposting_need_a_reason(person, practitioner, outcome, field):
    request = SupportRequestFactory(person=person, created_by=practitioner)
    with pytest.raises(ValidationError) as refused:
        support_request_screen(request=request, user=practitioner, outcome=outcome, reason="  ")
    assert field in refused.value.message_dict
    request.refresh_from_db()
    assert not request.is_screened


def test_assessment_needed_puts_the_person_on_the_waiting_list_once(person, practitioner):
    request = SupportRequestFactory(
        person=person,
        created_by=practitioner,
        received_at=datetime(2026, 11, 23, 23, 45, tzinfo=LONDON),
    )
    item = support_request_screen(
        request=request,
        user=practitioner,
        outcome=ScreeningOutcome.ASSESSMENT_NEEDED,
        assessment_kind=WorkKind.NEEDS_ASSESSMENT,
        priority=Priority.HIGH,
        priority_reason="Lives alone, fell twice this month",
    )
    assert WorkItem.objects.count() == 1
    assert item.kind == WorkKind.NEEDS_ASSESSMENT
    assert (item.person, item.team, item.request) == (person, person.team, request)
    assert item.waiting_since == date(2026, 11, 23)
    assert item.priority == Priority.HIGH
    assert item.priority_reason == "Lives alone, fell twice this month"
    assert item.is_open and item.allocated_to is None
    # A second request for someone already waiting keeps the wait they have.
    again = SupportRequestFactory(person=person, created_by=practitioner)
    same = support_request_screen(
        request=again,
        user=practitioner,
        outcome=ScreeningOutcome.ASSESSMENT_NEEDED,
        assessment_kind=WorkKind.NEEDS_ASSESSMENT,
        priority=Priority.LOW,
    )
    assert same == item
    assert WorkItem.objects.count() == 1


def test_a_high_priority_needs_a_reason_and_an_assessment_its_kind(person, practitioner):
    request = SupportRequestFactory(person=person, created_by=practitioner)
    with pytest.raises(ValidationError) as refused:
        support_request_screen(
            request=request,
            user=practitioner,
            outcome=ScreeningOutcome.ASSESSMENT_NEEDED,
            assessment_kind="",
            priority=Priority.HIGH,
        )
    assert set(refused.value.message_dict) == {"assessment_kind", "priority_reason"}
    assert not WorkItem.objects.exists()


# --- The forms, through the pages -----------------------------------------------------------


def _form_data(**overrides) -> dict:
    return {
        "received_date_0": "1",
        "received_date_1": "12",
        "received_date_2": "2026",
        "received_time": "14:15",
        "method": Contact.Method.PHONE,
        "requester": Requester.GP,
        "requester_name": "Dr Shah, Elm Surgery",
        "route_of_access": cld.RouteOfAccess.COMMUNITY,
        "asked_for": "Help at home after a fall.",
        "urgency": Urgency.HIGH,
        **overrides,
    }


def test_recording_a_request_shows_when_its_case_note_is_due(practitioner_client, person):
    url = reverse("frontdoor:request_new", args=[person.pk])
    assert practitioner_client.get(url).status_code == 200
    response = practitioner_client.post(url, _form_data(), follow=True)
    request = SupportRequest.objects.get()
    assert response.redirect_chain[-1][0] == reverse("frontdoor:request", args=[request.pk])
    assert request.received_at == datetime(2026, 12, 1, 14, 15, tzinfo=LONDON)
    assert request.requester == Requester.GP
    assert request.contact.with_whom == "GP or primary care: Dr Shah, Elm Surgery"
    content = response.content.decode()
    assert "due by <strong>Thursday 3 December 2026</strong>" in content
    assert reverse("recording:case_note_new", args=[request.contact_id]) in content


def test_a_request_form_sent_twice_records_one_request(practitioner_client, person):
    url = reverse("frontdoor:request_new", args=[person.pk])
    data = _form_data(submission_key="k" * 24)
    first = practitioner_client.post(url, data)
    second = practitioner_client.post(url, data)
    assert SupportRequest.objects.count() == 1
    assert second.status_code == 302
    assert second["Location"] == first["Location"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"received_date_0": "3"}, "received_date", "must be today or in the past"),
        ({"received_date_0": "2", "received_time": "11:00"}, "received_time", "in the past"),
        ({"received_date_2": "1940"}, "received_date", "on or after the person's date of birth"),
        ({"received_time": "noonish"}, "received_time", "like 9:30 or 14:15"),
        ({"method": "fax"}, "method", "Select how the request came"),
        ({"requester": "martian"}, "requester", "Select who asked for support"),
        ({"route_of_access": "Teleport"}, "route_of_access", "Select the route of access"),
        ({"urgency": "whenever"}, "urgency", "Select how urgent the request is"),
        ({"asked_for": ""}, "asked_for", "Enter what they asked for"),
    ],
)
def test_bad_input_is_refused_next_to_its_field_and_nothing_typed_is_lost(
    practitioner_client, person, changes, field, message
):
    url = reverse("frontdoor:request_new", args=[person.pk])
    data = _form_data(**{"asked_for": "<script>alert('x')</script> & more", **changes})
    response = practitioner_client.post(url, data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Dr Shah, Elm Surgery" in content
    assert "<script>alert" not in content
    if "asked_for" not in changes:
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more" in content
    assert not SupportRequest.objects.exists()


def test_the_screening_form_needs_a_reason_for_no_further_action(practitioner_client, person):
    request = SupportRequestFactory(person=person)
    url = reverse("frontdoor:request_screen", args=[request.pk])
    response = practitioner_client.post(
        url, {"outcome": ScreeningOutcome.NO_FURTHER_ACTION, "reason": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Enter why no further action is needed"]
    response = practitioner_client.post(url, {"outcome": "maybe"})
    assert response.context["form"].errors["outcome"] == ["Select the outcome of screening"]
    request.refresh_from_db()
    assert not request.is_screened


def test_the_screening_form_offers_a_carers_assessment_to_a_carer(practitioner_client, team):
    carer = PersonFactory(team=team, client_type=cld.ClientType.CARER)
    request = SupportRequestFactory(person=carer)
    response = practitioner_client.get(reverse("frontdoor:request_screen", args=[request.pk]))
    assert response.context["form"]["assessment_kind"].value() == WorkKind.CARERS_ASSESSMENT


def test_a_second_screener_is_told_who_screened_it_and_nothing_changes(
    practitioner, colleague, person
):
    request = SupportRequestFactory(person=person)
    url = reverse("frontdoor:request_screen", args=[request.pk])
    alice, erin = Client(), Client()
    alice.force_login(practitioner)
    erin.force_login(colleague)
    assert erin.get(url).status_code == 200  # Erin's window opens first
    alice.post(url, {"outcome": ScreeningOutcome.UNIVERSAL_SERVICES})
    response = erin.post(
        url, {"outcome": ScreeningOutcome.NO_FURTHER_ACTION, "reason": "Not needed"}, follow=True
    )
    content = response.content.decode()
    assert (
        "Alice Adams screened this request on 2 December 2026 at 10:00: Universal services. "
        "Nothing was changed."
    ) in content
    request.refresh_from_db()
    assert request.outcome == ScreeningOutcome.UNIVERSAL_SERVICES
    assert request.screened_by == practitioner


def test_screening_to_assessment_says_the_person_is_waiting(practitioner_client, person):
    request = SupportRequestFactory(person=person)
    response = practitioner_client.post(
        reverse("frontdoor:request_screen", args=[request.pk]),
        {
            "outcome": ScreeningOutcome.ASSESSMENT_NEEDED,
            "assessment_kind": WorkKind.NEEDS_ASSESSMENT,
            "priority": Priority.MEDIUM,
        },
        follow=True,
    )
    content = response.content.decode()
    assert "Margaret Oyelaran is waiting for a needs assessment" in content
    assert "since 23 November 2026" in content
    assert WorkItem.objects.get().request == request


# --- The front door page and the person's page ----------------------------------------------


def _requests(person, n: int, **fields):
    for i in range(n):
        SupportRequestFactory(
            person=person,
            created_by=person.allocated_worker,
            received_at=datetime(2026, 11, 2 + i % 20, 9, 0, tzinfo=LONDON),
            **fields,
        )


def test_the_front_door_runs_a_fixed_number_of_queries(
    practitioner_client, person, practitioner, django_assert_max_num_queries
):
    url = reverse("frontdoor:front_door") + "?q=Margaret"
    _requests(person, 2)
    _requests(
        person, 2, outcome=ScreeningOutcome.SIGNPOSTING, screened_at=NOW, screened_by=practitioner
    )
    with django_assert_max_num_queries(12) as small:
        practitioner_client.get(url)
    _requests(person, 15)
    _requests(
        person, 15, outcome=ScreeningOutcome.SIGNPOSTING, screened_at=NOW, screened_by=practitioner
    )
    for _ in range(5):
        PersonFactory(team=person.team, name="Margaret Other")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = practitioner_client.get(url)
    assert len(response.context["awaiting"]) == 17
    assert len(response.context["screened"]) == 17


def test_the_front_door_lists_the_most_urgent_then_the_oldest_first(
    practitioner_client, person, practitioner
):
    def received(day):
        return datetime(2026, 11, day, 9, 0, tzinfo=LONDON)

    old = SupportRequestFactory(person=person, received_at=received(2))
    newer = SupportRequestFactory(person=person, received_at=received(20))
    urgent = SupportRequestFactory(person=person, received_at=received(30), urgency=Urgency.URGENT)
    high = SupportRequestFactory(person=person, received_at=received(25), urgency=Urgency.HIGH)
    screened = SupportRequestFactory(
        person=person,
        outcome=ScreeningOutcome.ASSESSMENT_NEEDED,
        screened_at=NOW - timedelta(days=3),
        screened_by=practitioner,
    )
    SupportRequestFactory(  # screened too long ago to list
        person=person,
        outcome=ScreeningOutcome.SIGNPOSTING,
        screened_at=NOW - timedelta(days=15),
        screened_by=practitioner,
    )
    response = practitioner_client.get(reverse("frontdoor:front_door"))
    assert response.context["awaiting"] == [urgent, high, old, newer]
    assert [r.days_waiting for r in response.context["awaiting"]] == [2, 7, 30, 12]
    assert response.context["screened"] == [screened]
    content = response.content.decode()
    assert "30 days ago" in content
    assert "Awaiting screening (4)" in content


def test_the_front_door_finds_the_person_and_offers_to_add_a_new_one(
    practitioner_client, person, team
):
    hidden = PersonFactory(team=team, name="Margaret Hidden", is_restricted=True)
    response = practitioner_client.get(reverse("frontdoor:front_door"), {"q": "Margaret"})
    assert response.context["found"] == [person]
    content = response.content.decode()
    assert reverse("frontdoor:request_new", args=[person.pk]) in content
    assert reverse("frontdoor:request_new", args=[hidden.pk]) not in content
    assert "Margaret Hidden" not in content
    try:  # the people pages (issue 17, part 1) come from another branch
        person_new = reverse("recording:person_new")
    except NoReverseMatch:
        return
    assert f'href="{person_new}?then=request"' in content


def test_the_front_door_lists_only_requests_of_people_the_user_may_see(
    practitioner_client, quality_client, person, team, other_teams_person
):
    hidden = PersonFactory(team=team, name="Restricted Rosa", is_restricted=True)
    SupportRequestFactory(person=hidden)
    mine = SupportRequestFactory(person=person)
    theirs = SupportRequestFactory(person=other_teams_person)
    assert practitioner_client.get(reverse("frontdoor:front_door")).context["awaiting"] == [mine]
    # Quality staff read every team's, but never a restricted person's, and find no one
    # to record a request for.
    response = quality_client.get(reverse("frontdoor:front_door"), {"q": "Margaret"})
    assert set(response.context["awaiting"]) == {mine, theirs}
    assert response.context["found"] is None
    assert "Record a request" not in response.content.decode()


def test_the_persons_page_lists_their_requests(practitioner_client, person):
    request = SupportRequestFactory(person=person)
    content = practitioner_client.get(reverse("recording:person", args=[person.pk])).content
    content = content.decode()
    assert "Requests for support" in content
    assert reverse("frontdoor:request", args=[request.pk]) in content
    assert "Awaiting screening" in content
    assert reverse("frontdoor:request_new", args=[person.pk]) in content


def test_the_navigation_offers_the_front_door_to_those_who_record(
    practitioner_client, administrator_client, person
):
    url = reverse("frontdoor:front_door")
    assert f'href="{url}"' in practitioner_client.get(reverse("home")).content.decode()
    assert f'href="{url}"' not in administrator_client.get(reverse("home")).content.decode()


def test_the_request_page_is_in_the_access_log(practitioner_client, person):
    from audit.models import AccessEvent

    request = SupportRequestFactory(person=person)
    practitioner_client.get(reverse("frontdoor:request", args=[request.pk]))
    assert AccessEvent.objects.filter(person=person, what="support_request").count() == 1
