"""The duplicate warning's matcher (issue 17, part 1): the same NHS number, or the same
date of birth and a similar name (typos, swapped names, nicknames); someone the viewer
may not see is counted, never named."""

from datetime import date

import pytest

from recording.duplicates import possible_duplicates, similar_names
from tests.factories import PersonFactory

BORN = date(1941, 3, 2)
NHS_NUMBER = "9434765919"

# fmt: off
NAMES = [
    # the name on the record,  the name typed,           a match?
    ("Margaret Smith",         "Margaret Smith",         True),   # the same
    ("Margaret Smith",         "margaret  SMITH",        True),   # case and spaces
    ("Margaret Oyelaran",      "Margret Oyelaran",       True),   # a letter left out
    ("Margaret Oyelaran",      "Margaret Oyelaren",      True),   # a letter wrong
    ("Margaret Smith",         "Margaret Smyth",         True),
    ("Margaret Smith",         "Smith Margaret",         True),   # swapped
    ("Margaret Smith",         "Smith, Margaret",        True),
    ("Margaret Smith",         "Peggy Smith",            True),   # nicknames
    ("Robert Jones",           "Bob Jones",              True),
    ("William Brown",          "Bill Brown",             True),
    ("James Patel",            "Jim Patel",              True),
    ("Elizabeth Okafor",       "Liz Okafor",             True),
    ("Margaret Smith",         "Maggie Smith",           True),
    ("Peggy Smith",            "Maggie Smith",           True),   # two nicknames of one name
    ("Robert Jones",           "Jones Bob",              True),   # nickname and swapped
    ("Seán O'Brien",           "Sean OBrien",            True),   # accents, apostrophes
    ("Margaret Smith",         "Margaret Jones",         False),  # another family name
    ("John Smith",             "Jane Smith",             False),  # another given name
    ("Robert Jones",           "Roberta Jonas-Whitfield", False),
    ("Ann Lee",                "Ian Lee",                False),
]
# fmt: on


@pytest.mark.parametrize(("on_record", "typed", "expected"), NAMES)
def test_similar_names(on_record, typed, expected):
    assert similar_names(typed, on_record) is expected
    assert similar_names(on_record, typed) is expected  # either way round


@pytest.fixture
def margaret(team, practitioner):
    return PersonFactory(
        name="Margaret Smith",
        date_of_birth=BORN,
        nhs_number=NHS_NUMBER,
        council_reference="HCC-1",
        team=team,
        allocated_worker=practitioner,
    )


def _find(viewer, *, name="Peggy Smith", born=BORN, nhs_number=""):
    return possible_duplicates(name=name, date_of_birth=born, nhs_number=nhs_number, viewer=viewer)


def test_a_similar_name_with_the_same_date_of_birth_is_found(margaret, colleague):
    found = _find(colleague)
    assert [match.person for match in found.visible] == [margaret]
    assert found.hidden_count == 0
    assert not found.visible[0].same_nhs_number


def test_a_different_date_of_birth_is_not_a_match(margaret, colleague):
    assert not _find(colleague, born=date(1941, 3, 3))
    assert not _find(colleague, name="Margaret Smith", born=date(1942, 3, 2))


def test_the_same_nhs_number_is_a_match_whatever_the_name_and_date(margaret, colleague):
    found = _find(colleague, name="Someone Else", born=date(1990, 1, 1), nhs_number=NHS_NUMBER)
    assert [match.person for match in found.visible] == [margaret]
    assert found.visible[0].same_nhs_number


def test_nothing_to_compare_finds_no_one(margaret, colleague):
    assert not _find(colleague, born=None)


@pytest.mark.parametrize("viewer", ["colleague", "outsider", "quality"])
def test_someone_the_viewer_may_not_see_is_only_counted(request, margaret, viewer):
    """Restricted (seen by Alice and Bob only), or of another team: counted, not listed."""
    margaret.is_restricted = True
    margaret.save()
    found = _find(request.getfixturevalue(viewer))
    assert found.visible == []
    assert found.hidden_count == 1
    assert found


def test_the_allocated_worker_and_the_manager_see_a_restricted_match(margaret, manager):
    margaret.is_restricted = True
    margaret.save()
    assert [m.person for m in _find(margaret.allocated_worker).visible] == [margaret]
    assert [m.person for m in _find(manager).visible] == [margaret]


def test_other_teams_people_are_counted(margaret, outsider, other_team):
    PersonFactory(name="Peggy Smith", date_of_birth=BORN, team=other_team)
    found = _find(outsider)
    assert [m.person.team for m in found.visible] == [other_team]
    assert found.hidden_count == 1  # Margaret, of North


def test_the_check_is_one_query_however_many_share_the_date(
    margaret, colleague, team, django_assert_num_queries
):
    for number in range(30):
        PersonFactory(name=f"Someone Number{number}", date_of_birth=BORN, team=team)
        PersonFactory(name=f"Peggy Smith{number}", date_of_birth=BORN, team=team)
    _find(colleague)  # the user's roles, looked up once a request
    with django_assert_num_queries(1):
        found = _find(colleague, nhs_number=NHS_NUMBER)
    assert margaret in [m.person for m in found.visible]
