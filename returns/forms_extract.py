"""The extract page's one question: which quarter end the 12 months end on."""

from datetime import date

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms

from returns.periods import recent_quarter_ends, reporting_period


def _long(day: date) -> str:
    return f"{day:%-d %B %Y}"


class ExtractForm(forms.Form):
    period_end = forms.TypedChoiceField(
        label="Period ending",
        coerce=date.fromisoformat,
        error_messages={
            "required": "Select the quarter end the period ends on",
            "invalid_choice": "Select one of the quarter ends listed",
        },
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        ends = recent_quarter_ends(today)
        field = self.fields["period_end"]
        field.choices = [(end.isoformat(), _long(end)) for end in ends]
        field.initial = ends[0].isoformat()
        latest = reporting_period(ends[0])
        field.help_text = (
            "The file covers the 12 months ending on this quarter end: for "
            f"{_long(latest.end)}, {_long(latest.start)} to {_long(latest.end)}."
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.select("period_end"), Submit("download", "Download the extract (CSV)")
        )
