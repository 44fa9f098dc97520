"""The forms of the page of an unpaid carer's cared-for adults and hours caring
(`recording.carer_views`)."""

from crispy_forms_gds.helper import FormHelper
from django import forms

from recording.carers import HOURS_RANGE


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()  # the error summary reads it
        self.helper.form_tag = False


class CaredForAddForm(_Form):
    """Find the adult by council reference, or by name among the people the user may
    see."""

    prefix = "add"

    reference = forms.CharField(
        label="Council reference or name of the adult they care for",
        help_text="For example, PR-000123, or their name",
        max_length=200,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the council reference or name of the adult they care for"
        },
    )


class HoursForm(_Form):
    prefix = "hours"

    hours = forms.IntegerField(
        label="Hours caring each week",
        help_text="In total, for all the adults they care for. A whole number from 0 to 168",
        min_value=0,
        max_value=168,
        error_messages={
            "required": "Enter the hours they spend caring each week",
            "invalid": HOURS_RANGE,
            "min_value": HOURS_RANGE,
            "max_value": HOURS_RANGE,
        },
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "spellcheck": "false", "class": "govuk-input--width-3"}
        ),
    )
