"""The access log's filters, in the URL: a person (name or council reference) and the
dates. A bad value is shown next to its field and left out; it never widens the scope."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from config.forms import DateField

FILTER_FIELDS = ("person", "date_from", "date_to")


class AccessLogFilterForm(forms.Form):
    person = forms.CharField(
        label="Person",
        help_text="Their name or council reference",
        required=False,
        max_length=200,
    )
    date_from = DateField(label="From", required=False)
    date_to = DateField(label="To", required=False)

    def __init__(self, data):
        super().__init__(data if any(k.startswith(FILTER_FIELDS) for k in data) else None)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Field.text("person", field_width=20),
            Fieldset(
                Field("date_from"),
                Field("date_to"),
                legend="Viewed between",
                legend_size=Size.SMALL,
            ),
            Submit("apply", "Apply filters"),
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return cleaned

    def valid_filters(self) -> dict:
        """The values given that are valid; a wrong one is left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors and v}
