"""England's Adult Social Care Client Level Data (CLD), Release 2: the value lists the
record uses, in one place, so the person's details, the requests and their outcomes feed
the statutory return (SPEC 8) without a mapping project.

Source: DHSC's CLD Release 2 specification, as its public dashboard code cleans and
groups the values (`DataS-DHSC/ASC-CLD-LA-Dashboard`,
`Main_tables/docs/methodology/5-data-cleaning.md` and `Stored_procedures/`). The stored
value of each choice is the specification's text, so an extract is a copy, not a
translation; `ethnicity_group` and `event_outcome_group` give the higher-level grouping
DHSC derives.

Checked against that repository (issue 17, part 8): ethnicity and event outcomes are
its `5-data-cleaning.md` tables; accommodation and employment status its reference
tables of Release 2 values (`ASCOF_measures/Create_personal_details_table.sql`,
`Create_ASCOF_2E_2425_Onwards.sql`); client type its Release 2 filters ("Service user",
"Unpaid carer"); primary support reason Release 2's sentence-case wording, with "Social
support: Support to unpaid carer" (as DHSC's `Create_personal_details_table.sql` names
it). Gender, gender-the-same-as-at-birth and route of access are not in that repository
(only "Male" and "Female"): they follow the specification document itself.
`RELEASE_1_TO_2` maps the Release 1 wording the record held before.
"""

from django.db import models


class Gender(models.TextChoices):
    MALE = "Male", "Male"
    FEMALE = "Female", "Female"
    OTHER = "Other", "Other"
    NOT_KNOWN = "Not known", "Not known"
    NOT_SPECIFIED = "Not specified", "Not specified (the person chose not to say)"


class GenderSameAsBirth(models.TextChoices):
    YES = "Yes", "Yes"
    NO = "No", "No"
    NOT_KNOWN = "Not Known", "Not known"
    PREFER_NOT = "Prefer not to say", "Prefer not to say"


class Ethnicity(models.TextChoices):
    WHITE_BRITISH = (
        "White: English, Welsh, Scottish, Northern Irish or British",
        "White: English, Welsh, Scottish, Northern Irish or British",
    )
    WHITE_IRISH = "White: Irish", "White: Irish"
    WHITE_TRAVELLER = "White: Gypsy or Irish Traveller", "White: Gypsy or Irish Traveller"
    WHITE_ROMA = "White: Roma", "White: Roma"
    WHITE_OTHER = "White: Any other White background", "White: Any other White background"
    MIXED_WHITE_BLACK_CARIBBEAN = (
        "Mixed or multiple ethnic groups: White and Black Caribbean",
        "Mixed or multiple ethnic groups: White and Black Caribbean",
    )
    MIXED_WHITE_BLACK_AFRICAN = (
        "Mixed or multiple ethnic groups: White and Black African",
        "Mixed or multiple ethnic groups: White and Black African",
    )
    MIXED_WHITE_ASIAN = (
        "Mixed or multiple ethnic groups: White and Asian",
        "Mixed or multiple ethnic groups: White and Asian",
    )
    MIXED_OTHER = (
        "Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background",
        "Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background",
    )
    ASIAN_INDIAN = "Asian or Asian British: Indian", "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = "Asian or Asian British: Pakistani", "Asian or Asian British: Pakistani"
    ASIAN_BANGLADESHI = (
        "Asian or Asian British: Bangladeshi",
        "Asian or Asian British: Bangladeshi",
    )
    ASIAN_CHINESE = "Asian or Asian British: Chinese", "Asian or Asian British: Chinese"
    ASIAN_OTHER = (
        "Asian or Asian British: Any other Asian background",
        "Asian or Asian British: Any other Asian background",
    )
    BLACK_CARIBBEAN = (
        "Black, Black British, Caribbean or African: Caribbean",
        "Black, Black British, Caribbean or African: Caribbean",
    )
    BLACK_AFRICAN = (
        "Black, Black British, Caribbean or African: African",
        "Black, Black British, Caribbean or African: African",
    )
    BLACK_OTHER = (
        "Black, Black British, Caribbean or African: Any other Black, Black British or "
        "Caribbean background",
        "Black, Black British, Caribbean or African: Any other Black, Black British or "
        "Caribbean background",
    )
    OTHER_ARAB = "Other ethnic group: Arab", "Other ethnic group: Arab"
    OTHER_ANY = "Other ethnic group: Any other ethnic group", "Other ethnic group: Any other"
    REFUSED = "No data: Refused", "Not stated: the person refused"
    NOT_KNOWN = "No data: Undeclared or not known", "Not known"


def ethnicity_group(value: str) -> str:
    """DHSC's higher-level group of an ethnicity ("White", "No data", …); "Unknown" for
    a blank or unlisted value."""
    if value not in Ethnicity.values:
        return "Unknown"
    return value.split(":", 1)[0]


class PrimarySupportReason(models.TextChoices):
    """Release 2's sentence-case wording (Release 1 wrote "Physical Support: ...")."""

    PHYSICAL_ACCESS = (
        "Physical support: Access and mobility only",
        "Physical support: access and mobility only",
    )
    PHYSICAL_PERSONAL = (
        "Physical support: Personal care support",
        "Physical support: personal care support",
    )
    SENSORY_VISUAL = (
        "Sensory support: Support for visual impairment",
        "Sensory support: visual impairment",
    )
    SENSORY_HEARING = (
        "Sensory support: Support for hearing impairment",
        "Sensory support: hearing impairment",
    )
    SENSORY_DUAL = (
        "Sensory support: Support for dual impairment",
        "Sensory support: dual impairment",
    )
    MEMORY = "Support with memory and cognition", "Support with memory and cognition"
    LEARNING_DISABILITY = "Learning disability support", "Learning disability support"
    MENTAL_HEALTH = "Mental health support", "Mental health support"
    SUBSTANCE = "Social support: Substance misuse support", "Social support: substance misuse"
    ASYLUM = "Social support: Asylum seeker support", "Social support: asylum seeker support"
    SOCIAL_OTHER = (
        "Social support: Support for social isolation or other",
        "Social support: social isolation or other",
    )
    UNPAID_CARER = (
        "Social support: Support to unpaid carer",
        "Social support: support to an unpaid carer",
    )
    NOT_KNOWN = "Unknown", "Not yet known"


class ClientType(models.TextChoices):
    """Release 2: "Service user" and "Unpaid carer" (Release 1: "Service User",
    "Carer"). Release 2's third value, "Unpaid carer known by association", describes a
    carer known only through the person they care for: not someone the record adds."""

    SERVICE_USER = "Service user", "Person who needs care and support"
    CARER = "Unpaid carer", "Unpaid carer"


class HasUnpaidCarer(models.TextChoices):
    YES = "Yes", "Yes"
    NO = "No", "No"
    UNKNOWN = "Unknown", "Not known"


class AccommodationStatus(models.TextChoices):
    """Release 2's 19 values and "Unknown", in the specification's order. (DHSC's
    "Unknown: presumed at home / in community" are derived by DHSC from services, never
    submitted, so they are not here.)"""

    OWNER = "Owner occupier or shared ownership scheme", "Owns their home (or shared ownership)"
    TENANT_SOCIAL = (
        "Tenant: Local authority or other social housing provider",
        "Tenant of the council or a housing association",
    )
    TENANT_PRIVATE = "Tenant: Private landlord", "Tenant of a private landlord"
    SETTLED_FAMILY = (
        "Settled mainstream housing with family or friends",
        "Lives with family or friends",
    )
    SUPPORTED = (
        "Supported accommodation, supported lodgings or supported group home",
        "Supported accommodation",
    )
    SHARED_LIVES = "Shared Lives scheme", "Shared Lives scheme"
    APPROVED_PREMISES = (
        "Approved premises for offenders released from prison or under probation supervision",
        "Approved premises (released from prison or on probation)",
    )
    SHELTERED = (
        "Sheltered housing, extra care housing or other sheltered housing",
        "Sheltered or extra care housing",
    )
    MOBILE = (
        "Mobile accommodation for Gypsy, Roma and Traveller communities",
        "Mobile accommodation for Gypsy, Roma and Traveller communities",
    )
    HOMELESS = "Rough sleeper or squatting", "Sleeping rough or squatting"
    NIGHT_SHELTER = (
        "Night shelter, emergency hostel or direct access hostel",
        "Night shelter or emergency hostel",
    )
    REFUGE = "Refuge", "Refuge"
    TEMPORARY = (
        "Placed in temporary accommodation by the council (inc. homelessness resettlement)",
        "Temporary accommodation placed by the council",
    )
    SHORT_TERM_GUEST = (
        "Staying with family or friends as a short term guest",
        "Staying with family or friends for a short time",
    )
    HOSPITAL = (
        "Acute hospital or long term healthcare residential facility",
        "In hospital or a long-term healthcare facility",
    )
    RESIDENTIAL = "Registered care home", "Care home"
    NURSING = "Registered nursing home", "Nursing home"
    PRISON = (
        "Prison, young offenders institution or detention centre",
        "Prison or detention",
    )
    OTHER_TEMPORARY = "Other temporary accommodation", "Other temporary accommodation"
    UNKNOWN = "Unknown", "Not known"


class EmploymentStatus(models.TextChoices):
    PAID_16_PLUS = "Paid: 16 or more hours a week", "Paid work, 16 or more hours a week"
    PAID_UNDER_16 = "Paid: Less than 16 hours a week", "Paid work, under 16 hours a week"
    PAID_UNKNOWN = "Paid: Hours per week unknown", "Paid work, hours not known"
    SEEKING = "Not in paid employment: Seeking work", "Not in paid work, looking for work"
    NOT_SEEKING = (
        "Not in paid employment: Not actively seeking work or retired",
        "Not in paid work, not looking (or retired)",
    )
    VOLUNTARY = "Not in paid employment: Voluntary work only", "Voluntary work only"
    UNKNOWN = "Unknown", "Not known"


# Release 1's wording of values Release 2 renamed, for turning records kept before the
# change into Release 2's (the migration that made the change uses it).
RELEASE_1_TO_2 = {
    "primary_support_reason": {
        "Physical Support: Access and mobility only": PrimarySupportReason.PHYSICAL_ACCESS,
        "Physical Support: Personal care support": PrimarySupportReason.PHYSICAL_PERSONAL,
        "Sensory Support: Support for visual impairment": PrimarySupportReason.SENSORY_VISUAL,
        "Sensory Support: Support for hearing impairment": PrimarySupportReason.SENSORY_HEARING,
        "Sensory Support: Support for dual impairment": PrimarySupportReason.SENSORY_DUAL,
        "Support with Memory and Cognition": PrimarySupportReason.MEMORY,
        "Learning Disability Support": PrimarySupportReason.LEARNING_DISABILITY,
        "Mental Health Support": PrimarySupportReason.MENTAL_HEALTH,
        "Social Support: Substance misuse support": PrimarySupportReason.SUBSTANCE,
        "Social Support: Asylum seeker support": PrimarySupportReason.ASYLUM,
        "Social Support: Support for Social Isolation/Other": PrimarySupportReason.SOCIAL_OTHER,
    },
    "client_type": {"Service User": ClientType.SERVICE_USER, "Carer": ClientType.CARER},
    "accommodation_status": {
        "Tenant (including local authority, arm's length management organisations, "
        "registered social landlord, housing association)": AccommodationStatus.TENANT_SOCIAL,
        "Tenant - private landlord": AccommodationStatus.TENANT_PRIVATE,
        "Settled mainstream housing with family / friends": AccommodationStatus.SETTLED_FAMILY,
        "Supported accommodation / supported lodgings / supported group home": (
            AccommodationStatus.SUPPORTED
        ),
        "Sheltered housing / extra care housing / other sheltered housing": (
            AccommodationStatus.SHELTERED
        ),
        "Rough sleeper / squatting": AccommodationStatus.HOMELESS,
        "Night shelter / emergency hostel / direct access hostel": (
            AccommodationStatus.NIGHT_SHELTER
        ),
        "Placed in temporary accommodation by the council (including homelessness "
        "resettlement)": AccommodationStatus.TEMPORARY,
        "Acute / long-term healthcare residential facility or hospital": (
            AccommodationStatus.HOSPITAL
        ),
        "Prison / Young offenders institution / detention centre": AccommodationStatus.PRISON,
    },
    "gender": {"Not Known": "Not known", "Not Specified": "Not specified"},
    "route_of_access": {
        "Planned Entry (Transition)": "Planned entry (transition)",
        "Discharge from Hospital": "Discharge from hospital",
        "Diversion from Hospital Services": "Diversion from hospital services",
        "Self-Funder with Depleted Funds": "Self-funder with depleted funds",
        "Community / Other route": "Community / other route",
    },
    "employment_status": {
        "Paid: Hours unknown": EmploymentStatus.PAID_UNKNOWN,
        "Not in Paid Employment (seeking work)": EmploymentStatus.SEEKING,
        "Not in Paid Employment (not actively seeking work / retired)": (
            EmploymentStatus.NOT_SEEKING
        ),
        "Not in Paid Employment (voluntary work only)": EmploymentStatus.VOLUNTARY,
    },
}


class RouteOfAccess(models.TextChoices):
    """How a request for support reached the council (CLD `Request_Route_of_Access`)."""

    PLANNED_ENTRY = (
        "Planned entry (transition)",
        "Planned entry (transition from children's services)",
    )
    HOSPITAL_DISCHARGE = "Discharge from hospital", "Discharge from hospital"
    HOSPITAL_DIVERSION = "Diversion from hospital services", "Diversion from hospital services"
    SELF_FUNDER = "Self-funder with depleted funds", "Self-funder whose funds have run down"
    PRISON = "Prison", "Prison"
    COMMUNITY = "Community / other route", "Community or other route"


class EventOutcome(models.TextChoices):
    """The outcome of a request, assessment or review (CLD `Event_Outcome`)."""

    ASSESSMENT = (
        "Progress to assessment, review or reassessment",
        "Progress to assessment, review or reassessment",
    )
    REABLEMENT = "Progress to reablement/ST-Max", "Progress to reablement (short-term support)"
    SUPPORT_PLANNING = (
        "Progress to support planning or services",
        "Progress to support planning or services",
    )
    CONTINUATION = "Continuation of support or services", "Continuation of support or services"
    HOSPITAL = "Admitted to hospital", "Admitted to hospital"
    NFA_DECEASED = "NFA: Deceased", "No further action: deceased"
    NFA_INFORMATION = (
        "NFA: Information and advice or signposting",
        "No further action: information and advice or signposting",
    )
    NFA_OTHER_REASON = (
        "NFA: No services offered for other reason",
        "No further action: no services offered for another reason",
    )
    NFA_NHS = (
        "NFA: Referral to NHS services or NHS funded social care",
        "No further action: referred to NHS services",
    )
    NFA_OTHER_LA_SERVICE = (
        "NFA: Referral to other service within the local authority",
        "No further action: referred to another council service",
    )
    NFA_MOVED = (
        "NFA: Responsibility moved to another local authority",
        "No further action: another council is responsible",
    )
    NFA_SELF_FUNDED = (
        "NFA: Self-funded client or under 12wk disregard",
        "No further action: self-funded",
    )
    NFA_DECLINED = "NFA: Support declined", "No further action: support declined"
    NFA_ENDED_PLANNED = (
        "NFA: Support ended as planned",
        "No further action: support ended as planned",
    )
    NFA_ENDED_OTHER = (
        "NFA: Support ended for other reason",
        "No further action: support ended for another reason",
    )
    NFA_OTHER = "NFA: Other", "No further action: other"


def event_outcome_group(value: str) -> str:
    """DHSC's grouping: every "NFA: …" outcome is "NFA"; the others are themselves."""
    return "NFA" if value.startswith("NFA") else value


# --- Issue 18: the rest of Release 2, for the quarterly extract (`returns`) ---------
#
# Each list says where its spellings come from. DHSC's public code shows some lists
# whole (`CONFIRMED = True` below); for the others it shows only a few values or none,
# because DHSC keeps the mapping tables private (the AGEM "CLD data specification
# release 2 mapping" spreadsheet). Those are marked `CONFIRMED = False`: the
# data-quality page says "(value list unconfirmed)" beside them, and one edit here puts
# them right once the specification is checked.
#
# Which lists are confirmed, by name (the checker and the page read this).
CONFIRMED_LISTS = {
    "Ethnicity",
    "EventOutcome",
    "AccommodationStatus",
    "EmploymentStatus",
    "ClientType",
    "EventType",
    "ServiceType",
    "DeliveryMechanism",
    "ClientFundingStatus",
}


class EventType(models.TextChoices):
    """`Event_Type`. Source: DHSC `2.Services_fact.sql:38`, `3.Requests_fact.sql:44`,
    `4.Assessments_fact.sql:44`, `5.Reviews_fact.sql:40`."""

    REQUEST = "Request", "Request"
    ASSESSMENT = "Assessment", "Assessment"
    SERVICE = "Service", "Service"
    REVIEW = "Review", "Review"


class AssessmentType(models.TextChoices):
    """`Assessment_Type`. Short and long term: DHSC `waiting_times_method.sql:40`. The
    carer's assessment value is not in DHSC's public code (unconfirmed)."""

    SHORT_TERM = (
        "Short term assessment",
        "Short-term assessment (for reablement or short-term support)",
    )
    LONG_TERM = "Long term assessment", "Long-term assessment"
    UNPAID_CARER = "Unpaid carer assessment", "Unpaid carer's assessment"


class EligibleNeeds(models.TextChoices):
    """`Eligible_Needs_Identified` (unconfirmed)."""

    YES = "Yes", "Yes"
    NO = "No", "No"


class MethodOfContact(models.TextChoices):
    """`Method_of_Assessment` and `Method_of_Review` (unconfirmed)."""

    FACE_TO_FACE = "Face to face", "Face to face"
    TELEPHONE = "Telephone", "By telephone"
    VIDEO = "Video call", "By video call"
    SELF_ASSESSMENT = "Online or paper self-assessment", "Self-assessment, online or on paper"
    OTHER = "Other", "Other"


class ReviewReason(models.TextChoices):
    """`Review_Reason`. DHSC groups values beginning "Planned" and "Unplanned", and
    "Review of short term support" exactly (`create_GetDerivedFields_procedure.sql:
    90-92`); the full wording is unconfirmed."""

    PLANNED = "Planned review", "Planned review of long-term support"
    UNPLANNED = "Unplanned review", "Unplanned review (something changed)"
    SHORT_TERM = "Review of short term support", "Review of short-term support"


class ReviewOutcomesAchieved(models.TextChoices):
    """`Review_Outcomes_Achieved` (unconfirmed)."""

    FULLY = "Fully achieved", "Fully achieved"
    PARTLY = "Partially achieved", "Partially achieved"
    NOT_ACHIEVED = "Not achieved", "Not achieved"


class ServiceType(models.TextChoices):
    """`Service_Type`, Release 2's nine. Source: DHSC `5-data-cleaning.md:92-103`."""

    LTS_COMMUNITY = "Long term support: Community", "Long-term support in the community"
    LTS_NURSING = "Long term support: Nursing care", "Long-term nursing care"
    LTS_PRISON = "Long term support: Prison", "Long-term support in prison"
    LTS_RESIDENTIAL = "Long term support: Residential care", "Long-term residential care"
    STS_LOW_LEVEL = "Short term support: Ongoing low level", "Short-term: ongoing low-level support"
    STS_OTHER = "Short term support: Other short term", "Short-term: other short-term support"
    STS_ST_MAX = "Short term support: ST-Max", "Short-term: reablement (ST-Max)"
    CARER_DIRECT = (
        "Unpaid carer support: Direct to unpaid carer",
        "Support for an unpaid carer, given to the carer",
    )
    CARER_VIA_CARED_FOR = (
        "Unpaid carer support: Support involving the person cared-for",
        "Support for an unpaid carer, given to the person they care for",
    )


def service_type_group(value: str) -> str:
    """DHSC's `Service_Type_Grouped`: the text before the colon."""
    return value.split(":", 1)[0] if value in ServiceType.values else "Unknown"


class ServiceComponent(models.TextChoices):
    """`Service_Component`. The first nine are in DHSC's code (`Create_ASCOF_3D_2425_
    Onwards.sql:167`, `Create_ASCOF_2D.sql:116`, `Create_ASCOF_2A_2425_Onwards.sql`,
    `Create_personal_details_table.sql:304`); the rest are unconfirmed."""

    HOME_SUPPORT = "Home support or domiciliary care", "Home support (domiciliary care)"
    DIRECT_PAYMENT = "Direct payment", "Direct payment"
    REABLEMENT = "Reablement", "Reablement"
    SHORT_TERM_RESIDENTIAL = "Short term residential care", "Short-term residential care"
    SHORT_TERM_NURSING = "Short term nursing care", "Short-term nursing care"
    EQUIPMENT = "Equipment", "Equipment"
    SHARED_LIVES = "Shared Lives", "Shared Lives"
    SUPPORTED_LIVING = "Community supported living", "Supported living"
    EXTRA_CARE = "Extra care housing", "Extra care housing"
    LONG_TERM_RESIDENTIAL = "Long term residential care", "Long-term residential care"
    LONG_TERM_NURSING = "Long term nursing care", "Long-term nursing care"
    DAY_CARE = "Day care or day services", "Day care or day services"
    RESPITE = "Respite", "Respite (a break for the carer)"
    TELECARE = "Telecare or assistive technology", "Telecare or assistive technology"
    OTHER = "Other community support", "Other support in the community"


CONFIRMED_SERVICE_COMPONENTS = frozenset(list(ServiceComponent.values)[:9])


class DeliveryMechanism(models.TextChoices):
    """`Delivery_Mechanism`. Source: DHSC `Create_ASCOF_3D_2425_Onwards.sql:107-112`."""

    DIRECT_PAYMENT = "Direct payment", "Direct payment"
    MANAGED_BUDGET = "CASSR managed personal budget", "Council-managed personal budget"
    COMMISSIONED = "CASSR commissioned support", "Council-commissioned support"


class CostFrequency(models.TextChoices):
    """`Cost_Frequency_Unit_Type` (unconfirmed spellings; DHSC's dashboard reads them by
    their first word, `6.Costs_fact.sql:48-66`)."""

    HOURLY = "Hourly", "Per hour"
    DAILY = "Daily", "Per day"
    PER_SESSION = "Per session", "Per session"
    WEEKLY = "Weekly", "Per week"
    FORTNIGHTLY = "Fortnightly", "Per fortnight"
    FOUR_WEEKLY = "4-weekly", "Per 4 weeks"
    MONTHLY = "Monthly", "Per month"
    QUARTERLY = "Quarterly", "Per quarter"
    ANNUALLY = "Annually", "Per year"
    ONE_OFF = "One-off", "One-off"


# How many of a frequency's units make a week, where the frequency says it (DHSC
# `6.Costs_fact.sql:53-66`); the others are counted by `Planned_units_per_week`.
UNITS_PER_WEEK = {
    CostFrequency.WEEKLY: 1,
    CostFrequency.FORTNIGHTLY: 1 / 2,
    CostFrequency.FOUR_WEEKLY: 1 / 4,
    CostFrequency.MONTHLY: 12 / 52,
    CostFrequency.QUARTERLY: 4 / 52,
    CostFrequency.ANNUALLY: 1 / 52,
}


class ClientFundingStatus(models.TextChoices):
    """`Client_Funding_Status`. Source: DHSC `Create_personal_details_table.sql:697`."""

    COUNCIL = "Fully social care funded", "Fully funded by the council"
    JOINT = "Joint client and social care funded", "Funded jointly by the person and the council"
    CLIENT = "Fully client funded", "Fully funded by the person"


class HealthCondition(models.TextChoices):
    """`Autism_Spectrum_Disorder_ASD`, `Visual_Impairment`, `Hearing_Impairment`,
    `Dementia` (unconfirmed)."""

    YES = "Yes", "Yes"
    NO = "No", "No"
    UNKNOWN = "Unknown", "Not known"


# DHSC's precedence of event outcomes when two rows are the same event: lowest first
# (`6-deduplication.md:78-97`; 3 is "Release 1 specification only: Not mapped").
EVENT_OUTCOME_HIERARCHY = {
    EventOutcome.REABLEMENT: 1,
    EventOutcome.ASSESSMENT: 2,
    EventOutcome.SUPPORT_PLANNING: 4,
    EventOutcome.CONTINUATION: 5,
    EventOutcome.HOSPITAL: 6,
    EventOutcome.NFA_MOVED: 7,
    EventOutcome.NFA_NHS: 8,
    EventOutcome.NFA_SELF_FUNDED: 9,
    EventOutcome.NFA_INFORMATION: 10,
    EventOutcome.NFA_OTHER_LA_SERVICE: 11,
    EventOutcome.NFA_DECLINED: 12,
    EventOutcome.NFA_DECEASED: 13,
    EventOutcome.NFA_ENDED_PLANNED: 14,
    EventOutcome.NFA_ENDED_OTHER: 15,
    EventOutcome.NFA_OTHER_REASON: 16,
    EventOutcome.NFA_OTHER: 17,
}


# The extract's columns, in DHSC's order (the rows of `create_GetDQValues_procedure.sql`'s
# CROSS APPLY, which also names each one's module).
EXTRACT_COLUMNS = (
    "LA_Code",
    "Reporting_Period_End_Date",
    "Reporting_Period_Start_Date",
    "NHS_Number",
    "LA_Person_Unique_Identifier",
    "GP_Practice_Code",
    "Gender",
    "Ethnicity",
    "Date_of_Birth",
    "Date_of_Death",
    "Client_Type",
    "Primary_Support_Reason",
    "Postcode",
    "Accommodation_Status",
    "Employment_Status",
    "Has_Unpaid_Carer",
    "Autism_Spectrum_Disorder_ASD",
    "Visual_Impairment",
    "Hearing_Impairment",
    "Dementia",
    "Client_Funding_Status",
    "Event_Type",
    "Event_Reference",
    "Event_Start_Date",
    "Event_End_Date",
    "Event_Description",
    "Event_Outcome",
    "Request_Route_of_Access",
    "Assessment_Type",
    "Eligible_Needs_Identified",
    "Method_of_Assessment",
    "Total_Hrs_Caring_per_week",
    "No_of_adults_being_cared_for",
    "Adult_1_Linked_Person_ID",
    "Adult_2_Linked_Person_ID",
    "Adult_3_Linked_Person_ID",
    "Service_Type",
    "Service_Component",
    "Delivery_Mechanism",
    "Provider_CQC_Location_ID",
    "Review_Reason",
    "Review_Outcomes_Achieved",
    "Method_of_Review",
    "Unit_Cost",
    "Cost_Frequency_Unit_Type",
    "Planned_units_per_week",
)
