"""Is this person already on the record? The warning before a new person is saved
(issue 17, part 1).

A possible duplicate has the same NHS number (whatever their date of birth), or the
same date of birth and a similar name: a typo ("Margret"), first and last names the
other way round ("Oyelaran Margaret"), or a nickname ("Peggy" for Margaret, "Bob" for
Robert). Similar names are `rapidfuzz`'s; nicknames the `nicknames` package's
hand-curated table of English given names.

The candidates come from one query (the people with that NHS number or that date of
birth: both columns are indexed), each marked with whether the viewer may see them
(`accounts.access.person_visibility`, in the same query); the names are compared in
Python. Someone the viewer may not see -- restricted, or of another team -- is only
counted, never named: the page says that a person the user cannot see matches.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from django.db.models import BooleanField, Case, Q, Value, When
from nicknames import NickNamer
from rapidfuzz import fuzz

from accounts.access import person_visibility
from recording.models import Person

# How alike two names (0-100, `rapidfuzz`) must be to be "similar": a letter wrong in a
# short name ("Smyth", "Smith": 80); for a whole name, about one in eight letters.
SIMILAR_WORD = 80
SIMILAR_NAME = 88


@dataclass
class Match:
    person: Person
    same_nhs_number: bool


@dataclass
class DuplicateMatches:
    """The people who may be the one being added: those the viewer may see, and how
    many more they may not."""

    visible: list[Match] = field(default_factory=list)
    hidden_count: int = 0

    def __bool__(self) -> bool:
        return bool(self.visible or self.hidden_count)


@cache
def _nicknamer() -> NickNamer:
    return NickNamer()


def _words(name: str) -> list[str]:
    """A name's words, lower case, without accents or punctuation: "O'Brien-Smith" ->
    ["obrien", "smith"]."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’.]", "", text)
    return re.sub(r"[^\w]+", " ", text).split()


def _family(word: str) -> set[str]:
    """The word and the full names it is a nickname of ("peggy" -> margaret...)."""
    return {word} | _nicknamer().canonicals_of(word)


def same_given_name(a: str, b: str) -> bool:
    """Whether two given names could be one person's: alike, or a nickname of the
    other (Bob, Robert), or both nicknames of one name (Peggy, Maggie)."""
    if fuzz.ratio(a, b) >= SIMILAR_WORD:
        return True
    namer = _nicknamer()
    return (
        b in namer.nicknames_of(a)
        or a in namer.nicknames_of(b)
        or not _family(a).isdisjoint(_family(b))
    )


def similar_names(a: str, b: str) -> bool:
    """Whether two full names could be one person's: alike however their words are
    ordered (typos, first and last names swapped), or the same family name with given
    names that could be the same (`same_given_name`), either way round."""
    words_a, words_b = _words(a), _words(b)
    if not words_a or not words_b:
        return False
    if fuzz.token_sort_ratio(" ".join(words_a), " ".join(words_b)) >= SIMILAR_NAME:
        return True
    if len(words_a) < 2 or len(words_b) < 2:
        return False
    first_a, last_a = words_a[0], words_a[-1]
    # The first and last words paired in order, then crosswise (swapped names); in
    # each pairing, one pair is the family name (alike) and the other the given name.
    for (a1, b1), (a2, b2) in (
        ((first_a, words_b[0]), (last_a, words_b[-1])),
        ((first_a, words_b[-1]), (last_a, words_b[0])),
    ):
        if fuzz.ratio(a2, b2) >= SIMILAR_WORD and same_given_name(a1, b1):
            return True
        if fuzz.ratio(a1, b1) >= SIMILAR_WORD and same_given_name(a2, b2):
            return True
    return False


def possible_duplicates(
    *,
    name: str,
    date_of_birth: date | None,
    nhs_number: str,
    viewer,
    exclude_pk: int | None = None,
    nhs_number_only: bool = False,
) -> DuplicateMatches:
    """The people who may be the one described, in one query. `nhs_number_only`: only
    those with the NHS number (editing a person: is it someone else's?)."""
    found = Q(pk__in=[])
    if nhs_number:
        found |= Q(nhs_number=nhs_number)
    if date_of_birth is not None and not nhs_number_only:
        found |= Q(date_of_birth=date_of_birth)
    if not (nhs_number or (date_of_birth and not nhs_number_only)):
        return DuplicateMatches()
    candidates = (
        Person.objects.filter(found)
        .exclude(pk=exclude_pk)
        .select_related("team")
        .annotate(
            viewer_may_see=Case(
                When(person_visibility(viewer), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("name", "pk")
    )
    matches = DuplicateMatches()
    for person in candidates:
        same_nhs_number = bool(nhs_number) and person.nhs_number == nhs_number
        if not same_nhs_number and (
            nhs_number_only
            or person.date_of_birth != date_of_birth
            or not similar_names(name, person.name)
        ):
            continue
        if person.viewer_may_see:
            matches.visible.append(Match(person=person, same_nhs_number=same_nhs_number))
        else:
            matches.hidden_count += 1
    return matches
