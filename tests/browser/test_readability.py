"""The reading ease score under "What happened" changes as the practitioner types,
without a save (issue 5, part 7)."""

import re
from datetime import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from config.readability import SHORT_TEXT_HINT
from recording.deadlines import LONDON
from recording.models import Record
from tests.browser.axe import assert_accessible
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db(transaction=True)

HARD = (
    "Notwithstanding the multidisciplinary considerations pertaining to the individualised "
    "safeguarding intervention, the practitioner determined that comprehensive "
    "reassessment of eligibility was organisationally indicated."
)


@pytest.fixture(autouse=True)
def _wednesday(settings):
    # The browser compares cookie expiry with the real clock: keep the session cookie
    # for the browser's life instead.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=True):
        yield


def test_the_reading_ease_score_changes_as_you_type(sign_in, live_server, practitioner, person):
    contact = ContactFactory(
        person=person,
        recorded_by=practitioner,
        occurred_at=datetime(2026, 11, 23, 11, 0, tzinfo=LONDON),
    )
    page = sign_in(practitioner)
    url = f"{live_server.url}/contacts/{contact.pk}/case-note/"
    page.goto(url)
    what_happened = page.get_by_label("What happened")

    what_happened.fill("Phoned Maggie.")
    expect(what_happened).to_have_accessible_description(re.compile(SHORT_TEXT_HINT))
    what_happened.fill(HARD)
    expect(what_happened).to_have_accessible_description(
        re.compile(r"Reading ease 0 out of 100: very difficult to read\. Try shorter sentences")
    )
    # Scored without a save.
    assert page.url == url
    assert not Record.objects.exists()
    assert_accessible(page)
