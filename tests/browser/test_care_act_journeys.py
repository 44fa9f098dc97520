"""Browser journeys through the Care Act records (issue 5): from the needs assessment to
the person's copy of an authorised plan, a review, an urgent safeguarding concern, and
the refusal to let a practitioner authorise. Playwright on Debian's Chromium, axe on
every page. Time is frozen on Wednesday 25 November 2026, as in the recording journeys."""

import re
from datetime import datetime

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import expect

from recording.deadlines import LONDON
from tests.assessments.factories import care_plan_for, eligibility_for, needs_assessment_for
from tests.browser.axe import assert_accessible
from tests.browser.services import fill_service
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _wednesday(settings):
    # The browser compares cookie expiry with the real clock: keep the session cookie
    # for the browser's life instead.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=True):
        yield


@pytest.fixture
def sign_in_elsewhere(browser, live_server):
    """Sign `user` in in a browser of their own (a new context), so two people can work
    at once; returns the new page."""
    contexts = []

    def _sign_in(user):
        context = browser.new_context()
        contexts.append(context)
        other = context.new_page()
        other.goto(f"{live_server.url}/sign-in/")
        other.get_by_label("Username").fill(user.username)
        other.get_by_label("Password").fill(PASSWORD)
        other.get_by_role("button", name="Sign in").click()
        return other

    yield _sign_in
    for context in contexts:
        context.close()


def _fill_date(page, group: str, day: str, month: str, year: str) -> None:
    fieldset = page.get_by_role("group", name=group)
    fieldset.get_by_label("Day").fill(day)
    fieldset.get_by_label("Month").fill(month)
    fieldset.get_by_label("Year").fill(year)


def _evidence(page, number: int, text: str) -> None:
    """Tick principle `number` and say how it shaped the work."""
    page.get_by_label(re.compile(rf"^{number}\. ")).check()
    page.get_by_label(f"How did principle {number} shape what you did?").fill(text)


def _open_person(page, live_server, person) -> None:
    page.goto(f"{live_server.url}{person.get_absolute_url()}")
    expect(page.get_by_role("heading", name=person.name, level=1)).to_be_visible()
    assert_accessible(page)


def _start(
    page, kind: str, form_type: str | None = None, not_yet: dict[str, str] | None = None
) -> None:
    """From the person's page, start a Care Act record of `kind` recording no contact.
    `not_yet`: the kinds the page must not offer, each with the reason it gives."""
    page.get_by_role("link", name="Start a Care Act record").click()
    expect(page.get_by_role("heading", name="Start a Care Act record")).to_be_visible()
    for unstartable, reason in (not_yet or {}).items():
        expect(page.get_by_role("radio", name=unstartable, exact=True)).to_have_count(0)
        expect(page.get_by_role("listitem").filter(has_text=reason)).to_have_text(
            f"{unstartable}: {reason}"
        )
    page.get_by_label(kind, exact=True).check()
    if form_type:
        page.get_by_label(form_type).check()
    assert_accessible(page)
    expect(page.get_by_label("It does not record a contact")).to_be_checked()
    page.get_by_role("button", name="Start the record").click()
    expect(page.get_by_text(f"{kind} started as a draft.")).to_be_visible()
    assert_accessible(page)


def _authorise(page, kind: str) -> None:
    """As a manager: find the record under "Awaiting authorisation" and authorise it."""
    page.get_by_role("link", name="Team recording").click()
    expect(page).to_have_title("Team recording – Practice Record")
    awaiting = page.get_by_role("table", name="Awaiting authorisation")
    expect(awaiting).to_contain_text("Margaret Oyelaran")
    assert_accessible(page)
    awaiting.get_by_role("link", name=kind).click()
    expect(page.get_by_text("Waiting for a manager to authorise it.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Authorise or return").click()
    expect(page.get_by_role("heading", name=f"Authorise the {kind.lower()}")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Authorise", exact=True).check()
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text(f"{kind} authorised.")).to_be_visible()
    expect(page.get_by_text("Authorised by Bob Baker")).to_be_visible()
    assert_accessible(page)


def test_from_needs_assessment_to_the_persons_copy_of_an_authorised_plan(
    sign_in, sign_in_elsewhere, live_server, practitioner, manager, person
):
    page = sign_in(practitioner)
    _open_person(page, live_server, person)

    # The short needs assessment, in the person's words.
    _start(
        page,
        "Needs assessment",
        "Short assessment, for a simple situation",
        not_yet={
            "Eligibility determination": "An eligibility determination needs a completed "
            "needs assessment",
            "Care and support plan": "A care and support plan needs an authorised "
            "eligibility determination that the person is eligible",
            "Review": "A review needs an authorised care and support plan",
        },
    )
    expect(page.get_by_role("heading", name="Needs assessment (draft)")).to_be_visible()
    page.get_by_label("What matters to the person", exact=True).fill(
        "I want to stay in my own home and keep my garden going."
    )
    page.get_by_label("Personal strengths").fill("Maggie cooks for herself most days.")
    page.get_by_label("Impact on the person's wellbeing").fill(
        "She is anxious about falling on the stairs."
    )
    page.get_by_label("No reason to doubt the person's capacity").check()
    page.get_by_label("Not needed", exact=True).check()
    page.get_by_label("Prevention advice and signposting").fill(
        "Told her about the falls prevention class at the library."
    )
    page.get_by_label("Long-term assessment").check()
    page.get_by_label("Face to face").check()
    page.get_by_label("Support planning or services").check()
    # Complete without the principles Hertfordshire requires (2 and 5).
    page.get_by_role("button", name="Complete needs assessment").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(
        "Principle 2, Every contact is strength based and risk positive, must be evidenced"
    )
    expect(summary).to_contain_text("Principle 5")
    expect(page.get_by_role("status")).to_contain_text("Draft saved at 10:")
    expect(page.get_by_role("status")).to_contain_text("but not completed")
    expect(page.get_by_label("What matters to the person", exact=True)).to_have_value(
        "I want to stay in my own home and keep my garden going."
    )
    assert_accessible(page)
    summary.get_by_role("link", name=re.compile("^Principle 2,")).click()
    principle_2 = page.get_by_label(re.compile(r"^2\. Every contact is strength based"))
    expect(principle_2).to_be_focused()
    _evidence(page, 2, "We started from what Maggie can do: she cooks every day.")
    _evidence(page, 5, "We explained the Care Act assessment in plain English.")
    assert_accessible(page)
    page.get_by_role("button", name="Complete needs assessment").click()
    expect(page.get_by_text("Needs assessment completed.")).to_be_visible()
    assert_accessible(page)

    # The eligibility determination, sent to a manager.
    page.get_by_role("link", name="Back to Margaret Oyelaran").click()
    _start(page, "Eligibility determination")
    page.get_by_role("group", name=re.compile("needs arise from")).get_by_label("Yes").check()
    page.get_by_label("The impairment or illness").fill("Arthritis in both knees.")
    page.get_by_label("Maintaining personal hygiene").check()
    page.get_by_label("Being able to make use of the home safely").check()
    page.get_by_role("group", name=re.compile("significant impact")).get_by_label("Yes").check()
    page.get_by_label("The impact on the person's wellbeing").fill("She has stopped going out.")
    page.get_by_label("Eligible for care and support").check()
    page.get_by_label("Reasons for the decision").fill("All three conditions are met.")
    _evidence(page, 5, "The three conditions of the 2015 Regulations, explained to Maggie.")
    _evidence(page, 6, "Decided within two working days of the assessment.")
    assert_accessible(page)
    page.get_by_role("button", name="Complete and send to a manager").click()
    expect(
        page.get_by_text("Eligibility determination completed and sent to a manager to authorise.")
    ).to_be_visible()
    assert_accessible(page)

    # The manager authorises it from Team recording.
    manager_page = sign_in_elsewhere(manager)
    _authorise(manager_page, "Eligibility determination")

    # The care and support plan: over budget without the person's top-up is refused.
    page.get_by_role("link", name="Back to Margaret Oyelaran").click()
    _start(
        page,
        "Care and support plan",
        not_yet={"Review": "A review needs an authorised care and support plan"},
    )
    page.get_by_label("Outcome 1", exact=True).fill("I want to have a bath safely twice a week.")
    support_1 = page.get_by_role("group", name="Support 1", exact=True)
    support_1.get_by_label("Need 1").fill("Bathing")
    support_1.get_by_label("How it will be met").fill("A home carer helps twice a week.")
    support_1.get_by_label("Traditional service, for example home care").check()
    support_1.get_by_label("Provider", exact=True).fill("Bluebell Home Care")
    fill_service(support_1, 1, "£120")  # as people type it
    page.get_by_role("button", name="Add another support").click()
    expect(support_1.get_by_label("Need 1")).to_have_value("Bathing")
    assert_accessible(page)
    support_2 = page.get_by_role("group", name="Support 2", exact=True)
    support_2.get_by_label("Need 2").fill("Getting out")
    support_2.get_by_label("How it will be met").fill("The Tuesday gardening club.")
    support_2.get_by_label("Non-traditional, for example a club or activity").check()
    fill_service(support_2, 2, "45.50")
    support_2.get_by_label("It meets the person's assessed needs and outcomes").check()
    support_2.get_by_label("It is safe, lawful and appropriate").check()
    page.get_by_label("Personal budget", exact=True).fill("150.00")
    page.get_by_role("group", name="Will the person take direct payments?").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_label("Why not?").fill("She does not want to manage the money.")
    page.get_by_label("Funded Nursing Care and NHS Continuing Healthcare were").check()
    page.get_by_label("What was considered").fill("No nursing needs.")
    page.get_by_label("Contingency plan").fill("Her daughter will call the team.")
    _fill_date(page, "Review date", "20", "11", "2027")
    _evidence(page, 3, "The gardening club before more paid care.")
    _evidence(page, 7, "Checked the cost against the personal budget.")
    page.get_by_role("button", name="Complete and send to a manager").click()
    expect(page.get_by_role("alert")).to_contain_text("£15.50 a week is not funded")
    top_up = page.get_by_label("The person's top-up")
    expect(top_up).to_have_accessible_description(re.compile("£15.50 a week is not funded"))
    expect(
        page.get_by_role("group", name="Support 2", exact=True).get_by_label("Need 2")
    ).to_have_value("Getting out")
    expect(page.get_by_label("Personal budget", exact=True)).to_have_value("150.00")
    expect(page.get_by_label("How did principle 7 shape what you did?")).to_have_value(
        "Checked the cost against the personal budget."
    )
    assert_accessible(page)
    top_up.fill("15.50")
    page.get_by_label("About the top-up").fill("Maggie pays for the gardening club herself.")
    page.get_by_role("button", name="Complete and send to a manager").click()
    expect(
        page.get_by_text("Care and support plan completed and sent to a manager to authorise.")
    ).to_be_visible()
    assert_accessible(page)
    plan_url = page.url

    manager_page.get_by_role("link", name="Back to Margaret Oyelaran").click()
    _authorise(manager_page, "Care and support plan")

    # The person's copy: the PDF, then the record that they received it.
    page.goto(plan_url)
    expect(page.get_by_text("Authorised by Bob Baker")).to_be_visible()
    expect(page.get_by_text("Copy not given")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the copy (PDF)").click()
    with open(info.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    page.get_by_role("link", name="Record that the person received a copy").click()
    assert_accessible(page)
    _fill_date(page, "Date the person received it", "25", "11", "2026")
    page.get_by_role("group", name="What form was the copy in?").get_by_label("Large print").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Select how the person received it").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("group", name="How did the person receive it?").get_by_label("Post").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Recorded that the person received their copy.")).to_be_visible()
    expect(page.get_by_text("Received 25 November 2026: Large print, by post")).to_be_visible()
    assert_accessible(page)

    # The first download issued the copy; a correction is a new issue, and both stay.
    issued = page.get_by_role("table", name="Copies issued")
    expect(issued).to_contain_text("25 November 2026")
    page.get_by_role("link", name="Issue a corrected copy").click()
    assert_accessible(page)
    page.get_by_role("button", name="Issue a corrected copy").click()
    expect(page.get_by_text("Enter why you are issuing a corrected copy").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Why are you issuing a corrected copy?").fill("Her address changed.")
    page.get_by_role("button", name="Issue a corrected copy").click()
    expect(page.get_by_text("Corrected copy issued: issue 2.")).to_be_visible()
    expect(issued.get_by_role("row")).to_have_count(3)  # the header, issues 2 and 1
    assert_accessible(page)

    page.get_by_role("link", name="Back to Margaret Oyelaran").click()
    copies = page.get_by_role("heading", name="Copies not given").locator("+ p + ul")
    expect(copies).to_contain_text("Needs assessment")
    expect(copies).not_to_contain_text("Care and support plan")
    assert_accessible(page)


def test_a_review_sets_when_the_person_is_next_reviewed(
    sign_in, live_server, practitioner, manager, person
):
    assessment = needs_assessment_for(person, practitioner)
    eligibility = eligibility_for(assessment, practitioner, authorised_by=manager)
    care_plan_for(
        eligibility,
        practitioner,
        authorised_by=manager,
        outcomes=["I want to have a proper wash every morning.", "I want to feel safe."],
    )
    page = sign_in(practitioner)
    _open_person(page, live_server, person)
    _start(page, "Review")
    _fill_date(page, "Date of the review", "25", "11", "2026")
    page.get_by_label("How are things going?").fill(
        "Maggie says: the morning carer is lovely and I feel clean again."
    )
    page.get_by_role(
        "group", name="Progress: I want to have a proper wash every morning."
    ).get_by_label("Achieved", exact=True).check()
    page.get_by_role("group", name="Progress: I want to feel safe.").get_by_label(
        "Partly achieved"
    ).check()
    _fill_date(page, "Next review date", "26", "11", "2027")
    page.get_by_label("Planned: the scheduled review").check()
    page.get_by_label("Face to face").check()
    page.get_by_label("Partially achieved").check()
    page.get_by_label("The support carries on").check()
    _evidence(page, 2, "We looked at what Maggie does for herself now.")
    page.get_by_role("button", name="Complete review").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("The next review must be within 12 months of this one")
    expect(page.get_by_label("How are things going?")).to_have_value(
        "Maggie says: the morning carer is lovely and I feel clean again."
    )
    assert_accessible(page)
    page.get_by_role("group", name="Next review date").get_by_label("Day").fill("25")
    page.get_by_role("button", name="Complete review").click()
    expect(page.get_by_text("Review completed.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Back to Margaret Oyelaran").click()
    expect(page.get_by_text("Next review due by 25 November 2027.")).to_be_visible()
    assert_accessible(page)


SAFEGUARDING_PRINCIPLES = (
    "Empowerment",
    "Prevention",
    "Proportionality",
    "Protection",
    "Partnership",
    "Accountability",
)


def test_immediate_safeguarding_is_at_the_top_of_the_managers_team_recording(
    sign_in, sign_in_elsewhere, live_server, practitioner, manager, person
):
    page = sign_in(practitioner)
    _open_person(page, live_server, person)
    _start(page, "Safeguarding concern")
    page.get_by_label("The concern").fill("Bruises on her arms; she says a neighbour grabbed her.")
    page.get_by_label("What does the person want to happen?").fill(
        "I want him to stop coming round."
    )
    for principle in SAFEGUARDING_PRINCIPLES:
        page.get_by_label(principle, exact=True).fill(f"Considered {principle.lower()}.")
    page.get_by_label("Action taken").fill("Police called; her daughter is staying tonight.")
    page.get_by_label("Immediate action is needed: someone is at risk now").check()
    _evidence(page, 4, "Maggie decided who we told, and her daughter is with her tonight.")
    assert_accessible(page)
    page.get_by_role("button", name="Complete safeguarding concern").click()
    expect(page.get_by_text("Safeguarding concern completed.")).to_be_visible()
    expect(page.get_by_text("Immediate action needed.")).to_be_visible()
    assert_accessible(page)

    manager_page = sign_in_elsewhere(manager)
    manager_page.get_by_role("link", name="Team recording").click()
    banner = manager_page.get_by_role("region", name="Safeguarding: immediate action")
    expect(banner).to_contain_text("Margaret Oyelaran (HCC-104233): raised by Alice Adams")
    team_table = manager_page.get_by_role("table", name="North Adult Care Team")
    assert banner.bounding_box()["y"] < team_table.bounding_box()["y"]
    assert_accessible(manager_page)
    banner.get_by_role("link", name=re.compile("Margaret Oyelaran")).click()
    expect(manager_page.get_by_role("heading", name="Safeguarding concern")).to_be_visible()
    assert_accessible(manager_page)


def test_a_practitioner_cannot_authorise_an_eligibility_determination(
    sign_in, live_server, practitioner, person
):
    assessment = needs_assessment_for(person, practitioner)
    eligibility = eligibility_for(assessment, practitioner)
    page = sign_in(practitioner)
    page.goto(f"{live_server.url}{eligibility.get_absolute_url()}")
    expect(page.get_by_text("Waiting for a manager to authorise it.")).to_be_visible()
    expect(page.get_by_role("link", name="Authorise or return")).to_have_count(0)
    assert_accessible(page)

    response = page.goto(
        f"{live_server.url}{reverse('assessments:authorise', args=[eligibility.pk])}"
    )
    assert response.status == 403
    expect(page.get_by_role("heading", name="You do not have access to this page")).to_be_visible()
    assert_accessible(page)
