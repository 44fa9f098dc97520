"""NHS numbers: 10 digits whose last is a Modulus 11 check digit. The check is the
maintained `nhs-number` library's; this module only tidies what a person typed."""

import nhs_number
from django.core.exceptions import ValidationError


def nhs_number_clean(text: str) -> str:
    """The digits of an NHS number as typed ("943 476 5919", "943-476-5919")."""
    return "".join(text.split()).replace("-", "")


def nhs_number_validator(value: str) -> None:
    if not value:
        return
    if not (len(value) == 10 and value.isascii() and value.isdigit()):
        raise ValidationError("Enter an NHS number of 10 digits, like 943 476 5919")
    if not nhs_number.is_valid(value):
        raise ValidationError(
            "Enter a valid NHS number: the last digit does not match the others. "
            "Check each digit against the person's letter or NHS app"
        )


def nhs_number_display(value: str) -> str:
    """The NHS number as people read it: 943 476 5919."""
    return f"{value[:3]} {value[3:6]} {value[6:]}" if len(value) == 10 else value
