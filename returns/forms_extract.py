"""The extract page's one question: which quarter end the 12 months end on."""

from datetime import date, timedelta

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms

from returns.periods import latest_quarter_end, reporting_period

QUARTERS_OFFERED = 8


def quarter_ends(today: date, count: int = QUARTERS_OFFERED) -> list[date]:
    """The latest `count` quarter ends on or before `today`, newest first."""
    ends = [latest_quarter_end(today)]
    while len(ends) < count:
        ends.append(latest_quarter_end(ends[-1] - timedelta(days=1)))
    return ends


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
        ends = quarter_ends(today)
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
