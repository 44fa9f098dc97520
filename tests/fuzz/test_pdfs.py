"""Whatever a practitioner typed, the person's PDF copy renders, and shows it as text:
markup typed in a field is never read as markup. (The adherence report's PDF has the
same check in tests/dashboards/test_adherence.py.) A render takes a few tenths of a
second, so these run fewer examples."""

import io

import pytest
from hypothesis import given, settings
from pypdf import PdfReader

from assessments.pdf import render_copy
from tests.assessments.factories import needs_assessment_for
from tests.fuzz.kit import FUZZ, HOSTILE, TEXT

pytestmark = pytest.mark.django_db

FUZZ_FEW = settings(FUZZ, max_examples=8)

# Payloads whose characters the PDF's fonts carry, so the extracted text can be compared.
PRINTABLE = [p for p in HOSTILE if p.strip() and p.isascii() and p.isprintable()]


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@FUZZ_FEW
@given(what_matters=TEXT.filter(lambda s: s.strip() and len(s) < 3_000 and "\x00" not in s))
def test_a_copy_renders_whatever_was_typed(person, practitioner, what_matters):
    assessment = needs_assessment_for(person, practitioner, what_matters=what_matters)
    assert render_copy(assessment).startswith(b"%PDF-")


@pytest.mark.parametrize("payload", PRINTABLE)
def test_a_copy_shows_markup_as_text(person, practitioner, payload):
    assessment = needs_assessment_for(person, practitioner, what_matters=payload)
    assert " ".join(payload.split()) in _text(render_copy(assessment))
