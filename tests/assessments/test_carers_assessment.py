"""A carer's assessment (Care Act s10) as a record kind (issue 18, part 3): started for
an unpaid carer only, completed on one page, eligibility under the carers' criteria
(regulation 3), a support plan on it, the carer's copy, and the carer's wait closed."""

import pytest
from django.urls import reverse

from assessments.models import CarersAssessment, EligibilityDetermination
from assessments.pdf import copy_filename
from assessments.services import basis_for, start_facts
from config import cld
from config.kinds import RecordKind
from frontdoor.models import WorkItem, WorkKind
from recording.models import Person, Record
from tests.assessments.factories import (
    care_plan_for,
    carers_assessment_for,
    carers_eligibility_for,
)
from tests.assessments.test_views import evidence, save_form, start
from tests.frontdoor.factories import WorkItemFactory

CARERS = {
    "what_matters": "I want to keep looking after Mum, and to have an evening to myself.",
    "caring_role": "Meals, medicines and nights for her mother.",
    "able_to_care": "partly",
    "willing_to_care": "yes",
    "caring_impact": "She sleeps badly and has cut her hours at work.",
    "carers_outcomes": "A regular break, and to keep her job.",
    "wellbeing_impact": "Her health is suffering.",
    "prevention_advice": "Carers in Herts and the emergency card.",
    "assessment_type": "Unpaid carer assessment",
    "method": "Face to face",
    "outcome": "Progress to support planning or services",
}
CARERS_ELIGIBILITY = {
    "needs_from_impairment": "yes",
    "impairment_notes": "Caring every day and most nights.",
    "outcomes_not_achieved": ["health"],
    "wellbeing_significant": "yes",
    "wellbeing_notes": "She is exhausted.",
    "decision": "eligible",
    "reasons": "All three conditions of regulation 3 are met.",
}


@pytest.fixture
def carer(person):
    Person.objects.filter(pk=person.pk).update(client_type=cld.ClientType.CARER)
    person.refresh_from_db()
    return person


def test_a_person_who_is_not_a_carer_cannot_have_one_started(practitioner_client, person):
    url = reverse("assessments:start", args=[person.pk])
    page = practitioner_client.get(url).text
    assert 'value="carers_assessment"' not in page
    assert "A carer&#x27;s assessment is for an unpaid carer" in page
    response = practitioner_client.post(url, {"kind": "carers_assessment", "contact": "none"})
    assert response.status_code == 200
    assert "change the person&#x27;s client type to unpaid carer" in response.text
    assert not Record.objects.filter(person=person).exists()


def test_a_carer_has_one_started_completed_and_decided_under_regulation_3(
    practitioner_client, manager_client, carer
):
    record = start(practitioner_client, carer, "carers_assessment")
    assessment = CarersAssessment.objects.get(pk=record.pk)
    assert assessment.assessment_type == cld.AssessmentType.UNPAID_CARER
    page = practitioner_client.get(record.get_edit_url()).text
    assert "Is the carer willing to go on caring?" in page
    # Completing with gaps: saved, and what is missing said next to each field.
    response = save_form(practitioner_client, record, {"what_matters": "x", "action": "complete"})
    assert response.status_code == 400  # saved, not completed
    assert "Select whether the carer is able to go on caring" in response.text
    assert "Enter the outcomes the carer wants" in response.text
    response = save_form(
        practitioner_client, record, {**CARERS, **evidence(2, 5), "action": "complete"}
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.is_completed
    detail = practitioner_client.get(assessment.get_absolute_url()).text
    assert "Willing to go on caring" in detail and "A regular break" in detail

    determination = start(practitioner_client, carer, "eligibility")
    page = practitioner_client.get(determination.get_edit_url()).text.replace("&#x27;", "'")
    assert "Do the carer's needs arise from providing necessary care for an adult?" in page
    assert "Their physical or mental health is, or is at risk of, deteriorating" in page
    assert "Managing toilet needs" not in page  # the person's outcomes, not a carer's
    response = save_form(
        practitioner_client,
        determination,
        {**CARERS_ELIGIBILITY, **evidence(5, 6), "action": "complete"},
    )
    assert response.status_code == 302, response.text[:2000]
    determination = EligibilityDetermination.objects.get(pk=determination.pk)
    assert determination.is_for_carer and determination.meets_all_conditions
    detail = practitioner_client.get(determination.get_absolute_url()).text
    assert "1. Needs arise from providing necessary care for an adult" in detail
    assert "regulation 3" in detail
    manager_client.post(
        reverse("assessments:authorise", args=[determination.pk]), {"decision": "authorise"}
    )
    assert start_facts(carer).authorised_eligible_determination
    assert basis_for(carer, RecordKind.CARE_PLAN) == determination


def test_one_effect_of_caring_is_enough_but_none_is_not(practitioner, carer):
    assessment = carers_assessment_for(carer, practitioner)
    eligible = carers_eligibility_for(
        assessment, practitioner, completed=False, outcomes_not_achieved=["recreation"]
    )
    assert eligible.meets_all_conditions
    assert "decision" not in eligible.completion_errors()
    eligible.outcomes_not_achieved = []
    assert "all three conditions" in eligible.completion_errors()["decision"]
    eligible.needs_from_impairment = None
    assert eligible.completion_errors()["needs_from_impairment"] == (
        "Select whether the carer's needs arise from providing necessary care for an adult"
    )
    # A person's outcome is not a carer's.
    eligible.outcomes_not_achieved = ["toilet"]
    with pytest.raises(Exception, match="Choose outcomes from the list"):
        eligible.full_clean()


def test_a_carers_support_plan_and_the_carers_copy(practitioner, manager, carer):
    assessment = carers_assessment_for(carer, practitioner)
    determination = carers_eligibility_for(assessment, practitioner, authorised_by=manager)
    plan = care_plan_for(determination, practitioner, authorised_by=manager)
    assert plan.is_completed and plan.eligibility.is_for_carer
    assert copy_filename(assessment, large_print=False).startswith("carers-assessment")


def test_completing_it_closes_the_carers_wait(practitioner, carer):
    wait = WorkItemFactory(person=carer, kind=WorkKind.CARERS_ASSESSMENT)
    other = WorkItemFactory(person=carer, kind=WorkKind.NEEDS_ASSESSMENT)
    carers_assessment_for(carer, practitioner)
    assert not WorkItem.objects.open().filter(pk=wait.pk).exists()
    assert WorkItem.objects.open().filter(pk=other.pk).exists()


def test_quality_staff_and_another_team_cannot_start_one(quality_client, outsider_client, carer):
    url = reverse("assessments:start", args=[carer.pk])
    data = {"kind": "carers_assessment", "contact": "none"}
    assert quality_client.post(url, data).status_code == 403
    assert outsider_client.post(url, data).status_code == 404
    assert not Record.objects.filter(person=carer).exists()
