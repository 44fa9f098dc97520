"""The Care Act services: authorisation, the budget, copies, required principles,
immutability, the plain-English score; and fixed query counts on the lists."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assessments.models import Authorisation, CarePlan, CopyGiven, EligibilityDetermination
from assessments.rules import why_not_startable
from assessments.services import (
    authorisation_decide,
    basis_for,
    care_act_record_save,
    care_act_record_start,
    copy_given_record,
    record_revise,
    start_facts,
)
from recording.deadlines import LONDON
from recording.models import Record, RecordImmutableError, RecordKind
from recording.services import record_complete
from tests.assessments.factories import care_plan_for, eligibility_for, needs_assessment_for
from tests.factories import PersonFactory

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_frozen")]


@pytest.fixture
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def eligibility(person, practitioner):
    return eligibility_for(needs_assessment_for(person, practitioner), practitioner)


def test_a_record_missing_a_required_principle_cannot_be_completed(person, practitioner):
    record = care_act_record_start(kind=RecordKind.SAFEGUARDING, person=person, author=practitioner)
    with pytest.raises(ValidationError) as error:
        record_complete(record=record, user=practitioner)
    assert "principle_4" in error.value.message_dict  # Herts P4, Safeguarding
    assert Record.objects.get(pk=record.pk).is_draft


def test_only_a_manager_of_the_persons_team_authorises_and_never_their_own(
    eligibility, practitioner, manager, other_manager
):
    with pytest.raises(PermissionDenied):
        authorisation_decide(record=eligibility, manager=practitioner, authorise=True)
    with pytest.raises(PermissionDenied):
        authorisation_decide(record=eligibility, manager=other_manager, authorise=True)
    own = eligibility_for(needs_assessment_for(eligibility.person, manager), manager)
    with pytest.raises(PermissionDenied):
        authorisation_decide(record=own, manager=manager, authorise=True)
    assert not Authorisation.objects.exists()

    authorisation_decide(record=eligibility, manager=manager, authorise=True)
    with pytest.raises(ValidationError):  # decided once
        authorisation_decide(record=eligibility, manager=manager, authorise=False, reason="x")


def test_a_draft_cannot_be_authorised_and_a_return_needs_a_reason(person, practitioner, manager):
    draft = eligibility_for(
        needs_assessment_for(person, practitioner), practitioner, completed=False
    )
    with pytest.raises(ValidationError):
        authorisation_decide(record=draft, manager=manager, authorise=True)
    record_complete(record=draft, user=practitioner)
    with pytest.raises(ValidationError):
        authorisation_decide(record=draft, manager=manager, authorise=False, reason="  ")


def test_authorising_a_plan_sets_the_persons_review(eligibility, practitioner, manager, person):
    plan = care_plan_for(eligibility, practitioner)
    authorisation_decide(record=plan, manager=manager, authorise=True)
    person.refresh_from_db()
    assert person.review_due == plan.review_date == date(2027, 5, 25)


def test_a_plan_over_budget_without_a_top_up_is_refused_and_nothing_changes(
    eligibility, practitioner
):
    plan = care_plan_for(eligibility, practitioner, completed=False)
    before = list(plan.supports.values_list("weekly_cost", flat=True))
    expensive = [
        {"need": "Bathing", "how_met": "Home care", "kind": "traditional", "weekly_cost": "400"}
    ]
    with pytest.raises(ValidationError) as error:
        care_act_record_save(
            record=plan,
            author=practitioner,
            fields={"personal_budget": Decimal("300.00"), "top_up": None},
            children={"supports": expensive},
        )
    assert "£100.00 a week is not funded" in error.value.message_dict["top_up"][0]
    assert list(plan.supports.values_list("weekly_cost", flat=True)) == before


def test_a_top_up_on_a_plan_within_budget_is_refused_on_save_and_on_completion(
    eligibility, practitioner
):
    hundred = [
        {"need": "Bathing", "how_met": "Home care", "kind": "traditional", "weekly_cost": "100"}
    ]
    plan = care_plan_for(
        eligibility,
        practitioner,
        completed=False,
        personal_budget=Decimal("150.00"),
        supports=hundred,
    )
    with pytest.raises(ValidationError) as error:
        care_act_record_save(record=plan, author=practitioner, fields={"top_up": Decimal("20.00")})
    assert "so there is no top-up" in error.value.message_dict["top_up"][0]
    assert CarePlan.objects.get(pk=plan.pk).top_up is None

    # A draft saved before the rule holds one: it is not completed.
    CarePlan.objects.filter(pk=plan.pk).update(top_up=Decimal("20.00"))
    plan = CarePlan.objects.get(pk=plan.pk)
    with pytest.raises(ValidationError) as error:
        record_complete(record=plan, user=practitioner)
    assert "so there is no top-up" in error.value.message_dict["top_up"][0]
    assert CarePlan.objects.get(pk=plan.pk).status == Record.Status.DRAFT


def test_a_completed_record_is_never_saved_again(eligibility, practitioner):
    with pytest.raises(RecordImmutableError):
        care_act_record_save(record=eligibility, author=practitioner, fields={"reasons": "x"})


def test_the_plain_english_score_is_stored(person, practitioner):
    record = care_act_record_start(kind=RecordKind.SAFEGUARDING, person=person, author=practitioner)
    care_act_record_save(
        record=record,
        author=practitioner,
        fields={"concern": "She told me a man takes her money on benefits day. She is scared."},
    )
    record.refresh_from_db()
    assert record.reading_ease is not None and record.reading_ease > 60


def test_a_copy_is_given_on_a_real_day_of_an_owed_record(
    eligibility, practitioner, manager, person
):
    with pytest.raises(ValidationError):  # not authorised yet: nothing is owed
        copy_given_record(
            record=eligibility,
            given_on=date(2026, 11, 25),
            channel="post",
            format="standard",
            user=practitioner,
        )
    authorisation_decide(record=eligibility, manager=manager, authorise=True)
    eligibility = Record.objects.get(pk=eligibility.pk)
    for day in (date(2026, 11, 26), date(2026, 11, 24)):  # future; before completion
        with pytest.raises(ValidationError):
            copy_given_record(
                record=eligibility,
                given_on=day,
                channel="post",
                format="standard",
                user=practitioner,
            )
    copy_given_record(
        record=eligibility,
        given_on=date(2026, 11, 25),
        channel="email",
        format="standard",
        user=practitioner,
    )
    assert CopyGiven.objects.get().channel == "email"


def test_only_a_returned_record_is_revised_once_by_its_author(
    eligibility, practitioner, manager, outsider
):
    with pytest.raises(ValidationError):
        record_revise(record=eligibility, author=practitioner)
    authorisation_decide(record=eligibility, manager=manager, authorise=False, reason="More.")
    with pytest.raises(PermissionDenied):
        record_revise(record=eligibility, author=outsider)
    first = record_revise(record=eligibility, author=practitioner)
    assert record_revise(record=eligibility, author=practitioner) == first
    assert first.is_draft and first.assessment_id == eligibility.assessment_id


@pytest.mark.parametrize("plans", [1, 12])
def test_the_person_page_and_team_view_run_a_fixed_number_of_queries(
    principles,
    practitioner,
    manager,
    manager_client,
    practitioner_client,
    team,
    plans,
    django_assert_max_num_queries,
):
    people = [PersonFactory(team=team, allocated_worker=practitioner) for _ in range(plans)]
    for person in people:
        eligibility = eligibility_for(
            needs_assessment_for(person, practitioner), practitioner, authorised_by=manager
        )
        care_plan_for(eligibility, practitioner)
        person.review_due = date(2026, 1, 1)
        person.save()
    # session, user, roles, active framework, person, the access log, closure days,
    # count, contacts, Care Act records with authorisations, copies owed, open tasks,
    # the unpaid carers and the adults they care for (issue 18)
    with django_assert_max_num_queries(15):
        response = practitioner_client.get(people[0].get_absolute_url())
    assert "Copies not given" in response.text
    # ... and on the team view and my recording, the principle cited for the two-day rule;
    # the team view's overdue tasks (frontdoor)
    with django_assert_max_num_queries(16):
        response = manager_client.get(reverse("recording:team_recording"))
    assert response.text.count("Awaiting authorisation") == 1
    assert response.text.count("Care and support plan") == plans  # awaiting
    # My recording's 16 (tests/recording/test_views.py)
    with django_assert_max_num_queries(16):
        response = practitioner_client.get(reverse("recording:my_recording"))
    assert response.text.count("Review was due") == 1
    assert CarePlan.objects.count() == plans


def _startable(person) -> dict[str, bool]:
    """Per kind with a basis: whether the rule on the facts and `basis_for` agree that it
    can be started (they must never disagree)."""
    facts = start_facts(person)
    answers = {}
    for kind in (RecordKind.ELIGIBILITY, RecordKind.CARE_PLAN, RecordKind.REVIEW):
        by_rule = why_not_startable(kind, facts) == ""
        assert by_rule == (basis_for(person, kind) is not None), kind
        answers[kind] = by_rule
    return answers


def test_what_can_be_started_follows_the_persons_journey(
    person, practitioner, manager, django_assert_num_queries
):
    with django_assert_num_queries(1):  # the three facts, in one aggregate
        start_facts(person)
    assert _startable(person) == {"eligibility": False, "care_plan": False, "review": False}

    draft = needs_assessment_for(person, practitioner, completed=False)
    assert _startable(person)["eligibility"] is False  # a draft is not enough
    record_complete(record=draft, user=practitioner)
    assert _startable(person) == {"eligibility": True, "care_plan": False, "review": False}

    not_eligible = eligibility_for(
        draft,
        practitioner,
        authorised_by=manager,
        needs_from_impairment=False,
        decision=EligibilityDetermination.Decision.NOT_ELIGIBLE,
    )
    assert not_eligible.authorisation.is_authorised
    assert _startable(person)["care_plan"] is False

    eligible = eligibility_for(draft, practitioner)
    assert _startable(person)["care_plan"] is False  # not yet authorised
    authorisation_decide(record=eligible, manager=manager, authorise=True)
    assert _startable(person) == {"eligibility": True, "care_plan": True, "review": False}

    plan = care_plan_for(eligible, practitioner)
    authorisation_decide(record=plan, manager=manager, authorise=False, reason="Check costs")
    assert _startable(person)["review"] is False  # returned
    care_plan_for(eligible, practitioner, authorised_by=manager)
    assert _startable(person) == {"eligibility": True, "care_plan": True, "review": True}


def test_what_can_be_started_is_this_persons_alone(person, practitioner, manager):
    other = PersonFactory(team=person.team)
    needs_assessment_for(other, practitioner)

    assert _startable(person)["eligibility"] is False
