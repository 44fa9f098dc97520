"""Browser journey (issue 18, part 3): a practitioner links an unpaid carer to the
person they care for, records the hours, and starts a carer's assessment. Axe on every
page."""

import re
from datetime import datetime

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import expect

from config import cld
from recording.deadlines import LONDON
from recording.models import CarerLink
from tests.browser.axe import assert_accessible
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _wednesday(settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=True):
        yield


def test_link_a_carer_record_hours_and_start_a_carers_assessment(
    sign_in, live_server, practitioner, person
):
    carer = PersonFactory(
        name="Grace Oyelaran",
        council_reference="HCC-104234",
        team=person.team,
        allocated_worker=practitioner,
        client_type=cld.ClientType.CARER,
    )
    page = sign_in(practitioner)
    page.goto(live_server.url + reverse("recording:person", args=[carer.pk]))
    expect(page.get_by_role("heading", name="Cares for")).to_be_visible()
    page.get_by_role("link", name=re.compile("^Change who Grace Oyelaran cares for")).click()
    expect(page.get_by_role("heading", name="Who they care for")).to_be_visible()
    assert_accessible(page)

    # Found by name among the people she may see, then chosen.
    page.get_by_label("Council reference or name of the adult they care for").fill("Margaret")
    page.get_by_role("button", name="Add this adult").click()
    assert_accessible(page)
    page.get_by_role("button", name="Add Margaret Oyelaran").click()
    expect(page.get_by_role("link", name="Margaret Oyelaran")).to_be_visible()
    # Linking her to herself is refused next to the field.
    page.get_by_label("Council reference or name of the adult they care for").fill("HCC-104234")
    page.get_by_role("button", name="Add this adult").click()
    expect(page.get_by_role("alert")).to_contain_text("cannot be linked to themselves")
    assert_accessible(page)

    page.get_by_label("Hours caring each week").fill("200")
    page.get_by_role("button", name="Save the hours").click()
    expect(page.get_by_role("alert")).to_contain_text("from 0 to 168")
    assert_accessible(page)
    page.get_by_label("Hours caring each week").fill("35")
    page.get_by_role("button", name="Save the hours").click()
    expect(page.get_by_label("Hours caring each week")).to_have_value("35")
    assert CarerLink.objects.filter(carer=carer, cared_for=person, position=1).exists()

    page.get_by_role("link", name="Back to Grace Oyelaran").click()
    expect(page.get_by_text("35 hours caring a week")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Start a Care Act record").click()
    page.get_by_label("Carer's assessment").check()
    page.get_by_label("It does not record a contact").check()
    assert_accessible(page)
    page.get_by_role("button", name="Start the record").click()
    expect(page.get_by_role("heading", name="Carer's assessment")).to_be_visible()
    expect(page.get_by_role("group", name="Is the carer willing to go on caring?")).to_be_visible()
    assert_accessible(page)
