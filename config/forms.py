"""The base every Practice Record form builds on: GOV.UK layout through crispy-forms-gds."""

import re
from datetime import date
from decimal import Decimal

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.forms.boundfield import BoundField
from django.utils.html import format_html

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
        if not (day or month or year):
            return None
        missing = [
            name for name, part in (("day", day), ("month", month), ("year", year)) if not part
        ]
        if missing:  # GOV.UK: "Date of birth must include a month and year"
            raise ValidationError(
                f"{self.label} must include a {' and '.join(missing)}", code="incomplete"
            )
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


# Pounds, with or without thousands commas, and pence: 120, 120.5, 1,200.50, .50
_AMOUNT = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+")
MONEY_MAX_DIGITS = 9  # up to £9,999,999.99, as the models store it


class MoneyInput(forms.TextInput):
    """GOV.UK's text input with a "£" prefix
    (design-system.service.gov.uk/components/text-input/, "Prefixes and suffixes"): a
    text box, not type="number", so what was typed comes back exactly as typed, with
    the decimal keypad on phones."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "decimal", "spellcheck": "false", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        return format_html(
            '<div class="govuk-input__wrapper">'
            '<div class="govuk-input__prefix" aria-hidden="true">£</div>{}</div>',
            super().render(name, value, attrs, renderer),
        )


class _MoneyBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        # crispy-forms-gds gives a widget it does not know neither govuk-input nor
        # the error style.
        attrs = super().build_widget_attrs(attrs, widget)
        error = " govuk-input--error" if self.errors else ""
        attrs["class"] = f"govuk-input govuk-input--width-10{error}"
        return attrs


class MoneyField(forms.DecimalField):
    """An amount of money as people type it: "120", "£120", "1,200.50", " 120 " are
    pounds and pence (`Decimal`); "12.345", "-5" and "ten" are refused with GOV.UK's
    messages, naming the field. Every form that takes money uses this field."""

    widget = MoneyInput

    def __init__(self, *, label: str, noun: str = "", **kwargs):
        if not noun:  # "Personal budget" -> "the personal budget"
            noun = label[0].lower() + label[1:]
            noun = noun if noun.startswith("the ") else f"the {noun}"
        kwargs.setdefault("required", False)
        super().__init__(
            label=label,
            min_value=Decimal("0"),
            max_digits=MONEY_MAX_DIGITS,
            decimal_places=2,
            **kwargs,
        )
        self.error_messages.update(
            required=f"Enter {noun}",
            invalid=f"Enter {noun} as an amount in pounds and pence, like 120 or 120.50",
            min_value=f"{label} must be £0 or more",
            max_digits=f"{label} must be less than £10,000,000",
            max_whole_digits=f"{label} must be less than £10,000,000",
            max_decimal_places=(
                f"Enter {noun} in pounds and pence, with no more than 2 numbers after "
                "the point, like 120.50"
            ),
        )

    def get_bound_field(self, form, field_name):
        return _MoneyBoundField(form, self, field_name)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if not text:
            return None
        negative = text.startswith("-")
        text = text.removeprefix("-").removeprefix("£").strip()
        if text.startswith("-"):  # £-5
            negative, text = True, text[1:]
        if not _AMOUNT.fullmatch(text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if negative:
            raise ValidationError(self.error_messages["min_value"], code="min_value")
        return Decimal(text.replace(",", ""))


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
