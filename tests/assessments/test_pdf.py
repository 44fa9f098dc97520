"""The person's PDF copies (SPEC 4): tagged PDF/UA with a title and language, real text
in the person's words first, page numbers, a large-print variant, and the same bytes
every time for the same completed record. Each render takes a few tenths of a second,
so the tests render sparingly."""

import io
import math
import os
import re
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from assessments.models import Authorisation
from assessments.pdf import (
    COPY_KINDS,
    copy_filename,
    copy_html,
    html_to_pdf,
    issue_date,
    render_copy,
)
from config.kinds import RecordKind
from recording.deadlines import LONDON
from tests.assessments.factories import (
    care_plan_for,
    carers_assessment_for,
    eligibility_for,
    needs_assessment_for,
)

pytestmark = pytest.mark.django_db

COMPLETED = datetime(2026, 11, 24, 11, 30, tzinfo=LONDON)
SCRIPT = "<script>alert(1)</script><b>bold</b>"


@pytest.fixture
def assessment(person, practitioner):
    return needs_assessment_for(person, practitioner, now=COMPLETED)


@pytest.fixture
def determination(assessment, practitioner, manager):
    return eligibility_for(
        assessment, practitioner, authorised_by=manager, now=COMPLETED + timedelta(days=1)
    )


@pytest.fixture
def plan(determination, practitioner):
    return care_plan_for(determination, practitioner, now=COMPLETED + timedelta(days=3))


@pytest.fixture
def records(assessment, determination, plan, person, practitioner):
    return {
        RecordKind.NEEDS_ASSESSMENT: assessment,
        RecordKind.CARERS_ASSESSMENT: carers_assessment_for(person, practitioner, now=COMPLETED),
        RecordKind.ELIGIBILITY: determination,
        RecordKind.CARE_PLAN: plan,
    }


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _most_common_font_size(pdf: bytes) -> float:
    """The size, in points, that most characters of the document are set in: the font
    size times the vertical scale of the text and transformation matrices."""
    sizes = Counter()

    def visit(text, cm, tm, font_dict, font_size):
        scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
        sizes[round(font_size * scale, 1)] += len(text.strip())

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes.most_common(1)[0][0]


TITLES = {
    RecordKind.NEEDS_ASSESSMENT: "Your needs assessment",
    RecordKind.CARERS_ASSESSMENT: "Your carer's assessment",
    RecordKind.ELIGIBILITY: "Your eligibility decision",
    RecordKind.CARE_PLAN: "Your care and support plan",
}


@pytest.mark.parametrize("kind", sorted(COPY_KINDS))
def test_copy_is_a_tagged_pdf_ua_document_with_title_language_and_real_text(records, kind):
    pdf = render_copy(records[kind])

    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == f"{TITLES[kind]} – Margaret Oyelaran"
    assert 'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data().decode()

    text = _text(pdf)
    pages = len(reader.pages)
    assert f"Page 1 of {pages}" in text
    assert f"Page {pages} of {pages}" in text
    assert "Hertfordshire County Council" in text
    assert "Connected Lives Practice Principles, version 1" in text
    assert "HCC-104233" in text
    # The person's own words, from their assessment.
    assert "I want to stay in my own home." in text
    # Normal print is not large print.
    assert _most_common_font_size(pdf) < 16


def test_large_print_body_text_is_at_least_16_points(plan):
    pdf = render_copy(plan, large_print=True)

    assert _most_common_font_size(pdf) >= 16
    assert "Page 1 of" in _text(pdf)


def test_same_completed_record_gives_the_same_bytes_in_another_process(plan):
    first = render_copy(plan)
    second = render_copy(plan)
    assert first == second

    # Another interpreter, with another hash seed, lays out the same HTML identically.
    code = (
        "import sys, django; django.setup();"
        "from assessments.pdf import html_to_pdf;"
        "sys.stdout.buffer.write(html_to_pdf(sys.stdin.read()))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONHASHSEED": "12345"}
    other = subprocess.run(  # noqa: S603 -- our own interpreter and code
        [sys.executable, "-c", code],
        input=copy_html(plan, large_print=False).encode(),
        capture_output=True,
        check=True,
        cwd=settings.BASE_DIR,
        env=env,
        timeout=120,
    ).stdout
    assert other == first


def test_pdf_dates_are_the_record_dates(determination):
    reader = PdfReader(io.BytesIO(render_copy(determination)))

    assert reader.metadata["/CreationDate"] == "D:20261125113000+00'00"
    # Authorised an hour after completion (the builder's default).
    assert reader.metadata["/ModDate"] == "D:20261125123000+00'00"
    assert "/ID" in reader.trailer


def test_html_typed_in_a_field_is_text_in_the_page_and_the_pdf(person, practitioner):
    assessment = needs_assessment_for(person, practitioner, what_matters=SCRIPT)

    html = copy_html(assessment, large_print=False)
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in html
    assert SCRIPT in _text(render_copy(assessment))


def test_line_breaks_typed_in_a_field_are_kept(person, practitioner):
    assessment = needs_assessment_for(
        person, practitioner, what_matters="My garden.\nMy church.\n\nMy grandchildren."
    )

    html = copy_html(assessment, large_print=False)

    assert "<p>My garden.<br>My church.</p>" in html
    assert "<p>My grandchildren.</p>" in html


def test_assessment_puts_the_persons_words_before_the_workers(assessment):
    html = copy_html(assessment, large_print=False)

    what_matters = html.index("I want to stay in my own home.")
    assert what_matters < html.index("Maggie is determined")  # strengths, by the worker
    assert what_matters < html.index("Since her fall")  # wellbeing, by the worker
    # Each outcome: what the person said, then what was found.
    assert html.index("I can&#x27;t get in and out of the bath") < html.index(
        "You cannot do this without help."
    )


def test_plan_shows_the_persons_outcomes_before_the_support_and_the_costs(plan):
    html = copy_html(plan, large_print=False)

    assert html.index("I want to have a proper wash every morning.") < html.index(
        "How your needs will be met"
    )
    assert '<th scope="col" class="money">Cost each week</th>' in html
    assert re.search(r'<th scope="row"[^>]*>Total cost each week</th>\s*<td[^>]*>£182.40', html)
    assert re.search(r'<th scope="row">Your personal budget</th><td[^>]*>£182.40', html)
    assert "£148.05" in html


def test_plan_shows_the_persons_top_up(determination, practitioner):
    plan = care_plan_for(
        determination, practitioner, top_up=Decimal("20.00"), personal_budget=Decimal("162.40")
    )

    html = copy_html(plan, large_print=False)

    assert re.search(r"your top-up\)</th><td[^>]*>£20.00", html)
    assert "costs £20.00 a week more than your personal budget" in html


ONE_HUNDRED_A_WEEK = [
    {
        "need": "Washing and dressing in the morning",
        "how_met": "A carer visits every morning.",
        "kind": "traditional",
        "provider": "Bluebell Home Care",
        "weekly_cost": Decimal("100.00"),
    }
]


def test_a_top_up_on_a_plan_within_its_budget_is_refused_and_never_reaches_the_copy(
    determination, practitioner, manager
):
    # Found in use: support costing £100 a week, a personal budget of £150 and a top-up
    # of £20 was completed and authorised; the copy said the person pays £20 a week.
    within_budget = {"personal_budget": Decimal("150.00"), "supports": ONE_HUNDRED_A_WEEK}
    with pytest.raises(ValidationError) as error:
        care_plan_for(determination, practitioner, top_up=Decimal("20.00"), **within_budget)
    assert "no top-up" in error.value.message_dict["top_up"][0]

    plan = care_plan_for(determination, practitioner, authorised_by=manager, **within_budget)
    text = _text(render_copy(plan))

    assert "top-up" not in text
    assert "Your personal budget £150.00" in text
    assert "The cost of your support £100.00" in text


def test_unauthorised_plan_says_it_is_not_yet_authorised(plan):
    html = copy_html(plan, large_print=False)

    assert "Not yet authorised." in html
    assert issue_date(plan) == date(2026, 11, 27)


def test_authorised_record_names_the_manager_and_is_issued_that_day(determination):
    html = copy_html(determination, large_print=False)

    assert "by Bob Baker, Team manager, on 25 November 2026." in html
    assert "<td>25 November 2026</td>" in html  # date of issue


def test_returned_plan_says_a_new_one_will_follow(plan, manager):
    Authorisation.objects.create(
        record=plan,
        decision=Authorisation.Decision.RETURNED,
        reason="Check the cost of the lunch club.",
        decided_by=manager,
        decided_at=datetime(2026, 11, 30, 9, 0, tzinfo=LONDON),
    )

    html = copy_html(plan, large_print=False)

    assert "Not authorised." in html
    assert "Check the cost" not in html  # the manager's note is for the worker
    assert issue_date(plan) == date(2026, 11, 27)


def test_issue_date_is_the_london_date_of_a_late_evening_completion(person, practitioner):
    # 23:30 UTC in British Summer Time is 00:30 the next day in London.
    assessment = needs_assessment_for(
        person, practitioner, now=datetime(2026, 7, 1, 23, 30, tzinfo=UTC)
    )

    assert issue_date(assessment) == date(2026, 7, 2)


def test_authorised_plan_is_issued_on_the_authorisation_date(determination, practitioner, manager):
    plan = care_plan_for(
        determination, practitioner, authorised_by=manager, now=COMPLETED + timedelta(days=3)
    )

    assert issue_date(plan) == date(2026, 11, 27)
    assert copy_filename(plan, large_print=False) == (
        "care-and-support-plan-HCC-104233-2026-11-27.pdf"
    )


def test_filename_has_the_reference_and_date_but_never_the_name(assessment):
    name = copy_filename(assessment, large_print=True)

    assert name == "needs-assessment-HCC-104233-2026-11-24-large-print.pdf"
    assert "margaret" not in name.lower()
    assert "oyelaran" not in name.lower()


def test_draft_has_no_copy(person, practitioner):
    draft = needs_assessment_for(person, practitioner, completed=False)

    with pytest.raises(ValueError, match="draft"):
        copy_html(draft, large_print=False)


def test_copy_html_loads_the_plan_in_a_few_queries(plan, django_assert_max_num_queries):
    # The plan with its person, framework, author, eligibility and assessment; its
    # authorisation; outcomes; supports; principle evidence with principles; addenda;
    # the council's contact details.
    with django_assert_max_num_queries(7):
        copy_html(plan, large_print=False)


def test_html_to_pdf_fetches_nothing(caplog):
    pdf = html_to_pdf(
        '<html lang="en-GB"><title>T</title><img src="http://example.invalid/x.png" alt="x">'
    )

    assert pdf.startswith(b"%PDF-1.7")
    assert "fetches nothing" in caplog.text


@pytest.mark.parametrize("kind", sorted(COPY_KINDS))
def test_headings_start_at_h1_and_never_skip_a_level(records, kind):
    html = copy_html(records[kind], large_print=True)

    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", html)]
    assert levels[0] == 1
    assert levels.count(1) == 1
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:], strict=False))
