"""The base every Practice Record form builds on: GOV.UK layout through crispy-forms-gds."""

from datetime import date

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator


class BaseForm(forms.Form):
    submit_label = "Continue"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # base_form.html writes the <form> with novalidate
        self.helper.add_input(Submit("submit", self.submit_label))


class DateField(DateInputField):
    """crispy-forms-gds's day, month and year inputs with GOV.UK's error messages: what
    was typed is kept, and an impossible date says "<label> must be a real date"."""

    def __init__(self, *, label: str, **kwargs):
        super().__init__(label=label, **kwargs)
        self.error_messages["invalid"] = f"{label} must be a real date"
        for part in self.fields:
            part.validators = [RegexValidator(r"^[0-9]+$", self.error_messages["invalid"])]

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        if len(str(year)) != 4:
            raise ValidationError(f"{self.label} must include a 4-digit year", code="invalid")
        try:
            return date(int(year), int(month), int(day))
        except (ValueError, OverflowError) as error:  # 31 02 2026; a day of 99999999999999999999
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


def rows_requested(data, name: str, *, minimum: int, maximum: int, add: bool) -> int:
    """How many repeated rows ("Add another option") a bound form shows: the count its
    hidden field sent, one more when "Add another" was pressed, kept between `minimum`
    and `maximum`. The hidden field is the browser's to send back, so anything else in
    it ("abc", "2.5", "1e3", a NUL byte) counts as no rows, never an error."""
    raw = str(data.get(name) or "")
    count = int(raw) if raw.isascii() and raw.isdecimal() else 0
    if add:
        count += 1
    return min(max(count, minimum), maximum)
