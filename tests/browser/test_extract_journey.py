"""Browser journey for the CLD extract (issue 18, part 4): quality staff open the page
from the navigation, choose last quarter and download the file; the administrator sees
the download in the access log. Playwright on Debian's Chromium, axe on every page."""

import csv
from datetime import date, datetime

import pytest
import time_machine
from playwright.sync_api import expect

from config import cld
from principles.models import CouncilContact
from recording.deadlines import LONDON
from tests.browser.axe import assert_accessible
from tests.factories import PASSWORD, PersonFactory
from tests.returns.factories import screened_request

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _may(settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 5, 12, 10, 0, tzinfo=LONDON), tick=True):
        yield


def test_quality_staff_download_the_extract_and_it_is_logged(
    sign_in, browser, live_server, principles, team, quality, administrator
):
    CouncilContact.objects.create(
        council=principles.council,
        address="County Hall",
        phone="01632 960 001",
        email="adult.care@herts.example.org",
        la_code="919",
    )
    person = PersonFactory(team=team, council_reference="HCC-5001")
    screened_request(person, date(2025, 12, 1), date(2025, 12, 2))
    screened_request(person, date(2026, 4, 20), date(2026, 4, 21))  # after 31 March

    page = sign_in(quality)
    page.get_by_role("link", name="CLD extract").click()
    expect(page.get_by_role("heading", name="Client Level Data extract", level=1)).to_be_visible()
    period = page.get_by_label("Period ending")
    expect(period).to_have_value("2026-03-31")
    assert_accessible(page)

    period.select_option("2025-12-31")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the extract (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == "cld-919-2025-12-31.csv"
    with open(download.path(), encoding="utf-8", newline="") as file:
        lines = list(csv.reader(file))
    assert tuple(lines[0]) == cld.EXTRACT_COLUMNS
    assert [(line[4], line[21]) for line in lines[1:]] == [("HCC-5001", "Request")]

    admin_context = browser.new_context()
    admin = admin_context.new_page()
    admin.goto(f"{live_server.url}/sign-in/")
    admin.get_by_label("Username").fill(administrator.username)
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Sign in").click()
    admin.get_by_role("link", name="Access log").click()
    row = admin.get_by_role("row").filter(has_text="Client Level Data extract")
    expect(row).to_contain_text("Quentin Quayle")
    expect(row).to_contain_text("Everyone (the statutory return)")
    expect(row).to_contain_text("period_end=2025-12-31")
    assert_accessible(admin)
    admin_context.close()
