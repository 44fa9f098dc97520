"""The Safeguarding Adults Collection: SG1 and SG2 cross-checked cell by cell on a small
known set of people, concerns and enquiries, at the year's boundaries (31 March and 1
April, in London), in a fixed number of queries; and the page and CSV."""

import csv
import io
from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from config import cld, sac
from recording.deadlines import LONDON
from returns.sac import Year, parse_year, sac_tables
from tests.assessments.factories import enquiry_for, safeguarding_concern_for
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

YEAR = Year(2025)  # 1 April 2025 to 31 March 2026
TODAY = datetime(2026, 11, 30, 10, 0, tzinfo=LONDON)
C, S, OT = "Safeguarding concerns", "Section 42 enquiries", "Other enquiries"
S2, O2 = "Section 42 enquiries", "Other enquiries"


def _at(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


@pytest.fixture
def known(principles, team, practitioner):
    """Six people; what each should count for is said beside them."""

    def person(name, born, gender="", ethnicity="", psr="", died=None):
        return PersonFactory(
            name=name,
            date_of_birth=born,
            date_of_death=died,
            gender=gender,
            ethnicity=ethnicity,
            primary_support_reason=psr,
            team=team,
        )

    def concern(who, when):
        return safeguarding_concern_for(who, practitioner, now=when)

    # 64 on 31 March 2026 (65 the day after): 18-64. Two concerns, a s42 and an other
    # enquiry, both concluded in the year.
    p1 = person(
        "Ann One",
        date(1961, 4, 1),
        cld.Gender.FEMALE,
        cld.Ethnicity.WHITE_BRITISH,
        cld.PrimarySupportReason.PHYSICAL_PERSONAL,
    )
    enquiry_for(
        concern(p1, _at(2025, 5, 2, 10)),
        practitioner,
        started_on=date(2025, 5, 10),
        concluded_on=date(2025, 8, 1),
        risk_types=["financial", "psychological"],
        sources=["known"],
        location="own_home",
        asked_outcomes="expressed",
        outcomes_achieved="fully",
        action_and_result="risk_action",
        risk_outcome="reduced",
        lacked_capacity=False,
    )
    enquiry_for(
        concern(p1, _at(2025, 6, 2, 10)),
        practitioner,
        outcome_of_concern="other",
        started_on=date(2025, 6, 10),
        concluded_on=date(2025, 10, 1),
        risk_types=["financial"],
        sources=["known", "unknown"],
        location="community",
        asked_outcomes="expressed",
        outcomes_achieved="not",
        action_and_result="risk_action",
        risk_outcome="removed",
        lacked_capacity=False,
    )
    # 65 on 31 March 2026: 65-74. A s42 enquiry concluded on the year's last day.
    p2 = person(
        "Bob Two",
        date(1961, 3, 31),
        cld.Gender.MALE,
        cld.Ethnicity.ASIAN_INDIAN,
        cld.PrimarySupportReason.PHYSICAL_ACCESS,
    )
    enquiry_for(
        concern(p2, _at(2025, 7, 1, 9)),
        practitioner,
        started_on=date(2025, 7, 5),
        concluded_on=date(2026, 3, 31),
        risk_types=["physical"],
        sources=["service_provider", "known"],
        location="care_home_residential",
        asked_outcomes="not_expressed",
        action_and_result="no_risk_no_action",
        lacked_capacity=True,
        advocate_supported=True,
    )
    # 95 when she died in June 2025: 95+. No enquiry.
    p3 = person("Cora Three", date(1930, 1, 1), died=date(2025, 6, 1))
    enquiry_for(
        concern(p3, _at(2025, 5, 1, 12)),
        practitioner,
        outcome_of_concern="none",
        no_enquiry_reason="Resolved",
    )
    # 80: 75-84. A s42 enquiry concluded on 1 April 2026: not in this year's SG2.
    p4 = person("Dee Four", date(1945, 7, 15), cld.Gender.FEMALE, cld.Ethnicity.BLACK_AFRICAN)
    enquiry_for(
        concern(p4, _at(2025, 9, 1, 12)),
        practitioner,
        started_on=date(2025, 9, 10),
        concluded_on=date(2026, 4, 1),
    )
    # 87: 85-94. A concern at 23:30 on 31 March 2026 (in) and 00:30 on 1 April (out).
    p5 = person("Ed Five", date(1938, 5, 5), cld.Gender.MALE, cld.Ethnicity.WHITE_IRISH)
    concern(p5, _at(2026, 3, 31, 23, 30))
    concern(p5, _at(2026, 4, 1, 0, 30))
    # 36: 18-64. A concern in the year before, whose s42 enquiry started on 1 April.
    p6 = person("Fay Six", date(1990, 1, 1), cld.Gender.OTHER, cld.Ethnicity.WHITE_OTHER)
    enquiry_for(
        concern(p6, _at(2025, 3, 31, 12)),
        practitioner,
        started_on=date(2025, 4, 1),
        concluded_on=date(2025, 12, 1),
        risk_types=["neglect"],
        sources=["unknown"],
        location="own_home",
        asked_outcomes="not_asked",
        action_and_result="risk_action",
        risk_outcome="remains",
        lacked_capacity=False,
    )


def _rows(table) -> dict:
    return {label: values for label, values in table.rows if any(values)}


def test_sg1_counts_each_person_once_by_age_gender_and_ethnicity(known):
    sac_return = sac_tables(YEAR)
    assert _rows(sac_return.table("SG1a")) == {
        "18-64": [1, 2, 1],
        "65-74": [1, 1, 0],
        "75-84": [1, 1, 0],
        "85-94": [1, 0, 0],
        "95+": [1, 0, 0],
    }
    assert _rows(sac_return.table("SG1b")) == {
        "Female": [2, 2, 1],
        "Male": [2, 1, 0],
        "Other": [0, 1, 0],
        "Not recorded": [1, 0, 0],
    }
    assert _rows(sac_return.table("SG1c")) == {
        "White": [2, 2, 1],
        "Asian or Asian British": [1, 1, 0],
        "Black, Black British, Caribbean or African": [1, 1, 0],
        "Unknown": [1, 0, 0],
    }
    assert sac_return.table("SG1a").totals == [5, 4, 1]


def test_sg1_counts_cases_by_primary_support_reason(known):
    table = sac_tables(YEAR).table("SG1d")
    assert _rows(table) == {
        cld.PrimarySupportReason.PHYSICAL_PERSONAL.label: [2, 1, 1],
        cld.PrimarySupportReason.PHYSICAL_ACCESS.label: [1, 1, 0],
        "Not recorded": [3, 2, 0],
    }


def test_sg2_counts_the_enquiries_concluded_in_the_year(known):
    sac_return = sac_tables(YEAR)
    rows = {code: _rows(sac_return.table(code)) for code in ("SG2", "SG2a", "SG2b", "SG2c")}
    assert rows["SG2"] == {"Enquiries concluded in the year": [3, 1]}
    assert rows["SG2a"] == {
        "Physical abuse": [1, 0],
        "Psychological abuse": [1, 0],
        "Financial or material abuse": [1, 1],
        "Neglect and acts of omission": [1, 0],
    }
    assert rows["SG2b"] == {
        "Own home": [2, 0],
        "In the community (excluding community services)": [0, 1],
        "Care home: residential": [1, 0],
    }
    assert rows["SG2c"] == {
        "Service provider": [1, 0],
        "Other: known to the individual": [2, 1],
        "Other: unknown to the individual": [1, 1],
    }
    assert _rows(sac_return.table("SG2d")) == {
        "Risk identified and action taken": [2, 1],
        "No risk identified and no action taken": [1, 0],
    }
    assert _rows(sac_return.table("SG2e")) == {
        "Risk removed": [0, 1],
        "Risk reduced": [1, 0],
        "Risk remains": [1, 0],
    }
    assert _rows(sac_return.table("SG2f")) == {
        sac.AskedOutcomes.EXPRESSED.label: [1, 1],
        sac.AskedOutcomes.NOT_EXPRESSED.label: [1, 0],
        sac.AskedOutcomes.NOT_ASKED.label: [1, 0],
    }
    assert _rows(sac_return.table("SG2g")) == {"Fully achieved": [1, 0], "Not achieved": [0, 1]}
    assert _rows(sac_return.table("SG2h")) == {
        "Lacked capacity": [1, 0],
        "Lacked capacity and supported by an advocate, family or friend": [1, 0],
    }


def test_the_next_year_starts_on_1_april(known):
    sac_return = sac_tables(Year(2026))
    assert _rows(sac_return.table("SG1a")) == {"85-94": [1, 0, 0]}  # 00:30 on 1 April
    assert _rows(sac_return.table("SG2")) == {"Enquiries concluded in the year": [1, 0]}


def test_the_tables_take_six_queries_whatever_the_data(known, django_assert_num_queries):
    with django_assert_num_queries(6):
        sac_tables(YEAR)


def test_the_year_is_the_latest_full_one_unless_chosen():
    today = date(2026, 11, 30)
    assert parse_year(None, today=today) == Year(2025)
    assert parse_year("2024", today=today) == Year(2024)
    assert parse_year(None, today=date(2026, 3, 31)) == Year(2024)
    assert parse_year(None, today=date(2026, 4, 1)) == Year(2025)
    for wrong in ("abc", "25", "2025-26", "２０２５", "1999", "2027"):
        with pytest.raises(ValueError):
            parse_year(wrong, today=today)


# --- The page and the CSV ---


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_managers_quality_and_administrators_see_the_return_others_do_not(
    manager_client, quality_client, administrator_client, practitioner_client, outsider_client
):
    url = reverse("returns:safeguarding")
    for client in (manager_client, quality_client, administrator_client):
        page = client.get(url)
        assert page.status_code == 200
        assert "1 April 2025 to 31 March 2026" in page.text
        assert "Safeguarding return" in page.text  # the navigation
    for client in (practitioner_client, outsider_client):
        assert client.get(url).status_code == 403
        assert client.get(reverse("returns:safeguarding_csv")).status_code == 403
        assert "Safeguarding return" not in client.get(reverse("home")).text


def test_a_malformed_year_is_refused_with_a_message(manager_client):
    for url in (reverse("returns:safeguarding"), reverse("returns:safeguarding_csv")):
        refused = manager_client.get(url, {"year": "20x5"})
        assert refused.status_code == 400
        assert "Enter the year the financial year starts in as 4 digits" in refused.text
    assert (
        "has not started yet"
        in manager_client.get(reverse("returns:safeguarding"), {"year": "2027"}).text
    )


def test_the_page_and_the_csv_show_the_same_counts(
    known, manager_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):  # the session and user, six counts, the footer
        page = manager_client.get(reverse("returns:safeguarding"), {"year": "2025"})
    assert "SG1a: Individuals by age band" in page.text
    assert "Ann One" not in page.text  # counts, never people
    response = manager_client.get(reverse("returns:safeguarding_csv"), {"year": "2025"})
    assert response["Content-Disposition"] == 'attachment; filename="sac-2025-26.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["SG1a", "Individuals by age band"] in rows
    start = rows.index(["SG1a", "Individuals by age band"])
    assert rows[start + 2] == ["", C, S, OT]
    assert rows[start + 3] == ["18-64", "1", "2", "1"]
    assert ["Financial or material abuse", "1", "1"] in rows
    assert ["", S2, O2] in rows
