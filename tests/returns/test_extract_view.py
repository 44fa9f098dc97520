"""The extract's page: administrators and quality staff choose a quarter end and download
the CSV; each download is in the access log; nobody else gets the page."""

import csv
from datetime import date
from io import StringIO

import pytest
import time_machine
from django.urls import reverse

from audit.models import AccessEvent
from config import cld
from recording.access_log import What
from tests.factories import PersonFactory
from tests.returns.factories import screened_request

URL = reverse("returns:extract")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _may_2026():
    with time_machine.travel("2026-05-12 10:00 +01:00", tick=False):
        yield


def download(client, period_end="2026-03-31"):
    response = client.post(URL, {"period_end": period_end})
    assert response.status_code == 200, response.content[:500]
    return response, list(csv.reader(StringIO(b"".join(response.streaming_content).decode())))


def test_quality_staff_choose_from_the_last_eight_quarter_ends(quality_client, council):
    response = quality_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<option value="2026-03-31" selected>' in html
    assert "the 12 months from 1 April 2025 to 31 March 2026" in html
    assert '<option value="2024-06-30">' in html
    assert '<option value="2024-03-31">' not in html  # nine quarters back


def test_an_administrator_downloads_the_csv_and_it_is_logged(
    administrator_client, administrator, council, team
):
    person = PersonFactory(team=team)
    screened_request(person, date(2025, 10, 1), date(2025, 10, 2))
    response, lines = download(administrator_client)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="cld-919-2026-03-31.csv"'
    assert tuple(lines[0]) == cld.EXTRACT_COLUMNS
    assert len(lines) == 2
    event = AccessEvent.objects.get()
    assert (event.user, event.person, event.what, event.refused) == (
        administrator,
        None,
        What.CLD_EXTRACT,
        False,
    )
    assert event.path == "/returns/extract/?period_end=2026-03-31"
    # Administrators see it on the access log, with no person named.
    log = administrator_client.get(reverse("audit:access_log")).content.decode()
    assert "Everyone (the statutory return)" in log


def test_without_an_la_code_the_page_warns_and_the_file_still_downloads(quality_client, council):
    council.la_code = ""
    council.save()
    assert "LA code is not set" in quality_client.get(URL).content.decode()
    response, lines = download(quality_client)
    assert response["Content-Disposition"] == 'attachment; filename="cld-no-la-code-2026-03-31.csv"'
    assert len(lines) == 1


def test_a_period_not_offered_is_refused_with_a_message(quality_client, council):
    response = quality_client.post(URL, {"period_end": "2026-06-30"})  # not over yet
    assert response.status_code == 200
    assert "Select one of the quarter ends listed" in response.content.decode()
    assert not AccessEvent.objects.exists()


@pytest.mark.parametrize("who", ["practitioner", "manager", "outsider"])
def test_other_roles_are_refused(who, request, council):
    client = request.getfixturevalue(f"{who}_client")
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"period_end": "2026-03-31"}).status_code == 403
    assert not AccessEvent.objects.exists()


def test_signed_out_goes_to_sign_in(client, council):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_the_download_needs_the_csrf_token(quality, council):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(quality)
    assert client.post(URL, {"period_end": "2026-03-31"}).status_code == 403


def test_the_navigation_links_the_page_for_those_who_may_download(
    quality_client, practitioner_client, council
):
    assert f'href="{URL}"' in quality_client.get(reverse("home")).content.decode()
    assert f'href="{URL}"' not in practitioner_client.get(reverse("home")).content.decode()


def test_the_number_of_queries_is_fixed_whatever_the_number_of_people(
    quality_client, council, team, practitioner, django_assert_max_num_queries
):
    def people(count):
        for _ in range(count):
            person = PersonFactory(team=team)
            screened_request(person, date(2025, 10, 1), date(2025, 10, 2))

    people(1)
    with django_assert_max_num_queries(30) as few:
        download(quality_client)
    people(6)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        _response, lines = download(quality_client)
    assert len(lines) == 8
    assert len(many.captured_queries) == len(few.captured_queries)
