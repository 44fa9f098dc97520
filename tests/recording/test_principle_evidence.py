"""Whether a record evidences the principles its kind must evidence
(`recording.principle_evidence`): the rule on loaded rows and the same rule in SQL give
the same answers, case by case."""

import sys

import pytest

from principles.models import RequiredPrinciple
from recording.models import PrincipleEvidence, Record, RecordKind
from recording.principle_evidence import (
    WHITE_SPACE,
    is_written,
    lacks_required_principle,
    required_not_evidenced,
    written,
)
from tests.factories import FrameworkFactory, PersonFactory, PrincipleFactory, UserFactory

pytestmark = pytest.mark.django_db

WRITTEN = "How it shaped the visit."

# A case note must evidence principles 1 and 2 of version A, and principle 1 of version
# B; a review must evidence nothing. Principle 3 is never required.
REQUIRED = {("A", RecordKind.CASE_NOTE): (1, 2), ("B", RecordKind.CASE_NOTE): (1,)}
VERSIONS = ("A", "B")


@pytest.mark.parametrize(
    ("version", "kind", "evidence", "missing"),
    [
        # the record's framework version, its kind, {principle number: evidence written
        # for it}, the required principles it does not evidence
        ("A", RecordKind.CASE_NOTE, {}, [1, 2]),
        ("A", RecordKind.CASE_NOTE, {1: WRITTEN, 2: WRITTEN}, []),
        ("A", RecordKind.CASE_NOTE, {1: WRITTEN}, [2]),
        ("A", RecordKind.CASE_NOTE, {1: WRITTEN, 2: ""}, [2]),  # ticked, nothing written
        ("A", RecordKind.CASE_NOTE, {1: " ", 2: WRITTEN}, [1]),
        ("A", RecordKind.CASE_NOTE, {1: WRITTEN, 2: " \t\r\n "}, [2]),
        ("A", RecordKind.CASE_NOTE, {1: WRITTEN, 2: "\n Yes. \n"}, []),
        ("A", RecordKind.CASE_NOTE, {1: WRITTEN, 2: WRITTEN, 3: ""}, []),  # 3 not required
        ("A", RecordKind.CASE_NOTE, {3: WRITTEN}, [1, 2]),
        ("A", RecordKind.REVIEW, {}, []),  # its kind requires nothing
        ("A", RecordKind.REVIEW, {1: ""}, []),
        ("B", RecordKind.CASE_NOTE, {}, [1]),  # each version its own rules
        ("B", RecordKind.CASE_NOTE, {1: WRITTEN}, []),
        ("B", RecordKind.CASE_NOTE, {2: "", 3: ""}, [1]),
    ],
)
def test_the_rule_and_its_sql_agree(version, kind, evidence, missing):
    frameworks = {name: FrameworkFactory(version=name) for name in VERSIONS}
    principles = {
        (name, number): PrincipleFactory(framework=framework, number=number)
        for name, framework in frameworks.items()
        for number in (1, 2, 3)
    }
    for (name, required_kind), numbers in REQUIRED.items():
        for number in numbers:
            RequiredPrinciple.objects.create(
                principle=principles[name, number], record_kind=required_kind
            )
    author = UserFactory()
    record = Record.objects.create(
        kind=kind, person=PersonFactory(), author=author, framework=frameworks[version]
    )
    for number, text in evidence.items():
        PrincipleEvidence.objects.create(
            record=record, principle=principles[version, number], evidence=text
        )
    # Another record, evidencing nothing, so the SQL must tell records apart.
    Record.objects.create(
        kind=RecordKind.CASE_NOTE, person=record.person, author=author, framework=frameworks["A"]
    )

    required = [principles[version, number] for number in REQUIRED.get((version, kind), ())]
    given = {row.principle_id: row.evidence for row in record.evidence.all()}
    answer = required_not_evidenced(required, given)
    in_sql = Record.objects.filter(lacks_required_principle(), pk=record.pk).exists()

    assert [principle.number for principle in answer] == missing
    assert in_sql == bool(answer)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", False),
        (" ", False),
        ("\t", False),
        ("\n", False),
        (" \r\n ", False),
        ("\xa0\u3000\u2028", False),  # no-break, ideographic space, line separator
        (".", True),
        ("  Yes  ", True),
        ("Line one\nline two", True),
        ("\xa0Oui\xa0", True),
    ],
)
def test_evidence_is_written_when_it_holds_more_than_white_space(text, expected):
    principle = PrincipleFactory()
    record = Record.objects.create(
        kind=RecordKind.CASE_NOTE,
        person=PersonFactory(),
        author=UserFactory(),
        framework=principle.framework,
    )
    row = PrincipleEvidence.objects.create(record=record, principle=principle, evidence=text)

    assert is_written(text) == expected == bool(text.strip())
    assert PrincipleEvidence.objects.filter(written(), pk=row.pk).exists() == expected
    assert not is_written(None)  # not ticked


def test_white_space_is_what_python_strips():
    every = (chr(code) for code in range(sys.maxunicode + 1))
    assert set(WHITE_SPACE) == {character for character in every if character.isspace()}


def test_every_kind_says_what_completing_it_needs():
    """One contract for every kind, however many kinds there are: its own
    `completion_errors`, which `record_complete` and the forms read."""
    for kind in RecordKind:
        model = Record.model_for_kind(kind)
        assert "completion_errors" in vars(model), model
