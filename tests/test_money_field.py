"""Money as people type it (`config.forms.MoneyField`): one field for every form that
takes an amount, rendered as GOV.UK's text input with a "£" prefix."""

from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template

from config.forms import MoneyField


class CostForm(forms.Form):
    weekly_cost = MoneyField(label="Weekly cost", help_text="For example, 120 or 120.50")


def _clean(typed: str):
    form = CostForm({"weekly_cost": typed})
    if form.is_valid():
        return form.cleaned_data["weekly_cost"]
    return form.errors["weekly_cost"][0]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("120", Decimal("120")),
        ("£120", Decimal("120")),
        ("1,200.50", Decimal("1200.50")),
        (" 120 ", Decimal("120")),
        ("£ 1,000,000", Decimal("1000000")),
        ("120.5", Decimal("120.50")),
        (".50", Decimal("0.50")),
        ("0", Decimal("0")),
        ("9999999.99", Decimal("9999999.99")),
        ("", None),
        ("   ", None),
    ],
)
def test_amounts_as_people_type_them_are_pounds_and_pence(typed, stored):
    value = _clean(typed)

    assert value == stored
    assert value is None or isinstance(value, Decimal)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("ten", "Enter the weekly cost as an amount in pounds and pence, like 120 or 120.50"),
        ("12.345", "Enter the weekly cost in pounds and pence, with no more than 2 numbers"),
        ("-5", "Weekly cost must be £0 or more"),
        ("£-5", "Weekly cost must be £0 or more"),
        ("-0", "Weekly cost must be £0 or more"),
        ("10000000", "Weekly cost must be less than £10,000,000"),
        ("9" * 40, "Weekly cost must be less than £10,000,000"),
        ("1,20", "Enter the weekly cost as an amount"),
        ("1e5", "Enter the weekly cost as an amount"),
        ("NaN", "Enter the weekly cost as an amount"),
        ("Infinity", "Enter the weekly cost as an amount"),
        ("９９", "Enter the weekly cost as an amount"),  # full-width digits
        ("12\x00", "Enter the weekly cost as an amount"),
        ("$120", "Enter the weekly cost as an amount"),
    ],
)
def test_what_is_not_an_amount_of_money_is_refused_with_a_govuk_message(typed, message):
    assert _clean(typed).startswith(message)


def _rendered(form: forms.Form) -> str:
    template = Template("{% load crispy_forms_tags %}{{ form.weekly_cost|as_crispy_field }}")
    return template.render(Context({"form": form}))


def test_it_is_a_text_input_with_a_pound_prefix_and_the_decimal_keypad():
    html = _rendered(CostForm(initial={"weekly_cost": Decimal("245.50")}))

    assert '<div class="govuk-input__prefix" aria-hidden="true">£</div>' in html
    assert 'type="text"' in html and 'type="number"' not in html
    assert 'inputmode="decimal"' in html
    assert 'class="govuk-input govuk-input--width-10"' in html
    assert 'value="245.50"' in html
    assert 'aria-describedby="id_weekly_cost_hint"' in html


def test_a_refused_amount_comes_back_as_typed_in_the_error_style():
    form = CostForm({"weekly_cost": "<b>ten</b>"})
    form.is_valid()

    html = _rendered(form)

    assert 'value="&lt;b&gt;ten&lt;/b&gt;"' in html
    assert 'class="govuk-input govuk-input--width-10 govuk-input--error"' in html
    assert 'id="id_weekly_cost_1_error"' in html
