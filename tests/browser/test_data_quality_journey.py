"""Browser journey (issue 18): a team manager opens the data-quality page, follows the Fix
link of a person missing their ethnicity, sets it, saves, comes back: the failure is
gone. axe on every page.

The extract's rows are made from the people's details as they are in the database at
each visit (a stand-in for `returns.events`, so the journey does not depend on a whole
world of events): the page, the link and the fix are the real ones."""

from datetime import date, datetime

import pytest
import time_machine
from playwright.sync_api import expect

from config import cld
from recording.deadlines import LONDON
from recording.models import Person
from returns import views_quality
from tests.browser.axe import assert_accessible
from tests.returns.rows import make_row

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _monday(settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 11, 30, 10, 0, tzinfo=LONDON), tick=True):
        yield


@pytest.fixture
def extract_from_the_database(monkeypatch):
    def extract_rows(period_end: date, team_ids):
        for person in Person.objects.filter(team_id__in=team_ids).order_by("pk"):
            yield make_row(
                "Request", person_id=person.pk, team_id=person.team_id, Ethnicity=person.ethnicity
            )

    monkeypatch.setattr(views_quality, "extract_rows", extract_rows)


def test_a_manager_fixes_a_missing_ethnicity(sign_in, manager, person, extract_from_the_database):
    Person.objects.filter(pk=person.pk).update(
        gender=cld.Gender.FEMALE,
        primary_support_reason=cld.PrimarySupportReason.PHYSICAL_PERSONAL,
        accommodation_status=cld.AccommodationStatus.OWNER,
        employment_status=cld.EmploymentStatus.NOT_SEEKING,
        client_type=cld.ClientType.SERVICE_USER,
        postcode="SG13 8DQ",
        ethnicity="",
    )
    page = sign_in(manager)
    page.get_by_role("link", name="Data quality", exact=True).click()
    expect(page.get_by_role("heading", name="Data quality")).to_be_visible()
    expect(page.get_by_text("Ethnicity is missing")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Fix ethnicity of Margaret Oyelaran").click()
    expect(page.get_by_role("heading", name="Change their details")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Ethnicity").select_option("White: Irish")
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_text("Margaret Oyelaran’s details saved")).to_be_visible()

    page.get_by_role("link", name="Data quality", exact=True).click()
    expect(page.get_by_text("No failures: the 1 event passes DHSC’s checks.")).to_be_visible()
    expect(page.get_by_text("Ethnicity is missing")).to_have_count(0)
    assert_accessible(page)
