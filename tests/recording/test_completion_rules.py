"""What completing a record needs is the model's (`completion_errors`), for every kind:
a service call that completes a record with its content missing is refused, with each
error keyed by the field it belongs to, as the forms show them (issue 14, part 5)."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from assessments.services import care_act_record_save, care_act_record_start
from recording.deadlines import LONDON
from recording.models import Record, RecordKind
from recording.services import provisional_care_package_save, record_complete
from tests.assessments.factories import care_plan_for, eligibility_for, needs_assessment_for
from tests.factories import ContactFactory, case_note_for

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("principles", "_frozen")]


@pytest.fixture
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def refused(record, user) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        record_complete(record=record, user=user)
    assert Record.objects.get(pk=record.pk).is_draft
    return error.value.message_dict


def test_a_case_note_with_no_narrative_is_not_completed(person, practitioner):
    note = case_note_for(ContactFactory(person=person, recorded_by=practitioner), narrative="")
    errors = refused(note, practitioner)
    assert errors["narrative"] == ["Enter what happened"]


def test_a_case_note_must_say_whether_a_decision_was_made(person, practitioner):
    note = case_note_for(
        ContactFactory(person=person, recorded_by=practitioner), made_decision=None
    )
    assert refused(note, practitioner)["made_decision"] == ["Select yes if you made a decision"]


def test_a_decision_needs_its_reasons_law_and_the_options_considered(person, practitioner):
    note = case_note_for(
        ContactFactory(person=person, recorded_by=practitioner), made_decision=True
    )
    errors = refused(note, practitioner)
    assert errors["decision"] == ["Enter what you decided"]
    assert errors["decision_reasons"] == ["Enter your reasons for the decision"]
    assert errors["legal_basis"] == ["Select the law the decision rests on"]
    assert errors["option_1"][0].startswith("Enter at least one other option you considered")


def test_a_provisional_care_package_needs_what_who_when_cost_and_why(person, practitioner):
    package = provisional_care_package_save(
        author=practitioner,
        contact=ContactFactory(person=person, recorded_by=practitioner),
        fields={"what": "Home care", "provider": "  "},
        evidence=[],
    )
    errors = refused(package, practitioner)
    assert set(errors) == {"provider", "start_date", "weekly_cost", "why"}
    assert errors["start_date"] == ["Enter the start date"]


def test_a_written_case_note_is_completed_and_a_written_package_lacks_nothing_written(
    person, practitioner
):
    note = case_note_for(ContactFactory(person=person, recorded_by=practitioner))
    assert record_complete(record=note, user=practitioner).is_completed
    package = provisional_care_package_save(
        author=practitioner,
        contact=ContactFactory(person=person, recorded_by=practitioner),
        fields={
            "what": "Home care twice a day",
            "provider": "Kind Care",
            "start_date": date(2026, 11, 26),
            "weekly_cost": 245,
            "why": "She is home from hospital today.",
        },
        evidence=[],
    )
    content = {"what", "provider", "start_date", "weekly_cost", "why"}
    assert not content & set(package.completion_errors())


@pytest.mark.parametrize(
    ("kind", "build", "missing"),
    [
        (
            RecordKind.NEEDS_ASSESSMENT,
            lambda person, user: needs_assessment_for(
                person, user, completed=False, what_matters=""
            ),
            "what_matters",
        ),
        (
            RecordKind.ELIGIBILITY,
            lambda person, user: eligibility_for(
                needs_assessment_for(person, user), user, completed=False, reasons=""
            ),
            "reasons",
        ),
        (
            RecordKind.CARE_PLAN,
            lambda person, user: care_plan_for(
                eligibility_for(needs_assessment_for(person, user), user),
                user,
                completed=False,
                contingency_plan="",
            ),
            "contingency_plan",
        ),
        (
            RecordKind.SAFEGUARDING,
            lambda person, user: care_act_record_start(
                kind=RecordKind.SAFEGUARDING, person=person, author=user
            ),
            "concern",
        ),
    ],
)
def test_each_care_act_kind_is_refused_with_keyed_errors(
    person, practitioner, kind, build, missing
):
    record = build(person, practitioner)
    assert record.kind == kind
    assert missing in refused(record, practitioner)


def test_a_review_with_no_date_or_summary_is_refused(person, practitioner, manager):
    plan = care_plan_for(
        eligibility_for(
            needs_assessment_for(person, practitioner), practitioner, authorised_by=manager
        ),
        practitioner,
        authorised_by=manager,
    )
    review = care_act_record_start(kind=RecordKind.REVIEW, person=person, author=practitioner)
    assert review.plan == plan
    care_act_record_save(record=review, author=practitioner, fields={"changes": "None"})
    errors = refused(review, practitioner)
    assert errors["review_date"] == ["Enter the date of the review"]
    assert errors["summary"] == ["Enter how things are going, in the person's words"]
