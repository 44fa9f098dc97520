"""The kinds of record on a person: one list, used by every app. It is here, below every
app (the layers in pyproject.toml), because `principles` needs it as well as `recording`."""

from django.db import models


class RecordKind(models.TextChoices):
    CASE_NOTE = "case_note", "Case note"
    PROVISIONAL_CARE_PACKAGE = "provisional_care_package", "Provisional care package"
    # The Care Act records (the `assessments` app, SPEC 3).
    NEEDS_ASSESSMENT = "needs_assessment", "Needs assessment"
    CARERS_ASSESSMENT = "carers_assessment", "Carer's assessment"
    ELIGIBILITY = "eligibility", "Eligibility determination"
    CARE_PLAN = "care_plan", "Care and support plan"
    REVIEW = "review", "Review"
    SAFEGUARDING = "safeguarding", "Safeguarding concern"


# Their pages are in the `assessments` app.
CARE_ACT_KINDS = (
    RecordKind.NEEDS_ASSESSMENT,
    RecordKind.CARERS_ASSESSMENT,
    RecordKind.ELIGIBILITY,
    RecordKind.CARE_PLAN,
    RecordKind.REVIEW,
    RecordKind.SAFEGUARDING,
)
# The person is owed a copy of these (Herts P5)...
COPY_KINDS = frozenset(
    {
        RecordKind.NEEDS_ASSESSMENT,
        RecordKind.CARERS_ASSESSMENT,
        RecordKind.ELIGIBILITY,
        RecordKind.CARE_PLAN,
    }
)
# ...and a manager authorises these.
AUTHORISED_KINDS = frozenset({RecordKind.ELIGIBILITY, RecordKind.CARE_PLAN})
