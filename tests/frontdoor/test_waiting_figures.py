"""The waiting lists' figures on a small known data set: exact counts, medians (the mean
of the two middle waits for an even count) and longest waits, per list and broken down by
ethnicity group and primary support reason (issue 17, part 3)."""

from datetime import date, timedelta

import pytest

from config import cld
from frontdoor.figures import (
    NOT_RECORDED,
    WaitFigures,
    figures_from_days,
    waiting_figures,
    waiting_items,
)
from frontdoor.models import WorkKind
from tests.factories import PersonFactory
from tests.frontdoor.factories import WorkItemFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)
WHITE = cld.Ethnicity.WHITE_BRITISH
ASIAN = cld.Ethnicity.ASIAN_INDIAN
MEMORY = cld.PrimarySupportReason.MEMORY


def test_figures_from_days_odd_even_and_repeated():
    assert figures_from_days([]) == WaitFigures(0, None, None)
    assert figures_from_days([(7, 1)]) == WaitFigures(1, 7.0, 7)
    assert figures_from_days([(3, 1), (10, 1)]) == WaitFigures(2, 6.5, 10)
    assert figures_from_days([(1, 1), (2, 1), (40, 1)]) == WaitFigures(3, 2.0, 40)
    # 5, 5, 5, 6 -> the two middle are 5 and 5
    assert figures_from_days([(6, 1), (5, 3)]) == WaitFigures(4, 5.0, 6)
    # 1, 2, 2, 9, 9, 9 -> the middle are 2 and 9
    assert figures_from_days([(9, 3), (1, 1), (2, 2)]) == WaitFigures(6, 5.5, 9)
    assert figures_from_days([(-3, 1), (4, 1)]).median == 0.5
    assert WaitFigures(2, 6.5, 10).median_display == "6.5"


def _wait(kind, days, team, *, ethnicity="", reason="", completed=False):
    person = PersonFactory(team=team, ethnicity=ethnicity, primary_support_reason=reason)
    item = WorkItemFactory(kind=kind, person=person, waiting_since=TODAY - timedelta(days=days))
    if completed:
        item.completed_at = item.created_at
        item.save()
    return item


@pytest.fixture
def known(team, other_team):
    # Needs assessment, North: 10, 20, 30, 41 days -> median 25.0, longest 41.
    _wait(WorkKind.NEEDS_ASSESSMENT, 10, team, ethnicity=WHITE, reason=MEMORY)
    _wait(WorkKind.NEEDS_ASSESSMENT, 20, team, ethnicity=WHITE)
    _wait(WorkKind.NEEDS_ASSESSMENT, 30, team, ethnicity=ASIAN, reason=MEMORY)
    _wait(WorkKind.NEEDS_ASSESSMENT, 41, team)
    _wait(WorkKind.NEEDS_ASSESSMENT, 500, team, completed=True)  # done: not counted
    # Carer's assessment: 3 days. Service: 0 and 7 -> 3.5.
    _wait(WorkKind.CARERS_ASSESSMENT, 3, team, ethnicity=ASIAN)
    _wait(WorkKind.SERVICE, 0, team)
    _wait(WorkKind.SERVICE, 7, team)
    # Reviews: overdue by 5, due in 10, due in 28 (on the list), due in 29 (not yet).
    _wait(WorkKind.REVIEW, 5, team)
    _wait(WorkKind.REVIEW, -10, team)
    _wait(WorkKind.REVIEW, -28, team)
    _wait(WorkKind.REVIEW, -29, team)
    # Another team's wait: only in all teams' figures.
    _wait(WorkKind.NEEDS_ASSESSMENT, 100, other_team, ethnicity=WHITE)
    return team


def test_each_lists_figures(known):
    figures = waiting_figures(waiting_items([known.pk], TODAY), today=TODAY)
    assert figures == {
        WorkKind.NEEDS_ASSESSMENT: WaitFigures(4, 25.0, 41),
        WorkKind.CARERS_ASSESSMENT: WaitFigures(1, 3.0, 3),
        WorkKind.SERVICE: WaitFigures(2, 3.5, 7),
        WorkKind.REVIEW: WaitFigures(3, -10.0, 5),
    }


def test_all_teams_figures(known):
    figures = waiting_figures(waiting_items(None, TODAY), today=TODAY)
    # 10, 20, 30, 41, 100 -> 30
    assert figures[WorkKind.NEEDS_ASSESSMENT] == WaitFigures(5, 30.0, 100)


def test_figures_by_ethnicity_group_and_support_reason(known):
    items = waiting_items([known.pk], TODAY)
    by_ethnicity = waiting_figures(items, today=TODAY, by="ethnicity")
    assert by_ethnicity[WorkKind.NEEDS_ASSESSMENT] == {
        "Asian or Asian British": WaitFigures(1, 30.0, 30),
        "White": WaitFigures(2, 15.0, 20),
        NOT_RECORDED: WaitFigures(1, 41.0, 41),
    }
    assert list(by_ethnicity[WorkKind.NEEDS_ASSESSMENT]) == [
        "Asian or Asian British",
        "White",
        NOT_RECORDED,
    ]
    by_reason = waiting_figures(items, today=TODAY, by="support_reason")
    assert by_reason[WorkKind.NEEDS_ASSESSMENT] == {
        "Support with memory and cognition": WaitFigures(2, 20.0, 30),
        NOT_RECORDED: WaitFigures(2, 30.5, 41),
    }
    assert by_reason[WorkKind.REVIEW] == {NOT_RECORDED: WaitFigures(3, -10.0, 5)}
