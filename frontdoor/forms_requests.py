"""The forms of the front door's requests for support (issue 17, part 2)."""

from crispy_forms_gds.layout import Field, Fixed, Layout, Size
from django import forms
from django.utils import timezone

from config import cld
from config.forms import BaseForm, PastDateField
from frontdoor.models import Priority, Requester, ScreeningOutcome, Urgency, WorkKind
from frontdoor.services_requests import ASSESSMENT_KINDS, screening_errors
from recording.forms import london_moment, parse_time_of_day
from recording.models import Contact, Person


class SupportRequestForm(BaseForm):
    submit_label = "Save request"

    received_date = PastDateField(
        label="Date the request was received",
        subject="The date the request was received",
        help_text="For example, 23 11 2026",
    )
    received_time = forms.CharField(
        label="Time it was received",
        help_text="For example, 9:30 or 14:15",
        max_length=10,
        error_messages={"required": "Enter the time the request was received"},
    )
    method = forms.ChoiceField(
        label="How did the request come?",
        choices=Contact.Method.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how the request came",
            "invalid_choice": "Select how the request came",
        },
    )
    requester = forms.ChoiceField(
        label="Who asked?",
        choices=Requester.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select who asked for support",
            "invalid_choice": "Select who asked for support",
        },
    )
    requester_name = forms.CharField(
        label="Their name and how to reach them (optional)",
        help_text="For example, Jo Oyelaran (daughter), 07700 900123",
        max_length=300,
        required=False,
        error_messages={"max_length": "Their name and contact must be 300 characters or fewer"},
    )
    route_of_access = forms.ChoiceField(
        label="Route of access",
        help_text="How the request reached adult social care",
        choices=cld.RouteOfAccess.choices,
        initial=cld.RouteOfAccess.COMMUNITY,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the route of access",
            "invalid_choice": "Select the route of access",
        },
    )
    asked_for = forms.CharField(
        label="What did they ask for?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={
            "required": "Enter what they asked for",
            "max_length": "What they asked for must be 5,000 characters or fewer",
        },
    )
    urgency = forms.ChoiceField(
        label="How urgent is it?",
        choices=Urgency.choices,
        initial=Urgency.STANDARD,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how urgent the request is",
            "invalid_choice": "Select how urgent the request is",
        },
    )

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["received_date"].error_messages.update(
            required="Enter the date the request was received",
            incomplete="Enter the date the request was received",
        )
        self.helper.layout = Layout(
            Field("received_date", legend_size=Size.SMALL),
            Field.text("received_time", field_width=Fixed.TEN),
            Field.radios("method", legend_size=Size.SMALL),
            Field.radios("requester", legend_size=Size.SMALL),
            Field.text("requester_name"),
            Field.radios("route_of_access", legend_size=Size.SMALL),
            Field.textarea("asked_for", label_size=Size.SMALL, rows=4),
            Field.radios("urgency", legend_size=Size.SMALL),
        )

    def clean_received_time(self):
        at = parse_time_of_day(self.cleaned_data["received_time"])
        if at is None:
            raise forms.ValidationError("Enter the time as hours and minutes, like 9:30 or 14:15")
        return at

    def clean(self):
        cleaned = super().clean()
        day, at = cleaned.get("received_date"), cleaned.get("received_time")
        if day is None:
            return cleaned
        if day < self.person.date_of_birth:
            self.add_error(
                "received_date",
                "Date the request was received must be on or after the person's date of "
                f"birth, {self.person.date_of_birth:%-d %B %Y}",
            )
            return cleaned
        if at is None:
            return cleaned
        moment = london_moment(day, at)
        if moment is None:
            self.add_error(
                "received_time",
                "The clocks went forward at 1am that day: enter a time before 1am or from 2am",
            )
        elif moment > timezone.now():
            self.add_error("received_time", "Time the request was received must be in the past")
        else:
            cleaned["received_at"] = moment
        return cleaned


class ScreeningForm(BaseForm):
    submit_label = "Save screening decision"

    outcome = forms.ChoiceField(
        label="What is the outcome of screening?",
        choices=ScreeningOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the outcome of screening",
            "invalid_choice": "Select the outcome of screening",
        },
    )
    reason = forms.CharField(
        label="Reason, or who the person was signposted to",
        help_text="Required for no further action (why) and for signposting (to whom)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        error_messages={"max_length": "The reason must be 5,000 characters or fewer"},
    )
    assessment_kind = forms.ChoiceField(
        label="If an assessment is needed: which assessment?",
        choices=[(kind.value, kind.label) for kind in ASSESSMENT_KINDS],
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Select which assessment is needed"},
    )
    priority = forms.ChoiceField(
        label="If an assessment is needed: its priority",
        choices=Priority.choices,
        initial=Priority.MEDIUM,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Select the priority of the assessment"},
    )
    priority_reason = forms.CharField(
        label="Why this priority?",
        help_text="Required for high priority",
        max_length=300,
        required=False,
        error_messages={
            "max_length": "The reason for the priority must be 300 characters or fewer"
        },
    )

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        carer = person.client_type == cld.ClientType.CARER
        self.fields["assessment_kind"].initial = (
            WorkKind.CARERS_ASSESSMENT if carer else WorkKind.NEEDS_ASSESSMENT
        )
        self.helper.layout = Layout(
            Field.radios("outcome", legend_size=Size.SMALL),
            Field.textarea("reason", label_size=Size.SMALL, rows=3),
            Field.radios("assessment_kind", legend_size=Size.SMALL),
            Field.radios("priority", legend_size=Size.SMALL),
            Field.text("priority_reason"),
        )

    def clean(self):
        cleaned = super().clean()
        if "outcome" not in cleaned:
            return cleaned
        errors = screening_errors(
            outcome=cleaned["outcome"],
            reason=cleaned.get("reason", ""),
            assessment_kind=cleaned.get("assessment_kind", ""),
            priority=cleaned.get("priority", ""),
            priority_reason=cleaned.get("priority_reason", ""),
        )
        for name, message in errors.items():
            if name not in self.errors:
                self.add_error(name, message)
        return cleaned
