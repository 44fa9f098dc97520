"""An independent checker of DHSC's rules, run over the demo's CLD extract (issue 18,
"How it will be checked"): 0 failures, except the one team with deliberate gaps, which
has exactly the gaps made on purpose (`returns.demo.DELIBERATE_GAPS`).

Independent: written here from the research brief (plan18 §2c, §3) and DHSC's public
code, NOT from `returns.rules` or the lists in `config.cld`. The value lists DHSC's
code confirms are copied below from their sources; a list DHSC does not show whole is
checked only for being given where it is mandatory.
"""

import re
from datetime import date, datetime

import pytest
import time_machine

from recording.deadlines import LONDON

# DHSC `Main_tables/docs/methodology/5-data-cleaning.md` (Ethnicity_Cleaned).
ETHNICITY = {
    "Asian or Asian British: Any other Asian background",
    "Asian or Asian British: Bangladeshi",
    "Asian or Asian British: Chinese",
    "Asian or Asian British: Indian",
    "Asian or Asian British: Pakistani",
    "Black, Black British, Caribbean or African: African",
    "Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean "
    "background",
    "Black, Black British, Caribbean or African: Caribbean",
    "Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background",
    "Mixed or multiple ethnic groups: White and Asian",
    "Mixed or multiple ethnic groups: White and Black African",
    "Mixed or multiple ethnic groups: White and Black Caribbean",
    "No data: Refused",
    "No data: Undeclared or not known",
    "Other ethnic group: Any other ethnic group",
    "Other ethnic group: Arab",
    "White: Any other White background",
    "White: English, Welsh, Scottish, Northern Irish or British",
    "White: Gypsy or Irish Traveller",
    "White: Irish",
    "White: Roma",
}
# Same file (Event_Outcome_Cleaned), without DHSC's "Invalid and not mapped" and
# "Release 1 specification only: Not mapped".
EVENT_OUTCOME = {
    "Admitted to hospital",
    "Continuation of support or services",
    "NFA: Deceased",
    "NFA: Information and advice or signposting",
    "NFA: No services offered for other reason",
    "NFA: Other",
    "NFA: Referral to NHS services or NHS funded social care",
    "NFA: Referral to other service within the local authority",
    "NFA: Responsibility moved to another local authority",
    "NFA: Self-funded client or under 12wk disregard",
    "NFA: Support declined",
    "NFA: Support ended as planned",
    "NFA: Support ended for other reason",
    "Progress to assessment, review or reassessment",
    "Progress to reablement/ST-Max",
    "Progress to support planning or services",
}
# Same file (Service_Type_Cleaned).
SERVICE_TYPE = {
    "Long term support: Community",
    "Long term support: Nursing care",
    "Long term support: Prison",
    "Long term support: Residential care",
    "Short term support: Ongoing low level",
    "Short term support: Other short term",
    "Short term support: ST-Max",
    "Unpaid carer support: Direct to unpaid carer",
    "Unpaid carer support: Support involving the person cared-for",
}
# DHSC `ASCOF_measures/Create_personal_details_table.sql:192-211` (without DHSC's
# derived "Unknown: Presumed ...").
ACCOMMODATION = {
    "Owner occupier or shared ownership scheme",
    "Tenant: Local authority or other social housing provider",
    "Tenant: Private landlord",
    "Settled mainstream housing with family or friends",
    "Supported accommodation, supported lodgings or supported group home",
    "Shared Lives scheme",
    "Approved premises for offenders released from prison or under probation supervision",
    "Sheltered housing, extra care housing or other sheltered housing",
    "Mobile accommodation for Gypsy, Roma and Traveller communities",
    "Rough sleeper or squatting",
    "Night shelter, emergency hostel or direct access hostel",
    "Refuge",
    "Placed in temporary accommodation by the council (inc. homelessness resettlement)",
    "Staying with family or friends as a short term guest",
    "Acute hospital or long term healthcare residential facility",
    "Registered care home",
    "Registered nursing home",
    "Prison, young offenders institution or detention centre",
    "Other temporary accommodation",
    "Unknown",
}
# Same file, `:227-234`.
EMPLOYMENT = {
    "Not in paid employment: Not actively seeking work or retired",
    "Not in paid employment: Seeking work",
    "Not in paid employment: Voluntary work only",
    "Paid: 16 or more hours a week",
    "Paid: Hours per week unknown",
    "Paid: Less than 16 hours a week",
    "Unknown",
}
# Same file, `:697`.
FUNDING = {"Fully social care funded", "Joint client and social care funded", "Fully client funded"}
# DHSC `Create_ASCOF_3D_2425_Onwards.sql:365`, `Create_ASCOF_2B2C_2425_Onwards.sql:70`.
CLIENT_TYPE = {"Service user", "Unpaid carer", "Unpaid carer known by association"}
# DHSC `2.Services_fact.sql:38`, `3.Requests_fact.sql:44`, `4.Assessments_fact.sql:44`,
# `5.Reviews_fact.sql:40`.
EVENT_TYPE = {"Request", "Assessment", "Service", "Review"}
# DHSC `Create_ASCOF_3D_2425_Onwards.sql:107-112`.
DELIVERY = {"Direct payment", "CASSR managed personal budget", "CASSR commissioned support"}

CONFIRMED = {
    "Ethnicity": ETHNICITY,
    "Event_Outcome": EVENT_OUTCOME,
    "Service_Type": SERVICE_TYPE,
    "Accommodation_Status": ACCOMMODATION,
    "Employment_Status": EMPLOYMENT,
    "Client_Funding_Status": FUNDING,
    "Client_Type": CLIENT_TYPE,
    "Event_Type": EVENT_TYPE,
    "Delivery_Mechanism": DELIVERY,
}

PERSON_MANDATORY = (
    "LA_Code",
    "Reporting_Period_End_Date",
    "Reporting_Period_Start_Date",
    "LA_Person_Unique_Identifier",
    "Gender",
    "Ethnicity",
    "Date_of_Birth",
    "Client_Type",
    "Primary_Support_Reason",
    "Postcode",
    "Event_Type",
    "Event_Reference",
    "Event_Start_Date",
)
BY_EVENT = {
    "Request": ("Event_End_Date", "Event_Outcome", "Request_Route_of_Access"),
    "Assessment": (
        "Event_End_Date",
        "Event_Outcome",
        "Assessment_Type",
        "Eligible_Needs_Identified",
        "Method_of_Assessment",
    ),
    "Service": ("Service_Type", "Service_Component", "Unit_Cost", "Cost_Frequency_Unit_Type"),
    "Review": (
        "Event_End_Date",
        "Event_Outcome",
        "Review_Reason",
        "Review_Outcomes_Achieved",
        "Method_of_Review",
    ),
}
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if ISO.fullmatch(text) else None


def independent_failures(values: dict[str, str]) -> set[tuple[str, str]]:
    """(column, "blank" or "invalid") for each field DHSC's rules fail in one row."""
    failed: set[tuple[str, str]] = set()
    kind = values["Event_Type"]
    service_user = values["Client_Type"] == "Service user"
    carer = values["Client_Type"] == "Unpaid carer"
    mandatory = list(PERSON_MANDATORY) + list(BY_EVENT.get(kind, ()))
    if service_user:
        mandatory += ["Accommodation_Status", "Employment_Status", "Has_Unpaid_Carer"]
    if carer:
        mandatory += [
            "Total_Hrs_Caring_per_week",
            "No_of_adults_being_cared_for",
            "Adult_1_Linked_Person_ID",
        ]
        adults = values["No_of_adults_being_cared_for"]
        if adults.isdigit() and int(adults) >= 2:
            mandatory.append("Adult_2_Linked_Person_ID")
        if adults.isdigit() and int(adults) >= 3:
            mandatory.append("Adult_3_Linked_Person_ID")
    if kind == "Service":
        if values["Event_End_Date"]:
            mandatory.append("Event_Outcome")
        if values["Service_Type"] in ("Long term support: Community", "Long term support: Prison"):
            mandatory.append("Delivery_Mechanism")
        if values["Cost_Frequency_Unit_Type"] != "One-off":
            mandatory.append("Planned_units_per_week")
    for column in mandatory:
        if not values[column].strip():
            failed.add((column, "blank"))
    for column, listed in CONFIRMED.items():
        if values[column] and values[column] not in listed:
            failed.add((column, "invalid"))
    for column in ("Reporting_Period_End_Date", "Reporting_Period_Start_Date", "Date_of_Birth",
                   "Event_Start_Date", "Event_End_Date", "Date_of_Death"):  # fmt: skip
        if values[column] and _day(values[column]) is None:
            failed.add((column, "invalid"))
    start, end = _day(values["Event_Start_Date"]), _day(values["Event_End_Date"])
    if start and end and end < start:
        failed.add(("Event_End_Date", "invalid"))
    period_end = _day(values["Reporting_Period_End_Date"])
    if period_end and (period_end.month, period_end.day) not in (
        (3, 31),
        (6, 30),
        (9, 30),
        (12, 31),
    ):
        failed.add(("Reporting_Period_End_Date", "invalid"))
    if values["LA_Code"] and not values["LA_Code"].isdigit():
        failed.add(("LA_Code", "invalid"))
    if values["GP_Practice_Code"] and not re.fullmatch(r"[A-Z]\d{5}", values["GP_Practice_Code"]):
        failed.add(("GP_Practice_Code", "invalid"))
    if values["Postcode"] and not re.fullmatch(
        r"[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}", values["Postcode"]
    ):
        failed.add(("Postcode", "invalid"))
    if values["NHS_Number"] and not _nhs_number_valid(values["NHS_Number"]):
        failed.add(("NHS_Number", "invalid"))
    if values["Provider_CQC_Location_ID"] and not re.fullmatch(
        r"1-\d+", values["Provider_CQC_Location_ID"]
    ):
        failed.add(("Provider_CQC_Location_ID", "invalid"))
    for column in ("Unit_Cost", "Planned_units_per_week", "Total_Hrs_Caring_per_week"):
        if values[column] and not re.fullmatch(r"\d+(\.\d+)?", values[column]):
            failed.add((column, "invalid"))
    own = values["LA_Person_Unique_Identifier"]
    for n in (1, 2, 3):
        if own and values[f"Adult_{n}_Linked_Person_ID"] == own:
            failed.add((f"Adult_{n}_Linked_Person_ID", "invalid"))
    in_prison = values["Service_Type"] == "Long term support: Prison"
    if kind == "Service" and in_prison and values["Delivery_Mechanism"] == "Direct payment":
        failed.add(("Delivery_Mechanism", "invalid"))
    return failed


def _nhs_number_valid(text: str) -> bool:
    """Modulus 11, as NHS Digital describes it."""
    if not (len(text) == 10 and text.isdigit()):
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(text[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(text[9])


def test_the_checker_itself_finds_what_it_should():
    good = {
        "LA_Code": "919", "Reporting_Period_End_Date": "2026-09-30",
        "Reporting_Period_Start_Date": "2025-10-01", "NHS_Number": "9434765919",
        "LA_Person_Unique_Identifier": "HCC-1", "GP_Practice_Code": "E82001",
        "Gender": "Male", "Ethnicity": "White: Irish", "Date_of_Birth": "1940-01-01",
        "Date_of_Death": "", "Client_Type": "Service user",
        "Primary_Support_Reason": "Unknown", "Postcode": "SG13 8DQ",
        "Accommodation_Status": "Unknown", "Employment_Status": "Unknown",
        "Has_Unpaid_Carer": "No", "Event_Type": "Request", "Event_Reference": "R1",
        "Event_Start_Date": "2026-01-01", "Event_End_Date": "2026-01-02",
        "Event_Outcome": "NFA: Other", "Request_Route_of_Access": "Prison",
    }  # fmt: skip
    from config.cld import EXTRACT_COLUMNS  # only the column names

    row = dict.fromkeys(EXTRACT_COLUMNS, "") | good
    assert independent_failures(row) == set()
    assert independent_failures(row | {"Ethnicity": ""}) == {("Ethnicity", "blank")}
    assert independent_failures(row | {"Ethnicity": "white: irish"}) == {("Ethnicity", "invalid")}
    assert independent_failures(row | {"Event_End_Date": "2025-12-31"}) == {
        ("Event_End_Date", "invalid")
    }
    assert independent_failures(row | {"NHS_Number": "9434765918"}) == {("NHS_Number", "invalid")}


# --- The demo's extract ------------------------------------------------------------

DEMO_DAY = datetime(2026, 11, 30, 9, 0, tzinfo=LONDON)


@pytest.fixture
def demo_extract(principles, settings):
    """The demo loaded on a fixed day, and its extracts for the latest quarter end and
    for the quarter in progress (most of the demo's records are recent)."""
    events = pytest.importorskip(
        "returns.events", reason="the extract (returns.events) is merged from h18-extract"
    )
    from demo.data import demo_data_load
    from returns.periods import current_quarter_end, latest_quarter_end

    settings.DEBUG = True  # as the demo needs (a published password)
    with time_machine.travel(DEMO_DAY, tick=False):
        demo_data_load(framework_slug="hertfordshire-connected-lives")
        today = DEMO_DAY.date()
        return [
            *events.cld_rows(latest_quarter_end(today)),
            *events.cld_rows(current_quarter_end(today)),
        ]


def test_the_demo_extract_has_no_failures_but_the_deliberate_gaps(demo_extract, client):
    """One demo load (it is slow): the independent checker over the whole extract, then
    the data-quality page as Morgan, who manages the team with the gaps."""
    from django.urls import reverse

    from accounts.models import Team, User
    from recording.models import Person
    from returns.demo import DELIBERATE_GAPS, GAPS_TEAM_SLUG

    gaps_team = Team.objects.get(slug=GAPS_TEAM_SLUG)
    references = dict(Person.objects.values_list("pk", "council_reference"))
    assert demo_extract, "the demo gives an extract"
    kinds = {row.values["Event_Type"] for row in demo_extract}
    assert kinds >= {"Request", "Assessment", "Service"}
    others, gaps = [], set()
    for row in demo_extract:
        for column, why in independent_failures(row.values):
            if row.team_id == gaps_team.pk:
                gaps.add((references[row.person_id], column, why))
            else:
                others.append((references[row.person_id], row.values["Event_Type"], column, why))
    assert others == [], others
    assert gaps == {(reference, column, "blank") for reference, column, _ in DELIBERATE_GAPS}

    client.force_login(User.objects.get(username="morgan"))
    with time_machine.travel(DEMO_DAY, tick=False):
        response = client.get(reverse("returns:data_quality"), {"team": GAPS_TEAM_SLUG})
    assert response.context["report"][0].count_rows == [
        ("Ethnicity", "Failed: Blank (Mandatory)", 1),
        ("Method of assessment", "Failed: Blank (Mandatory)", 1),
        ("Unit cost", "Failed: Blank (Mandatory)", 1),
    ]
    html = response.content.decode()
    for message in ("Ethnicity is missing", "Method of assessment is missing",
                    "Unit cost is missing"):  # fmt: skip
        assert message in html
