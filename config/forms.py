"""The base every Practice Record form builds on: GOV.UK layout through crispy-forms-gds."""

from datetime import date

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from config.past_dates import future_date_error, local_today


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


class PastDateField(DateField):
    """A date of something that happened: today or before, on the clocks in London
    (`config.past_dates`). `subject` names it as a sentence starts ("The date of the
    review"); the label is the question's."""

    def __init__(self, *, label: str, subject: str, **kwargs):
        super().__init__(label=label, **kwargs)
        self.subject = subject

    def validate(self, value):
        super().validate(value)
        message = future_date_error(value, today=local_today(), subject=self.subject)
        if message:
            raise ValidationError(message, code="future")
