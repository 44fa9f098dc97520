"""DHSC's data-quality rules for one extract row (`returns.rules`), from hand-made rows:
every column's mandatory-when and validity, with DHSC's labels."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from config import cld
from returns.rows import CldRow
from returns.rules import (
    APPLICABLE,
    BLANK_FAILED,
    BLANK_OK,
    INVALID,
    MANDATORY,
    NOT_APPLICABLE,
    RELEASE_1,
    RULE_BY_COLUMN,
    RULES,
    UNDETERMINED,
    VALID,
    check_row,
    field_results,
)
from tests.returns.rows import CARER, make_row


def failures(row: CldRow) -> dict[str, str]:
    return {finding.column: finding.validity for finding in check_row(row)}


def result(row: CldRow, column: str):
    return next(f for f in field_results(row) if f.column == column)


@pytest.mark.parametrize("event_type", ["Request", "Assessment", "Service", "Review"])
def test_a_complete_row_of_each_event_type_passes(event_type):
    assert check_row(make_row(event_type)) == []
    assert check_row(make_row(event_type, **CARER)) == []


def test_every_column_has_one_rule_in_dhscs_order():
    assert tuple(rule.column for rule in RULES) == cld.EXTRACT_COLUMNS
    assert len(RULES) == 46


# (event type, changes, column, expected status, expected validity)
CASES = [
    # Submission information: every row.
    ("Request", {"LA_Code": ""}, "LA_Code", MANDATORY, BLANK_FAILED),
    ("Request", {"LA_Code": "91A"}, "LA_Code", MANDATORY, INVALID),
    ("Review", {"Reporting_Period_End_Date": ""}, "Reporting_Period_End_Date", MANDATORY,
     BLANK_FAILED),
    ("Review", {"Reporting_Period_End_Date": "2026-09-29"}, "Reporting_Period_End_Date",
     MANDATORY, INVALID),
    ("Review", {"Reporting_Period_End_Date": "30/09/2026"}, "Reporting_Period_End_Date",
     MANDATORY, INVALID),
    ("Request", {"Reporting_Period_Start_Date": "2025-09-30"}, "Reporting_Period_Start_Date",
     MANDATORY, INVALID),
    ("Request", {"Reporting_Period_Start_Date": ""}, "Reporting_Period_Start_Date", MANDATORY,
     BLANK_FAILED),
    # Person details.
    ("Request", {"NHS_Number": ""}, "NHS_Number", APPLICABLE, BLANK_OK),
    ("Request", {"NHS_Number": "9434765918"}, "NHS_Number", APPLICABLE, INVALID),
    ("Request", {"NHS_Number": "943476591"}, "NHS_Number", APPLICABLE, INVALID),
    ("Request", {"LA_Person_Unique_Identifier": ""}, "LA_Person_Unique_Identifier", MANDATORY,
     BLANK_FAILED),
    ("Request", {"GP_Practice_Code": ""}, "GP_Practice_Code", APPLICABLE, BLANK_OK),
    ("Request", {"GP_Practice_Code": "e82001"}, "GP_Practice_Code", APPLICABLE, INVALID),
    ("Request", {"GP_Practice_Code": "E8200"}, "GP_Practice_Code", APPLICABLE, INVALID),
    ("Request", {"Gender": ""}, "Gender", MANDATORY, BLANK_FAILED),
    ("Request", {"Gender": "Not Known"}, "Gender", MANDATORY, RELEASE_1),
    ("Request", {"Gender": "Not known"}, "Gender", MANDATORY, VALID),
    ("Request", {"Gender": "female"}, "Gender", MANDATORY, INVALID),
    ("Service", {"Ethnicity": ""}, "Ethnicity", MANDATORY, BLANK_FAILED),
    ("Service", {"Ethnicity": "White: irish"}, "Ethnicity", MANDATORY, INVALID),
    ("Request", {"Date_of_Birth": ""}, "Date_of_Birth", MANDATORY, BLANK_FAILED),
    ("Request", {"Date_of_Birth": "1941-02-30"}, "Date_of_Birth", MANDATORY, INVALID),
    ("Request", {"Date_of_Death": "2026-05-01"}, "Date_of_Death", APPLICABLE, VALID),
    ("Request", {"Date_of_Death": "1940-01-01"}, "Date_of_Death", APPLICABLE, INVALID),
    ("Request", {"Date_of_Death": "2026-5-1"}, "Date_of_Death", APPLICABLE, INVALID),
    ("Request", {"Client_Type": ""}, "Client_Type", MANDATORY, BLANK_FAILED),
    ("Request", {"Client_Type": "Service User"}, "Client_Type", MANDATORY, RELEASE_1),
    ("Request", {"Client_Type": "Carer"}, "Client_Type", MANDATORY, RELEASE_1),
    ("Request", {"Primary_Support_Reason": ""}, "Primary_Support_Reason", MANDATORY,
     BLANK_FAILED),
    ("Request", {"Primary_Support_Reason": "Unknown"}, "Primary_Support_Reason", MANDATORY,
     VALID),
    ("Request", {"Primary_Support_Reason": "Learning Disability Support"},
     "Primary_Support_Reason", MANDATORY, RELEASE_1),
    ("Request", {"Postcode": ""}, "Postcode", MANDATORY, BLANK_FAILED),
    ("Request", {"Postcode": "SG13"}, "Postcode", MANDATORY, INVALID),
    ("Request", {"Postcode": "sg13 8dq"}, "Postcode", MANDATORY, INVALID),
    ("Request", {"Postcode": "W1A 1AA"}, "Postcode", MANDATORY, VALID),
    ("Request", {"Accommodation_Status": ""}, "Accommodation_Status", MANDATORY, BLANK_FAILED),
    ("Request", {**CARER, "Accommodation_Status": ""}, "Accommodation_Status", APPLICABLE,
     BLANK_OK),
    ("Request", {"Accommodation_Status": "Tenant - private landlord"}, "Accommodation_Status",
     MANDATORY, RELEASE_1),
    ("Request", {"Employment_Status": ""}, "Employment_Status", MANDATORY, BLANK_FAILED),
    ("Request", {"Employment_Status": "Paid: Hours unknown"}, "Employment_Status", MANDATORY,
     RELEASE_1),
    ("Request", {"Has_Unpaid_Carer": ""}, "Has_Unpaid_Carer", MANDATORY, BLANK_FAILED),
    ("Request", {**CARER, "Has_Unpaid_Carer": ""}, "Has_Unpaid_Carer", APPLICABLE, BLANK_OK),
    ("Request", {"Client_Type": "", "Has_Unpaid_Carer": ""}, "Has_Unpaid_Carer", UNDETERMINED,
     BLANK_OK),
    ("Request", {"Has_Unpaid_Carer": "yes"}, "Has_Unpaid_Carer", MANDATORY, INVALID),
    ("Request", {"Autism_Spectrum_Disorder_ASD": ""}, "Autism_Spectrum_Disorder_ASD",
     APPLICABLE, BLANK_OK),
    ("Request", {"Autism_Spectrum_Disorder_ASD": "Y"}, "Autism_Spectrum_Disorder_ASD",
     APPLICABLE, INVALID),
    ("Request", {"Visual_Impairment": "Maybe"}, "Visual_Impairment", APPLICABLE, INVALID),
    ("Request", {"Hearing_Impairment": ""}, "Hearing_Impairment", APPLICABLE, BLANK_OK),
    ("Request", {"Dementia": "Yes"}, "Dementia", APPLICABLE, VALID),
    ("Request", {"Client_Funding_Status": ""}, "Client_Funding_Status", APPLICABLE, BLANK_OK),
    ("Request", {"Client_Funding_Status": "Self funded"}, "Client_Funding_Status", APPLICABLE,
     INVALID),
    # Events (all).
    ("Request", {"Event_Type": ""}, "Event_Type", MANDATORY, BLANK_FAILED),
    ("Service", {"Event_Type": "Services"}, "Event_Type", MANDATORY, INVALID),
    ("Request", {"Event_Reference": ""}, "Event_Reference", MANDATORY, BLANK_FAILED),
    ("Request", {"Event_Start_Date": ""}, "Event_Start_Date", MANDATORY, BLANK_FAILED),
    ("Request", {"Event_Start_Date": "2026-13-01"}, "Event_Start_Date", MANDATORY, INVALID),
    ("Request", {"Event_End_Date": ""}, "Event_End_Date", MANDATORY, BLANK_FAILED),
    ("Assessment", {"Event_End_Date": ""}, "Event_End_Date", MANDATORY, BLANK_FAILED),
    ("Review", {"Event_End_Date": ""}, "Event_End_Date", MANDATORY, BLANK_FAILED),
    ("Service", {"Event_End_Date": ""}, "Event_End_Date", APPLICABLE, BLANK_OK),
    ("Service", {"Event_End_Date": "2026-03-31"}, "Event_End_Date", APPLICABLE, INVALID),
    ("Request", {"Event_End_Date": "2026-03-31"}, "Event_End_Date", MANDATORY, INVALID),
    ("Request", {"Event_End_Date": "2026-04-01"}, "Event_End_Date", MANDATORY, VALID),
    ("Request", {"Event_Description": ""}, "Event_Description", APPLICABLE, BLANK_OK),
    ("Request", {"Event_Outcome": ""}, "Event_Outcome", MANDATORY, BLANK_FAILED),
    ("Review", {"Event_Outcome": ""}, "Event_Outcome", MANDATORY, BLANK_FAILED),
    ("Service", {"Event_Outcome": ""}, "Event_Outcome", APPLICABLE, BLANK_OK),
    ("Service", {"Event_End_Date": "2026-06-01"}, "Event_Outcome", MANDATORY, BLANK_FAILED),
    ("Request", {"Event_Outcome": "NFA: other"}, "Event_Outcome", MANDATORY, INVALID),
    # Requests only.
    ("Request", {"Request_Route_of_Access": ""}, "Request_Route_of_Access", MANDATORY,
     BLANK_FAILED),
    ("Request", {"Request_Route_of_Access": "Discharge from Hospital"},
     "Request_Route_of_Access", MANDATORY, RELEASE_1),
    ("Request", {"Request_Route_of_Access": "Community / Other route"},
     "Request_Route_of_Access", MANDATORY, RELEASE_1),
    ("Request", {"Request_Route_of_Access": "Walk-in"}, "Request_Route_of_Access", MANDATORY,
     INVALID),
    ("Assessment", {}, "Request_Route_of_Access", NOT_APPLICABLE, BLANK_OK),
    # Assessments only.
    ("Assessment", {"Assessment_Type": ""}, "Assessment_Type", MANDATORY, BLANK_FAILED),
    ("Assessment", {"Assessment_Type": "Long Term Assessment"}, "Assessment_Type", MANDATORY,
     INVALID),
    ("Assessment", {"Eligible_Needs_Identified": ""}, "Eligible_Needs_Identified", MANDATORY,
     BLANK_FAILED),
    ("Assessment", {"Eligible_Needs_Identified": "Y"}, "Eligible_Needs_Identified", MANDATORY,
     INVALID),
    ("Assessment", {"Method_of_Assessment": ""}, "Method_of_Assessment", MANDATORY,
     BLANK_FAILED),
    ("Assessment", {"Method_of_Assessment": "Face-to-face"}, "Method_of_Assessment",
     MANDATORY, INVALID),
    ("Review", {}, "Method_of_Assessment", NOT_APPLICABLE, BLANK_OK),
    ("Event", {}, "Method_of_Assessment", UNDETERMINED, BLANK_OK),
    # Carers and linked service users.
    ("Request", {**CARER, "Total_Hrs_Caring_per_week": ""}, "Total_Hrs_Caring_per_week",
     MANDATORY, BLANK_FAILED),
    ("Request", {**CARER, "Total_Hrs_Caring_per_week": "169"}, "Total_Hrs_Caring_per_week",
     MANDATORY, INVALID),
    ("Request", {**CARER, "Total_Hrs_Caring_per_week": "-1"}, "Total_Hrs_Caring_per_week",
     MANDATORY, INVALID),
    ("Request", {"Total_Hrs_Caring_per_week": ""}, "Total_Hrs_Caring_per_week",
     NOT_APPLICABLE, BLANK_OK),
    ("Request", {**CARER, "No_of_adults_being_cared_for": ""}, "No_of_adults_being_cared_for",
     MANDATORY, BLANK_FAILED),
    ("Request", {**CARER, "No_of_adults_being_cared_for": "4"}, "No_of_adults_being_cared_for",
     MANDATORY, INVALID),
    ("Request", {**CARER, "No_of_adults_being_cared_for": "1.5"},
     "No_of_adults_being_cared_for", MANDATORY, INVALID),
    ("Request", {**CARER, "Adult_1_Linked_Person_ID": ""}, "Adult_1_Linked_Person_ID",
     MANDATORY, BLANK_FAILED),
    ("Request", {**CARER, "Adult_1_Linked_Person_ID": "PR-000123"}, "Adult_1_Linked_Person_ID",
     MANDATORY, INVALID),
    ("Request", {**CARER, "Adult_2_Linked_Person_ID": ""}, "Adult_2_Linked_Person_ID",
     MANDATORY, BLANK_FAILED),
    ("Request", {**CARER, "No_of_adults_being_cared_for": "1", "Adult_2_Linked_Person_ID": ""},
     "Adult_2_Linked_Person_ID", APPLICABLE, BLANK_OK),
    ("Request", {**CARER, "Adult_3_Linked_Person_ID": ""}, "Adult_3_Linked_Person_ID",
     APPLICABLE, BLANK_OK),
    ("Request", {**CARER, "No_of_adults_being_cared_for": "3"}, "Adult_3_Linked_Person_ID",
     MANDATORY, BLANK_FAILED),
    ("Request", {**CARER, "Adult_3_Linked_Person_ID": "PR-000123"}, "Adult_3_Linked_Person_ID",
     APPLICABLE, INVALID),
    ("Request", {}, "Adult_1_Linked_Person_ID", NOT_APPLICABLE, BLANK_OK),
    # Services only.
    ("Service", {"Service_Type": ""}, "Service_Type", MANDATORY, BLANK_FAILED),
    ("Service", {"Service_Type": "Long term support: community"}, "Service_Type", MANDATORY,
     INVALID),
    ("Request", {}, "Service_Type", NOT_APPLICABLE, BLANK_OK),
    ("Service", {"Service_Component": ""}, "Service_Component", MANDATORY, BLANK_FAILED),
    ("Service", {"Service_Component": "Home care"}, "Service_Component", MANDATORY, INVALID),
    ("Service", {"Delivery_Mechanism": ""}, "Delivery_Mechanism", MANDATORY, BLANK_FAILED),
    ("Service", {"Service_Type": "Long term support: Prison", "Delivery_Mechanism": ""},
     "Delivery_Mechanism", MANDATORY, BLANK_FAILED),
    ("Service", {"Service_Type": "Long term support: Nursing care", "Delivery_Mechanism": ""},
     "Delivery_Mechanism", APPLICABLE, BLANK_OK),
    ("Service", {"Delivery_Mechanism": "Direct Payment"}, "Delivery_Mechanism", MANDATORY,
     RELEASE_1),
    ("Service", {"Delivery_Mechanism": "CASSR Commissioned Support"}, "Delivery_Mechanism",
     MANDATORY, RELEASE_1),
    ("Service", {"Service_Type": "Long term support: Prison",
                 "Delivery_Mechanism": "Direct payment"}, "Delivery_Mechanism", MANDATORY,
     INVALID),
    ("Service", {"Delivery_Mechanism": "Direct payment"}, "Delivery_Mechanism", MANDATORY,
     VALID),
    ("Service", {"Provider_CQC_Location_ID": ""}, "Provider_CQC_Location_ID", APPLICABLE,
     BLANK_OK),
    ("Service", {"Provider_CQC_Location_ID": "123456789"}, "Provider_CQC_Location_ID",
     APPLICABLE, INVALID),
    # Reviews only.
    ("Review", {"Review_Reason": ""}, "Review_Reason", MANDATORY, BLANK_FAILED),
    ("Review", {"Review_Reason": "Planned"}, "Review_Reason", MANDATORY, INVALID),
    ("Review", {"Review_Outcomes_Achieved": ""}, "Review_Outcomes_Achieved", MANDATORY,
     BLANK_FAILED),
    ("Review", {"Review_Outcomes_Achieved": "Yes"}, "Review_Outcomes_Achieved", MANDATORY,
     INVALID),
    ("Review", {"Method_of_Review": ""}, "Method_of_Review", MANDATORY, BLANK_FAILED),
    ("Review", {"Method_of_Review": "Phone"}, "Method_of_Review", MANDATORY, INVALID),
    ("Service", {}, "Review_Reason", NOT_APPLICABLE, BLANK_OK),
    # Costs (services only).
    ("Service", {"Unit_Cost": ""}, "Unit_Cost", MANDATORY, BLANK_FAILED),
    ("Service", {"Unit_Cost": "-3"}, "Unit_Cost", MANDATORY, INVALID),
    ("Service", {"Unit_Cost": "£3"}, "Unit_Cost", MANDATORY, INVALID),
    ("Service", {"Unit_Cost": "0"}, "Unit_Cost", MANDATORY, VALID),
    ("Service", {"Cost_Frequency_Unit_Type": ""}, "Cost_Frequency_Unit_Type", MANDATORY,
     BLANK_FAILED),
    ("Service", {"Cost_Frequency_Unit_Type": "hourly"}, "Cost_Frequency_Unit_Type", MANDATORY,
     INVALID),
    ("Service", {"Planned_units_per_week": ""}, "Planned_units_per_week", MANDATORY,
     BLANK_FAILED),
    ("Service", {"Cost_Frequency_Unit_Type": "One-off", "Planned_units_per_week": ""},
     "Planned_units_per_week", APPLICABLE, BLANK_OK),
    ("Service", {"Planned_units_per_week": "NaN"}, "Planned_units_per_week", MANDATORY,
     INVALID),
    ("Review", {}, "Planned_units_per_week", NOT_APPLICABLE, BLANK_OK),
]  # fmt: skip


@pytest.mark.parametrize(("event_type", "changes", "column", "status", "validity"), CASES)
def test_rule_table(event_type, changes, column, status, validity):
    row = make_row(event_type, **changes)
    finding = result(row, column)
    assert (finding.status, finding.validity) == (status, validity)
    failed = failures(row)
    if validity in (BLANK_FAILED, INVALID, RELEASE_1):
        assert failed[column] == validity
        assert finding.message
    else:
        assert column not in failed


def test_every_column_is_in_the_table():
    assert {case[2] for case in CASES} == set(cld.EXTRACT_COLUMNS)


def test_messages_say_what_to_fix_in_plain_english():
    row = make_row("Service", Ethnicity="", Service_Type="", Gender="Not Known")
    messages = {f.column: f.message for f in check_row(row)}
    assert messages["Ethnicity"] == "Ethnicity is missing"
    assert messages["Service_Type"] == "Service type is missing"
    assert messages["Gender"] == "Gender uses Release 1's wording “Not Known”"


def test_findings_say_whether_dhsc_confirms_the_value_list():
    row = make_row("Review", Ethnicity="x", Method_of_Review="x")
    confirmed = {f.column: f.confirmed for f in check_row(row)}
    assert confirmed == {"Ethnicity": True, "Method_of_Review": False}
    assert RULE_BY_COLUMN["Postcode"].confirmed  # no list: its shape is the check


LIST_COLUMNS = [rule for rule in RULES if rule.choices]


@pytest.mark.parametrize("rule", LIST_COLUMNS, ids=lambda rule: rule.column)
@given(data=st.data())
def test_any_listed_value_passes_and_any_other_fails(rule, data):
    event_type = {
        "Request_Route_of_Access": "Request",
        "Assessment_Type": "Assessment",
        "Eligible_Needs_Identified": "Assessment",
        "Method_of_Assessment": "Assessment",
        "Service_Type": "Service",
        "Service_Component": "Service",
        "Delivery_Mechanism": "Service",
        "Cost_Frequency_Unit_Type": "Service",
        "Review_Reason": "Review",
        "Review_Outcomes_Achieved": "Review",
        "Method_of_Review": "Review",
    }.get(rule.column, "Review")
    listed = data.draw(st.sampled_from(sorted(rule.values)))
    other = data.draw(st.text(min_size=1).filter(lambda t: t.strip() and t not in rule.values))
    if rule.column == "Event_Type":
        event_type = listed
    if rule.column == "Delivery_Mechanism":  # not a direct payment in prison
        assert result(make_row(event_type, **{rule.column: listed}), rule.column).validity == VALID
    else:
        row = make_row(event_type, **{rule.column: listed})
        assert rule.column not in failures(row)
    assert failures(make_row(event_type, **{rule.column: other}))[rule.column] in (
        INVALID,
        RELEASE_1,
    )
