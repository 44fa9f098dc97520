"""A complaint investigator reads the principles-adherence report on one person (SPEC
5): Playwright on Debian's Chromium, axe on every page. Time is frozen on Wednesday 25
November 2026, with Margaret's records from the report's tests."""

from datetime import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from recording.deadlines import LONDON
from tests.browser.axe import assert_accessible
from tests.dashboards.test_adherence import margarets_records

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _wednesday(settings):
    # The browser compares cookie expiry with the real clock: keep the session cookie
    # for the browser's life instead.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=True):
        yield


def test_investigator_reads_the_gaps_and_downloads_the_report(
    sign_in, quality, person, practitioner
):
    margarets_records(person, practitioner)

    page = sign_in(quality)
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_label("Search by name or council reference").fill("HCC-104233")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page)
    page.get_by_role("link", name="Margaret Oyelaran").click()
    expect(page.get_by_role("heading", name="Margaret Oyelaran", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Principles-adherence report").click()
    expect(page).to_have_title("Principles-adherence report: Margaret Oyelaran – Practice Record")
    expect(page.get_by_role("heading", name="Principles-adherence report", level=1)).to_be_visible()
    summary = page.get_by_role("heading", name="Summary").locator("+ dl")
    expect(summary).to_contain_text("4: 3 completed, 1 draft")
    expect(summary).to_contain_text("Required principles not evidenced")

    # The gaps, on the records they are in.
    assessment = page.get_by_role("region", name="Needs assessment, 20 November 2026")
    expect(assessment).to_contain_text(
        "Required principle not evidenced: 10. Equity, Equality and Culture."
    )
    expect(assessment).to_contain_text("No two-working-day clock (not a record of a contact)")
    draft = page.get_by_role("region", name="Case note (draft), 19 November 2026")
    expect(draft).to_contain_text("Ticked, but no evidence written")
    expect(draft).to_contain_text("Overdue by 2 working days")
    on_time = page.get_by_role("region", name="Case note, 23 November 2026")
    expect(on_time).to_contain_text("Completed on time")
    expect(on_time).to_contain_text("We start from what matters to the person.")
    expect(on_time).to_contain_text("Corrected the date of the next visit")
    assert_accessible(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="Download as PDF").click()
    assert info.value.suggested_filename == "adherence-report-HCC-104233-2026-11-25.pdf"
    with open(info.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    # From the report to a record it lists, and back.
    assessment.get_by_role("link", name="Open the needs assessment").click()
    expect(page.get_by_role("heading", name="Needs assessment", level=1)).to_be_visible()
    assert_accessible(page)
