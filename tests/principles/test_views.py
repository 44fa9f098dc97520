from datetime import date

import pytest
import time_machine
from django.urls import reverse

from principles.models import ActiveFramework, Framework, ReadingConfirmation
from tests.factories import (
    PrincipleFactory,
    ReadingConfirmationFactory,
    TeamMembershipFactory,
    UserFactory,
    active_framework_with_principles,
)

CONFIRM = reverse("principles:confirm_reading")
TEAM_VIEW = reverse("principles:team_confirmations")
TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-11-23 10:00 +00:00", tick=False):
        yield


def _date_fields(value: date) -> dict:
    return {"read_on_0": value.day, "read_on_1": value.month, "read_on_2": value.year}


# --- Reading the principles ----------------------------------------------------------


def test_framework_page_lists_every_principle(practitioner_client, principles):
    response = practitioner_client.get(principles.get_absolute_url())
    assert response.status_code == 200
    for principle in principles.principles.all():
        assert principle.title in response.text
    assert "Version" in response.text and "1 April 2025" in response.text


def test_lancashire_principle_page_shows_we_and_i_statements(practitioner_client, principles):
    lancashire = Framework.objects.get(slug="lancashire-living-better-lives")
    response = practitioner_client.get(reverse("principles:principle", args=[lancashire.pk, 1]))
    assert response.status_code == 200
    page = response.text
    assert "We start from understanding what matters to the person" in page
    assert "I am treated with respect and dignity." in page
    assert "“We” statements" in page and "“I” statements" in page


def test_principle_page_shows_source_emphasis_and_escapes_html(practitioner_client, db):
    framework = active_framework_with_principles(count=0)
    PrincipleFactory(framework=framework, number=1, text="Our duty is to *promote* <b>x</b>")
    response = practitioner_client.get(reverse("principles:principle", args=[framework.pk, 1]))
    assert "<em>promote</em>" in response.text
    assert "&lt;b&gt;x&lt;/b&gt;" in response.text


@pytest.mark.parametrize(
    "url",
    [
        reverse("principles:framework", args=[999999]),
        reverse("principles:principle", args=[999999, 1]),
    ],
)
def test_missing_framework_or_principle_is_a_govuk_404(practitioner_client, principles, url):
    response = practitioner_client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert "govuk-heading-l" in response.text


def test_principle_number_that_does_not_exist_is_404(practitioner_client, principles):
    url = reverse("principles:principle", args=[principles.pk, 11])
    assert practitioner_client.get(url).status_code == 404


def test_principles_pages_need_sign_in(client, principles):
    response = client.get(principles.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# --- Confirming reading ---------------------------------------------------------------


def test_confirming_all_principles_confirms_the_version(
    practitioner_client, practitioner, principles
):
    response = practitioner_client.post(CONFIRM, {"scope": "all", **_date_fields(TODAY)})
    assert response.status_code == 302
    assert ReadingConfirmation.objects.filter(user=practitioner).count() == 10
    home = practitioner_client.get(reverse("home"))
    assert "You confirmed reading 10 principles." in home.text
    assert "You have confirmed reading" in home.text


def test_confirming_chosen_principles_is_partial(practitioner_client, practitioner, principles):
    chosen = list(principles.principles.filter(number__in=[2, 5]).values_list("pk", flat=True))
    response = practitioner_client.post(
        CONFIRM, {"scope": "some", "principles": chosen, **_date_fields(TODAY)}
    )
    assert response.status_code == 302
    home = practitioner_client.get(reverse("home"))
    assert "2 of 10 principles" in home.text


def test_confirming_twice_does_not_duplicate_or_move_the_date(
    practitioner_client, practitioner, principles
):
    practitioner_client.post(CONFIRM, {"scope": "all", **_date_fields(date(2026, 11, 2))})
    response = practitioner_client.post(
        CONFIRM, {"scope": "all", **_date_fields(TODAY)}, follow=True
    )
    assert ReadingConfirmation.objects.filter(user=practitioner).count() == 10
    assert set(
        ReadingConfirmation.objects.filter(user=practitioner).values_list("read_on", flat=True)
    ) == {date(2026, 11, 2)}
    assert "You had already confirmed 10" in response.text


def test_confirmation_of_an_old_version_does_not_count_for_a_new_one(
    practitioner_client, practitioner, db
):
    old = active_framework_with_principles(count=2, slug="testshire", version="1")
    for principle in old.principles.all():
        ReadingConfirmationFactory(user=practitioner, principle=principle)
    new = active_framework_with_principles(count=2, slug="testshire", version="2")
    assert ActiveFramework.current() == new
    home = practitioner_client.get(reverse("home"))
    assert "Not confirmed" in home.text
    assert "version 2" in home.text


def test_choosing_some_but_selecting_none_is_refused_next_to_the_field(
    practitioner_client, principles
):
    response = practitioner_client.post(CONFIRM, {"scope": "some", **_date_fields(TODAY)})
    assert response.status_code == 200
    assert "Select the principles you have read" in response.text
    assert '<a href="#id_principles_1">' in response.text  # summary links to the first box
    assert response.text.count("Select the principles you have read") == 2  # summary + field
    assert "<title>Error: " in response.text


def test_a_future_date_is_refused_and_what_was_typed_is_kept(practitioner_client, principles):
    response = practitioner_client.post(
        CONFIRM, {"scope": "all", "read_on_0": "1", "read_on_1": "1", "read_on_2": "2027"}
    )
    assert response.status_code == 200
    assert "The date you read them must be today or in the past" in response.text
    assert 'value="2027"' in response.text
    assert ReadingConfirmation.objects.count() == 0


def test_a_malformed_date_keeps_what_was_typed(practitioner_client, principles):
    response = practitioner_client.post(
        CONFIRM, {"scope": "all", "read_on_0": "31", "read_on_1": "2", "read_on_2": "twenty"}
    )
    assert response.status_code == 200
    assert 'value="twenty"' in response.text
    assert 'value="31"' in response.text
    assert "checked" in response.text  # the radio chosen stays chosen


def test_confirm_page_preselects_the_principle_it_came_from(practitioner_client, principles):
    response = practitioner_client.get(CONFIRM + "?principle=4")
    assert response.status_code == 200
    assert response.context["form"].initial["scope"] == "some"


def test_confirm_without_an_active_framework_is_404(practitioner_client, db):
    assert practitioner_client.get(CONFIRM).status_code == 404


# --- The team manager's view -------------------------------------------------------


@pytest.fixture
def team_readings(principles, team, practitioner, manager, outsider):
    """Alice (practitioner) has read nothing; Bob (manager) read everything; Erin read two."""
    erin = UserFactory(username="erin", first_name="Erin", last_name="Evans")
    TeamMembershipFactory(user=erin, team=team)
    for principle in principles.principles.all():
        ReadingConfirmationFactory(user=manager, principle=principle)
    for principle in principles.principles.filter(number__lte=2):
        ReadingConfirmationFactory(user=erin, principle=principle)
    return erin


def test_the_old_team_view_goes_to_the_reading_dashboard(manager_client, team_readings):
    response = manager_client.get(TEAM_VIEW, follow=True)
    assert response.redirect_chain == [(reverse("dashboards:dashboard", args=["reading"]), 302)]
    page = response.text
    assert "Not yet confirmed the current version" in page
    assert "Erin" in page  # a member who has read 2 of 10
    assert "Charlie" not in page  # another team's member


def test_the_old_team_view_refuses_post(manager_client, team_readings):
    assert manager_client.post(TEAM_VIEW).status_code == 405
