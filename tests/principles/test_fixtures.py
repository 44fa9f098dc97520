"""The fixtures carry both councils' principles verbatim, and load idempotently."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from principles.models import Framework, Principle, ProfessionalStandard, Statement

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "fixtures" / "sources"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURES = ["fixtures/principles_hertfordshire.json", "fixtures/principles_lancashire.json"]

HERTFORDSHIRE = SOURCES / "hertfordshire-connected-lives.txt"
LANCASHIRE = SOURCES / "lancashire-living-better-lives.txt"

# Headings that structure the documents rather than state a principle: the framework
# and principle pages show them as page structure, not as text.
STRUCTURAL = {
    "PRACTICE PRINCIPLES",
    "Introduction",
    "The *ConnectedLives* Practice Principles:",
    "1. Introduction",
    "2. The Principles",
    "For social work",  # appendix groupings, stored as each standard's profession
    "For occupational therapy",
}


def normalise(text: str) -> str:
    text = text.replace("‘", "'").replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


def source_lines(path: Path, start: str, end: str | None) -> list[str]:
    lines = path.read_text().splitlines()
    first = lines.index(start)
    last = lines.index(end) if end else len(lines)
    out = []
    for line in lines[first:last]:
        line = line.strip()
        if not line or line in STRUCTURAL:
            continue
        line = re.sub(r"^(•|- )\s*", "", line)  # list markers
        line = re.sub(r"^(Principle \d+: |\d+\. )", "", line)  # numbering, stored as number
        out.append(normalise(line))
    return out


def stored_text() -> str:
    """Everything the structured rows hold (not the framework's source_text copy)."""
    parts = []
    for framework in Framework.objects.all():
        parts += [framework.introduction, framework.appendix_title]
    for principle in Principle.objects.all():
        parts += [principle.title, principle.text]
    parts += [s.text for s in Statement.objects.all()]
    parts += [f"{s.profession}\n{s.title}" for s in ProfessionalStandard.objects.all()]
    return "\n".join(normalise(line) for part in parts for line in part.splitlines())


@pytest.mark.parametrize(
    ("source", "start", "end"),
    [
        (HERTFORDSHIRE, "Introduction", None),
        (LANCASHIRE, "1. Introduction", "Was this helpful?"),
    ],
    ids=["hertfordshire", "lancashire"],
)
def test_every_line_of_the_principles_is_in_the_loaded_fixtures(db, source, start, end):
    call_command("loaddata", *FIXTURES, verbosity=0)
    text = stored_text()
    lines = source_lines(source, start, end)
    assert len(lines) > 40  # the whole document was read, not an empty slice
    missing = [line for line in lines if line not in text]
    assert missing == []


def test_fixture_sources_are_the_shared_seeds():
    if not SHARED_SEEDS.is_dir():
        pytest.skip("shared/seeds is not beside this checkout")
    assert HERTFORDSHIRE.read_text() == (SHARED_SEEDS / "000_3803df598a8faea9.txt").read_text()
    assert LANCASHIRE.read_text() == (SHARED_SEEDS / "001_f87a1aca6e755a99.txt").read_text()


def test_loading_the_fixtures_twice_leaves_the_same_rows(db):
    call_command("loaddata", *FIXTURES, verbosity=0)
    models = [Framework, Principle, Statement, ProfessionalStandard]
    before = {m: sorted(m.objects.values_list("pk", flat=True)) for m in models}
    call_command("loaddata", *FIXTURES, verbosity=0)
    after = {m: sorted(m.objects.values_list("pk", flat=True)) for m in models}
    assert before == after
    assert [len(before[m]) for m in models] == [2, 14, 40, 9]


def test_hertfordshire_has_ten_principles_and_three_conditions(principles):
    hertfordshire = principles
    assert hertfordshire.principles.count() == 10
    conditions = Statement.objects.filter(
        principle__framework=hertfordshire, principle__number=3, kind=Statement.Kind.ITEM
    )
    assert [c.text for c in conditions] == [
        "Meet assessed needs and outcomes",
        "Be safe, lawful and appropriate",
        "Either cost no more than the Personal Budget offered, or the person is willing "
        "to fund the difference themselves",
    ]


def test_lancashire_principle_three_lists_the_six_safeguarding_principles(principles):
    labels = Statement.objects.filter(
        principle__framework__slug="lancashire-living-better-lives",
        principle__number=3,
        kind=Statement.Kind.ITEM,
    ).values_list("label", flat=True)
    assert list(labels) == [
        "Empowerment",
        "Prevention",
        "Proportionality",
        "Protection",
        "Partnership",
        "Accountability",
    ]


def test_lancashire_statements_are_we_and_i_statements_in_source_order(principles):
    principle = Principle.objects.get(framework__slug="lancashire-living-better-lives", number=1)
    kinds = list(principle.statements.values_list("kind", flat=True))
    assert kinds == ["WE"] * 6 + ["I"] * 3
    assert principle.statements.first().text.startswith(
        "We start from understanding what matters to the person"
    )
