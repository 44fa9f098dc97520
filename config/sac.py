"""The Safeguarding Adults Collection (SAC): the categories of its tables SG1 and SG2,
in one place, so a section 42 enquiry is recorded in the words the return counts.

Sources: NHS England's "Guidance for completing the SAC" (SG1 demographics, SG2 case
details) and DHSC's "SAC data return 2025 to 2026: guidance for local authorities" (no
change to the data requirements); the LGA's Making Safeguarding Personal outcomes
framework. The enquiry types and the sources of risk are quoted from the guidance
(`CONFIRMED`); the other lists follow the SAC template's categories as published in NHS
Digital's safeguarding tables and are to be checked against the year's template.
"""

from django.db import models

CONFIRMED_LISTS = {"EnquiryType", "SourceOfRisk"}


class EnquiryType(models.TextChoices):
    """Care Act 2014 s42: an enquiry where the three s42(1) criteria are met (the duty
    of s42(2)), or an "other" enquiry the council makes because it is proportionate."""

    S42 = "s42", "Section 42 enquiry (the s42(1) criteria are met)"
    OTHER = "other", "Other safeguarding enquiry"


class RiskType(models.TextChoices):
    PHYSICAL = "physical", "Physical abuse"
    SEXUAL = "sexual", "Sexual abuse"
    PSYCHOLOGICAL = "psychological", "Psychological abuse"
    FINANCIAL = "financial", "Financial or material abuse"
    DISCRIMINATORY = "discriminatory", "Discriminatory abuse"
    ORGANISATIONAL = "organisational", "Organisational abuse"
    NEGLECT = "neglect", "Neglect and acts of omission"
    DOMESTIC = "domestic", "Domestic abuse"
    SEXUAL_EXPLOITATION = "sexual_exploitation", "Sexual exploitation"
    MODERN_SLAVERY = "modern_slavery", "Modern slavery"
    SELF_NEGLECT = "self_neglect", "Self-neglect"


class RiskLocation(models.TextChoices):
    OWN_HOME = "own_home", "Own home"
    COMMUNITY = "community", "In the community (excluding community services)"
    COMMUNITY_SERVICE = "community_service", "In a community service"
    CARE_HOME_NURSING = "care_home_nursing", "Care home: nursing"
    CARE_HOME_RESIDENTIAL = "care_home_residential", "Care home: residential"
    HOSPITAL_ACUTE = "hospital_acute", "Hospital: acute"
    HOSPITAL_MENTAL_HEALTH = "hospital_mental_health", "Hospital: mental health"
    HOSPITAL_COMMUNITY = "hospital_community", "Hospital: community"
    OTHER = "other", "Other"


class SourceOfRisk(models.TextChoices):
    SERVICE_PROVIDER = "service_provider", "Service provider"
    KNOWN = "known", "Other: known to the individual"
    UNKNOWN = "unknown", "Other: unknown to the individual"


class AskedOutcomes(models.TextChoices):
    """Making Safeguarding Personal: was the person (or their representative) asked
    what they wanted to happen, and did they say?"""

    EXPRESSED = "expressed", "Yes, they were asked and outcomes were expressed"
    NOT_EXPRESSED = "not_expressed", "Yes, they were asked but no outcomes were expressed"
    NOT_ASKED = "not_asked", "No, they were not asked"
    DONT_KNOW = "dont_know", "Don't know"


class OutcomesAchieved(models.TextChoices):
    FULLY = "fully", "Fully achieved"
    PARTLY = "partly", "Partially achieved"
    NOT_ACHIEVED = "not", "Not achieved"


class RiskOutcome(models.TextChoices):
    """Of a concluded enquiry where a risk was identified and action taken."""

    REMOVED = "removed", "Risk removed"
    REDUCED = "reduced", "Risk reduced"
    REMAINS = "remains", "Risk remains"


class ActionAndResult(models.TextChoices):
    """SG2: whether a risk was identified and whether action was taken."""

    RISK_ACTION = "risk_action", "Risk identified and action taken"
    RISK_NO_ACTION = "risk_no_action", "Risk identified and no action taken"
    INCONCLUSIVE_ACTION = "inconclusive_action", "Risk assessment inconclusive and action taken"
    INCONCLUSIVE_NO_ACTION = (
        "inconclusive_no_action",
        "Risk assessment inconclusive and no action taken",
    )
    NO_RISK_ACTION = "no_risk_action", "No risk identified and action taken"
    NO_RISK_NO_ACTION = "no_risk_no_action", "No risk identified and no action taken"
    CEASED = "ceased", "Enquiry ceased at the individual's request and no action taken"
