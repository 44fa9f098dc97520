"""The rest of the forms and filters under fuzz: a manager's decision with its reason,
when a copy was given, a safeguarding concern, the plain-English check and the access
log's filters. The rules are those of tests/fuzz/test_forms.py."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from assessments.models import (
    Authorisation,
    CarePlan,
    CopyChannel,
    CopyFormat,
    CopyGiven,
    SafeguardingConcern,
)
from recording.deadlines import LONDON
from tests.assessments.factories import care_plan_for, eligibility_for, needs_assessment_for
from tests.fuzz.kit import (
    DATE_PART,
    FUZZ,
    HIDDEN,
    MANY_WORDS,
    MONEY,
    TEXT,
    assert_escaped,
    has_field_error,
    hidden_inputs,
    saved_form,
    typed_money,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _wednesday():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def assessment(person, practitioner):
    return needs_assessment_for(person, practitioner, now=datetime(2026, 11, 24, 9, tzinfo=LONDON))


@FUZZ
@given(reason=TEXT)
def test_returning_a_decision_with_a_reason(
    manager_client, assessment, practitioner, manager, reason
):
    determination = eligibility_for(assessment, practitioner)
    url = reverse("assessments:authorise", args=[determination.pk])
    response = manager_client.post(url, {"decision": "return", "reason": reason})
    decided = Authorisation.objects.filter(record=determination).first()
    if response.status_code == 302:
        assert decided.decision == "returned"
        assert decided.reason == saved_form(reason)
        page = manager_client.get(determination.get_absolute_url()).content.decode()
        assert_escaped(page, reason)
    else:
        assert decided is None
        page = response.content.decode()
        assert has_field_error(page, "id_reason")
        assert_escaped(page, reason)
    if saved_form(reason) and len(reason) < 5_000:
        assert response.status_code == 302


@FUZZ
@given(
    day=st.one_of(st.just("24"), DATE_PART),
    month=st.one_of(st.just("11"), DATE_PART),
    year=st.one_of(st.just("2026"), DATE_PART),
    channel=st.one_of(st.sampled_from(CopyChannel.values), st.text(max_size=20)),
    copy_format=st.one_of(st.sampled_from(CopyFormat.values), st.text(max_size=20)),
    language=st.one_of(st.just(""), st.just("Polish"), TEXT),
)
def test_recording_when_a_copy_was_given(
    practitioner_client, assessment, day, month, year, channel, copy_format, language
):
    url = reverse("assessments:copy_given", args=[assessment.pk])
    data = {
        "given_on_0": day,
        "given_on_1": month,
        "given_on_2": year,
        "channel": channel,
        "format": copy_format,
        "language": language,
    }
    copies = CopyGiven.objects.filter(record=assessment)  # examples share the database
    before = copies.count()
    response = practitioner_client.post(url, data)
    page = response.content.decode()
    assert_escaped(page, language)
    if response.status_code == 302:
        given_copy = copies.latest("pk")
        typed = date(int(year), int(month), int(day))
        assert given_copy.given_on == typed <= NOW.date()
        assert given_copy.channel == channel != CopyChannel.NOT_RECORDED
        assert given_copy.format == copy_format
        translated = copy_format == CopyFormat.OTHER_LANGUAGE
        assert given_copy.language == (saved_form(language) if translated else "")
    else:
        assert response.status_code == 400
        assert copies.count() == before
        assert has_field_error(page, "id_given_on", "id_channel", "id_format", "id_language")


@pytest.fixture
def draft_plan(assessment, practitioner, manager):
    eligibility = eligibility_for(assessment, practitioner, authorised_by=manager)
    return care_plan_for(eligibility, practitioner, completed=False)


@FUZZ
@given(personal_budget=MONEY, top_up=MONEY, cost=MONEY)
def test_a_care_plans_money(practitioner_client, draft_plan, personal_budget, top_up, cost):
    url = draft_plan.get_edit_url()
    before = CarePlan.objects.get(pk=draft_plan.pk)
    data = {
        **hidden_inputs(practitioner_client.get(url).content.decode()),
        "action": "save",
        "outcome_rows": "1",
        "outcome_1_statement": "I want to cook my own meals.",
        "support_rows": "1",
        "support_1_need": "Meals",
        "support_1_how_met": "The Thursday lunch club.",
        "support_1_kind": "non_traditional",
        "support_1_unit_cost": cost,
        "support_1_cost_frequency": "Weekly",
        "personal_budget": personal_budget,
        "top_up": top_up,
    }
    response = practitioner_client.post(url, data)
    plan = CarePlan.objects.get(pk=draft_plan.pk)
    if response.status_code == 302:
        assert plan.personal_budget == typed_money(personal_budget)
        assert plan.top_up == typed_money(top_up)
        assert plan.supports.get().weekly_cost == typed_money(cost)
        assert not plan.top_up_errors()  # what is saved keeps the top-up rule
    else:
        assert (plan.personal_budget, plan.top_up) == (before.personal_budget, before.top_up)
        page = response.content.decode()
        assert "govuk-error-summary" in page
        assert has_field_error(page, "id_personal_budget", "id_top_up", "id_support_1_unit_cost")
        for typed in (personal_budget, top_up, cost):
            assert_escaped(page, typed)


@FUZZ
@given(concern=TEXT, action=TEXT)
def test_a_safeguarding_concern(practitioner_client, person, concern, action):
    response = practitioner_client.post(
        reverse("assessments:start", args=[person.pk]),
        {"kind": "safeguarding", "contact": "none"},
    )
    assert response.status_code == 302
    record = SafeguardingConcern.objects.filter(person=person).latest("pk")
    page = practitioner_client.get(record.get_edit_url()).content.decode()
    data = {**hidden_inputs(page), "action": "save", "concern": concern, "action_taken": action}
    response = practitioner_client.post(record.get_edit_url(), data)
    record.refresh_from_db()
    if response.status_code == 302:
        assert record.concern == saved_form(concern)
        shown = practitioner_client.get(record.get_absolute_url()).content.decode()
        assert_escaped(shown, concern)
    else:
        assert record.concern == ""
        page = response.content.decode()
        assert "govuk-error-summary" in page
        assert_escaped(page, concern)


@FUZZ
@given(text=TEXT)
def test_the_plain_english_check(practitioner_client, person, text):
    response = practitioner_client.post(reverse("assessments:readability"), {"text": text})
    assert response.status_code in (200, 400)
    answer = response.json()
    if response.status_code == 400:
        assert "text" in answer["errors"]
    else:
        assert answer["score"] is None or isinstance(answer["score"], int | float)
        assert isinstance(answer["message"], str)


@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "person",
                "date_from_0",
                "date_from_1",
                "date_from_2",
                "date_to_0",
                "date_to_1",
                "date_to_2",
                "page",
            ]
        ),
        st.one_of(TEXT.filter(lambda s: len(s) < 2_000), DATE_PART, MANY_WORDS, HIDDEN),
        max_size=5,
    )
)
def test_the_access_log_filters(manager_client, administrator_client, person, params):
    for client in (manager_client, administrator_client):
        response = client.get(reverse("audit:access_log"), params)
        assert response.status_code == 200
        page = response.content.decode()
        for value in params.values():
            assert_escaped(page, value)


@FUZZ
@given(
    version=HIDDEN,
    outcome_rows=HIDDEN,
    support_rows=HIDDEN,
    action=st.sampled_from(["", "draft", "add_support", "add_outcome", "complete"]),
)
def test_a_care_plan_with_tampered_hidden_fields(
    practitioner_client, draft_plan, version, outcome_rows, support_rows, action
):
    data = {
        "version": version,
        "outcome_rows": outcome_rows,
        "support_rows": support_rows,
        "action": action,
        "contingency_plan": "Typed before the page was tampered with",
    }
    response = practitioner_client.post(draft_plan.get_edit_url(), data)
    assert response.status_code in (200, 302, 400, 409)
