"""Returned work reaches its author (issue 14): a manager returns a plan with a reason;
the author is emailed, sees it under "Returned to you" on Home, starts the revision and
reads the reason above its form; once the revision is completed the return leaves Home.
Playwright on Debian's Chromium, axe on every page."""

import re
from datetime import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from recording.deadlines import LONDON
from tests.assessments.factories import care_plan_for, eligibility_for, needs_assessment_for
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

REASON = "Say how her daughter will help at weekends, and agree the top-up with her."


@pytest.fixture(autouse=True)
def _wednesday(settings):
    # The browser compares cookie expiry with the real clock: keep the session cookie
    # for the browser's life instead.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=True):
        yield


def test_a_returned_plan_reaches_its_author_who_revises_it(
    sign_in, browser, live_server, practitioner, manager, person, mailoutbox
):
    practitioner.email = "alice@example.org"
    practitioner.save()
    eligibility = eligibility_for(
        needs_assessment_for(person, practitioner), practitioner, authorised_by=manager
    )
    care_plan_for(eligibility, practitioner)

    # The manager returns the plan with a reason.
    page = sign_in(manager)
    page.get_by_role("link", name="Team recording").click()
    page.get_by_role("table", name="Awaiting authorisation").get_by_role(
        "link", name="Care and support plan"
    ).click()
    page.get_by_role("link", name="Authorise or return").click()
    page.get_by_label("Return it to the practitioner").check()
    page.get_by_label("Reason").fill(REASON)
    assert_accessible(page)
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text("Care and support plan returned to Alice Adams.")).to_be_visible()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["alice@example.org"]
    assert REASON in mailoutbox[0].body
    page.context.clear_cookies()

    # The author signs in and sees it on Home.
    page = sign_in(practitioner)
    expect(page.get_by_role("heading", name="Returned to you")).to_be_visible()
    card = page.locator(".govuk-summary-card", has_text="Care and support plan for Margaret")
    expect(card).to_contain_text("Bob Baker on 25 November 2026")
    expect(card).to_contain_text(REASON)
    assert_accessible(page)

    # The link leads to the returned plan, where the revision starts.
    card.get_by_role(
        "link", name=re.compile("^Revise it.+care and support plan for Margaret")
    ).click()
    expect(page.get_by_text("Returned by Bob Baker")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Revise it in a new draft").click()
    expect(page.get_by_role("heading", name="Care and support plan (draft)")).to_be_visible()
    banner = page.get_by_role("region", name="Returned")
    expect(banner).to_contain_text("Bob Baker returned this on 25 November 2026:")
    expect(banner).to_contain_text(REASON)
    assert_accessible(page)

    # Home now leads to the revision draft; once it is completed, the return has gone.
    page.get_by_role("link", name="Home").first.click()
    page.get_by_role(
        "link", name=re.compile("^Continue the revision.+care and support plan for Margaret")
    ).click()
    expect(page.get_by_role("region", name="Returned")).to_contain_text(REASON)
    page.get_by_label("Contingency plan").fill("Her daughter, Grace, will call the team.")
    page.get_by_role("button", name="Complete and send to a manager").click()
    expect(page.get_by_text("completed and sent to a manager to authorise")).to_be_visible()
    page.get_by_role("link", name="Home").first.click()
    expect(page.get_by_role("heading", name="Hello, Alice")).to_be_visible()
    expect(page.get_by_role("heading", name="Returned to you")).to_have_count(0)
    assert_accessible(page)
