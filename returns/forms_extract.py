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


def _label(end: date) -> str:
    period = reporting_period(end)
    return f"{end:%-d %B %Y} (the 12 months from {period.start:%-d %B %Y} to {end:%-d %B %Y})"


class ExtractForm(forms.Form):
    period_end = forms.TypedChoiceField(
        label="Period ending",
        help_text="The rolling 12 months DHSC asks for each quarter end on a quarter end.",
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
        field.choices = [(end.isoformat(), _label(end)) for end in ends]
        field.initial = ends[0].isoformat()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.select("period_end"), Submit("download", "Download the extract (CSV)")
        )
