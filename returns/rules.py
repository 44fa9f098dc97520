"""DHSC's data-quality rules for one row of the CLD extract, as data.

DHSC's dashboard (`DataS-DHSC/ASC-CLD-LA-Dashboard`,
`Stored_procedures/create_GetDQValues_procedure.sql`) gives, for each of the 46
columns, its module (which rows it belongs to), a field status and a validity. Its
labels are the ones below (`:36-49`), and they are what the data-quality page shows,
because they are what a council sees on DHSC's dashboard. The conditions themselves
(which column is mandatory on which row, what is a valid value) are not public; the
table `RULES` writes down the ones issue 18's research brief proposes (plan18 §2c):
a column's requirement on each event type, and its validity check.

Validity, as DHSC codes it: a blank is "Passed: Blank (Not Mandatory)" or "Failed:
Blank (Mandatory)"; a listed value, exactly as DHSC spells it (case counts), "Passed:
Valid"; a value in Release 1's wording "Failed: Release 1"; anything else "Failed:
Invalid". Checks across columns (an end before its start, a carer linked to
themselves, a period that does not end on a quarter end) are "Failed: Invalid" too.

`check_row(row)` gives the failures of one row, each with a plain-English message for
the page; `field_results(row)` every column's status and validity.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from config import cld
from config.nhs_number import nhs_number_validator
from returns.periods import is_quarter_end, reporting_period
from returns.rows import CldRow

# DHSC's field status (`cond_`) and validity (`chk_`) labels, GetDQValues `:36-49`.
MANDATORY = "Mandatory"
APPLICABLE = "Applicable but not mandatory"
NOT_APPLICABLE = "Not applicable"
UNDETERMINED = "Undetermined"

VALID = "Passed: Valid"
BLANK_OK = "Passed: Blank (Not Mandatory)"
BLANK_FAILED = "Failed: Blank (Mandatory)"
INVALID = "Failed: Invalid"
RELEASE_1 = "Failed: Release 1"
FAILED = (BLANK_FAILED, INVALID, RELEASE_1)

UNCONFIRMED = "(value list unconfirmed)"

# DHSC's modules (GetDQValues' `Module` column).
SUBMISSION = "Submission information"
PERSON = "Person details"
EVENTS = "Events (all)"
REQUESTS = "Events (requests only)"
ASSESSMENTS = "Events (assessments only)"
CARERS = "Carers and linked service users"
SERVICES = "Events (services only)"
REVIEWS = "Events (reviews only)"
COSTS = "Costs (services only)"

REQUEST, ASSESSMENT, SERVICE, REVIEW = cld.EventType.values
EVENT_TYPES = (REQUEST, ASSESSMENT, SERVICE, REVIEW)

# Release 1's wording, by column: the lead's `cld.RELEASE_1_TO_2` (by the person's field
# names) and Release 1's delivery mechanisms (R1 guidance, as the ASC glossary quotes it;
# "Self-Funder Metering Only" has no Release 2 value).
RELEASE_1_SPELLINGS: dict[str, frozenset[str]] = {
    "Gender": frozenset(cld.RELEASE_1_TO_2["gender"]),
    "Client_Type": frozenset(cld.RELEASE_1_TO_2["client_type"]),
    "Primary_Support_Reason": frozenset(cld.RELEASE_1_TO_2["primary_support_reason"]),
    "Accommodation_Status": frozenset(cld.RELEASE_1_TO_2["accommodation_status"]),
    "Employment_Status": frozenset(cld.RELEASE_1_TO_2["employment_status"]),
    "Request_Route_of_Access": frozenset(cld.RELEASE_1_TO_2["route_of_access"]),
    "Delivery_Mechanism": frozenset(
        {
            "Direct Payment",
            "CASSR Managed Personal Budget",
            "CASSR Commissioned Support",
            "Self-Funder Metering Only",
        }
    ),
}


# --- When a column is required ------------------------------------------------------
# A requirement is a function of the row's values giving a status. The common ones:


def _always(status: str) -> Callable[[Mapping[str, str]], str]:
    return lambda values: status


def _by_event(
    request: str, assessment: str, service: str, review: str
) -> Callable[[Mapping[str, str]], str]:
    """A status for each event type; "Undetermined" when the row's type is not one."""
    table = dict(zip(EVENT_TYPES, (request, assessment, service, review), strict=True))
    return lambda values: table.get(values.get("Event_Type", ""), UNDETERMINED)


def _only_on(event_type: str, status: str = MANDATORY) -> Callable[[Mapping[str, str]], str]:
    return _by_event(*(status if kind == event_type else NOT_APPLICABLE for kind in EVENT_TYPES))


def _service_user_mandatory(values: Mapping[str, str]) -> str:
    """Mandatory for a service user, applicable for a carer (plan18 §2c: DHSC derives
    ASCOF 2E from accommodation, and ranks employment, of service users)."""
    client_type = values.get("Client_Type", "")
    if client_type == cld.ClientType.SERVICE_USER:
        return MANDATORY
    if client_type == cld.ClientType.CARER:
        return APPLICABLE
    return UNDETERMINED


def _carer(status_if_carer: str) -> Callable[[Mapping[str, str]], str]:
    """The carers module: for an unpaid carer's rows only."""

    def status(values: Mapping[str, str]) -> str:
        client_type = values.get("Client_Type", "")
        if client_type == cld.ClientType.CARER:
            return status_if_carer
        if client_type == cld.ClientType.SERVICE_USER:
            return NOT_APPLICABLE
        return UNDETERMINED

    return status


def _nth_adult(n: int) -> Callable[[Mapping[str, str]], str]:
    """Adult_n_Linked_Person_ID: mandatory for a carer caring for n adults or more."""

    def status(values: Mapping[str, str]) -> str:
        carer = _carer(APPLICABLE)(values)
        if carer != APPLICABLE:
            return carer
        count = _number(values.get("No_of_adults_being_cared_for", ""))
        return MANDATORY if count is not None and count >= n else APPLICABLE

    return status


def _event_outcome(values: Mapping[str, str]) -> str:
    """Every event's outcome is mandatory, but an open service (no end) has none yet."""
    if values.get("Event_Type") == SERVICE and not values.get("Event_End_Date"):
        return APPLICABLE
    return _by_event(MANDATORY, MANDATORY, MANDATORY, MANDATORY)(values)


def _event_end(values: Mapping[str, str]) -> str:
    """Only services can be open (DHSC's glossary; `4-event-filtering.md:11-22`)."""
    return _by_event(MANDATORY, MANDATORY, APPLICABLE, MANDATORY)(values)


def _delivery_mechanism(values: Mapping[str, str]) -> str:
    """Mandatory for long term support in the community or in prison; applicable for the
    other services (DHSC ranks nursing and residential care with a blank mechanism,
    `Create_ASCOF_3D_2425_Onwards.sql:105-113`)."""
    status = _only_on(SERVICE, APPLICABLE)(values)
    if status == APPLICABLE and values.get("Service_Type") in (
        cld.ServiceType.LTS_COMMUNITY,
        cld.ServiceType.LTS_PRISON,
    ):
        return MANDATORY
    return status


def _planned_units(values: Mapping[str, str]) -> str:
    """Mandatory for a service, unless it is paid for once (`6.Costs_fact.sql:53-66`)."""
    status = _only_on(SERVICE)(values)
    if status == MANDATORY and values.get("Cost_Frequency_Unit_Type") == cld.CostFrequency.ONE_OFF:
        return APPLICABLE
    return status


# --- Validity ----------------------------------------------------------------------
# A check takes the (non-blank) value and the row, and returns "" when it is valid or
# the reason it is not (the end of the sentence "<Column> ...").


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _number(value: str) -> Decimal | None:
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _is_date(value: str, values: Mapping[str, str]) -> str:
    return "" if _date(value) else "is not a date written as YYYY-MM-DD"


def _not_before(other: str, other_label: str) -> Callable[[str, Mapping[str, str]], str]:
    def check(value: str, values: Mapping[str, str]) -> str:
        if not (day := _date(value)):
            return "is not a date written as YYYY-MM-DD"
        earlier = _date(values.get(other, ""))
        if earlier and day < earlier:
            return f"is before the {other_label}"
        return ""

    return check


def _period_end(value: str, values: Mapping[str, str]) -> str:
    if not (day := _date(value)):
        return "is not a date written as YYYY-MM-DD"
    return "" if is_quarter_end(day) else "is not a quarter end"


def _period_start(value: str, values: Mapping[str, str]) -> str:
    if not (day := _date(value)):
        return "is not a date written as YYYY-MM-DD"
    end = _date(values.get("Reporting_Period_End_Date", ""))
    if end and is_quarter_end(end) and day != reporting_period(end).start:
        return "is not 12 months before the end of the period"
    return ""


def _matches(pattern: str, what: str) -> Callable[[str, Mapping[str, str]], str]:
    compiled = re.compile(pattern)
    return lambda value, values: "" if compiled.fullmatch(value) else f"is not {what}"


def _nhs_number(value: str, values: Mapping[str, str]) -> str:
    try:
        nhs_number_validator(value)
    except ValidationError:
        return "is not a valid NHS number (10 digits with the right check digit)"
    return ""


def _at_least_zero(value: str, values: Mapping[str, str]) -> str:
    number = _number(value)
    return "" if number is not None and number >= 0 else "is not a number of 0 or more"


def _hours_in_week(value: str, values: Mapping[str, str]) -> str:
    number = _number(value)
    if number is None or not 0 <= number <= 168:
        return "is not a number of hours from 0 to 168"
    return ""


def _adults(value: str, values: Mapping[str, str]) -> str:
    number = _number(value)
    if number is None or number != number.to_integral_value() or not 1 <= number <= 3:
        return "is not 1, 2 or 3"
    return ""


def _linked_person(value: str, values: Mapping[str, str]) -> str:
    if value == values.get("LA_Person_Unique_Identifier"):
        return "is the carer themselves"
    return ""


def _delivery_mechanism_valid(value: str, values: Mapping[str, str]) -> str:
    if (
        value == cld.DeliveryMechanism.DIRECT_PAYMENT
        and values.get("Service_Type") == cld.ServiceType.LTS_PRISON
    ):
        return "cannot be a direct payment for support in prison"
    return ""


def _anything(value: str, values: Mapping[str, str]) -> str:
    return ""


@dataclass(frozen=True)
class Rule:
    """One column: its module, its name in plain English, when it is required, and
    what a valid value is: one of `choices` (a `config.cld` list, by its name in
    `cld.CONFIRMED_LISTS`) and/or a `check`."""

    column: str
    module: str
    label: str
    required: Callable[[Mapping[str, str]], str]
    choices: str = ""
    check: Callable[[str, Mapping[str, str]], str] = _anything

    @property
    def values(self) -> frozenset[str]:
        return frozenset(getattr(cld, self.choices).values) if self.choices else frozenset()

    @property
    def confirmed(self) -> bool:
        """Whether DHSC's public code confirms the value list (no list: True)."""
        return not self.choices or self.choices in cld.CONFIRMED_LISTS


M, A, N = MANDATORY, APPLICABLE, NOT_APPLICABLE

RULES: tuple[Rule, ...] = (
    Rule("LA_Code", SUBMISSION, "LA code", _always(M), "", _matches(r"\d+", "digits")),
    Rule("Reporting_Period_End_Date", SUBMISSION, "The period's end", _always(M), "", _period_end),
    Rule(
        "Reporting_Period_Start_Date", SUBMISSION, "The period's start", _always(M), "",
        _period_start,
    ),
    Rule("NHS_Number", PERSON, "NHS number", _always(A), "", _nhs_number),
    Rule("LA_Person_Unique_Identifier", PERSON, "Council reference", _always(M)),
    Rule(
        "GP_Practice_Code", PERSON, "GP practice code", _always(A), "",
        _matches(r"[A-Z]\d{5}", "a GP practice code like A12345"),
    ),
    Rule("Gender", PERSON, "Gender", _always(M), "Gender"),
    Rule("Ethnicity", PERSON, "Ethnicity", _always(M), "Ethnicity"),
    Rule("Date_of_Birth", PERSON, "Date of birth", _always(M), "", _is_date),
    Rule(
        "Date_of_Death", PERSON, "Date of death", _always(A), "",
        _not_before("Date_of_Birth", "date of birth"),
    ),
    Rule("Client_Type", PERSON, "Client type", _always(M), "ClientType"),
    Rule(
        "Primary_Support_Reason", PERSON, "Primary support reason", _always(M),
        "PrimarySupportReason",
    ),
    Rule(
        "Postcode", PERSON, "Postcode", _always(M), "",
        _matches(r"[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}", "a full postcode like SG13 8DQ"),
    ),
    Rule(
        "Accommodation_Status", PERSON, "Accommodation status", _service_user_mandatory,
        "AccommodationStatus",
    ),
    Rule(
        "Employment_Status", PERSON, "Employment status", _service_user_mandatory,
        "EmploymentStatus",
    ),
    Rule(
        "Has_Unpaid_Carer", PERSON, "Whether they have an unpaid carer",
        _service_user_mandatory, "HasUnpaidCarer",
    ),
    Rule("Autism_Spectrum_Disorder_ASD", PERSON, "Autism", _always(A), "HealthCondition"),
    Rule("Visual_Impairment", PERSON, "Visual impairment", _always(A), "HealthCondition"),
    Rule("Hearing_Impairment", PERSON, "Hearing impairment", _always(A), "HealthCondition"),
    Rule("Dementia", PERSON, "Dementia", _always(A), "HealthCondition"),
    Rule(
        "Client_Funding_Status", PERSON, "Client funding status", _always(A),
        "ClientFundingStatus",
    ),
    Rule("Event_Type", EVENTS, "Event type", _always(M), "EventType"),
    Rule("Event_Reference", EVENTS, "Event reference", _always(M)),
    Rule("Event_Start_Date", EVENTS, "Start date", _always(M), "", _is_date),
    Rule(
        "Event_End_Date", EVENTS, "End date", _event_end, "",
        _not_before("Event_Start_Date", "start date"),
    ),
    Rule("Event_Description", EVENTS, "Description", _always(A)),
    Rule("Event_Outcome", EVENTS, "Outcome", _event_outcome, "EventOutcome"),
    Rule(
        "Request_Route_of_Access", REQUESTS, "Route of access", _only_on(REQUEST),
        "RouteOfAccess",
    ),
    Rule("Assessment_Type", ASSESSMENTS, "Assessment type", _only_on(ASSESSMENT), "AssessmentType"),
    Rule(
        "Eligible_Needs_Identified", ASSESSMENTS, "Eligible needs identified",
        _only_on(ASSESSMENT), "EligibleNeeds",
    ),
    Rule(
        "Method_of_Assessment", ASSESSMENTS, "Method of assessment", _only_on(ASSESSMENT),
        "MethodOfContact",
    ),
    Rule(
        "Total_Hrs_Caring_per_week", CARERS, "Hours caring each week", _carer(M), "",
        _hours_in_week,
    ),
    Rule(
        "No_of_adults_being_cared_for", CARERS, "Number of adults cared for", _carer(M), "",
        _adults,
    ),
    Rule(
        "Adult_1_Linked_Person_ID", CARERS, "First adult cared for", _nth_adult(1), "",
        _linked_person,
    ),
    Rule(
        "Adult_2_Linked_Person_ID", CARERS, "Second adult cared for", _nth_adult(2), "",
        _linked_person,
    ),
    Rule(
        "Adult_3_Linked_Person_ID", CARERS, "Third adult cared for", _nth_adult(3), "",
        _linked_person,
    ),
    Rule("Service_Type", SERVICES, "Service type", _only_on(SERVICE), "ServiceType"),
    Rule(
        "Service_Component", SERVICES, "Service component", _only_on(SERVICE),
        "ServiceComponent",
    ),
    Rule(
        "Delivery_Mechanism", SERVICES, "Delivery mechanism", _delivery_mechanism,
        "DeliveryMechanism", _delivery_mechanism_valid,
    ),
    Rule(
        "Provider_CQC_Location_ID", SERVICES, "Provider's CQC location ID",
        _only_on(SERVICE, A), "", _matches(r"1-\d+", "a CQC location ID like 1-123456789"),
    ),
    Rule("Review_Reason", REVIEWS, "Review reason", _only_on(REVIEW), "ReviewReason"),
    Rule(
        "Review_Outcomes_Achieved", REVIEWS, "Outcomes achieved", _only_on(REVIEW),
        "ReviewOutcomesAchieved",
    ),
    Rule("Method_of_Review", REVIEWS, "Method of review", _only_on(REVIEW), "MethodOfContact"),
    Rule("Unit_Cost", COSTS, "Unit cost", _only_on(SERVICE), "", _at_least_zero),
    Rule(
        "Cost_Frequency_Unit_Type", COSTS, "Cost frequency", _only_on(SERVICE),
        "CostFrequency",
    ),
    Rule("Planned_units_per_week", COSTS, "Planned units per week", _planned_units, "",
         _at_least_zero),
)  # fmt: skip

RULE_BY_COLUMN = {rule.column: rule for rule in RULES}
assert tuple(RULE_BY_COLUMN) == cld.EXTRACT_COLUMNS, "one rule per column, in DHSC's order"


@dataclass(frozen=True)
class Finding:
    """One column of one row, with DHSC's labels: `status` ("Mandatory", …), `validity`
    ("Failed: Blank (Mandatory)", …), and `message`, what the page says
    ("Ethnicity is missing"). `confirmed` is False when the value list is one DHSC's
    public code does not confirm (the page adds "(value list unconfirmed)")."""

    column: str
    status: str
    validity: str
    message: str
    confirmed: bool = True

    @property
    def failed(self) -> bool:
        return self.validity in FAILED

    @property
    def label(self) -> str:
        return RULE_BY_COLUMN[self.column].label


def field_result(rule: Rule, values: Mapping[str, str]) -> Finding:
    """The status and validity of `rule`'s column in a row."""
    status = rule.required(values)
    value = values.get(rule.column, "")
    confirmed = rule.confirmed
    if status in (NOT_APPLICABLE, UNDETERMINED):
        validity = VALID if value else BLANK_OK
        return Finding(rule.column, status, validity, "", confirmed)
    if not value.strip():
        if status == MANDATORY:
            return Finding(rule.column, status, BLANK_FAILED, f"{rule.label} is missing", confirmed)
        return Finding(rule.column, status, BLANK_OK, "", confirmed)
    if rule.choices and value not in rule.values:
        if value in RELEASE_1_SPELLINGS.get(rule.column, ()):
            message = f"{rule.label} uses Release 1's wording “{value}”"
            return Finding(rule.column, status, RELEASE_1, message, confirmed)
        message = f"{rule.label} “{value}” is not one of DHSC's values"
        return Finding(rule.column, status, INVALID, message, confirmed)
    if reason := rule.check(value, values):
        return Finding(rule.column, status, INVALID, f"{rule.label} {reason}", confirmed)
    return Finding(rule.column, status, VALID, "", confirmed)


def field_results(row: CldRow) -> list[Finding]:
    """Every column of `row`, in DHSC's order, with its status and validity."""
    return [field_result(rule, row.values) for rule in RULES]


def check_row(row: CldRow) -> list[Finding]:
    """The columns of `row` DHSC would fail, in DHSC's order (empty: the row passes)."""
    return [finding for finding in field_results(row) if finding.failed]
