"""The form of a support's CLD service details on an authorised plan
(`assessments:support_service`)."""

from django import forms

from assessments.forms import select_field, units_field
from assessments.models import SERVICE_END_OUTCOMES
from config import cld
from config.forms import BaseForm, DateField, MoneyField


class SupportServiceForm(BaseForm):
    submit_label = "Save the service details"

    service_type = select_field(
        "Service type", cld.ServiceType.choices, "As the Client Level Data return counts it."
    )
    service_component = select_field(
        "Service component", cld.ServiceComponent.choices, "What the service is."
    )
    delivery_mechanism = forms.ChoiceField(
        label="How it is delivered",
        choices=cld.DeliveryMechanism.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    provider_cqc_location_id = forms.CharField(
        label="Provider's CQC location ID",
        help_text="For a provider registered with the Care Quality Commission, for example "
        "1-123456789.",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    unit_cost = MoneyField(
        label="Cost", help_text="For example, 18.50 an hour or 400 a month", noun="the cost"
    )
    cost_frequency = select_field("The cost is", cld.CostFrequency.choices)
    planned_units_per_week = units_field("Planned hours, days or sessions a week")
    start_date = DateField(
        label="Date the service started",
        help_text="Or the date it will start, for example 1 12 2026",
        required=False,
    )
    end_date = DateField(
        label="Date the service ended",
        help_text="Only when the service has ended, or has a planned end within a year, "
        "for example 31 3 2027",
        required=False,
    )
    end_outcome = select_field(
        "Why the service ended",
        [(value, cld.EventOutcome(value).label) for value in SERVICE_END_OUTCOMES],
    )
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("seen", None)
        return {
            name: (value.strip() if isinstance(value, str) else value)
            for name, value in data.items()
        }
