"""Hand-made CLD extract rows (`returns.rows.CldRow`): a complete, valid row of each
event type, to change one column at a time."""

from config import cld
from returns.rows import CldRow, Source

PERSON = {
    "LA_Code": "919",
    "Reporting_Period_End_Date": "2026-09-30",
    "Reporting_Period_Start_Date": "2025-10-01",
    "NHS_Number": "9434765919",
    "LA_Person_Unique_Identifier": "PR-000123",
    "GP_Practice_Code": "E82001",
    "Gender": "Female",
    "Ethnicity": "White: Irish",
    "Date_of_Birth": "1941-03-02",
    "Date_of_Death": "",
    "Client_Type": "Service user",
    "Primary_Support_Reason": "Physical support: Personal care support",
    "Postcode": "SG13 8DQ",
    "Accommodation_Status": "Owner occupier or shared ownership scheme",
    "Employment_Status": "Not in paid employment: Not actively seeking work or retired",
    "Has_Unpaid_Carer": "Yes",
    "Autism_Spectrum_Disorder_ASD": "No",
    "Visual_Impairment": "No",
    "Hearing_Impairment": "Unknown",
    "Dementia": "No",
    "Client_Funding_Status": "Fully social care funded",
}
EVENT = {
    "Event_Reference": "R-1",
    "Event_Start_Date": "2026-04-01",
    "Event_End_Date": "2026-04-03",
    "Event_Description": "",
    "Event_Outcome": "Progress to assessment, review or reassessment",
}
BY_TYPE = {
    "Request": {"Request_Route_of_Access": "Discharge from hospital"},
    "Assessment": {
        "Assessment_Type": "Long term assessment",
        "Eligible_Needs_Identified": "Yes",
        "Method_of_Assessment": "Face to face",
        "Event_Outcome": "Progress to support planning or services",
    },
    "Service": {
        "Service_Type": "Long term support: Community",
        "Service_Component": "Home support or domiciliary care",
        "Delivery_Mechanism": "CASSR commissioned support",
        "Provider_CQC_Location_ID": "1-123456789",
        "Unit_Cost": "24.50",
        "Cost_Frequency_Unit_Type": "Hourly",
        "Planned_units_per_week": "10",
        "Event_End_Date": "",
        "Event_Outcome": "",
    },
    "Review": {
        "Review_Reason": "Planned review",
        "Review_Outcomes_Achieved": "Fully achieved",
        "Method_of_Review": "Telephone",
        "Event_Outcome": "Continuation of support or services",
    },
}
CARER = {
    "Client_Type": "Unpaid carer",
    "Primary_Support_Reason": "Social support: Support to unpaid carer",
    "Total_Hrs_Caring_per_week": "35",
    "No_of_adults_being_cared_for": "2",
    "Adult_1_Linked_Person_ID": "PR-000001",
    "Adult_2_Linked_Person_ID": "PR-000002",
    "Adult_3_Linked_Person_ID": "",
}


def make_row(
    event_type: str = "Request",
    *,
    person_id: int = 1,
    team_id: int = 1,
    source: str = Source.REQUEST,
    source_id: int = 1,
    **changes: str,
) -> CldRow:
    values = dict.fromkeys(cld.EXTRACT_COLUMNS, "")
    values |= PERSON | EVENT | {"Event_Type": event_type} | BY_TYPE.get(event_type, {})
    values |= changes
    assert set(values) == set(cld.EXTRACT_COLUMNS)
    return CldRow(
        values=values, person_id=person_id, team_id=team_id, source=source, source_id=source_id
    )
