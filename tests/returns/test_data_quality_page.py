"""The data-quality page (/returns/data-quality/): who sees which team, what it shows of a
restricted person, the Fix links, the access log, and a fixed number of queries.

The extract's rows are hand-made here (`extract_rows` replaced), so the page is tested
on its own; tests/returns/test_independent_checker.py runs it on the demo's extract."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from audit.models import AccessEvent
from returns import views_quality
from returns.rows import Source
from tests.assessments.factories import needs_assessment_for
from tests.factories import PersonFactory
from tests.returns.rows import make_row

URL = reverse("returns:data_quality")


class Rows(list):
    asked: list


@pytest.fixture
def rows(monkeypatch):
    """The extract's rows the page is given: set `rows[:]`; the page gets those of the
    teams it asks for, and the period it asked is kept in `asked`."""
    made = Rows()
    asked: list = []

    def extract_rows(period_end: date, team_ids):
        asked.append(period_end)
        return iter([row for row in made if row.team_id in team_ids])

    monkeypatch.setattr(views_quality, "extract_rows", extract_rows)
    made.asked = asked
    return made


@pytest.fixture
def gaps(rows, person, other_teams_person):
    """Margaret (North) has no ethnicity on a request; Harold (Hospital) has a service
    without a unit cost."""
    rows.append(make_row("Request", person_id=person.pk, team_id=person.team_id, Ethnicity=""))
    rows.append(
        make_row(
            "Service",
            person_id=other_teams_person.pk,
            team_id=other_teams_person.team_id,
            source=Source.SERVICE,
            source_id=7,
            Unit_Cost="",
        )
    )
    return rows


@pytest.mark.parametrize("client_name", ["practitioner_client", "administrator_client"])
def test_practitioners_and_administrators_are_refused(request, client_name, gaps):
    response = request.getfixturevalue(client_name).get(URL)
    assert response.status_code == 403


def test_a_manager_sees_their_teams_failures_with_the_fix_link(manager_client, gaps, person):
    response = manager_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "North Adult Care Team" in html
    assert "Margaret Oyelaran" in html
    assert "Ethnicity is missing" in html
    assert "Failed: Blank (Mandatory)" in html
    assert "1 of 1 event fails" in html
    assert "Request R-1, 1 Apr 2026 to 3 Apr 2026" in html
    edit = reverse("recording:person_edit", args=[person.pk])
    assert f'href="{edit}#id_ethnicity"' in html
    # The counts per field: one event fails on ethnicity.
    counts = response.context["report"][0]
    assert counts.count_rows == [("Ethnicity", "Failed: Blank (Mandatory)", 1)]
    # Not the other team's.
    assert "Harold Pennington" not in html
    assert "Hospital Discharge Team" not in html


def test_a_manager_cannot_choose_another_team(client, other_manager, gaps):
    client.force_login(other_manager)
    response = client.get(URL, {"team": "north"})
    html = response.content.decode()
    assert "Margaret Oyelaran" not in html
    assert "Harold Pennington" in html
    assert "Unit cost is missing" in html


def test_quality_staff_see_every_team_and_no_fix_links(quality_client, gaps):
    html = quality_client.get(URL).content.decode()
    assert "Margaret Oyelaran" in html and "Harold Pennington" in html
    assert ">Fix<" not in html  # they read, they do not write


def test_a_restricted_person_is_named_only_to_those_who_may_see_them(
    quality_client, manager_client, rows, team, principles
):
    hidden = PersonFactory(name="Zara Quiet", team=team, is_restricted=True)
    rows.append(make_row("Request", person_id=hidden.pk, team_id=team.pk, Ethnicity=""))
    html = quality_client.get(URL).content.decode()
    assert "Zara Quiet" not in html
    assert "A restricted person" in html
    assert reverse("recording:person", args=[hidden.pk]) not in html
    # The team's manager sees restricted people of the team.
    html = manager_client.get(URL).content.decode()
    assert "Zara Quiet" in html


def test_the_period_and_team_are_chosen(manager_client, gaps, team):
    manager_client.get(URL, {"period": "2025-12-31", "team": team.slug})
    manager_client.get(URL, {"period": "2025-12-30"})  # not offered: the latest
    assert gaps.asked[0] == date(2025, 12, 31)
    assert gaps.asked[1] != date(2025, 12, 30)


def test_each_view_is_one_access_log_entry(manager_client, manager, gaps):
    manager_client.get(URL, {"team": "north"})
    entries = AccessEvent.objects.filter(user=manager)
    assert entries.count() == 1
    entry = entries.get()
    assert entry.person is None and not entry.refused
    assert entry.what == "data_quality"
    assert entry.path == URL + "?team=north"


def test_no_failures_says_so(manager_client, rows, person):
    rows.append(make_row("Request", person_id=person.pk, team_id=person.team_id))
    html = manager_client.get(URL).content.decode()
    assert "No failures: the 1 event passes" in html


def test_assessment_fix_links_go_to_the_draft_or_the_completed_records_details(
    manager_client, rows, person, practitioner
):
    draft = needs_assessment_for(person, practitioner, completed=False)
    rows.append(
        make_row(
            "Assessment",
            person_id=person.pk,
            team_id=person.team_id,
            source=Source.ASSESSMENT,
            source_id=draft.pk,
            Method_of_Assessment="",
        )
    )
    rows.append(
        make_row(
            "Request",
            person_id=person.pk,
            team_id=person.team_id,
            source=Source.REQUEST,
            source_id=5,
            Request_Route_of_Access="",
        )
    )
    html = manager_client.get(URL).content.decode()
    assert f'href="{reverse("assessments:edit", args=[draft.pk])}"' in html
    assert f'href="{reverse("frontdoor:request", args=[5])}"' in html
    assert "Method of assessment is missing" in html
    assert "(value list unconfirmed)" in html  # DHSC's public code does not show methods


def test_queries_do_not_grow_with_the_data(
    manager_client, rows, team, principles, django_assert_max_num_queries
):
    def add(n):
        for _ in range(n):
            someone = PersonFactory(team=team)
            rows.append(make_row("Request", person_id=someone.pk, team_id=team.pk, Gender=""))
            rows.append(
                make_row(
                    "Review",
                    person_id=someone.pk,
                    team_id=team.pk,
                    source=Source.REVIEW,
                    source_id=someone.pk,
                    Method_of_Review="",
                )
            )

    add(1)
    manager_client.get(URL)  # the session and the like, once
    with django_assert_max_num_queries(16) as few:
        manager_client.get(URL)
    add(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = manager_client.get(URL)
    assert response.content.decode().count("Gender is missing") == 21


def test_queries_do_not_grow_with_the_real_extract(
    manager_client, team, practitioner, principles, django_assert_max_num_queries
):
    """The same, on `returns.events.cld_rows` itself: requests without an ethnicity."""
    from django.utils import timezone

    from returns.periods import latest_quarter_end
    from tests.returns.factories import screened_request

    received = latest_quarter_end(timezone.localdate()) - timedelta(days=30)

    def add(n):
        for _ in range(n):
            someone = PersonFactory(team=team, ethnicity="")
            screened_request(someone, received, received + timedelta(days=1))

    add(1)
    manager_client.get(URL)
    with django_assert_max_num_queries(25) as few:
        manager_client.get(URL)
    add(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = manager_client.get(URL)
    assert response.content.decode().count("Ethnicity is missing") == 11
