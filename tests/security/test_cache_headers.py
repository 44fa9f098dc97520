"""No sensitive page is kept by a browser or proxy cache; static files keep their long
cache (issue 15, part 4)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.assessments.factories import care_plan_for, eligibility_for, needs_assessment_for
from tests.recording.test_access import world  # noqa: F401 -- the fixture

pytestmark = pytest.mark.django_db


def _assert_not_stored(response, url: str) -> None:
    cache_control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    assert {"no-store", "private"} <= cache_control, (url, response.get("Cache-Control"))


def test_every_page_about_a_person_says_no_store(world, principles):  # noqa: F811
    manager, author = world.client("manager"), world.client("practitioner")
    assessment = needs_assessment_for(world.person, world.users["practitioner"])
    eligibility = eligibility_for(assessment, world.users["practitioner"])
    plan = care_plan_for(
        eligibility, world.users["practitioner"], authorised_by=world.users["manager"]
    )
    urls = [
        *world.urls.values(),
        reverse("home"),
        reverse("recording:person_list"),
        reverse("recording:person_list") + "?q=Margaret",
        reverse("recording:my_recording"),
        reverse("recording:team_recording"),
        reverse("assessments:record", args=[plan.pk]),
        reverse("assessments:pdf", args=[plan.pk]),
        reverse("assessments:pdf_large_print", args=[plan.pk]),
        reverse("dashboards:dashboard", args=["timeliness"]),
        reverse("dashboards:csv", args=["timeliness", "overdue"]),
        reverse("audit:access_log"),
    ]
    for url in urls:
        response = manager.get(url)
        if response.status_code == 403:  # the author's draft form
            response = author.get(url)
        assert response.status_code in (200, 302, 409), (url, response.status_code)
        _assert_not_stored(response, url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)


def test_refusals_and_the_sign_in_page_say_no_store(world):  # noqa: F811
    outsider = world.client("outsider")
    response = outsider.get(world.urls["person"])
    assert response.status_code == 404
    _assert_not_stored(response, "refused person page")
    response = Client().get(reverse("login"))
    _assert_not_stored(response, "sign-in")


def test_static_files_keep_their_long_cache(settings):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    settings.WHITENOISE_MAX_AGE = 31536000
    response = Client().get("/static/js/charts.mjs")
    b"".join(response.streaming_content)
    response.close()  # the file it streamed
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "max-age=31536000" in response["Cache-Control"]
