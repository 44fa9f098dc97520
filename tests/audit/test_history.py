"""Every change to every record is kept -- who, when, what -- and shown on a History
page as a readable diff; nobody can change history in the app or the admin (issue 7,
part 1)."""

import time
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import (
    AssessedOutcome,
    AssessmentRisk,
    Authorisation,
    CarePlan,
    CopyGiven,
    EligibilityDetermination,
    NeedsAssessment,
    PlanOutcome,
    PlanSupport,
    Review,
    ReviewProgress,
    SafeguardingConcern,
)
from assessments.services import authorisation_decide, care_act_record_start
from principles.models import ActiveFramework, Principle, RequiredPrinciple
from recording.history import COMPLETED, word_diff
from recording.models import (
    Addendum,
    CaseNote,
    ClosureDay,
    Contact,
    DecisionOption,
    Person,
    PrincipleEvidence,
    ProvisionalCarePackage,
    Record,
    RecordingObligation,
)
from recording.services import (
    EvidenceInput,
    OptionInput,
    addendum_add,
    case_note_save,
    closure_day_add,
    closure_day_remove,
    provisional_care_package_save,
    record_complete,
)
from supervision.models import PrincipleReflection, SupervisionSession
from tests.assessments.factories import care_plan_for, eligibility_for, needs_assessment_for
from tests.factories import ContactFactory, PersonFactory, case_note_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(person, practitioner):
    return ContactFactory(person=person, recorded_by=practitioner)


def _evidence(principles, number: int, text: str) -> EvidenceInput:
    return EvidenceInput(principle=principles.principles.get(number=number), evidence=text)


def _note_save(note, practitioner, principles, *, narrative, evidence="We met at her home."):
    return case_note_save(
        author=practitioner,
        note=note,
        fields={"narrative": narrative},
        evidence=[_evidence(principles, 1, evidence)],
        options=[OptionInput(option="A care home", why_not_appropriate="She wants home.")],
    )


# --- History rows are kept for every tracked model ---


def test_a_case_note_keeps_a_history_row_for_its_creation_each_save_and_completion(
    contact, practitioner, principles
):
    note = case_note_for(contact, narrative="First words.")
    note = _note_save(note, practitioner, principles, narrative="Second words.")
    record_complete(record=note, user=practitioner)

    rows = list(CaseNote.history.filter(record_ptr_id=note.pk).order_by("history_date"))
    assert [row.history_type for row in rows] == ["+", "~", "~"]
    assert [row.narrative for row in rows] == ["First words.", "Second words.", "Second words."]
    completion = rows[-1]
    assert completion.status == Record.Status.COMPLETED
    assert completion.completed_at is not None
    assert completion.history_change_reason == COMPLETED
    assert completion.history_user == practitioner
    # The two-working-day clock stopping is kept too.
    obligation = RecordingObligation.history.filter(id=note.obligation_id).latest("history_date")
    assert obligation.completed_on is not None
    assert obligation.history_change_reason == COMPLETED


def test_a_second_completion_adds_no_history(contact, practitioner, principles):
    note = case_note_for(contact)
    record_complete(record=note, user=practitioner)
    with pytest.raises(Exception):  # noqa: B017 - RecordImmutableError
        record_complete(record=CaseNote.objects.get(pk=note.pk), user=practitioner)
    assert CaseNote.history.filter(record_ptr_id=note.pk).count() == 2


def test_the_rows_of_a_case_note_and_its_addenda_are_kept(contact, practitioner, principles):
    note = case_note_for(contact)
    _note_save(note, practitioner, principles, narrative="Words.")
    record_complete(record=note, user=practitioner)
    addendum_add(record=note, author=practitioner, reason="Wrong date", text="It was Monday.")
    assert PrincipleEvidence.history.filter(record_id=note.pk, history_type="+").exists()
    assert DecisionOption.history.filter(case_note_id=note.pk, history_type="+").exists()
    assert Addendum.history.get(record_id=note.pk).text == "It was Monday."
    assert Contact.history.filter(id=contact.pk, history_type="+").exists()


def test_saving_a_draft_again_keeps_history_only_for_what_changed(
    contact, practitioner, principles
):
    """An autosave every few seconds must not fill the history with evidence and
    options deleted and written again unchanged."""
    note = case_note_for(contact)
    _note_save(note, practitioner, principles, narrative="One.")
    _note_save(note, practitioner, principles, narrative="Two.")
    evidence = PrincipleEvidence.history.filter(record_id=note.pk)
    options = DecisionOption.history.filter(case_note_id=note.pk)
    assert [row.history_type for row in evidence] == ["+"]
    assert [row.history_type for row in options] == ["+"]

    we = principles.principles.get(number=1).statements.filter(kind="we")[:1]
    case_note_save(
        author=practitioner,
        note=note,
        fields={"narrative": "Three."},
        evidence=[
            EvidenceInput(
                principle=principles.principles.get(number=1),
                evidence="We met in the garden.",
                statements=list(we),
            ),
            _evidence(principles, 2, "She chose who came."),
        ],
        options=[],
    )
    rows = {
        row.principle.number: (row.evidence, [s.pk for s in row.statements.all()])
        for row in PrincipleEvidence.objects.filter(record=note)
    }
    assert rows == {
        1: ("We met in the garden.", [s.pk for s in we]),
        2: ("She chose who came.", []),
    }
    assert sorted(row.history_type for row in evidence.all()) == ["+", "+", "~"]
    assert not DecisionOption.objects.filter(case_note=note).exists()
    assert sorted(row.history_type for row in options.all()) == ["+", "-"]

    case_note_save(
        author=practitioner,
        note=note,
        fields={"narrative": "Four."},
        evidence=[_evidence(principles, 2, "She chose who came.")],
        options=[],
    )
    assert list(
        PrincipleEvidence.objects.filter(record=note).values_list("evidence", flat=True)
    ) == ["She chose who came."]
    assert sorted(row.history_type for row in evidence.all()) == ["+", "+", "-", "~"]


def test_a_provisional_care_package_keeps_its_history(contact, practitioner, principles):
    package = provisional_care_package_save(
        author=practitioner, contact=contact, fields={"what": "Two calls a day"}, evidence=[]
    )
    provisional_care_package_save(
        author=practitioner, package=package, fields={"what": "Three calls a day"}, evidence=[]
    )
    rows = ProvisionalCarePackage.history.filter(record_ptr_id=package.pk)
    assert sorted(rows.values_list("what", flat=True)) == ["Three calls a day", "Two calls a day"]


def test_every_care_act_record_and_its_rows_keep_their_history(
    person, practitioner, manager, principles
):
    assessment = needs_assessment_for(person, practitioner)
    eligibility = eligibility_for(assessment, practitioner, authorised_by=manager)
    plan = care_plan_for(eligibility, practitioner, authorised_by=manager)
    CopyGiven.objects.create(
        record=plan,
        given_on=date(2026, 11, 20),
        channel="post",
        format="standard",
        recorded_by=practitioner,
    )
    review = care_act_record_start(kind="review", person=person, author=practitioner)
    ReviewProgress.objects.create(review=review, outcome=plan.outcomes.first(), progress="partly")
    concern = care_act_record_start(kind="safeguarding", person=person, author=practitioner)
    for model, record in [
        (NeedsAssessment, assessment),
        (EligibilityDetermination, eligibility),
        (CarePlan, plan),
    ]:
        kinds = list(model.history.filter(record_ptr_id=record.pk).values_list("history_type"))
        assert kinds == [("~",), ("+",)] or sorted(kinds) == [("+",), ("~",)], model
        completed = model.history.filter(record_ptr_id=record.pk, status="completed")
        assert completed.get().history_change_reason == COMPLETED
    assert Review.history.filter(record_ptr_id=review.pk).exists()
    assert SafeguardingConcern.history.filter(record_ptr_id=concern.pk).exists()
    assert AssessedOutcome.history.filter(assessment_id=assessment.pk).count() == 10
    assert AssessmentRisk.history.filter(assessment_id=assessment.pk).exists()
    assert PlanOutcome.history.filter(plan_id=plan.pk).exists()
    assert PlanSupport.history.filter(plan_id=plan.pk).exists()
    assert ReviewProgress.history.filter(review_id=review.pk).exists()
    assert Authorisation.history.filter(record_id=plan.pk).exists()
    assert CopyGiven.history.filter(record_id=plan.pk).exists()


def test_authorising_a_plan_keeps_the_persons_new_review_date_in_history(
    person, practitioner, manager, principles
):
    eligibility = eligibility_for(
        needs_assessment_for(person, practitioner), practitioner, authorised_by=manager
    )
    plan = care_plan_for(eligibility, practitioner)
    authorisation_decide(record=plan, manager=manager, authorise=True)
    latest = Person.history.filter(id=person.pk).latest("history_date")
    assert latest.review_due == plan.review_date
    assert latest.history_change_reason == "Care and support plan authorised"


def test_a_closure_day_and_the_due_dates_it_moves_are_kept(contact, practitioner):
    obligation = contact.obligations.get()
    due = obligation.due_date
    closure = closure_day_add(day=due - timedelta(days=1), reason="Staff training day")
    closure_pk = closure.pk
    moved = RecordingObligation.history.filter(id=obligation.pk).latest("history_date")
    assert moved.due_date > due
    assert moved.history_change_reason.startswith("Closure day")
    assert ClosureDay.history.filter(id=closure.pk, history_type="+").exists()
    closure_day_remove(closure=closure)
    assert ClosureDay.history.filter(id=closure_pk, history_type="-").exists()
    back = RecordingObligation.history.filter(id=obligation.pk).latest("history_date")
    assert back.due_date == due


def test_the_person_principle_rules_and_supervision_keep_their_history(
    person, practitioner, manager, principles
):
    person.communication_needs = "Large print"
    person.save()
    assert Person.history.filter(id=person.pk).count() == 2
    rule = RequiredPrinciple.objects.first()
    rule_pk = rule.pk
    rule.delete()
    assert RequiredPrinciple.history.filter(id=rule_pk, history_type="-").exists()
    ActiveFramework.choose(principles)
    assert ActiveFramework.history.exists()
    session = SupervisionSession.objects.create(
        supervisor=manager,
        practitioner=practitioner,
        held_on=date(2026, 11, 20),
        framework=principles,
        agreed_actions="Read principle 3 again.",
    )
    session.cases.add(person)
    PrincipleReflection.objects.create(
        session=session, principle=Principle.objects.filter(framework=principles).first(), notes="."
    )
    assert SupervisionSession.history.filter(id=session.pk).count() == 2  # created, cases
    assert PrincipleReflection.history.filter(session_id=session.pk).exists()


def test_changes_made_in_a_request_name_the_signed_in_user(
    practitioner_client, practitioner, contact, principles
):
    response = practitioner_client.post(
        reverse("recording:case_note_new", args=[contact.pk]),
        {"action": "save", "option_rows": "0", "narrative": "Typed in the form."},
    )
    assert response.status_code == 302
    note = CaseNote.objects.get()
    assert CaseNote.history.get(record_ptr_id=note.pk).history_user == practitioner


# --- The word diff ---


def test_a_word_diff_marks_what_was_removed_and_added():
    old, new = word_diff("She wants to stay at home.", "She wants to stay in her home.")
    assert '<del><span class="govuk-visually-hidden">[removed: </span>at' in old
    assert '<ins><span class="govuk-visually-hidden">[added: </span>in her' in new
    assert "She wants to stay" in new


def test_a_word_diff_escapes_html_and_keeps_line_breaks():
    old, new = word_diff("Line one", "Line one\n<script>alert(1)</script>")
    assert "<script>" not in new
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in new
    assert "<br>" in new


# --- The History page ---


def _history_url(record) -> str:
    return reverse("recording:record_history", args=[record.pk])


def test_the_history_page_shows_who_when_and_each_change_newest_first(
    practitioner_client, practitioner, contact, principles
):
    note = case_note_for(contact, narrative="She wants to stay at home.")
    _note_save(note, practitioner, principles, narrative="She wants to stay in her home.")
    record_complete(record=note, user=practitioner)

    response = practitioner_client.get(_history_url(note))
    assert response.status_code == 200
    text = response.text
    assert text.index("Completed on") < text.index("Changed on") < text.index("Created on")
    assert "By Alice Adams" in text
    assert "Narrative" in text
    assert "[removed: </span>at" in text
    assert "[added: </span>in her" in text
    # The status, old and new, and the evidence the save added, under its principle.
    assert "Draft" in text and "Completed</td>" in text
    principle = principles.principles.get(number=1)
    assert str(principle) in text
    assert "We met at her home." in text
    # Local time: 10:00 in London on the day.
    local = timezone.localtime(note.history.earliest("history_date").history_date)
    assert f"{local:%H:%M}" in text


def test_the_history_page_escapes_what_was_typed(
    practitioner_client, practitioner, contact, principles
):
    note = case_note_for(contact, narrative="<script>alert('x')</script>")
    response = practitioner_client.get(_history_url(note))
    assert "<script>alert('x')</script>" not in response.text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in response.text


def test_a_care_act_records_history_is_under_its_own_pages(
    practitioner_client, person, practitioner, manager, principles
):
    assessment = needs_assessment_for(person, practitioner)
    response = practitioner_client.get(_history_url(assessment))
    url = reverse("assessments:record_history", args=[assessment.pk])
    assert response.status_code == 302 and response.url == url
    response = practitioner_client.get(url)
    assert response.status_code == 200
    assert "History of the needs assessment" in response.text
    # Its own rows: the outcomes (by name) and the risks, field by field.
    assert "Being appropriately clothed: Achievement" in response.text
    assert "Assessment risk 1: Risk" in response.text
    assert "Completed on" in response.text


def test_the_record_and_person_pages_link_to_their_history(
    practitioner_client, contact, person, principles
):
    note = case_note_for(contact)
    page = practitioner_client.get(note.get_absolute_url()).text
    assert _history_url(note) in page
    page = practitioner_client.get(person.get_absolute_url()).text
    assert reverse("recording:person_history", args=[person.pk]) in page


def test_the_person_history_shows_changed_details_with_names(
    practitioner_client, person, colleague, principles
):
    person.allocated_worker = colleague
    person.communication_needs = "Needs an interpreter"
    person.save()
    response = practitioner_client.get(reverse("recording:person_history", args=[person.pk]))
    assert response.status_code == 200
    assert "Allocated worker" in response.text
    assert "Alice Adams" in response.text and "Erin Evans" in response.text
    assert "Needs an interpreter" in response.text


def test_another_teams_record_history_is_not_found(
    outsider_client, practitioner, contact, person, principles
):
    note = case_note_for(contact)
    assert outsider_client.get(_history_url(note)).status_code == 404
    url = reverse("recording:person_history", args=[person.pk])
    assert outsider_client.get(url).status_code == 404


def test_the_history_pages_take_get_only(practitioner_client, contact, principles):
    note = case_note_for(contact)
    assert practitioner_client.post(_history_url(note)).status_code == 405


@pytest.mark.parametrize("saves", [2, 40])
def test_the_history_page_runs_a_fixed_number_of_queries(
    practitioner_client, practitioner, contact, principles, saves, django_assert_max_num_queries
):
    note = case_note_for(contact)
    for n in range(saves):
        _note_save(note, practitioner, principles, narrative=f"Version {n}", evidence=f"E{n}")
    record_complete(record=note, user=practitioner)
    addendum_add(record=note, author=practitioner, reason="A correction", text="Text.")
    # session, user, roles, the record's kind, the record, the access log, versions with
    # users; the rows pointing at it: evidence, the principles for their labels,
    # addenda, authorisation, copies given, options; active framework (header)
    with django_assert_max_num_queries(14):
        response = practitioner_client.get(_history_url(note))
    assert response.status_code == 200


@pytest.mark.parametrize("saves", [2, 40])
def test_the_person_history_page_runs_a_fixed_number_of_queries(
    practitioner_client, person, practitioner, colleague, saves, django_assert_max_num_queries
):
    for n in range(saves):
        person.allocated_worker = colleague if n % 2 else practitioner
        person.communication_needs = f"Needs {n}"
        person.save()
    # session, user, roles, person, access log, versions with users, teams, allocated
    # workers, active framework (header)
    with django_assert_max_num_queries(9):
        response = practitioner_client.get(reverse("recording:person_history", args=[person.pk]))
    assert response.status_code == 200


# --- Nobody can change history ---


def test_no_url_in_the_app_changes_history(practitioner_client, contact, principles):
    from django.urls import get_resolver

    names = set()

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, f"{prefix}{pattern.namespace or ''}:")
            elif not prefix.startswith("admin"):  # the admin is tested below
                names.add(f"{prefix}{pattern.name}")

    walk(get_resolver().url_patterns)
    history_urls = {name for name in names if "history" in (name or "")}
    assert history_urls == {
        "recording:person_history",
        "recording:record_history",
        "assessments:record_history",
    }
    note = case_note_for(contact)
    before = CaseNote.history.count()
    for method in ("post", "put", "delete"):
        assert getattr(practitioner_client, method)(_history_url(note)).status_code == 405
    assert CaseNote.history.count() == before


def test_no_historical_model_is_in_the_admin(administrator_client, contact, principles):
    from django.contrib import admin

    note = case_note_for(contact)
    registered = {model._meta.model_name for model in admin.site._registry}
    assert not any(name.startswith("historical") for name in registered)
    row = CaseNote.history.get(record_ptr_id=note.pk)
    for url in [
        f"/admin/recording/historicalcasenote/{row.history_id}/change/",
        f"/admin/recording/historicalcasenote/{row.history_id}/delete/",
        "/admin/recording/historicalcasenote/",
        "/admin/recording/historicalcasenote/add/",
    ]:
        assert administrator_client.get(url).status_code in (403, 404), url
        assert administrator_client.post(url, {"narrative": "Rewritten"}).status_code in (
            403,
            404,
        ), url
    assert CaseNote.history.get(record_ptr_id=note.pk).narrative == note.narrative


def test_the_admin_cannot_change_a_case_note(administrator_client, contact, principles):
    note = case_note_for(contact)
    url = f"/admin/recording/casenote/{note.pk}/change/"
    administrator_client.post(url, {"narrative": "Rewritten"})
    assert CaseNote.objects.get(pk=note.pk).narrative == note.narrative
    assert CaseNote.history.filter(record_ptr_id=note.pk).count() == 1


def test_historical_rows_are_not_records_of_people(principles, team):
    # A person's history stays when a draft is deleted: history is not cascaded away.
    person = PersonFactory(team=team)
    person_pk = person.pk
    person.delete()
    assert Person.history.filter(id=person_pk, history_type="-").exists()


def test_the_history_of_adversarial_text_opens_in_under_a_second(
    practitioner_client, practitioner, contact, principles
):
    """Issue 15, part 1: 1,200 x "a " then 1,200 x "b " made this page take 31 s."""
    note = case_note_for(contact, narrative="a " * 1_200 + "b " * 1_200)
    for turn in range(30):  # many saves: the page compares only the changes it shows
        text = ("b " * 1_200 + "a " * 1_200) if turn % 2 else ("a " * 1_200 + "b " * 1_200)
        _note_save(note, practitioner, principles, narrative=text + f"{turn}")
        note.refresh_from_db()

    url = _history_url(note)  # resolving URLs the first time imports every view
    started = time.perf_counter()
    response = practitioner_client.get(url)
    assert time.perf_counter() - started < 1.0
    assert response.status_code == 200
    assert "[added: " in response.text
