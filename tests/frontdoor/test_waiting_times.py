"""DHSC's waiting times (issue 18, part 7), cross-checked on a small known data set: each
of DHSC's rules bites once, and the medians and counts are worked out by hand below."""

from datetime import date, datetime

import pytest
import time_machine

from assessments.models import CarersAssessment
from config import cld
from demo.data import demo_data_load
from frontdoor.models import ScreeningOutcome
from frontdoor.waiting_times import (
    FIRST_RESPONSE,
    FIRST_SERVICE,
    OLDER,
    WORKING_AGE,
    dhsc_age,
    dhsc_waiting_times,
    dhsc_waits,
)
from recording.deadlines import LONDON
from tests.factories import PersonFactory
from tests.frontdoor.factories import dhsc_assessment, dhsc_request, dhsc_service

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 30)
OLD, YOUNG, WORKING = date(1948, 5, 17), date(2005, 1, 10), date(1980, 3, 10)
JUL, OCT, APR = date(2026, 7, 1), date(2026, 10, 1), date(2026, 4, 1)


@pytest.fixture
def known(principles, team):
    """Nine people; the waits DHSC counts are Ann's, Bob's, Cath's, Gus's and Hana's."""

    def person(name, born=OLD, **fields):
        return PersonFactory(name=name, date_of_birth=born, team=team, **fields)

    # Ann: request -> assessment (10 days) -> service (40 days).
    ann = person("Ann")
    dhsc_request(ann, date(2026, 7, 1))
    dhsc_assessment(ann, date(2026, 7, 11), date(2026, 7, 20))
    dhsc_service(ann, date(2026, 8, 10))
    # Bob: his request is in April to June, but his response (12 days) in July to
    # September; the assessment found no need of a service, so his later service is
    # not his first service.
    bob = person("Bob")
    dhsc_request(bob, date(2026, 6, 20))
    dhsc_assessment(bob, date(2026, 7, 2), outcome=cld.EventOutcome.NFA_INFORMATION)
    dhsc_service(bob, date(2026, 8, 1))
    # Cath: a service before the assessment is her first response (20 days) and first
    # service (20 days).
    cath = person("Cath")
    dhsc_request(cath, date(2026, 7, 5))
    dhsc_service(cath, date(2026, 7, 25))
    dhsc_assessment(cath, date(2026, 8, 1))
    # Dev: under 25.
    dev = person("Dev", born=YOUNG)
    dhsc_request(dev, date(2026, 7, 1))
    dhsc_assessment(dev, date(2026, 7, 5))
    # Eve: an existing client, with a long-term service open since 2025.
    eve = person("Eve")
    dhsc_service(eve, date(2025, 1, 6))
    dhsc_request(eve, date(2026, 7, 10))
    dhsc_assessment(eve, date(2026, 7, 15))
    # Fay: her request ended in information and advice (no further action).
    fay = person("Fay")
    dhsc_request(fay, date(2026, 7, 3), outcome=ScreeningOutcome.INFORMATION_AND_ADVICE)
    dhsc_assessment(fay, date(2026, 7, 8))
    # Gus: a second request two days after the first, before its follow-up: only the
    # first counts (19 days to the assessment, 31 to the service).
    gus = person("Gus")
    dhsc_request(gus, date(2026, 7, 1))
    dhsc_request(gus, date(2026, 7, 3))
    dhsc_assessment(gus, date(2026, 7, 20))
    dhsc_service(gus, date(2026, 8, 1))
    # Hana: of working age; 7 days in October to December; her service has no start
    # date, so it starts when its plan was authorised (14 days).
    hana = person("Hana", born=WORKING)
    dhsc_request(hana, date(2026, 10, 1))
    dhsc_assessment(hana, date(2026, 10, 8))
    dhsc_service(hana, None, authorised_on=date(2026, 10, 15))
    # Ida: a carer (client type), and a carer's assessment, count for nothing.
    ida = person("Ida", client_type=cld.ClientType.CARER)
    dhsc_request(ida, date(2026, 7, 1))
    dhsc_assessment(ida, date(2026, 7, 4), model=CarersAssessment)
    return {p.name: p for p in (ann, bob, cath, dev, eve, fay, gus, hana, ida)}


def _quarter(times, measure, start):
    return next(row for row in times.measures[measure] if row.start == start)


def test_the_known_data_set_gives_the_worked_medians_and_counts(known, team):
    times = dhsc_waiting_times([team.pk], today=TODAY)

    july = _quarter(times, FIRST_RESPONSE, JUL)
    # Ann 10, Bob 12, Gus 19, Cath 20: an even count, so the mean of 12 and 19.
    assert (july.by_band[OLDER].count, july.by_band[OLDER].median) == (4, 15.5)
    assert july.by_band[WORKING_AGE].count == 0  # Dev is under 25
    assert july.label == "July to September 2026"

    july = _quarter(times, FIRST_SERVICE, JUL)
    # Cath 20, Gus 31, Ann 40 (Bob's service dropped).
    assert (july.by_band[OLDER].count, july.by_band[OLDER].median) == (3, 31)

    october = _quarter(times, FIRST_RESPONSE, OCT)
    assert (october.by_band[WORKING_AGE].count, october.by_band[WORKING_AGE].median) == (1, 7)
    assert october.by_band[OLDER].count == 0
    october = _quarter(times, FIRST_SERVICE, OCT)
    assert (october.by_band[WORKING_AGE].count, october.by_band[WORKING_AGE].median) == (1, 14)

    # Bob's request was in April to June, but waits count in the response's quarter.
    april = _quarter(times, FIRST_RESPONSE, APR)
    assert all(figures.count == 0 for figures in april.by_band.values())


def test_each_wait_is_the_one_worked_by_hand(known, team):
    waits = {
        (known_name(known, w.person_id), w.measure): w.days
        for w in dhsc_waits([team.pk], today=TODAY)
    }
    assert waits == {
        ("Ann", FIRST_RESPONSE): 10,
        ("Ann", FIRST_SERVICE): 40,
        ("Bob", FIRST_RESPONSE): 12,
        ("Cath", FIRST_RESPONSE): 20,
        ("Cath", FIRST_SERVICE): 20,
        ("Gus", FIRST_RESPONSE): 19,
        ("Gus", FIRST_SERVICE): 31,
        ("Hana", FIRST_RESPONSE): 7,
        ("Hana", FIRST_SERVICE): 14,
    }


def known_name(known, person_id):
    return next(name for name, person in known.items() if person.pk == person_id)


def test_quarters_run_from_april_2024_to_today_latest_first(known, team):
    rows = dhsc_waiting_times([team.pk], today=TODAY).measures[FIRST_RESPONSE]
    assert rows[0].start == OCT and rows[-1].start == date(2024, 4, 1)
    assert len(rows) == 11


def test_only_the_teams_people_count(known, other_team):
    assert not dhsc_waiting_times([other_team.pk], today=TODAY).has_waits
    assert dhsc_waiting_times(None, today=TODAY).has_waits


def test_events_after_today_do_not_count(known, team):
    times = dhsc_waiting_times([team.pk], today=date(2026, 7, 15))
    july = _quarter(times, FIRST_RESPONSE, JUL)
    assert july.by_band[OLDER].count == 2  # Bob (2 July) and Ann (11 July)
    assert _quarter(times, FIRST_SERVICE, JUL).by_band[OLDER].count == 0


def test_a_short_term_service_ended_over_3_months_before_is_not_an_existing_client(
    principles, team
):
    person = PersonFactory(team=team, date_of_birth=OLD)
    dhsc_service(
        person, date(2026, 1, 5), end=date(2026, 3, 31), service_type=cld.ServiceType.STS_ST_MAX
    )
    dhsc_request(person, date(2026, 7, 1))
    dhsc_assessment(person, date(2026, 7, 6))
    assert [w.days for w in dhsc_waits([team.pk], today=TODAY)] == [5]


def test_dhsc_age_counts_from_the_first_of_the_month_of_birth():
    assert dhsc_age(date(2001, 7, 20), date(2026, 7, 2)) == 25
    assert dhsc_age(date(2001, 8, 1), date(2026, 7, 31)) == 24


def test_the_demo_has_waits_in_recent_quarters(principles):
    with time_machine.travel(datetime(2026, 11, 25, 9, 0, tzinfo=LONDON), tick=False):
        demo_data_load(framework_slug="hertfordshire-connected-lives")
    times = dhsc_waiting_times(None, today=date(2026, 11, 25))
    recent = {
        measure: sum(f.count for row in rows[:6] for f in row.by_band.values())
        for measure, rows in times.measures.items()
    }
    # Rebecca's service started a year ago; Doreen's starts next week, so is not counted.
    assert recent[FIRST_RESPONSE] >= 3 and recent[FIRST_SERVICE] >= 1
