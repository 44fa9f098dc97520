"""The form of a safeguarding concern's enquiry (issue 18, part 6): what the concern led
to, then the enquiry as it goes. The form only reads what was typed; what is required
and when is the model's (`SafeguardingEnquiry.enquiry_errors`), shown next to each field."""

from django import forms

from assessments.forms import choice_field, yes_no_field
from assessments.models import ENQUIRY_CONCLUDED, ENQUIRY_STARTED, SafeguardingEnquiry
from config import sac
from config.forms import BaseForm, PastDateField


def _checkboxes(label: str, choices, help_text: str = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        help_text=help_text,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def _date(label: str, subject: str, help_text: str) -> PastDateField:
    return PastDateField(label=label, subject=subject, help_text=help_text, required=False)


class EnquiryForm(BaseForm):
    submit_label = "Save the enquiry"

    outcome_of_concern = forms.ChoiceField(
        label="What did the concern lead to?",
        help_text="A section 42 enquiry when the person has care and support needs, is "
        "experiencing or at risk of abuse or neglect, and cannot protect themselves "
        "because of those needs.",
        choices=SafeguardingEnquiry.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what the concern led to",
            "invalid_choice": "Select what the concern led to",
        },
    )
    no_enquiry_reason = forms.CharField(
        label="If there was no enquiry, why not?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    started_on = _date("Date the enquiry started", ENQUIRY_STARTED, "For example, 3 11 2026")
    concluded_on = _date(
        "Date the enquiry concluded",
        ENQUIRY_CONCLUDED,
        "Leave empty while the enquiry goes on. Once concluded, every question below "
        "must be answered, and the enquiry cannot be changed.",
    )
    risk_types = _checkboxes(
        "Types of abuse or neglect", sac.RiskType.choices, "Select all that apply."
    )
    location = choice_field("Where was the risk?", sac.RiskLocation.choices)
    sources = _checkboxes("Sources of risk", sac.SourceOfRisk.choices, "Select all that apply.")
    asked_outcomes = choice_field(
        "Was the person, or their representative, asked what outcomes they wanted?",
        sac.AskedOutcomes.choices,
    )
    outcomes_achieved = choice_field(
        "If they expressed outcomes, were they achieved?", sac.OutcomesAchieved.choices
    )
    action_and_result = choice_field(
        "Was a risk identified, and was action taken?", sac.ActionAndResult.choices
    )
    risk_outcome = choice_field(
        "If a risk was identified and action taken, what happened to the risk?",
        sac.RiskOutcome.choices,
    )
    lacked_capacity = yes_no_field(
        "Did the person lack capacity to make decisions about the enquiry?"
    )
    advocate_supported = yes_no_field(
        "If they lacked capacity, were they supported by an advocate, family or friend?"
    )

    # The version the form showed (`services_enquiry.enquiry_save`: a later save by
    # someone else is a conflict, never overwritten).
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, enquiry: SafeguardingEnquiry | None = None, **kwargs):
        if enquiry is not None:
            kwargs["initial"] = self.initial_from(enquiry)
        super().__init__(*args, **kwargs)

    @staticmethod
    def initial_from(enquiry: SafeguardingEnquiry) -> dict:
        initial = {
            name: getattr(enquiry, name)
            for name in (
                "outcome_of_concern",
                "no_enquiry_reason",
                "started_on",
                "concluded_on",
                "location",
                "asked_outcomes",
                "outcomes_achieved",
                "action_and_result",
                "risk_outcome",
            )
        }
        for name in ("lacked_capacity", "advocate_supported"):
            value = getattr(enquiry, name)
            initial[name] = None if value is None else ("yes" if value else "no")
        initial["version"] = enquiry.version
        initial["risk_types"] = enquiry.chosen_risk_types()
        initial["sources"] = enquiry.chosen_sources()
        return initial

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, message in errors.items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
            elif name not in self.fields:
                self.add_error(None, message)
