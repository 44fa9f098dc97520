"""Browser journeys: Playwright on Debian's Chromium against the live server, with axe
checking every page for WCAG 2.2 A/AA violations."""

import re

import pytest
from playwright.sync_api import expect

from principles.models import ReadingConfirmation
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def loaded(principles, practitioner, manager, outsider):
    return principles


def test_sign_in_page_is_accessible_and_a_wrong_password_keeps_the_username(
    live_server, page, loaded
):
    page.goto(f"{live_server.url}/sign-in/")
    assert_accessible(page)
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a correct username and password")
    expect(page.get_by_label("Username")).to_have_value("alice")
    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    assert_accessible(page)


def test_practitioner_opens_a_principle_and_confirms_reading(sign_in, practitioner, loaded):
    page = sign_in(practitioner)
    expect(page.get_by_role("heading", name="Hello, Alice")).to_be_visible()
    expect(page.get_by_text("Not confirmed")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Principles", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Hertfordshire County Council: Connected Lives").first.click()
    expect(page.get_by_role("heading", name="Connected Lives Practice Principles")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="6. Timely and Defensible Decision making and recording").click()
    expect(page.get_by_text("within two working days of contact")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Confirm you have read this principle").click()
    expect(page.get_by_label("Only the principles I select")).to_be_checked()
    expect(page.get_by_label("6. Timely and Defensible Decision making")).to_be_checked()
    assert_accessible(page)

    # Change their mind: they have read the whole framework.
    page.get_by_label("All the principles in this version").check()
    page.get_by_role("button", name="Confirm reading").click()
    expect(page.get_by_text("You confirmed reading 10 principles.")).to_be_visible()
    expect(page.get_by_text("Confirmed", exact=True)).to_be_visible()
    assert_accessible(page)
    assert ReadingConfirmation.objects.filter(user=practitioner).count() == 10


def test_confirm_form_errors_are_accessible_and_keep_what_was_typed(
    sign_in, practitioner, loaded, live_server
):
    page = sign_in(practitioner)
    page.goto(f"{live_server.url}/principles/confirm-reading/")
    page.get_by_label("Only the principles I select").check()
    page.get_by_label("Year").fill("2099")
    page.get_by_role("button", name="Confirm reading").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Select the principles you have read")
    expect(summary).to_contain_text("The date you read them must be today or in the past")
    expect(page.get_by_label("Year")).to_have_value("2099")
    expect(page.get_by_label("Only the principles I select")).to_be_checked()
    assert_accessible(page)
    summary.get_by_role("link", name="Select the principles you have read").click()
    expect(page.get_by_label("1. Independence and citizenship")).to_be_focused()


def test_manager_sees_who_has_not_confirmed(sign_in, manager, practitioner, loaded):
    page = sign_in(manager)
    page.get_by_role("link", name="See who has not confirmed reading the principles").click()
    expect(page.get_by_role("heading", name="Reading confirmations")).to_be_visible()
    not_confirmed = page.get_by_role("table", name=re.compile("Not yet confirmed"))
    expect(not_confirmed).to_contain_text("Alice Adams")
    expect(not_confirmed).to_contain_text("Bob Baker")
    expect(page.get_by_text("Charlie Clarke")).to_have_count(0)
    assert_accessible(page)


def test_not_found_page_is_govuk_styled_and_accessible(sign_in, practitioner, loaded, live_server):
    page = sign_in(practitioner)
    response = page.goto(f"{live_server.url}/principles/999999/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert_accessible(page)


def test_pages_work_without_javascript(browser, live_server, practitioner, loaded):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/principles/confirm-reading/")
    page.get_by_label("All the principles in this version").check()
    page.get_by_role("button", name="Confirm reading").click()
    expect(page.get_by_text("You confirmed reading 10 principles.")).to_be_visible()
    context.close()
