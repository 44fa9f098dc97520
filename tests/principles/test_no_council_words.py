"""Council words (a council's name, a principle's number) come from the framework data,
never from a template or a string in code: with one council's framework active, a page
must not quote another's. Comments and docstrings may cite a rule's source; migrations
and tests are not read."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["accounts", "assessments", "audit", "config", "dashboards", "principles", "recording"]
APPS += ["supervision", "templates"]
COUNCIL_WORDS = re.compile(
    # A council's name as people read it; a slug ("hertfordshire-connected-lives") is an
    # identifier, not words on a page.
    r"\b(Hertfordshire|Lancashire|Herts|Lancs)\b"
    r"|\bP\d+\b"  # "P6"
    r"|(?i:\bprinciples? \d+)",  # "principle 6", "Principles 2 and 3"
)
# Template comments, which, like Python comments, may cite a rule's source.
TEMPLATE_COMMENT = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.DOTALL)


def _source_files(pattern: str) -> list[Path]:
    return sorted(
        path
        for app in APPS
        for path in (ROOT / app).rglob(pattern)
        if "migrations" not in path.parts and "node_modules" not in path.parts
    )


def _docstring_nodes(tree: ast.AST) -> set[int]:
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body:
            first = body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return docstrings


def council_words_in_python(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string literal in `source`, docstrings aside, that names a
    council or a principle number."""
    tree = ast.parse(source)
    docstrings = _docstring_nodes(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and COUNCIL_WORDS.search(node.value)
    ]


def council_words_in_template(source: str) -> list[str]:
    return [match.group(0) for match in COUNCIL_WORDS.finditer(TEMPLATE_COMMENT.sub("", source))]


def test_the_scan_finds_a_literal_and_passes_over_comments_and_docstrings():
    source = '''
def f():
    """Herts P6: two working days."""
    # Lancs P4: an annual review.
    return "Due in two working days (Hertfordshire principle 6)"
'''
    assert council_words_in_python(source) == [
        (5, "Due in two working days (Hertfordshire principle 6)")
    ]
    assert council_words_in_python('x = f"Within 12 months (Lancs P4)"') != []
    assert council_words_in_template("{# Herts P6 #}<p>Two working days.</p>") == []
    assert council_words_in_template("<p>Two days (principle 6).</p>") == ["principle 6"]


def test_no_python_string_names_a_council_or_a_principle_number():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in _source_files("*.py")
        for line, text in council_words_in_python(path.read_text(encoding="utf-8"))
    ]
    assert not found, "\n".join(found)


def test_no_template_names_a_council_or_a_principle_number():
    found = [
        f"{path.relative_to(ROOT)}: {word!r}"
        for pattern in ("*.html", "*.txt")
        for path in _source_files(pattern)
        for word in council_words_in_template(path.read_text(encoding="utf-8"))
    ]
    assert not found, "\n".join(found)
