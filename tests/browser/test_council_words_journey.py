"""With Lancashire's framework active, a practitioner's recording pages quote
Lancashire's principle for the two-working-day rule, and no other council's."""

from datetime import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from principles.models import ActiveFramework, Framework
from recording.deadlines import LONDON
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)
LANCASHIRE_P4 = (
    "Principle 4: We will adhere to the legal framework for Adult Social Care clearly "
    "evidencing reasons for the decisions we make"
)


@pytest.fixture(autouse=True)
def _wednesday(settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=True):
        yield


def test_lancashire_recording_pages_quote_lancashires_principle(sign_in, practitioner, person):
    ActiveFramework.choose(Framework.objects.get(slug="lancashire-living-better-lives"))
    page = sign_in(practitioner)
    page.get_by_role("link", name="My recording", exact=True).click()
    expect(page.get_by_text(f"within two working days ({LANCASHIRE_P4})")).to_be_visible()
    expect(page.get_by_text("Hertfordshire")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Margaret Oyelaran").click()
    page.get_by_role("link", name="Record a contact").click()
    expect(page.get_by_text(f"of the contact ({LANCASHIRE_P4})")).to_be_visible()
    expect(page.get_by_text("Hertfordshire")).to_have_count(0)
    assert_accessible(page)
