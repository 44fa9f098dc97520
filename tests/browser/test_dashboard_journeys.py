"""Browser journey through the timeliness dashboard (issue 6): a manager filters it to a
period and a kind of record, sees the chart drawn from the table, and exports the
filtered table as CSV. Playwright on Debian's Chromium, axe on every page."""

import csv
import io
from datetime import date, datetime

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from dashboards.figures import DASHBOARDS
from demo.data import DEMO_PASSWORD, demo_data_load
from principles.models import ActiveFramework
from recording.deadlines import LONDON
from tests.browser.axe import assert_accessible
from tests.dashboards.test_dashboards import contact_on
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _monday(settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 11, 23, 10, 0, tzinfo=LONDON), tick=True):
        yield


def _fill_date(page, group: str, value: date) -> None:
    fieldset = page.get_by_role("group", name=group)
    fieldset.get_by_label("Day").fill(str(value.day))
    fieldset.get_by_label("Month").fill(str(value.month))
    fieldset.get_by_label("Year").fill(str(value.year))


def test_manager_filters_the_timeliness_dashboard_and_exports_csv(
    sign_in, principles, team, manager, practitioner, colleague
):
    margaret = PersonFactory(name="Margaret Lee", team=team, allocated_worker=practitioner)
    contact_on(margaret, practitioner, date(2026, 11, 9), completed_on=date(2026, 11, 10))
    contact_on(margaret, practitioner, date(2026, 11, 10), completed_on=date(2026, 11, 16))
    contact_on(margaret, practitioner, date(2026, 11, 18))  # overdue by 1 working day
    contact_on(margaret, colleague, date(2026, 10, 5), completed_on=date(2026, 10, 6))

    page = sign_in(manager)
    page.get_by_role("link", name="Dashboards").click()
    expect(page.get_by_role("heading", name="Timeliness", level=1)).to_be_visible()
    # The chart is drawn from the table, which stays on the page.
    expect(page.locator("#by-week canvas[role=img]")).to_be_visible()
    expect(page.get_by_role("table", name="By week")).to_be_visible()
    # Its axes are titled from the table, the share in per cent, without inline script.
    axes = page.evaluate(
        """() => {
          const chart = Chart.getChart(document.querySelector("#by-week canvas"));
          const {x, y} = chart.options.scales;
          return [x.title.text, y.title.text, y.ticks.callback(50), y.max];
        }"""
    )
    assert axes == ["Week starting", "Within two working days (%)", "50%", 100]
    assert_accessible(page)

    _fill_date(page, "From", date(2026, 11, 1))
    _fill_date(page, "To", date(2026, 11, 23))
    page.get_by_label("Kind of record", exact=True).select_option(label="Case note")
    page.get_by_role("button", name="Apply filters").click()

    expect(page.get_by_text("1 November 2026 to 23 November 2026")).to_be_visible()
    practitioners = page.get_by_role("table", name="By practitioner, lowest share first")
    expect(practitioners.get_by_role("row")).to_have_count(2)  # Erin's October note is out
    expect(practitioners).to_contain_text("Alice Adams")
    expect(page.get_by_role("table", name="Overdue now")).to_contain_text("Margaret Lee")
    assert "date_from_0=1" in page.url and "kind=case_note" in page.url  # shareable
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.locator("#by-practitioner").get_by_role("link", name="Download as CSV").click()
    download = download_info.value
    assert download.suggested_filename == (
        "timeliness-by-practitioner-north-2026-11-01-to-2026-11-23.csv"
    )
    with open(download.path(), encoding="utf-8-sig") as exported:
        rows = list(csv.reader(io.StringIO(exported.read())))
    assert rows[1] == ["Alice Adams", "3", "1", "1", "1", "0", "33.3"]
    assert len(rows) == 2


def test_dashboard_works_without_javascript(browser, live_server, principles, manager):
    from tests.factories import PASSWORD

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(manager.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/dashboards/principles/")
    expect(page.locator("canvas")).to_have_count(0)
    expect(page.get_by_role("table", name="How often each principle is evidenced")).to_be_visible()
    context.close()


def test_every_dashboard_is_accessible_with_the_demo_data(
    browser, live_server, principles, settings
):
    """The demo's records against Hertfordshire's ten principles make the principles-by-kind
    table wider than the screen: it scrolls in a region a keyboard can reach and scroll."""
    settings.DEBUG = True  # the demo data refuses to load otherwise (a published password)
    demo_data_load(framework_slug=ActiveFramework.current().slug)
    context = browser.new_context(viewport={"width": 800, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill("quinn")  # quality: every team's figures
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/sign-in/" not in url)
    for slug in DASHBOARDS:
        page.goto(f"{live_server.url}/dashboards/{slug}/")
        assert_accessible(page)
        # Named here so it is run whatever axe's tags for it.
        scrolling = Axe().run(
            page, options={"runOnly": {"type": "rule", "values": ["scrollable-region-focusable"]}}
        )
        assert scrolling.violations_count == 0, scrolling.generate_report()

    page.goto(f"{live_server.url}/dashboards/principles/")
    region = page.get_by_role(
        "region", name="Share of records evidencing each principle, by kind of record"
    )
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")  # it does scroll
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    region.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("r => r.scrollLeft > 0", arg=region.element_handle(), timeout=2000)
    page.goto("about:blank")
    context.close()
