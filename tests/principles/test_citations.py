"""Hints and captions quote the principle the active framework names for a rule, in
that council's own words, or read without a reference when it names none: never
another council's principle."""

import re
from datetime import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from assessments.models import PlanSupport, Review
from principles.citations import Purpose, cite, cited_principles
from principles.models import ActiveFramework, CitedPrinciple, Framework, Principle
from recording.deadlines import LONDON
from recording.services import recording_digest_send
from tests.assessments.factories import care_plan_for, eligibility_for, needs_assessment_for
from tests.factories import ContactFactory

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_frozen")]

HERTS_TIMELY = "(Principle 6: Timely and Defensible Decision making and recording)"
LANCS_LEGAL = (
    "(Principle 4: We will adhere to the legal framework for Adult Social Care clearly "
    "evidencing reasons for the decisions we make)"
)
# Words of the other council: its name, or the title of a principle it alone has.
HERTFORDSHIRE_WORDS = re.compile(r"Hertfordshire|Herts|Timely and Defensible|Value for money")
LANCASHIRE_WORDS = re.compile(r"Lancashire|Lancs|We will ")


@pytest.fixture
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def lancashire(principles) -> Framework:
    framework = Framework.objects.get(slug="lancashire-living-better-lives")
    ActiveFramework.choose(framework)
    return framework


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Be risk positive.", "Be risk positive (Principle 2: Risk)."),
        ("Within 12 months", "Within 12 months (Principle 2: Risk)"),
        ("", "Principle 2: Risk"),
    ],
)
def test_a_hint_quotes_the_principle_before_its_full_stop(text, expected):
    assert cite(text, Principle(number=2, title="Risk")) == expected


def test_a_hint_with_no_principle_named_reads_without_a_reference():
    assert cite("Be risk positive.", None) == "Be risk positive."


def test_each_framework_names_its_own_principle_for_a_purpose(principles):
    lancashire = Framework.objects.get(slug="lancashire-living-better-lives")
    assert cited_principles()[Purpose.TIMELY_RECORDING].number == 6  # the active one
    assert cited_principles(lancashire)[Purpose.TIMELY_RECORDING].number == 4
    assert Purpose.REVIEWS not in cited_principles()
    assert cited_principles(lancashire)[Purpose.REVIEWS].number == 4


def test_a_cited_principle_must_belong_to_the_framework(principles):
    lancashire = Framework.objects.get(slug="lancashire-living-better-lives")
    cited = CitedPrinciple(
        framework=principles, purpose=Purpose.REVIEWS, principle=lancashire.principles.get(number=4)
    )
    with pytest.raises(Exception, match="Select a principle of the same framework version"):
        cited.full_clean()


PAGES = [
    ("recording:my_recording", []),
    ("recording:team_recording", []),
    ("dashboards:dashboard", ["timeliness"]),
]


def test_with_hertfordshire_active_recording_pages_quote_its_principle_6(
    principles, practitioner_client, manager_client, quality_client, person
):
    for client, (name, args) in zip(
        [practitioner_client, manager_client, quality_client], PAGES, strict=True
    ):
        url = reverse(name, args=args)
        page = _page(client, url)
        assert HERTS_TIMELY in page, url
        assert not LANCASHIRE_WORDS.search(page), url
    page = _page(practitioner_client, reverse("recording:contact_new", args=[person.pk]))
    assert f"within two working days of the contact {HERTS_TIMELY}." in page


def test_with_lancashire_active_recording_pages_quote_its_principle_and_no_other_councils(
    lancashire, practitioner_client, manager_client, quality_client, person
):
    for client, (name, args) in zip(
        [practitioner_client, manager_client, quality_client], PAGES, strict=True
    ):
        url = reverse(name, args=args)
        page = _page(client, url)
        assert LANCS_LEGAL in page, url
        assert not HERTFORDSHIRE_WORDS.search(page), url
    page = _page(practitioner_client, reverse("recording:contact_new", args=[person.pk]))
    assert f"within two working days of the contact {LANCS_LEGAL}." in page
    assert not HERTFORDSHIRE_WORDS.search(page)


def test_with_no_principle_named_the_hint_reads_without_a_reference(
    lancashire, practitioner_client
):
    CitedPrinciple.objects.filter(framework=lancashire).delete()
    page = _page(practitioner_client, reverse("recording:my_recording"))
    assert "Each contact must be recorded within two working days, including" in page
    assert "(Principle" not in page


def test_an_administrators_choice_of_principle_is_quoted(
    principles, administrator_client, practitioner_client
):
    cited = CitedPrinciple.objects.get(framework=principles, purpose=Purpose.TIMELY_RECORDING)
    url = reverse("admin:principles_citedprinciple_change", args=[cited.pk])
    lancashire = Framework.objects.get(slug="lancashire-living-better-lives")
    form = {"framework": principles.pk, "purpose": "timely_recording"}
    response = administrator_client.post(
        url, {**form, "principle": lancashire.principles.get(number=4).pk}
    )
    assert "Select a principle of the same framework version" in response.content.decode()
    response = administrator_client.post(
        url, {**form, "principle": principles.principles.get(number=5).pk}
    )
    assert response.status_code == 302
    page = _page(practitioner_client, reverse("recording:my_recording"))
    assert "within two working days (Principle 5: Clear Understanding" in page


SUPPORTS = [  # the factory's own supports name a council's provider
    {
        "need": "Washing and dressing in the morning",
        "how_met": "A carer visits every morning.",
        "kind": PlanSupport.Kind.TRADITIONAL,
        "provider": "Bluebell Home Care",
        "weekly_cost": Decimal("148.05"),
    }
]


def _draft_plan(person, practitioner, manager):
    assessment = needs_assessment_for(person, practitioner)
    eligibility = eligibility_for(assessment, practitioner, authorised_by=manager)
    return care_plan_for(eligibility, practitioner, completed=False, supports=SUPPORTS)


def test_with_hertfordshire_active_the_plan_quotes_its_principles_3_and_7(
    principles, practitioner_client, person, practitioner, manager
):
    plan = _draft_plan(person, practitioner, manager)
    page = _page(practitioner_client, plan.get_edit_url())
    assert "as a top-up (Principle 3: Alternatives to traditional care services)." in page
    assert "Confirm this for a non-traditional option (Principle 3: Alternatives" in page
    assert 'class="govuk-hint">Principle 7: Value for money, effectiveness and efficiency' in page
    assert not LANCASHIRE_WORDS.search(page)


def test_with_lancashire_active_the_plan_and_review_quote_its_principles_only(
    lancashire, practitioner_client, person, practitioner, manager
):
    plan = _draft_plan(person, practitioner, manager)
    page = _page(practitioner_client, plan.get_edit_url())
    assert "as a top-up (Principle 2: We will always promote independence" in page
    assert "Confirm this for a non-traditional option (Principle 2: We will" in page
    assert "id_health_funding_considered_hint" not in page  # Lancashire names none for it
    assert not HERTFORDSHIRE_WORDS.search(page)

    care_plan_for(plan.eligibility, practitioner, authorised_by=manager, supports=SUPPORTS)
    response = practitioner_client.post(
        reverse("assessments:start", args=[person.pk]), {"kind": "review", "contact": "none"}
    )
    assert response.status_code == 302
    review = Review.objects.get(person=person)
    page = _page(practitioner_client, review.get_edit_url())
    assert f"Within 12 months of this review {LANCS_LEGAL}" in page
    assert not HERTFORDSHIRE_WORDS.search(page)


def test_with_hertfordshire_active_the_review_hint_names_no_principle(
    principles, practitioner_client, person, practitioner, manager
):
    plan = _draft_plan(person, practitioner, manager)
    care_plan_for(plan.eligibility, practitioner, authorised_by=manager, supports=SUPPORTS)
    practitioner_client.post(
        reverse("assessments:start", args=[person.pk]), {"kind": "review", "contact": "none"}
    )
    page = _page(practitioner_client, Review.objects.get(person=person).get_edit_url())
    assert "Within 12 months of this review</div>" in page.replace(" </div>", "</div>")
    assert not LANCASHIRE_WORDS.search(page)


def test_the_digest_email_quotes_the_active_frameworks_principle(
    lancashire, person, practitioner, django_capture_on_commit_callbacks
):
    practitioner.email = "alice@example.gov.uk"
    practitioner.save()
    ContactFactory(person=person, recorded_by=practitioner)  # due today
    with django_capture_on_commit_callbacks(execute=True):
        assert recording_digest_send(today=NOW.date(), site_url="http://testserver") == 1
    body = mail.outbox[0].body
    assert f"within two working days {LANCS_LEGAL}." in body
    assert not HERTFORDSHIRE_WORDS.search(body)


def test_the_copy_and_safeguarding_pages_quote_the_records_framework(
    lancashire, principles, practitioner_client, person, practitioner
):
    ActiveFramework.choose(principles)
    assessment = needs_assessment_for(person, practitioner)
    page = _page(practitioner_client, reverse("assessments:copy_given", args=[assessment.pk]))
    assert "care and support plan (Principle 5: Clear Understanding of the legal" in page

    ActiveFramework.choose(lancashire)
    response = practitioner_client.post(
        reverse("assessments:start", args=[person.pk]), {"kind": "safeguarding", "contact": "none"}
    )
    assert response.status_code == 302
    page = _page(practitioner_client, response.url)
    assert (
        "six safeguarding principles (Principle 3: We will ensure people are safe and "
        "supported to manage risks)."
    ) in page
    assert not HERTFORDSHIRE_WORDS.search(page)
