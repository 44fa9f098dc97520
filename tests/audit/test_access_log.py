"""Every view of a person's record, page or PDF, goes into an append-only access log,
and so does every refusal; team managers read the log for their teams' people,
administrators for everyone (issue 7, part 2)."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessEvent, AccessLogImmutableError
from recording.deadlines import LONDON
from recording.services import record_complete
from tests.assessments.factories import needs_assessment_for
from tests.factories import ContactFactory, PersonFactory, case_note_for

pytestmark = pytest.mark.django_db
What = AccessEvent.What


@pytest.fixture
def note(person, practitioner):
    return case_note_for(ContactFactory(person=person, recorded_by=practitioner))


@pytest.fixture
def assessment(person, practitioner):
    return needs_assessment_for(person, practitioner)


@pytest.fixture
def other_note(other_teams_person, outsider):
    return case_note_for(ContactFactory(person=other_teams_person, recorded_by=outsider))


def _only_event() -> AccessEvent:
    return AccessEvent.objects.get()


# --- Each view that shows a person's record is logged ---


@pytest.mark.parametrize(
    "url_name, what",
    [
        ("recording:person", What.PERSON_PAGE),
        ("recording:person_history", What.PERSON_HISTORY),
        ("dashboards:adherence", What.ADHERENCE_PAGE),
        ("dashboards:adherence_pdf", What.ADHERENCE_PDF),
    ],
)
def test_each_view_of_a_person_is_logged(practitioner_client, practitioner, person, url_name, what):
    url = reverse(url_name, args=[person.pk])
    assert practitioner_client.get(url).status_code == 200
    event = _only_event()
    assert (event.user, event.person, event.what, event.path) == (practitioner, person, what, url)
    assert not event.refused
    assert abs(event.when - timezone.now()) < timedelta(minutes=1)


def test_a_case_note_and_its_history_are_logged(practitioner_client, practitioner, person, note):
    practitioner_client.get(note.get_absolute_url())
    practitioner_client.get(reverse("recording:record_history", args=[note.pk]))
    assert [(e.what, e.person) for e in AccessEvent.objects.order_by("pk")] == [
        (What.RECORD_PAGE, person),
        (What.RECORD_HISTORY, person),
    ]


def test_a_care_act_record_its_pdf_and_its_history_are_logged(
    practitioner_client, person, assessment
):
    assert practitioner_client.get(assessment.get_absolute_url()).status_code == 200
    response = practitioner_client.get(reverse("assessments:pdf", args=[assessment.pk]))
    assert response["Content-Type"] == "application/pdf"
    practitioner_client.get(reverse("assessments:record_history", args=[assessment.pk]))
    assert [e.what for e in AccessEvent.objects.order_by("pk")] == [
        What.RECORD_PAGE,
        What.RECORD_PDF,
        What.RECORD_HISTORY,
    ]
    assert {e.person for e in AccessEvent.objects.all()} == {person}


def test_a_redirect_to_a_care_act_records_own_page_is_logged_once(practitioner_client, assessment):
    response = practitioner_client.get(
        reverse("recording:record", args=[assessment.pk]), follow=True
    )
    assert response.status_code == 200
    assert AccessEvent.objects.count() == 1


def test_lists_and_edits_are_not_views_of_one_persons_record(practitioner_client, person):
    practitioner_client.get(reverse("recording:person_list"))
    practitioner_client.get(reverse("recording:my_recording"))
    assert not AccessEvent.objects.exists()


# --- Every form that shows a record's content is logged, once a page (issue 15, part 7) ---


def test_a_draft_form_is_logged_once_a_page_not_once_an_autosave(
    practitioner_client, practitioner, person, note
):
    url = note.get_edit_url()
    page = practitioner_client.get(url)
    assert page.status_code == 200
    practitioner_client.post(
        url,
        {
            "version": str(note.version),
            "autosave": "1",
            "narrative": "Typed, then saved by the page",
            "option_rows": "1",
        },
    )
    event = _only_event()
    assert (event.user, event.person, event.what, event.path) == (
        practitioner,
        person,
        What.RECORD_FORM,
        url,
    )


def test_the_forms_showing_a_persons_record_are_logged(
    practitioner_client, practitioner, person, note, assessment
):
    contact = ContactFactory(person=person, recorded_by=practitioner)
    full = needs_assessment_for(person, practitioner, completed=False, form_type="full")
    record_complete(record=note, user=practitioner)
    urls = [
        reverse("recording:case_note_new", args=[contact.pk]),
        reverse("recording:addendum_new", args=[note.pk]),
        note.get_edit_url(),  # completed: the 409 page, showing the record
        reverse("assessments:start", args=[person.pk]),
        reverse("assessments:section", args=[full.pk, "what-matters"]),
        reverse("assessments:edit", args=[full.pk]),  # the task list
    ]
    for url in urls:
        before = AccessEvent.objects.count()
        response = practitioner_client.get(url)
        assert response.status_code in (200, 409), (url, response.status_code)
        assert AccessEvent.objects.count() == before + 1, url
        event = AccessEvent.objects.latest("pk")
        assert (event.person, event.what, event.refused) == (person, What.RECORD_FORM, False)


def test_a_role_refused_a_persons_report_is_logged_as_a_refusal(
    administrator_client, administrator, person
):
    response = administrator_client.get(reverse("dashboards:adherence", args=[person.pk]))
    assert response.status_code == 403
    event = _only_event()
    assert (event.user, event.person, event.what, event.refused) == (
        administrator,
        person,
        What.ADHERENCE_PAGE,
        True,
    )


# --- Refusals: another team's person, a PDF or history of their record ---


@pytest.mark.parametrize(
    "url_name, what",
    [
        ("recording:person", What.PERSON_PAGE),
        ("recording:person_history", What.PERSON_HISTORY),
        ("dashboards:adherence", What.ADHERENCE_PAGE),
        ("dashboards:adherence_pdf", What.ADHERENCE_PDF),
    ],
)
def test_another_teams_person_is_refused_with_nothing_shown_and_logged(
    practitioner_client, practitioner, other_teams_person, url_name, what
):
    url = reverse(url_name, args=[other_teams_person.pk])
    response = practitioner_client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert other_teams_person.name not in response.text
    event = _only_event()
    assert (event.user, event.person, event.what, event.refused) == (
        practitioner,
        other_teams_person,
        what,
        True,
    )


@pytest.mark.parametrize(
    "url_name, what",
    [
        ("recording:record", What.RECORD_PAGE),
        ("recording:record_history", What.RECORD_HISTORY),
    ],
)
def test_another_teams_record_and_its_history_are_refused_and_logged(
    practitioner_client, other_note, other_teams_person, url_name, what
):
    response = practitioner_client.get(reverse(url_name, args=[other_note.pk]))
    assert response.status_code == 404
    assert other_teams_person.name not in response.text
    event = _only_event()
    assert (event.person, event.what, event.refused) == (other_teams_person, what, True)


def test_another_teams_pdf_copy_is_refused_logged_and_not_made(
    outsider_client, outsider, person, assessment
):
    copies = assessment.copies_generated.count()
    for name in ("assessments:pdf", "assessments:pdf_large_print", "assessments:record_history"):
        response = outsider_client.get(reverse(name, args=[assessment.pk]))
        assert response.status_code == 404
        assert person.name not in response.text
    assert assessment.copies_generated.count() == copies  # nothing changed
    events = list(AccessEvent.objects.order_by("pk"))
    assert [(e.what, e.person, e.user, e.refused) for e in events] == [
        (What.RECORD_PDF, person, outsider, True),
        (What.RECORD_PDF, person, outsider, True),
        (What.RECORD_HISTORY, person, outsider, True),
    ]


def test_a_restricted_person_is_refused_to_a_colleague_and_logged(person, colleague, practitioner):
    from django.test import Client

    person.is_restricted = True
    person.save()
    client = Client()
    client.force_login(colleague)
    assert client.get(person.get_absolute_url()).status_code == 404
    assert _only_event().refused


def test_an_address_that_names_nobody_is_logged_without_a_person(practitioner_client):
    response = practitioner_client.get(reverse("recording:person", args=[999_999]))
    assert response.status_code == 404
    event = _only_event()
    assert event.person is None and event.refused
    assert event.path == "/people/999999/"


def test_a_refused_edit_is_logged_as_another_page(outsider_client, note, person):
    assert outsider_client.get(reverse("recording:record_edit", args=[note.pk])).status_code == 404
    event = _only_event()
    assert (event.what, event.person, event.refused) == (What.OTHER, person, True)


# --- The log is append-only ---


def _event(user, person) -> AccessEvent:
    return AccessEvent.objects.create(
        when=timezone.now(), user=user, person=person, what=What.PERSON_PAGE, path="/people/1/"
    )


def test_an_event_cannot_be_changed_or_deleted(practitioner, person):
    event = _event(practitioner, person)
    event.refused = True
    with pytest.raises(AccessLogImmutableError):
        event.save()
    with pytest.raises(AccessLogImmutableError):
        event.delete()
    with pytest.raises(AccessLogImmutableError):
        AccessEvent.objects.filter(pk=event.pk).update(refused=True)
    with pytest.raises(AccessLogImmutableError):
        AccessEvent.objects.all().delete()
    with pytest.raises(AccessLogImmutableError):
        AccessEvent.objects.bulk_update([event], ["refused"])
    assert AccessEvent.objects.get().refused is False


def test_the_log_is_not_in_the_admin(administrator_client, practitioner, person):
    """Administrators read it in the service (issue 15, part 2)."""
    event = _event(practitioner, person)
    base = "/admin/audit/accessevent/"
    for url in (base, f"{base}add/", f"{base}{event.pk}/change/", f"{base}{event.pk}/delete/"):
        assert administrator_client.get(url).status_code == 404, url
    administrator_client.post(f"{base}{event.pk}/delete/", {"post": "yes"})
    assert AccessEvent.objects.get().refused is False


# --- Who may read the log ---


@pytest.fixture
def events(practitioner, outsider, person, other_teams_person):
    """A view of each team's person, and a refusal that named nobody."""
    _event(practitioner, person)
    _event(outsider, other_teams_person)
    AccessEvent.objects.create(
        when=timezone.now(), user=outsider, what=What.OTHER, path="/people/9/", refused=True
    )


def test_a_manager_reads_the_log_of_their_teams_people_only(manager_client, events, person):
    response = manager_client.get(reverse("audit:access_log"))
    assert response.status_code == 200
    assert "Margaret Oyelaran" in response.text
    assert "Harold Pennington" not in response.text
    assert "charlie" not in response.text
    assert "Access log" in response.text


def test_the_other_teams_manager_reads_their_own_people_only(events, other_manager):
    from django.test import Client

    client = Client()
    client.force_login(other_manager)
    response = client.get(reverse("audit:access_log"))
    assert "Harold Pennington" in response.text
    assert "Margaret Oyelaran" not in response.text


def test_an_administrator_reads_every_event(administrator_client, events):
    response = administrator_client.get(reverse("audit:access_log"))
    assert response.status_code == 200
    assert "Margaret Oyelaran" in response.text and "Harold Pennington" in response.text
    assert "the address named nobody" in response.text


@pytest.mark.parametrize("client_name", ["practitioner_client", "quality_client"])
def test_practitioners_and_quality_staff_cannot_read_the_log(request, client_name, person, events):
    client = request.getfixturevalue(client_name)
    assert client.get(reverse("audit:access_log")).status_code == 403
    assert client.get(reverse("audit:person", args=[person.pk])).status_code == 403


def test_the_log_filters_by_person_and_date(manager_client, practitioner, person, principles, team):
    other = PersonFactory(team=team, name="Winifred Ashworth")
    with time_machine.travel(datetime(2026, 11, 2, 9, 0, tzinfo=LONDON)):
        _event(practitioner, other)
    _event(practitioner, person)
    url = reverse("audit:access_log")
    response = manager_client.get(url, {"person": "HCC-104233"})
    assert "Margaret Oyelaran" in response.text and "Winifred Ashworth" not in response.text
    dates = {"date_from_0": "1", "date_from_1": "11", "date_from_2": "2026"}
    dates |= {"date_to_0": "2", "date_to_1": "11", "date_to_2": "2026"}
    response = manager_client.get(url, dates)
    assert "Winifred Ashworth" in response.text and "Margaret Oyelaran" not in response.text


def test_a_bad_filter_is_shown_and_never_widens_the_log(manager_client, events):
    response = manager_client.get(
        reverse("audit:access_log"),
        {"date_from_0": "31", "date_from_1": "2", "date_from_2": "2026"},
    )
    assert response.status_code == 200
    assert "From must be a real date" in response.text
    assert "<title>Error: " in response.text
    assert "Harold Pennington" not in response.text


def test_the_log_takes_get_only(manager_client):
    assert manager_client.post(reverse("audit:access_log")).status_code == 405


# --- "Who has viewed this record" ---


def test_a_manager_sees_who_has_viewed_their_teams_person(
    practitioner_client, manager_client, person
):
    practitioner_client.get(person.get_absolute_url())
    page = manager_client.get(person.get_absolute_url()).text
    url = reverse("audit:person", args=[person.pk])
    assert url in page  # linked from the person page
    response = manager_client.get(url)
    assert response.status_code == 200
    assert "Who has viewed this record" in response.text
    assert "Alice Adams" in response.text
    assert "Person&#x27;s page" in response.text or "Person’s page" in response.text


def test_the_person_page_does_not_offer_the_log_to_a_practitioner(practitioner_client, person):
    page = practitioner_client.get(person.get_absolute_url()).text
    assert reverse("audit:person", args=[person.pk]) not in page


def test_another_teams_manager_is_refused_the_persons_log_and_that_is_logged(other_manager, person):
    from django.test import Client

    client = Client()
    client.force_login(other_manager)
    response = client.get(reverse("audit:person", args=[person.pk]))
    assert response.status_code == 404
    assert person.name not in response.text
    event = _only_event()
    assert (event.user, event.person, event.what, event.refused) == (
        other_manager,
        person,
        What.ACCESS_LOG,
        True,
    )


def test_an_administrator_sees_any_persons_log(administrator_client, person, events):
    response = administrator_client.get(reverse("audit:person", args=[person.pk]))
    assert response.status_code == 200
    assert "Alice Adams" in response.text


# --- Query counts ---


def _many_events(count, users, people):
    now = timezone.now()
    AccessEvent.objects.bulk_create(
        AccessEvent(
            when=now - timedelta(minutes=n),
            user=users[n % len(users)],
            person=people[n % len(people)],
            what=What.PERSON_PAGE,
            path=f"/people/{people[n % len(people)].pk}/",
        )
        for n in range(count)
    )


@pytest.mark.parametrize("count", [3, 300])
def test_the_log_pages_run_a_fixed_number_of_queries(
    manager_client,
    practitioner,
    outsider,
    person,
    other_teams_person,
    count,
    django_assert_max_num_queries,
):
    _many_events(count, [practitioner, outsider], [person, other_teams_person])
    # session, user, roles, count, the page of events with users and people, active
    # framework (header)
    with django_assert_max_num_queries(6):
        response = manager_client.get(reverse("audit:access_log"), {"person": "Margaret"})
    assert response.status_code == 200
    # session, user, roles, the person, the access log, count, the page of events,
    # active framework (header)
    with django_assert_max_num_queries(8):
        response = manager_client.get(reverse("audit:person", args=[person.pk]))
    assert response.status_code == 200
