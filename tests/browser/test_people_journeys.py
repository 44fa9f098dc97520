"""Browser journey: a practitioner adds a person who matches someone already on the
record, is warned with a link to them, looks, comes back, and adds the person as a
different one (issue 17, part 1). Playwright on Debian's Chromium; axe on every page."""

from datetime import date

import pytest
from playwright.sync_api import expect

from recording.models import Person
from tests.browser.axe import assert_accessible
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _fill_date(page, group: str, day: str, month: str, year: str) -> None:
    fieldset = page.get_by_role("group", name=group)
    fieldset.get_by_label("Day").fill(day)
    fieldset.get_by_label("Month").fill(month)
    fieldset.get_by_label("Year").fill(year)


def _fill_peggy(page) -> None:
    page.get_by_label("Full name").fill("Peggy Smith")
    _fill_date(page, "Date of birth", "2", "3", "1941")
    page.get_by_label("NHS number").fill("401 023 2137")
    page.get_by_label("Address").fill("4 Mill Lane, Hertford")
    page.get_by_label("Postcode").fill("sg13 8de")
    page.get_by_label("Ethnicity").select_option(label="White: Irish")


def test_add_a_person_who_matches_someone_on_the_record(sign_in, principles, practitioner, team):
    margaret = PersonFactory(
        name="Margaret Smith",
        date_of_birth=date(1941, 3, 2),
        council_reference="HCC-300001",
        team=team,
        allocated_worker=practitioner,
    )
    page = sign_in(practitioner)
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Add a person").click()
    expect(page.get_by_role("heading", name="Add a person")).to_be_visible()
    assert_accessible(page)

    # A wrong NHS number is refused next to the field; what was typed stays.
    _fill_peggy(page)
    page.get_by_label("NHS number").fill("401 023 2138")
    page.get_by_role("button", name="Add the person").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a valid NHS number")
    expect(page.get_by_label("Address")).to_have_value("4 Mill Lane, Hertford")
    assert_accessible(page)

    # Peggy is a nickname of Margaret, born the same day: the warning lists her.
    page.get_by_label("NHS number").fill("401 023 2137")
    page.get_by_role("button", name="Add the person").click()
    expect(page.get_by_text("This may be someone already on the record")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Check the people who match")
    expect(page.get_by_role("cell", name="HCC-300001")).to_be_visible()
    expect(page.get_by_label("Postcode")).to_have_value("sg13 8de")
    assert_accessible(page)

    # The link opens Margaret's page in the same tab.
    page.get_by_role("link", name="Margaret Smith").click()
    expect(page.get_by_role("heading", name="Margaret Smith")).to_be_visible()
    assert page.url.endswith(margaret.get_absolute_url())

    # Not her: back to adding Peggy, who is warned about again and confirmed.
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Add a person").click()
    _fill_peggy(page)
    page.get_by_role("button", name="Add the person").click()
    expect(page.get_by_role("link", name="Margaret Smith")).to_be_visible()
    page.get_by_label("This is a different person").check()
    page.get_by_role("button", name="Add the person").click()

    expect(page.get_by_role("heading", name="Peggy Smith")).to_be_visible()
    expect(page.get_by_text("401 023 2137")).to_be_visible()
    expect(page.get_by_text("SG13 8DE")).to_be_visible()
    assert_accessible(page)
    peggy = Person.objects.get(name="Peggy Smith")
    assert peggy.council_reference.startswith("PR-")
    assert peggy.team == team
    assert Person.objects.count() == 2
