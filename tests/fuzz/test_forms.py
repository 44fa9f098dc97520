"""Property-based tests: arbitrary text, Unicode, huge strings, HTML and script
payloads, malformed dates and numbers posted to every form. Never a server error (the
test client re-raises one); every input saved exactly or refused next to its field;
every payload escaped where it is shown."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from assessments.models import NeedsAssessment
from principles.models import ReadingConfirmation
from recording.deadlines import LONDON
from recording.models import Addendum, CaseNote, Contact, ProvisionalCarePackage, Record
from recording.services import record_complete
from supervision.models import SupervisionSession
from tests.factories import ContactFactory, case_note_for
from tests.fuzz.kit import (
    DATE_PART,
    FUZZ,
    HIDDEN,
    MANY_WORDS,
    MONEY,
    TEXT,
    assert_escaped,
    assert_refused_next_to_field,
    has_field_error,
    hidden_inputs,
    saved_form,
    typed_money,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)  # a Wednesday


@pytest.fixture(autouse=True)
def _wednesday():
    with time_machine.travel(NOW, tick=False):
        yield


def _typed_date(day: str, month: str, year: str) -> date | None:
    """The date those three boxes mean, if they mean one."""
    try:
        return date(int(year), int(month), int(day))
    except (ValueError, OverflowError):
        return None


def _contact(person, practitioner) -> Contact:
    return ContactFactory(
        person=person,
        recorded_by=practitioner,
        occurred_at=datetime(2026, 11, 24, 9, tzinfo=LONDON),
    )


CONTACT = {
    "contact_date_0": "24",
    "contact_date_1": "11",
    "contact_date_2": "2026",
    "contact_time": "14:30",
    "method": "visit",
    "with_whom": "Maggie and her son, Dev",
}


@FUZZ
@given(with_whom=TEXT)
def test_who_a_contact_was_with(practitioner_client, person, with_whom):
    before = Contact.objects.count()
    url = reverse("recording:contact_new", args=[person.pk])
    response = practitioner_client.post(url, {**CONTACT, "with_whom": with_whom})
    if response.status_code == 302:
        assert Contact.objects.latest("pk").with_whom == saved_form(with_whom)
        page = practitioner_client.get(person.get_absolute_url()).content.decode()
        assert_escaped(page, with_whom)
    else:
        assert Contact.objects.count() == before
        assert_refused_next_to_field(response, "id_with_whom")
        assert_escaped(response.content.decode(), with_whom)
    if saved_form(with_whom) and len(saved_form(with_whom)) <= 300:
        assert response.status_code == 302  # ordinary text is never refused


@FUZZ
@given(day=DATE_PART, month=DATE_PART, year=DATE_PART, time=TEXT)
def test_when_a_contact_happened(practitioner_client, person, day, month, year, time):
    before = Contact.objects.count()
    url = reverse("recording:contact_new", args=[person.pk])
    data = {
        **CONTACT,
        "contact_date_0": day,
        "contact_date_1": month,
        "contact_date_2": year,
        "contact_time": time,
    }
    response = practitioner_client.post(url, data)
    typed = _typed_date(day, month, year)
    if response.status_code == 302:
        assert typed is not None and typed <= NOW.date()
        contact = Contact.objects.latest("pk")
        assert contact.occurred_at.astimezone(LONDON).date() == typed
    else:
        assert Contact.objects.count() == before
        page = response.content.decode()
        assert "govuk-error-summary" in page
        assert has_field_error(page, "id_contact_date", "id_contact_date_0", "id_contact_time")


@FUZZ
@given(narrative=TEXT, evidence=TEXT, decision=TEXT)
def test_a_case_note_draft(
    practitioner_client, person, practitioner, narrative, evidence, decision
):
    contact = _contact(person, practitioner)
    url = reverse("recording:case_note_new", args=[contact.pk])
    data = {
        **hidden_inputs(practitioner_client.get(url).content.decode()),
        "action": "draft",
        "option_rows": "1",
        "narrative": narrative,
        "principle_1": "on",
        "principle_1_evidence": evidence,
        "made_decision": "yes",
        "decision": decision,
    }
    response = practitioner_client.post(url, data)
    note = CaseNote.objects.filter(obligation__contact=contact).first()
    if response.status_code == 302:
        assert note is not None
        assert note.narrative == saved_form(narrative)
        assert note.decision == saved_form(decision)
        given_evidence = [e.evidence for e in note.evidence.all()]
        assert given_evidence in ([saved_form(evidence)], [])
        page = practitioner_client.get(note.get_absolute_url()).content.decode()
        for value in (narrative, evidence, decision):
            assert_escaped(page, value)
    else:
        assert note is None
        page = response.content.decode()
        assert "govuk-error-summary" in page
        assert has_field_error(page, "id_narrative", "id_principle_1_evidence", "id_decision")
        for value in (narrative, evidence, decision):
            assert_escaped(page, value)
    if all(len(v) < 5_000 for v in (narrative, evidence, decision)):
        assert response.status_code == 302, "a draft of ordinary text is saved"


@FUZZ
@given(cost=MONEY, day=DATE_PART, what=TEXT)
def test_a_provisional_care_package(practitioner_client, person, practitioner, cost, day, what):
    contact = _contact(person, practitioner)
    url = reverse("recording:package_new", args=[contact.pk])
    data = {
        **hidden_inputs(practitioner_client.get(url).content.decode()),
        "action": "draft",
        "what": what,
        "provider": "Hertford Home Care",
        "start_date_0": day,
        "start_date_1": "12",
        "start_date_2": "2026",
        "weekly_cost": cost,
        "why": "Home from hospital tomorrow.",
    }
    response = practitioner_client.post(url, data)
    package = ProvisionalCarePackage.objects.filter(obligation__contact=contact).first()
    if response.status_code == 302:
        assert package.what == saved_form(what)
        assert package.weekly_cost == typed_money(cost)
        if day.strip():
            assert package.start_date == _typed_date(day, "12", "2026")
    else:
        assert package is None
        page = response.content.decode()
        assert "govuk-error-summary" in page
        assert has_field_error(
            page, "id_weekly_cost", "id_start_date_0", "id_start_date", "id_what"
        )


@FUZZ
@given(reason=TEXT, text=TEXT)
def test_an_addendum(practitioner_client, person, practitioner, reason, text):
    note = case_note_for(_contact(person, practitioner), narrative="We talked about going home.")
    record_complete(record=Record.objects.get(pk=note.pk), user=practitioner)
    url = reverse("recording:addendum_new", args=[note.pk])
    response = practitioner_client.post(url, {"reason": reason, "text": text})
    added = Addendum.objects.filter(record_id=note.pk).first()
    if response.status_code == 302:
        assert (added.reason, added.text) == (saved_form(reason), saved_form(text))
        page = practitioner_client.get(note.get_absolute_url()).content.decode()
        assert_escaped(page, reason)
        assert_escaped(page, text)
    else:
        assert added is None
        page = response.content.decode()
        assert has_field_error(page, "id_reason", "id_text")


@FUZZ
@given(day=DATE_PART, month=DATE_PART, year=DATE_PART)
def test_confirming_reading_the_principles(
    practitioner_client, practitioner, principles, day, month, year
):
    url = reverse("principles:confirm_reading")
    data = {"scope": "all", "read_on_0": day, "read_on_1": month, "read_on_2": year}
    before = ReadingConfirmation.objects.filter(user=practitioner).count()
    response = practitioner_client.post(url, data)
    typed = _typed_date(day, month, year)
    if response.status_code == 302:
        assert typed is not None and typed <= NOW.date()
        assert ReadingConfirmation.objects.filter(user=practitioner).exists()
    else:
        assert ReadingConfirmation.objects.filter(user=practitioner).count() == before
        assert_refused_next_to_field(response, "id_read_on")


@FUZZ
@given(actions=TEXT, notes=TEXT, day=DATE_PART)
def test_a_supervision_session(manager_client, practitioner, principles, actions, notes, day):
    before = SupervisionSession.objects.count()
    response = manager_client.post(
        reverse("supervision:session_new"),
        {
            "practitioner": str(practitioner.pk),
            "held_on_0": day,
            "held_on_1": "11",
            "held_on_2": "2026",
            "principle_2": "on",
            "principle_2_evidence": notes,
            "agreed_actions": actions,
        },
    )
    if response.status_code == 302:
        session = SupervisionSession.objects.latest("pk")
        assert session.agreed_actions == saved_form(actions)
        assert session.held_on == _typed_date(day, "11", "2026")
        page = manager_client.get(response.url).content.decode()
        assert_escaped(page, actions)
        assert_escaped(page, notes)
    else:
        assert SupervisionSession.objects.count() == before
        page = response.content.decode()
        assert "govuk-error-summary" in page
        assert_escaped(page, actions)


@FUZZ
@given(what_matters=TEXT, prevention=TEXT)
def test_an_assessment_section(practitioner_client, person, what_matters, prevention):
    response = practitioner_client.post(
        reverse("assessments:start", args=[person.pk]),
        {"kind": "needs_assessment", "contact": "none", "form_type": "proportionate"},
    )
    assert response.status_code == 302
    record = NeedsAssessment.objects.filter(person=person).latest("pk")
    page = practitioner_client.get(record.get_edit_url()).content.decode()
    data = {
        **hidden_inputs(page),
        "action": "save",
        "what_matters": what_matters,
        "prevention_advice": prevention,
    }
    response = practitioner_client.post(record.get_edit_url(), data)
    record.refresh_from_db()
    if response.status_code == 302:
        assert record.what_matters == saved_form(what_matters)
        assert record.prevention_advice == saved_form(prevention)
        shown = practitioner_client.get(record.get_absolute_url()).content.decode()
        assert_escaped(shown, what_matters)
    else:
        assert record.what_matters == ""
        page = response.content.decode()
        assert "govuk-error-summary" in page
        assert has_field_error(page, "id_what_matters", "id_prevention_advice")


# --- Filters and searches: whatever arrives in the query string ---

QUERY_VALUE = st.one_of(TEXT.filter(lambda s: len(s) < 2_000), DATE_PART, MANY_WORDS, HIDDEN)


@FUZZ
@given(
    slug=st.sampled_from(["timeliness", "principles", "entitlements", "reading"]),
    params=st.dictionaries(
        st.sampled_from(
            [
                "team",
                "kind",
                "date_from_0",
                "date_from_1",
                "date_from_2",
                "date_to_0",
                "date_to_1",
                "date_to_2",
                "page",
                "overdue-page",
                "missing-required-page",
            ]
        ),
        QUERY_VALUE,
        max_size=6,
    ),
)
def test_dashboard_filters(manager_client, practitioner_client, person, slug, params):
    for client in (manager_client, practitioner_client):
        url = reverse("dashboards:dashboard", args=[slug])
        response = client.get(url, params)
        assert response.status_code in (200, 404)
        page = response.content.decode()
        for value in params.values():
            assert_escaped(page, value)


@FUZZ
@given(query=QUERY_VALUE, page=QUERY_VALUE)
def test_searching_for_a_person(practitioner_client, person, query, page):
    response = practitioner_client.get(reverse("recording:person_list"), {"q": query, "page": page})
    assert response.status_code in (200, 404)
    assert_escaped(response.content.decode(), query)


@FUZZ
@given(
    username=TEXT.filter(lambda s: len(s) < 5_000), password=TEXT.filter(lambda s: len(s) < 5_000)
)
def test_signing_in_with_anything(client, db, username, password):
    response = client.post(reverse("login"), {"username": username, "password": password})
    # A wrong password is a form error; too many are a lockout page; never a sign-in.
    assert response.status_code in (200, 403, 429)
    assert "_auth_user_id" not in client.session
    assert_escaped(response.content.decode(), username)


# --- Hidden fields: whatever a tampered page sends back ---


@FUZZ
@given(
    version=HIDDEN,
    option_rows=HIDDEN,
    key=HIDDEN,
    action=st.sampled_from(["", "draft", "add_option", "complete"]),
)
def test_a_case_note_with_tampered_hidden_fields(
    practitioner_client, person, practitioner, version, option_rows, key, action
):
    note = case_note_for(_contact(person, practitioner))
    data = {
        "version": version,
        "option_rows": option_rows,
        "submission_key": key,
        "action": action,
        "narrative": "Typed before the page was tampered with",
    }
    response = practitioner_client.post(note.get_edit_url(), data)
    assert response.status_code in (200, 302, 400, 409)
    if response.status_code in (200, 409):  # a form again (400: a version no page gave)
        assert "Typed before the page was tampered with" in response.content.decode()


@FUZZ
@given(key=HIDDEN, with_whom=TEXT)
def test_a_contact_with_a_tampered_one_time_key(practitioner_client, person, key, with_whom):
    url = reverse("recording:contact_new", args=[person.pk])
    response = practitioner_client.post(
        url, {**CONTACT, "with_whom": with_whom, "submission_key": key}
    )
    assert response.status_code in (200, 302)
