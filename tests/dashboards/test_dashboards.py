"""The dashboards against a small known data set: the exact figures each shows and
exports, who sees what, bad filters, and a fixed number of queries at two sizes.

Today is Monday 23 November 2026. A contact is due by the end of the second working day
after it (Herts P6)."""

import csv
import io
from datetime import date, datetime, time

import pytest
import time_machine
from django.urls import reverse

from accounts.roles import Role
from recording.deadlines import LONDON
from recording.models import PrincipleEvidence, Record, RecordingObligation
from tests.assessments.factories import needs_assessment_for
from tests.factories import (
    ContactFactory,
    PersonFactory,
    TeamMembershipFactory,
    UserFactory,
    case_note_for,
)

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime(2026, 11, 23, 10, 0, tzinfo=LONDON), tick=False):
        yield


def get(client, slug, **params):
    return client.get(reverse("dashboards:dashboard", args=[slug]), params)


def csv_rows(client, slug, table, **params) -> list[list[str]]:
    response = client.get(reverse("dashboards:csv", args=[slug, table]), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def contact_on(person, owner, day: date, *, completed_on: date | None = None):
    """A contact on `day` with its case-note obligation, completed on `completed_on`."""
    contact = ContactFactory(
        person=person, recorded_by=owner, occurred_at=datetime.combine(day, time(10), LONDON)
    )
    obligation = contact.obligations.get()
    if completed_on:
        RecordingObligation.objects.filter(pk=obligation.pk).update(
            completed_on=completed_on,
            completed_at=datetime.combine(completed_on, time(15), LONDON),
        )
    return obligation


def completed_note(obligation, numbers: dict[int, str], principles):
    """A completed case note for `obligation` evidencing the principles in `numbers`."""
    note = case_note_for(obligation.contact, author=obligation.owner)
    for number, evidence in numbers.items():
        PrincipleEvidence.objects.create(
            record=note, principle=principles.principles.get(number=number), evidence=evidence
        )
    completed_at = datetime.combine(obligation.contact_date, time(16), LONDON)
    Record.objects.filter(pk=note.pk).update(status="completed", completed_at=completed_at)
    return note


@pytest.fixture
def known(principles, team, other_team, practitioner, colleague, outsider, manager):
    """North: Alice one on time, one late, one overdue; Erin one on time, one not yet
    due. Hospital: Charlie one late. Two completed notes in North with evidence."""
    margaret = PersonFactory(name="Margaret Lee", team=team, allocated_worker=practitioner)
    formula = PersonFactory(name='=HYPERLINK("http://evil")', team=team)
    hospital_person = PersonFactory(name="Harold Hospital", team=other_team)
    on_time = contact_on(margaret, practitioner, date(2026, 11, 9), completed_on=date(2026, 11, 10))
    contact_on(margaret, practitioner, date(2026, 11, 10), completed_on=date(2026, 11, 16))
    contact_on(formula, practitioner, date(2026, 11, 18))  # due Fri 20th: overdue by 1
    erin = contact_on(margaret, colleague, date(2026, 11, 12), completed_on=date(2026, 11, 13))
    contact_on(margaret, colleague, date(2026, 11, 20))  # due Tue 24th
    contact_on(hospital_person, outsider, date(2026, 11, 10), completed_on=date(2026, 11, 17))
    completed_note(
        on_time, {1: "Asked what matters to her.", 6: "Recorded the same day."}, principles
    )
    completed_note(erin, {6: "Recorded the next day."}, principles)
    return {"margaret": margaret, "formula": formula}


# --- Timeliness -------------------------------------------------------------------------


def test_manager_sees_the_teams_share_within_two_working_days(manager_client, known):
    response = get(manager_client, "timeliness")
    assert response.status_code == 200
    headline = response.context["headline"]
    assert (headline.on_time, headline.late, headline.overdue, headline.not_yet_due) == (2, 1, 1, 1)
    assert headline.on_time_share == 50.0
    assert "50%" in response.text
    assert "Charlie" not in response.text and "Harold" not in response.text


def test_timeliness_by_practitioner_lowest_share_first(manager_client, known):
    rows = csv_rows(manager_client, "timeliness", "by-practitioner")
    assert rows[0][0] == "Practitioner"
    assert rows[1:] == [
        ["Alice Adams", "3", "1", "1", "1", "0", "33.3"],
        ["Erin Evans", "2", "1", "0", "0", "1", "100.0"],
    ]


def test_timeliness_by_week_and_month(manager_client, known):
    weeks = {row[0]: row[1:] for row in csv_rows(manager_client, "timeliness", "by-week")[1:]}
    assert weeks["2026-11-09"] == ["3", "2", "1", "0", "0", "66.7"]
    assert weeks["2026-11-16"] == ["2", "0", "0", "1", "1", "0.0"]
    assert weeks["2026-09-07"] == ["0", "0", "0", "0", "0", ""]  # no records: no share
    assert len(weeks) == 12
    months = csv_rows(manager_client, "timeliness", "by-month")
    assert months[-1] == ["2026-11-01", "5", "2", "1", "1", "1", "50.0"]


def test_overdue_list_shows_how_late_and_neutralises_formulas_in_the_csv(manager_client, known):
    response = get(manager_client, "timeliness")
    overdue = next(t for t in response.context["tables"] if t.slug == "overdue")
    assert [[c.text for c in row] for row in overdue.rows] == [
        [
            '=HYPERLINK("http://evil")',
            "Case note",
            "Alice Adams",
            "18 November 2026",
            "20 November 2026",
            "1",
        ]
    ]
    rows = csv_rows(manager_client, "timeliness", "overdue")
    assert rows[1] == [
        '\'=HYPERLINK("http://evil")',
        "Case note",
        "Alice Adams",
        "2026-11-18",
        "2026-11-20",
        "1",
    ]
    assert "&lt;" not in rows[1][0]


def test_quality_sees_every_team_and_can_filter_to_one(quality_client, known):
    rows = csv_rows(quality_client, "timeliness", "by-team")
    assert rows[1:] == [
        ["Hospital Discharge Team", "1", "0", "1", "0", "0", "0.0"],
        ["North Adult Care Team", "5", "2", "1", "1", "1", "50.0"],
    ]
    response = get(quality_client, "timeliness", team="hospital")
    assert response.context["headline"].late == 1
    assert "Margaret" not in response.text


def test_practitioner_sees_only_their_own_figures(practitioner_client, known):
    response = get(practitioner_client, "timeliness")
    headline = response.context["headline"]
    assert (headline.on_time, headline.late, headline.overdue) == (1, 1, 1)
    slugs = [t.slug for t in response.context["tables"]]
    assert "by-team" not in slugs and "by-practitioner" not in slugs
    assert "Erin" not in response.text
    assert (
        practitioner_client.get(
            reverse("dashboards:csv", args=["timeliness", "by-practitioner"])
        ).status_code
        == 404
    )


def test_kind_filter_counts_only_that_kind(manager_client, known):
    response = get(manager_client, "timeliness", kind="review")
    assert response.context["headline"].records == 0
    assert "No records" in response.text


@pytest.mark.parametrize("team_slug", ["hospital", "no-such-team"])
def test_a_team_outside_scope_shows_a_message_and_no_data(manager_client, known, team_slug):
    response = get(manager_client, "timeliness", team=team_slug)
    assert response.status_code == 200
    assert "Select a team from the list" in response.text
    assert response.context["filters"].teams[0].slug == "north"
    assert "Harold" not in response.text and "Hospital Discharge" not in response.text
    assert response.context["headline"].records == 5


def test_a_malformed_date_shows_a_message_and_the_default_period(manager_client, known):
    response = get(
        manager_client, "timeliness", date_from_0="31", date_from_1="2", date_from_2="2026"
    )
    assert response.status_code == 200
    assert "From must be a real date" in response.text
    assert response.text.startswith("<!DOCTYPE html>") or "<title>Error:" in response.text
    assert response.context["filters"].date_from == date(2026, 9, 7)
    assert response.context["headline"].records == 5


def test_an_end_before_the_start_is_refused(manager_client, known):
    response = get(
        manager_client,
        "timeliness",
        date_from_0="20",
        date_from_1="11",
        date_from_2="2026",
        date_to_0="1",
        date_to_1="11",
        date_to_2="2026",
    )
    assert "The end date must be the same as or after the start date" in response.text
    assert response.context["filters"].date_to == TODAY


def test_an_empty_period_shows_no_records(manager_client, known):
    response = get(
        manager_client,
        "timeliness",
        date_from_0="1",
        date_from_1="1",
        date_from_2="2020",
        date_to_0="31",
        date_to_1="1",
        date_to_2="2020",
    )
    assert response.status_code == 200
    assert response.context["headline"].on_time_share is None
    assert "No records" in response.text
    rows = csv_rows(
        manager_client,
        "timeliness",
        "by-month",
        date_from_0="1",
        date_from_1="1",
        date_from_2="2020",
        date_to_0="31",
        date_to_1="1",
        date_to_2="2020",
    )
    assert rows[1:] == [["2020-01-01", "0", "0", "0", "0", "0", ""]]


def dates(date_from: date, date_to: date) -> dict[str, str]:
    """The filter form's day, month and year fields for a period."""
    return {
        "date_from_0": str(date_from.day),
        "date_from_1": str(date_from.month),
        "date_from_2": str(date_from.year),
        "date_to_0": str(date_to.day),
        "date_to_1": str(date_to.month),
        "date_to_2": str(date_to.year),
    }


def test_a_three_year_range_is_grouped_by_quarter_not_by_week(manager_client, known):
    period = dates(date(2023, 11, 23), TODAY)
    response = get(manager_client, "timeliness", **period)
    slugs = [table.slug for table in response.context["tables"]]
    assert "by-quarter" in slugs
    assert "by-week" not in slugs and "by-month" not in slugs
    assert "By quarter, as the dates span more than two years." in response.text
    rows = csv_rows(manager_client, "timeliness", "by-quarter", **period)
    assert rows[0][0] == "Quarter starting"
    assert len(rows) == 1 + 13  # October 2023 to October 2026
    assert rows[-1] == ["2026-10-01", "5", "2", "1", "1", "1", "50.0"]
    weeks = manager_client.get(reverse("dashboards:csv", args=["timeliness", "by-week"]), period)
    assert weeks.status_code == 404


def test_a_year_is_grouped_by_month(manager_client, known):
    period = dates(date(2025, 12, 1), TODAY)
    response = get(manager_client, "timeliness", **period)
    by_month = next(t for t in response.context["tables"] if t.slug == "by-month")
    assert by_month.caption == "By month"
    assert len(by_month.rows) == 12
    assert by_month.rows[-1][0].text == "November 2026"
    assert "by-week" not in [table.slug for table in response.context["tables"]]
    assert "as the dates span more than 26 weeks" in response.text


def test_a_period_with_only_records_not_yet_due_says_none_is_late(manager_client, known):
    response = get(manager_client, "timeliness", **dates(date(2026, 11, 19), TODAY))
    assert response.context["headline"].records == 1
    assert (
        '<span class="app-figure">Not yet due</span> 1 record is not yet due; none is late'
        in response.text
    )
    by_kind = next(t for t in response.context["tables"] if t.slug == "by-kind")
    assert by_kind.rows[0][-1].text == "Not yet due"


def test_csv_headings_carry_the_unit_of_their_figures(manager_client, known):
    timeliness = csv_rows(manager_client, "timeliness", "by-practitioner")[0]
    assert timeliness[-1] == "Within two working days (%)"
    evidenced = csv_rows(manager_client, "principles", "evidenced")[0]
    assert evidenced == ["Principle", "Records", "Evidenced in", "Share of records (%)"]
    by_kind = csv_rows(manager_client, "principles", "by-kind")[0]
    assert by_kind[2] == "Principle 1 (%)"
    # The page's cells say "%" themselves; its headings stay short.
    response = get(manager_client, "timeliness")
    assert "Within two working days</th>" in response.text


def test_charts_are_given_axis_titles_and_their_unit(manager_client, known):
    response = get(manager_client, "timeliness")
    assert 'data-chart-x-title="Week starting"' in response.text
    assert 'data-chart-y-title="Within two working days (%)"' in response.text
    assert 'data-chart-unit="%"' in response.text


def test_table_regions_that_scroll_can_be_reached_by_keyboard(manager_client, known):
    response = get(manager_client, "principles")
    assert (
        '<div class="app-table-scroll" tabindex="0" role="region" '
        'aria-labelledby="by-kind-caption">' in response.text
    )


def test_nothing_due_reads_none_not_0_of_0(manager_client, known):
    response = get(manager_client, "timeliness", **dates(date(2026, 11, 19), TODAY))
    assert "0 on time of 0 due" not in response.text
    assert "None</span> due yet" in response.text


def test_csv_applies_the_filters(quality_client, known):
    rows = csv_rows(quality_client, "timeliness", "by-practitioner", team="hospital")
    assert [row[0] for row in rows[1:]] == ["Charlie Clarke"]


def test_csv_download_is_named_for_its_filters(manager_client, known):
    response = manager_client.get(reverse("dashboards:csv", args=["timeliness", "by-week"]))
    assert (
        'filename="timeliness-by-week-north-2026-09-07-to-2026-11-23.csv"'
        in response["Content-Disposition"]
    )


def test_unknown_dashboard_or_table_is_not_found(manager_client, known):
    assert manager_client.get("/dashboards/nope/").status_code == 404
    assert manager_client.get("/dashboards/timeliness/nope.csv").status_code == 404


def test_dashboards_refuse_post(manager_client, known):
    assert (
        manager_client.post(reverse("dashboards:dashboard", args=["timeliness"])).status_code == 405
    )


def test_administrator_without_a_reading_role_is_refused(administrator_client, known):
    assert get(administrator_client, "timeliness").status_code == 403


# --- Principles -----------------------------------------------------------------------


def test_principles_evidenced_share_by_principle(manager_client, known):
    rows = {row[0]: row[1:] for row in csv_rows(manager_client, "principles", "evidenced")[1:]}
    first = next(key for key in rows if key.startswith("1. "))
    sixth = next(key for key in rows if key.startswith("6. "))
    assert rows[first] == ["2", "1", "50.0"]
    assert rows[sixth] == ["2", "2", "100.0"]
    assert len(rows) == 10


def test_records_completed_without_a_required_principle_are_listed(
    manager_client, known, practitioner
):
    assessment = needs_assessment_for(known["margaret"], practitioner)
    # The council added a rule after it was completed, or it is older data.
    assessment.evidence.filter(principle__number=2).delete()
    response = get(manager_client, "principles")
    missing = next(t for t in response.context["tables"] if t.slug == "missing-required")
    assert len(missing.rows) == 1
    assert missing.rows[0][1].text == "Needs assessment"
    assert missing.rows[0][4].text.startswith("2. ")
    rows = csv_rows(manager_client, "principles", "missing-required")
    assert rows[1][0] == "Margaret Lee" and rows[1][4].startswith("2. ")


def test_plain_english_by_kind(manager_client, known):
    Record.objects.filter(kind="case_note").update(reading_ease=70)
    rows = {
        row[0]: row[1:]
        for row in csv_rows(manager_client, "principles", "plain-english-by-kind")[1:]
    }
    assert rows["Case note"] == ["2", "2", "70", "2", "100.0"]
    assert rows["Review"] == ["0", "0", "", "0", ""]


# --- Entitlements and reading --------------------------------------------------------------


def test_entitlements_lists_copies_owed_and_reviews_overdue(manager_client, known, practitioner):
    needs_assessment_for(known["margaret"], practitioner)
    known["margaret"].review_due = date(2026, 11, 1)
    known["margaret"].save()
    response = get(manager_client, "entitlements")
    tables = {t.slug: t for t in response.context["tables"]}
    assert [[c.text for c in row][:2] for row in tables["copies-owed"].rows] == [
        ["Margaret Lee", "Needs assessment"]
    ]
    assert [[c.text for c in row] for row in tables["reviews-overdue"].rows] == [
        ["Margaret Lee", "Alice Adams", "1 November 2026"]
    ]
    assert "Nothing is awaiting authorisation." in response.text


def test_reading_dashboard_lists_who_has_not_confirmed(quality_client, known):
    response = get(quality_client, "reading")
    rows = csv_rows(quality_client, "reading", "by-team")
    assert rows[1:] == [
        ["Hospital Discharge Team", "1", "0", "0", "1", "0.0"],
        ["North Adult Care Team", "3", "0", "0", "3", "0.0"],
    ]
    names = [row[1] for row in csv_rows(quality_client, "reading", "not-confirmed")[1:]]
    assert names == ["Charlie Clarke", "Alice Adams", "Bob Baker", "Erin Evans"]
    assert response.status_code == 200


# --- A fixed number of queries ------------------------------------------------------------


def grow(team, principles, size: int):
    """`size` more practitioners in `team`, each with a person and contacts."""
    for n in range(size):
        worker = UserFactory(username=f"worker{n}", role=Role.PRACTITIONER)
        TeamMembershipFactory(user=worker, team=team)
        person = PersonFactory(team=team, allocated_worker=worker, review_due=date(2026, 10, 1))
        done = contact_on(person, worker, date(2026, 11, 2), completed_on=date(2026, 11, 3))
        completed_note(done, {1: "What matters.", 6: "On time."}, principles)
        contact_on(person, worker, date(2026, 11, 16))
        needs_assessment_for(person, worker)


@pytest.mark.parametrize("size", [1, 12])
@pytest.mark.parametrize(
    ("slug", "limit"),
    # Each: session, user, roles (3); active framework for the navigation (1); closure
    # days (1); the teams in scope (1); then the dashboard's own queries:
    [
        ("timeliness", 13),  # kind (headline), team, practitioner, day; overdue count
        # and page; the principle the framework cites for the two-day rule
        ("principles", 19),  # framework, principles; three matrices (2 each); missing
        # required: count, page, its evidence, the rules; plain English by kind and team
        ("entitlements", 18),  # four counts by team; four lists with their counts
        ("reading", 10),  # framework, principle count, members with their counts
    ],
)
def test_each_dashboard_runs_a_fixed_number_of_queries(
    quality_client, known, team, principles, size, slug, limit, django_assert_max_num_queries
):
    grow(team, principles, size)
    with django_assert_max_num_queries(limit):
        response = get(quality_client, slug)
    assert response.status_code == 200


def test_a_team_filter_from_a_practitioner_is_refused_with_a_message(practitioner_client, known):
    response = get(practitioner_client, "timeliness", team="hospital")
    assert response.status_code == 200
    assert "You can see only your own figures" in response.text
    assert response.context["headline"].records == 3
