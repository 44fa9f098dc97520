"""The Care Act journey through the pages, from each role, with the refusals."""

import re
from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from assessments.models import (
    Authorisation,
    CarePlan,
    CopyGenerated,
    CopyGiven,
    EligibilityDetermination,
    NeedsAssessment,
    Review,
    SafeguardingConcern,
)
from recording.deadlines import LONDON
from recording.models import Person, Record
from tests.assessments.factories import ASSESSMENT_RETURN, REVIEW_RETURN, needs_assessment_for
from tests.factories import ContactFactory

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_frozen")]


@pytest.fixture
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def evidence(*numbers: int) -> dict:
    data = {}
    for n in numbers:
        data[f"principle_{n}"] = "on"
        data[f"principle_{n}_evidence"] = f"How principle {n} shaped the work."
    return data


def start(client, person, kind, **extra) -> Record:
    response = client.post(
        reverse("assessments:start", args=[person.pk]),
        {"kind": kind, "contact": "none", **extra},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return Record.objects.filter(person=person, kind=kind).latest("pk")


def save_form(client, record, data: dict, url: str | None = None):
    """POST a draft's form as the page does: with the version of the draft it showed."""
    version = Record.objects.get(pk=record.pk).version
    return client.post(url or record.get_edit_url(), {**data, "version": version})


ASSESSMENT = {
    "what_matters": "I want to stay in my own home and keep my garden going.",
    "strengths_personal": "Margaret cooks for herself most days.",
    "wellbeing_impact": "She is anxious about falling on the stairs.",
    "mental_capacity": "no_doubt",
    "advocacy": "not_needed",
    "prevention_advice": "Told her about the falls prevention class at the library.",
    **ASSESSMENT_RETURN,
}


def complete_short_assessment(client, person) -> NeedsAssessment:
    record = start(client, person, "needs_assessment", form_type="proportionate")
    response = save_form(client, record, {**ASSESSMENT, **evidence(2, 5), "action": "complete"})
    assert response.status_code == 302
    return NeedsAssessment.objects.get(pk=record.pk)


ELIGIBILITY = {
    "needs_from_impairment": "yes",
    "impairment_notes": "Arthritis in both knees.",
    "outcomes_not_achieved": ["hygiene", "home_safely"],
    "wellbeing_significant": "yes",
    "wellbeing_notes": "She has stopped going out.",
    "decision": "eligible",
    "reasons": "All three conditions are met.",
}


def authorised_eligibility(practitioner_client, manager_client, person):
    complete_short_assessment(practitioner_client, person)
    record = start(practitioner_client, person, "eligibility")
    response = save_form(
        practitioner_client, record, {**ELIGIBILITY, **evidence(5, 6), "action": "complete"}
    )
    assert response.status_code == 302
    response = manager_client.post(
        reverse("assessments:authorise", args=[record.pk]), {"decision": "authorise"}
    )
    assert response.status_code == 302
    return EligibilityDetermination.objects.get(pk=record.pk)


def service_fields(number: int, weekly: str) -> dict:
    """A support's CLD service details, costing `weekly` a week."""
    return {
        f"support_{number}_service_type": "Long term support: Community",
        f"support_{number}_service_component": "Home support or domiciliary care",
        f"support_{number}_delivery_mechanism": "CASSR commissioned support",
        f"support_{number}_unit_cost": weekly,
        f"support_{number}_cost_frequency": "Weekly",
        f"support_{number}_start_date_0": "1",
        f"support_{number}_start_date_1": "12",
        f"support_{number}_start_date_2": "2026",
    }


def plan_data(**overrides) -> dict:
    data = {
        "outcome_rows": "1",
        "outcome_1_statement": "I want to have a bath safely twice a week.",
        "support_rows": "2",
        "support_1_need": "Bathing",
        "support_1_how_met": "A home carer helps twice a week.",
        "support_1_kind": "traditional",
        **service_fields(1, "120.00"),
        "support_2_need": "Getting out",
        "support_2_how_met": "The Tuesday gardening club.",
        "support_2_kind": "non_traditional",
        **service_fields(2, "45.50"),
        "support_2_meets_assessed_needs": "on",
        "support_2_safe_lawful_appropriate": "on",
        "personal_budget": "150.00",
        "top_up": "15.50",
        "direct_payments": "no",
        "direct_payments_why_not": "She does not want to manage the money.",
        "health_funding_considered": "on",
        "health_funding_notes": "No nursing needs.",
        "contingency_plan": "Her daughter will call the team.",
        "review_date_0": "20",
        "review_date_1": "11",
        "review_date_2": "2027",
        **evidence(3, 7),
    }
    data.update(overrides)
    return data


def test_short_assessment_needs_its_required_principles_and_keeps_what_was_typed(
    practitioner_client, person
):
    record = start(practitioner_client, person, "needs_assessment", form_type="proportionate")
    response = save_form(
        practitioner_client,
        record,
        {**ASSESSMENT, "what_matters": "<b>My garden</b>", "action": "complete"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Principle 2, Every contact is strength based and risk positive, must be" in page
    assert 'href="#id_principle_2"' in page and 'href="#id_principle_5"' in page
    assert "&lt;b&gt;My garden&lt;/b&gt;" in page  # kept, and escaped
    assert "Draft saved at 10:00, but not completed" in page
    record.refresh_from_db()
    assert record.status == Record.Status.DRAFT
    assert NeedsAssessment.objects.get(pk=record.pk).what_matters == "<b>My garden</b>"


def test_the_journey_from_assessment_to_an_authorised_plan_with_a_top_up(
    practitioner_client, manager_client, person, practitioner
):
    eligibility = authorised_eligibility(practitioner_client, manager_client, person)
    assert eligibility.authorisation.decided_by.username == "bob"

    plan = start(practitioner_client, person, "care_plan")
    assert CarePlan.objects.get(pk=plan.pk).eligibility == eligibility
    # Money is typed in a text box with a "£" prefix: one support's cost, the budget
    # and the top-up.
    page = practitioner_client.get(plan.get_edit_url()).text
    assert page.count('<div class="govuk-input__prefix" aria-hidden="true">£</div>') == 3
    assert 'type="number"' not in page

    # Over budget with no top-up: refused next to the top-up, with the shortfall.
    response = save_form(practitioner_client, plan, plan_data(top_up="", action="save"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "£15.50 a week is not funded" in page
    assert 'id="id_top_up_1_error"' in page
    assert "The Tuesday gardening club." in page  # nothing typed is lost

    # A negative cost keeps what was typed and says why.
    response = save_form(
        practitioner_client, plan, plan_data(support_1_unit_cost="-5", action="save")
    )
    assert response.status_code == 400
    assert "Cost of support 1 must be £0 or more" in response.content.decode()
    assert 'value="-5"' in response.content.decode()
    response = save_form(
        practitioner_client, plan, plan_data(personal_budget="lots", action="save")
    )
    assert response.status_code == 400
    assert (
        "Enter the personal budget as an amount in pounds and pence, like 120 or 120.50"
        in response.text
    )
    assert 'value="lots"' in response.text

    # Within the budget there is no top-up: one typed is refused next to it.
    response = save_form(
        practitioner_client, plan, plan_data(personal_budget="165.50", action="save")
    )
    assert response.status_code == 400
    assert "within the personal budget of £165.50, so there is no top-up" in response.text
    assert 'id="id_top_up_1_error"' in response.text

    response = save_form(
        practitioner_client,
        plan,
        plan_data(support_1_unit_cost="£120", personal_budget=" 150 ", action="complete"),
    )
    assert response.status_code == 302, response.content.decode()
    plan = CarePlan.objects.get(pk=plan.pk)
    assert plan.is_completed and plan.money().shortfall == 0
    assert plan.supports.count() == 2
    page = practitioner_client.get(plan.get_absolute_url()).text
    assert re.search(r"The person's top-up</th>\s*<td[^>]*>£15.50</td>", page)

    # The practitioner cannot authorise; the manager can.
    url = reverse("assessments:authorise", args=[plan.pk])
    assert practitioner_client.post(url, {"decision": "authorise"}).status_code == 403
    assert manager_client.post(url, {"decision": "authorise"}).status_code == 302
    person.refresh_from_db()
    assert person.review_due == date(2026, 11, 20) + (date(2027, 11, 20) - date(2026, 11, 20))

    # The person's copy: a PDF, and a record of who made it.
    response = practitioner_client.get(reverse("assessments:pdf", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert CopyGenerated.objects.get(record=plan).generated_by == practitioner

    page = practitioner_client.get(person.get_absolute_url()).content.decode()
    assert "Copies not given" in page
    response = practitioner_client.post(
        reverse("assessments:copy_given", args=[plan.pk]),
        {
            "given_on_0": "25",
            "given_on_1": "11",
            "given_on_2": "2026",
            "channel": "post",
            "format": "large_print",
        },
    )
    assert response.status_code == 302
    given = CopyGiven.objects.get(record=plan)
    assert (given.channel, given.format) == ("post", "large_print")


def test_a_returned_determination_is_revised_in_a_new_draft(
    practitioner_client, manager_client, person
):
    complete_short_assessment(practitioner_client, person)
    record = start(practitioner_client, person, "eligibility")
    save_form(practitioner_client, record, {**ELIGIBILITY, **evidence(5, 6), "action": "complete"})
    url = reverse("assessments:authorise", args=[record.pk])
    response = manager_client.post(url, {"decision": "return"})
    assert "Enter why you are returning it" in response.content.decode()
    manager_client.post(url, {"decision": "return", "reason": "Say more about the stairs."})
    assert Authorisation.objects.get(record=record).decision == "returned"
    assert manager_client.post(url, {"decision": "authorise"}).status_code == 409

    response = practitioner_client.post(reverse("assessments:revise", args=[record.pk]))
    revision = EligibilityDetermination.objects.get(revises=record)
    assert response.url == revision.get_edit_url()
    assert revision.is_draft and revision.reasons == ELIGIBILITY["reasons"]
    assert revision.evidence.count() == 2


def test_a_manager_cannot_authorise_their_own_record(manager_client, manager, person):
    complete_short_assessment(manager_client, person)
    record = start(manager_client, person, "eligibility")
    save_form(manager_client, record, {**ELIGIBILITY, **evidence(5, 6), "action": "complete"})
    response = manager_client.post(
        reverse("assessments:authorise", args=[record.pk]), {"decision": "authorise"}
    )
    assert response.status_code == 403
    assert not Authorisation.objects.exists()


def test_eligible_needs_all_three_conditions(practitioner_client, person):
    complete_short_assessment(practitioner_client, person)
    record = start(practitioner_client, person, "eligibility")
    response = save_form(
        practitioner_client,
        record,
        {**ELIGIBILITY, "outcomes_not_achieved": ["hygiene"], **evidence(5, 6)}
        | {"action": "complete"},
    )
    assert response.status_code == 400
    assert "eligible only when all three conditions are met" in response.content.decode()


def test_the_start_page_offers_only_what_can_be_started_and_says_why_not(
    practitioner_client, person
):
    page = practitioner_client.get(reverse("assessments:start", args=[person.pk])).text

    offered = re.findall(
        r'<input class="govuk-radios__input" id="id_kind_\d+" name="kind" '
        r'type="radio" value="(\w+)"',
        page,
    )
    assert offered == ["needs_assessment", "safeguarding"]
    assert "An eligibility determination needs a completed needs assessment" in page
    assert "A review needs an authorised care and support plan" in page
    assert (
        "A care and support plan needs an authorised eligibility determination that the "
        "person is eligible"
    ) in page


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("eligibility", "An eligibility determination needs a completed needs assessment"),
        ("review", "A review needs an authorised care and support plan"),
    ],
)
def test_a_record_that_cannot_be_started_yet_is_refused_with_the_reason(
    practitioner_client, person, kind, reason
):
    response = practitioner_client.post(
        reverse("assessments:start", args=[person.pk]), {"kind": kind, "contact": "none"}
    )

    assert response.status_code == 200
    assert re.search(rf'id="id_kind-error" class="govuk-error-message">.*{reason}', response.text)
    assert 'href="#id_kind_1"' in response.text
    assert not Record.objects.filter(person=person).exists()


def test_a_started_kind_is_offered_once_the_record_it_builds_on_is_complete(
    practitioner_client, person, practitioner
):
    needs_assessment_for(person, practitioner)

    page = practitioner_client.get(reverse("assessments:start", args=[person.pk])).text

    assert 'value="eligibility"' in page
    assert "needs a completed needs assessment" not in page
    start(practitioner_client, person, "eligibility")


def test_a_review_sets_the_next_review_within_12_months(
    practitioner_client, manager_client, person
):
    authorised_eligibility(practitioner_client, manager_client, person)
    plan = start(practitioner_client, person, "care_plan")
    save_form(practitioner_client, plan, plan_data(action="complete"))
    manager_client.post(reverse("assessments:authorise", args=[plan.pk]), {"decision": "authorise"})
    outcome = CarePlan.objects.get(pk=plan.pk).outcomes.get()

    review = start(practitioner_client, person, "review")
    data = {
        "review_date_0": "25",
        "review_date_1": "11",
        "review_date_2": "2026",
        "summary": "Baths are going well. I love the gardening club.",
        f"progress_{outcome.pk}": "achieved",
        "next_review_date_0": "26",
        "next_review_date_1": "11",
        "next_review_date_2": "2027",
        **REVIEW_RETURN,
        **evidence(2),
        "action": "complete",
    }
    response = save_form(practitioner_client, review, data)
    assert response.status_code == 400
    assert "The next review must be within 12 months of this one" in response.content.decode()

    data["next_review_date_0"] = "25"
    response = save_form(practitioner_client, review, data)
    assert response.status_code == 302, response.content.decode()
    person.refresh_from_db()
    assert person.review_due == date(2027, 11, 25)
    assert Review.objects.get(pk=review.pk).progress.get().progress == "achieved"


def test_an_overdue_review_is_flagged_on_the_person_and_my_recording(practitioner_client, person):
    Person.objects.filter(pk=person.pk).update(review_due=date(2026, 10, 1))
    page = practitioner_client.get(person.get_absolute_url()).content.decode()
    assert "Review overdue: it was due by 1 October 2026" in page
    page = practitioner_client.get(reverse("recording:my_recording")).content.decode()
    assert "Reviews overdue" in page and "Margaret Oyelaran" in page


def test_immediate_safeguarding_is_at_the_top_of_the_managers_view(
    practitioner_client, manager_client, person
):
    record = start(practitioner_client, person, "safeguarding")
    data = {
        "concern": "Bruises on her arms; she says a neighbour grabbed her.",
        "persons_wishes": "I want him to stop coming round.",
        **{
            name: f"Considered {name}."
            for name in (
                "empowerment",
                "prevention",
                "proportionality",
                "protection",
                "partnership",
                "accountability",
            )
        },
        "action_taken": "Police called; daughter staying tonight.",
        "immediate_action": "on",
        **evidence(4),
        "action": "complete",
    }
    response = save_form(practitioner_client, record, data)
    assert response.status_code == 302
    assert SafeguardingConcern.objects.get(pk=record.pk).immediate_action
    page = manager_client.get(reverse("recording:team_recording")).content.decode()
    banner = page.index("Safeguarding: immediate action")
    assert banner < page.index("North Adult Care Team")
    assert "Margaret Oyelaran" in page[banner : page.index("North Adult Care Team")]


def test_a_full_assessment_is_a_task_list_whose_problems_link_to_their_section(
    practitioner_client, person
):
    record = start(practitioner_client, person, "needs_assessment", form_type="full")
    page = practitioner_client.get(record.get_edit_url()).content.decode()
    assert "govuk-task-list" in page and "Needs and the eligibility outcomes" in page
    section = reverse("assessments:section", args=[record.pk, "what-matters"])
    response = save_form(
        practitioner_client, record, {"what_matters": "I want to go to church on Sunday."}, section
    )
    assert response.status_code == 302
    response = save_form(practitioner_client, record, {"action": "complete"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Select whether the person can achieve: managing and maintaining nutrition" in page
    needs = reverse("assessments:section", args=[record.pk, "needs"])
    assert f'href="{needs}?check=1#id_outcome_nutrition"' in page
    page = practitioner_client.get(f"{needs}?check=1").content.decode()
    assert 'id="id_outcome_nutrition_1_error"' in page


def test_a_contact_recorded_by_an_assessment_runs_on_the_clock(practitioner_client, person):
    contact = ContactFactory(person=person, occurred_at=datetime(2026, 11, 24, 9, tzinfo=LONDON))
    record = start(
        practitioner_client,
        person,
        "needs_assessment",
        form_type="proportionate",
        contact=str(contact.pk),
    )
    assert record.obligation.contact == contact
    assert record.obligation.due_date == date(2026, 11, 26)


def test_pages_and_pdfs_of_someone_out_of_scope_are_not_found(
    practitioner_client, manager_client, outsider_client, person
):
    eligibility = authorised_eligibility(practitioner_client, manager_client, person)
    for name in ("record", "edit", "authorise", "copy_given", "pdf", "pdf_large_print"):
        url = reverse(f"assessments:{name}", args=[eligibility.pk])
        assert outsider_client.get(url).status_code == 404, name
    assert outsider_client.get(reverse("assessments:start", args=[person.pk])).status_code == 404


def test_quality_staff_read_but_cannot_start_or_authorise(
    practitioner_client, manager_client, quality_client, person
):
    eligibility = authorised_eligibility(practitioner_client, manager_client, person)
    assert quality_client.get(eligibility.get_absolute_url()).status_code == 200
    assert quality_client.get(reverse("assessments:start", args=[person.pk])).status_code == 403
    url = reverse("assessments:authorise", args=[eligibility.pk])
    assert quality_client.get(url).status_code == 403


def test_only_the_author_changes_a_draft(practitioner_client, manager_client, person):
    record = start(practitioner_client, person, "safeguarding")
    assert manager_client.get(record.get_edit_url()).status_code == 403
    response = save_form(manager_client, record, {"concern": "Overwritten"})
    assert response.status_code == 403
    assert SafeguardingConcern.objects.get(pk=record.pk).concern == ""


def test_a_completed_record_cannot_be_edited_again(practitioner_client, person):
    record = complete_short_assessment(practitioner_client, person)
    response = save_form(
        practitioner_client, record, {**ASSESSMENT, "what_matters": "Changed", "action": "save"}
    )
    assert response.status_code == 409
    assert NeedsAssessment.objects.get(pk=record.pk).what_matters == ASSESSMENT["what_matters"]
    old_url = reverse("recording:record_edit", args=[record.pk])
    assert practitioner_client.get(old_url, follow=True).status_code == 409


def _checked(page: str, name: str) -> list[str]:
    """The values of the checked radios called `name`."""
    inputs = re.findall(r"<input[^>]*>", page, flags=re.DOTALL)
    return [
        re.search(r'value="([^"]*)"', tag)[1]
        for tag in inputs
        if f'name="{name}"' in tag and re.search(r"\bchecked\b", tag)
    ]


def test_a_saved_draft_shows_its_yes_and_no_answers_again(practitioner_client, person):
    complete_short_assessment(practitioner_client, person)
    record = start(practitioner_client, person, "eligibility")
    data = {**ELIGIBILITY, "wellbeing_significant": "no", "action": "save"}
    assert save_form(practitioner_client, record, data).status_code == 302
    page = practitioner_client.get(record.get_edit_url()).text
    assert _checked(page, "needs_from_impairment") == ["yes"]
    assert _checked(page, "wellbeing_significant") == ["no"]
