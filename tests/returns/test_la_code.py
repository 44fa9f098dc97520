"""The council's LA code, the extract's first column: an administrator keeps it in the
council's contact details (digits only; blank allowed, which the extract writes blank)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse


@pytest.mark.django_db
def test_an_administrator_edits_the_la_code_in_the_admin(administrator_client, council):
    url = reverse("admin:principles_councilcontact_change", args=[council.pk])
    assert 'name="la_code"' in administrator_client.get(url).text


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "valid"), [("919", True), ("", True), ("91A", False)])
def test_the_la_code_is_three_digits_or_blank(council, code, valid):
    council.la_code = code
    if valid:
        council.full_clean()
    else:
        with pytest.raises(ValidationError, match="3-digit LA code"):
            council.full_clean()
