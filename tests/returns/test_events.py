"""The CLD event rows made from the record: one per request, assessment, service and
review, filtered to the rolling 12 months and deduplicated as DHSC does."""

from datetime import date
from decimal import Decimal

import pytest

from config import cld
from frontdoor.models import ScreeningOutcome
from recording.models import CarerLink
from returns.events import cld_rows, la_code
from returns.rows import Source
from tests.factories import PersonFactory
from tests.returns.factories import (
    assessment,
    authorised_plan,
    determination,
    review,
    screened_request,
    support,
)

END = date(2026, 3, 31)  # the 12 months from 1 April 2025

pytestmark = pytest.mark.django_db


@pytest.fixture
def someone(council, team):
    return PersonFactory(
        council_reference="HCC-2001",
        nhs_number="9434765919",
        team=team,
        gender=cld.Gender.FEMALE,
        ethnicity=cld.Ethnicity.values[0],
        date_of_birth=date(1941, 3, 2),
        postcode="SG13 8DE",
        gp_practice_code="E82001",
        primary_support_reason=cld.PrimarySupportReason.values[0],
        accommodation_status=cld.AccommodationStatus.values[0],
        employment_status=cld.EmploymentStatus.values[0],
        has_unpaid_carer=cld.HasUnpaidCarer.YES,
        autism=cld.HealthCondition.NO,
        visual_impairment=cld.HealthCondition.YES,
        hearing_impairment=cld.HealthCondition.NO,
        dementia=cld.HealthCondition.UNKNOWN,
        client_funding_status=cld.ClientFundingStatus.COUNCIL,
    )


def rows(**kwargs):
    return list(cld_rows(END, **kwargs))


def only(**kwargs):
    (row,) = rows(**kwargs)
    return row


def test_a_screened_request_is_a_request_event_with_the_persons_columns(someone):
    request = screened_request(
        someone, date(2025, 10, 1), date(2025, 10, 3), outcome=ScreeningOutcome.SIGNPOSTING
    )
    row = only()
    assert (row.source, row.source_id, row.person_id, row.team_id) == (
        Source.REQUEST,
        request.pk,
        someone.pk,
        someone.team_id,
    )
    values = row.values
    assert set(values) == set(cld.EXTRACT_COLUMNS)
    assert row.as_list()[:5] == ["919", "2026-03-31", "2025-04-01", "9434765919", "HCC-2001"]
    assert values["Event_Type"] == "Request"
    assert values["Event_Reference"] == f"REQ-{request.pk}"
    assert (values["Event_Start_Date"], values["Event_End_Date"]) == ("2025-10-01", "2025-10-03")
    assert values["Event_Outcome"] == "NFA: Information and advice or signposting"
    assert values["Request_Route_of_Access"] == request.route_of_access
    assert values["Event_Description"] == "Request for support"
    assert values["Date_of_Birth"] == "1941-03-02"
    assert values["Visual_Impairment"] == "Yes"
    assert values["Client_Funding_Status"] == "Fully social care funded"
    assert values["Assessment_Type"] == values["Service_Type"] == values["Unit_Cost"] == ""
    # Not a carer: the carers' columns are blank.
    assert values["Total_Hrs_Caring_per_week"] == values["Adult_1_Linked_Person_ID"] == ""


def test_a_completed_assessment_takes_its_latest_completed_eligibility(someone, practitioner):
    needs = assessment(someone, practitioner, date(2025, 6, 2), date(2025, 6, 20))
    determination(needs, practitioner, date(2025, 6, 21), "not_eligible")
    determination(needs, practitioner, date(2025, 7, 1), "eligible")
    determination(needs, practitioner, date(2025, 7, 2), "not_eligible", completed=False)
    values = only().values
    assert values["Event_Type"] == "Assessment"
    assert (values["Event_Start_Date"], values["Event_End_Date"]) == ("2025-06-02", "2025-06-20")
    assert values["Assessment_Type"] == "Long term assessment"
    assert values["Method_of_Assessment"] == "Face to face"
    assert values["Eligible_Needs_Identified"] == "Yes"
    assert values["Event_Outcome"] == "Progress to support planning or services"
    assert values["Event_Description"] == "Needs assessment"


def test_a_carers_assessment_without_a_type_is_an_unpaid_carer_assessment(
    council, team, practitioner
):
    carer = PersonFactory(team=team, client_type=cld.ClientType.CARER, hours_caring_per_week=35)
    mother = PersonFactory(team=team, council_reference="HCC-3001")
    father = PersonFactory(team=team, council_reference="")
    CarerLink.objects.create(carer=carer, cared_for=father, position=2)
    CarerLink.objects.create(carer=carer, cared_for=mother, position=1)
    assessment(
        carer,
        practitioner,
        date(2025, 5, 1),
        date(2025, 5, 2),
        carers=True,
        **{"assessment_type": ""},
    )
    values = only().values
    assert values["Assessment_Type"] == "Unpaid carer assessment"
    assert values["Eligible_Needs_Identified"] == ""  # no determination yet
    assert values["Event_Description"] == "Carer's assessment"
    assert values["Client_Type"] == "Unpaid carer"
    assert values["Total_Hrs_Caring_per_week"] == "35"
    assert values["No_of_adults_being_cared_for"] == "2"
    assert values["Adult_1_Linked_Person_ID"] == "HCC-3001"
    assert values["Adult_2_Linked_Person_ID"] == str(father.pk)  # no reference: its pk
    assert values["Adult_3_Linked_Person_ID"] == ""


def test_each_support_of_an_authorised_plan_is_a_service(someone, practitioner):
    plan = authorised_plan(someone, practitioner, date(2024, 11, 5))
    open_support = support(plan, 1)
    support(
        plan,
        2,
        start_date=date(2025, 1, 6),
        end_date=date(2025, 9, 30),
        end_outcome=cld.EventOutcome.NFA_ENDED_PLANNED,
        service_component=cld.ServiceComponent.EQUIPMENT,
        unit_cost=Decimal("120"),
        cost_frequency=cld.CostFrequency.ONE_OFF,
        planned_units_per_week=None,
    )
    services = [row for row in rows() if row.source == Source.SERVICE]
    assert len(services) == 2
    by_id = {row.source_id: row.values for row in services}
    open_values = by_id[open_support.pk]
    # No start date: the plan's authorisation; open: blank end, support continuing.
    assert (open_values["Event_Start_Date"], open_values["Event_End_Date"]) == ("2024-11-05", "")
    assert open_values["Event_Outcome"] == "Continuation of support or services"
    assert open_values["Service_Type"] == "Long term support: Community"
    assert open_values["Service_Component"] == "Home support or domiciliary care"
    assert open_values["Delivery_Mechanism"] == "CASSR commissioned support"
    assert open_values["Provider_CQC_Location_ID"] == "1-123456789"
    assert (open_values["Unit_Cost"], open_values["Planned_units_per_week"]) == ("21.50", "7.00")
    assert open_values["Cost_Frequency_Unit_Type"] == "Hourly"
    ended = next(v for pk, v in by_id.items() if pk != open_support.pk)
    assert (ended["Event_End_Date"], ended["Event_Outcome"]) == (
        "2025-09-30",
        "NFA: Support ended as planned",
    )
    assert (ended["Unit_Cost"], ended["Planned_units_per_week"]) == ("120.00", "")


def test_a_plan_not_authorised_gives_no_service(someone, practitioner):
    plan = authorised_plan(someone, practitioner, date(2025, 5, 1))
    plan.authorisation.delete()
    support(plan)
    assert [row for row in rows() if row.source == Source.SERVICE] == []


def test_a_completed_review_ends_on_the_day_it_was_held(someone, practitioner):
    plan = authorised_plan(someone, practitioner, date(2024, 5, 1))
    done = review(plan, practitioner, date(2025, 11, 10), date(2025, 11, 3))
    values = next(row.values for row in rows() if row.source == Source.REVIEW)
    assert values["Event_Reference"] == f"REV-{done.pk}"
    # Written up a week after it was held: it started no later than it ended.
    assert (values["Event_Start_Date"], values["Event_End_Date"]) == ("2025-11-03", "2025-11-03")
    assert values["Review_Reason"] == "Planned review"
    assert values["Method_of_Review"] == "Telephone"
    assert values["Review_Outcomes_Achieved"] == "Partially achieved"
    assert values["Event_Outcome"] == "Continuation of support or services"


# --- The period (DHSC's event filter) -------------------------------------------------


def references(**kwargs):
    return sorted(row.values["Event_Reference"] for row in rows(**kwargs))


def test_the_period_edges(someone, practitioner):
    before = screened_request(someone, date(2025, 3, 20), date(2025, 3, 31))
    first_day = screened_request(someone, date(2025, 3, 20), date(2025, 4, 1))
    last_day = screened_request(someone, date(2026, 3, 31), date(2026, 3, 31))
    after = screened_request(someone, date(2026, 4, 1), date(2026, 4, 2))
    screened_request(someone, date(2026, 1, 5), None)  # still unscreened: not an event
    plan = authorised_plan(someone, practitioner, date(2023, 1, 2))
    open_since_2023 = support(plan, 1, start_date=date(2023, 1, 2))
    support(plan, 2, start_date=date(2023, 1, 2), end_date=date(2025, 3, 31))
    support(plan, 3, start_date=date(2026, 4, 1))
    ended_after = support(plan, 4, start_date=date(2025, 2, 1), end_date=date(2026, 6, 30))
    assert references() == sorted(
        [
            f"REQ-{first_day.pk}",
            f"REQ-{last_day.pk}",
            f"SVC-{open_since_2023.pk}",
            f"SVC-{ended_after.pk}",
        ]
    )
    assert before.pk and after.pk


def test_a_death_caps_the_end_and_drops_what_came_after(someone):
    someone.date_of_death = date(2026, 3, 20)
    someone.save()
    # Screened after the death, outside the period: the death ends it within the period.
    capped = screened_request(someone, date(2026, 3, 1), date(2026, 4, 10))
    # Started after the death: left out.
    screened_request(someone, date(2026, 3, 25), date(2026, 3, 26))
    row = only()
    assert row.values["Event_Reference"] == f"REQ-{capped.pk}"
    assert row.values["Event_End_Date"] == "2026-04-10"  # as recorded; DHSC derives its own
    assert row.values["Date_of_Death"] == "2026-03-20"


def test_someone_who_died_before_the_period_has_no_rows(someone, practitioner):
    someone.date_of_death = date(2025, 3, 1)
    someone.save()
    plan = authorised_plan(someone, practitioner, date(2024, 1, 2))
    support(plan)
    assert rows() == []


# --- DHSC's dedup ---------------------------------------------------------------------


def test_two_identical_supports_are_one_service(someone, practitioner):
    plan = authorised_plan(someone, practitioner, date(2025, 5, 1))
    support(plan, 1, start_date=date(2025, 5, 5))
    latest = support(plan, 2, start_date=date(2025, 5, 5))  # double-up care, same cost
    support(plan, 3, start_date=date(2025, 5, 5), unit_cost=Decimal("23.00"))
    services = [row for row in rows() if row.source == Source.SERVICE]
    assert len(services) == 2
    assert latest.pk in {row.source_id for row in services}  # the latest record is kept


def test_an_open_service_is_kept_before_an_ended_copy(someone, practitioner):
    plan = authorised_plan(someone, practitioner, date(2025, 5, 1))
    still_open = support(plan, 1, start_date=date(2025, 5, 5))
    support(
        plan,
        2,
        start_date=date(2025, 5, 5),
        end_date=date(2025, 8, 1),
        end_outcome=cld.EventOutcome.NFA_ENDED_OTHER,
    )
    (service,) = [row for row in rows() if row.source == Source.SERVICE]
    assert service.source_id == still_open.pk


def test_the_outcome_hierarchy_picks_the_row_kept(someone):
    kept = screened_request(
        someone, date(2025, 9, 1), date(2025, 9, 2), outcome=ScreeningOutcome.ASSESSMENT_NEEDED
    )
    screened_request(
        someone, date(2025, 9, 1), date(2025, 9, 2), outcome=ScreeningOutcome.SIGNPOSTING
    )
    row = only()
    assert row.source_id == kept.pk
    assert row.values["Event_Outcome"] == "Progress to assessment, review or reassessment"


def test_teams_limit_the_people(someone, other_team):
    elsewhere = PersonFactory(team=other_team)
    screened_request(someone, date(2025, 9, 1), date(2025, 9, 2))
    screened_request(elsewhere, date(2025, 9, 1), date(2025, 9, 2))
    assert {row.person_id for row in rows()} == {someone.pk, elsewhere.pk}
    assert {row.person_id for row in rows(team_ids=[other_team.pk])} == {elsewhere.pk}


def test_restricted_people_are_in_the_return(someone):
    someone.is_restricted = True
    someone.save()
    screened_request(someone, date(2025, 9, 1), date(2025, 9, 2))
    assert only().person_id == someone.pk


def test_la_code_is_the_active_councils(council):
    assert la_code() == "919"
    council.la_code = ""
    council.save()
    assert la_code() == ""


def test_a_period_end_that_is_not_a_quarter_end_is_refused(db):
    with pytest.raises(ValueError, match="quarter end"):
        list(cld_rows(date(2026, 3, 30)))
