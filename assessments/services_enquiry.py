"""Recording the enquiry a completed safeguarding concern led to (issue 18, part 6).

One enquiry per concern (`SafeguardingEnquiry.concern` is one-to-one): the first save
creates it, later saves change it while it is open, with the version the form showed
(two people saving at once: one wins, the other is told). A concluded enquiry is never
changed. The rules are the model's (`SafeguardingEnquiry.clean`)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from assessments.models import (
    EnquiryRiskSource,
    EnquiryRiskType,
    SafeguardingConcern,
    SafeguardingEnquiry,
)
from config import sac

ENQUIRY_FIELDS = (
    "outcome_of_concern",
    "no_enquiry_reason",
    "started_on",
    "concluded_on",
    "location",
    "asked_outcomes",
    "outcomes_achieved",
    "action_and_result",
    "risk_outcome",
    "lacked_capacity",
    "advocate_supported",
)
NO_ENQUIRY_BLANKS = {
    "started_on": None,
    "concluded_on": None,
    "location": "",
    "asked_outcomes": "",
    "outcomes_achieved": "",
    "action_and_result": "",
    "risk_outcome": "",
    "lacked_capacity": None,
    "advocate_supported": None,
}


class EnquiryConflictError(Exception):
    """Someone else saved the enquiry after the form was shown."""


class EnquiryConcludedError(Exception):
    """The enquiry is concluded: it is never changed."""


def _in_order(values, choices) -> list[str]:
    chosen = set(values)
    return [value for value in choices.values if value in chosen]


def enquiry_save(
    *,
    concern: SafeguardingConcern,
    user,
    fields: dict,
    risk_types=(),
    sources=(),
    version: int | None = None,
) -> SafeguardingEnquiry:
    """Create or change the concern's enquiry. Raises ValidationError (keyed by the
    form's field names), EnquiryConflictError or EnquiryConcludedError."""
    if not concern.is_completed:
        raise ValidationError({"outcome_of_concern": "Complete the concern first"})
    values = {name: fields.get(name) for name in ENQUIRY_FIELDS}
    values["no_enquiry_reason"] = (values["no_enquiry_reason"] or "").strip()
    for name, blank in NO_ENQUIRY_BLANKS.items():
        if blank == "":
            values[name] = values[name] or ""
    risk_types = _in_order(risk_types, sac.RiskType)
    sources = _in_order(sources, sac.SourceOfRisk)
    if values["outcome_of_concern"] == SafeguardingEnquiry.Decision.NONE:
        values.update(NO_ENQUIRY_BLANKS)
        risk_types, sources = [], []
    else:
        values["no_enquiry_reason"] = ""
    with transaction.atomic():
        enquiry = SafeguardingEnquiry.objects.select_for_update().filter(concern=concern).first()
        if enquiry is None:
            if version is not None:  # the form showed an enquiry: it cannot have gone
                raise EnquiryConflictError
            enquiry = SafeguardingEnquiry(concern=concern)
        else:
            if enquiry.is_concluded:
                raise EnquiryConcludedError
            if version != enquiry.version:
                raise EnquiryConflictError
            enquiry.version += 1
        for name, value in values.items():
            setattr(enquiry, name, value)
        enquiry.recorded_by = user
        enquiry.risk_types, enquiry.sources = risk_types, sources
        enquiry.full_clean(exclude=["concern", "recorded_by"], validate_unique=False)
        try:
            with transaction.atomic():
                enquiry.save()
        except IntegrityError as error:  # two first saves at once: one wins
            raise EnquiryConflictError from error
        _keep_rows(enquiry, EnquiryRiskType, "risk_type", risk_types)
        _keep_rows(enquiry, EnquiryRiskSource, "source", sources)
    del enquiry.risk_types, enquiry.sources
    return enquiry


def _keep_rows(enquiry, model, field: str, values: list[str]) -> None:
    """The enquiry's rows of `model` become `values` (each once)."""
    rows = model.objects.filter(enquiry=enquiry)
    for row in rows.exclude(**{f"{field}__in": values}):
        row.delete()  # one by one, so each is in the history
    have = set(rows.values_list(field, flat=True))
    for value in values:
        if value not in have:
            model.objects.create(enquiry=enquiry, **{field: value})
