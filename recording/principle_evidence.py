"""Whether a record evidences the principles its kind must evidence (SPEC 3, "required
principles"): one rule, read in four places -- completing a record
(`Record.completion_errors`, whose messages the forms show), the principles dashboard's
list of records completed without one (`dashboards.figures`), and the adherence report's
"Required principle not evidenced" (`dashboards.adherence`).

A record evidences a principle when it says how the principle shaped what its author did:
an evidence row for the principle whose text is more than white space (`is_written`).
`required_not_evidenced` is the rule on loaded rows; `lacks_required_principle` is the
same rule in SQL, for lists, built from the same condition (`WHITE_SPACE`).
`tests/recording/test_principle_evidence.py` holds the two to the same answers.
"""

from collections.abc import Iterable, Mapping

from django.db.models import Exists, F, Func, OuterRef, Q, TextField, Value
from django.db.models.lookups import Exact

from principles.models import Principle, RequiredPrinciple

# White space: the characters Python's `str.strip()` removes (`str.isspace`). Evidence is
# written when something is left once they are trimmed from both ends -- in Python
# (`str.strip`) and in SQL (`TRIM(text, characters)` on SQLite and PostgreSQL) alike.
WHITE_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def is_written(evidence: str | None) -> bool:
    """Whether `evidence` (a principle's evidence text; None when it was not ticked) says
    something."""
    return evidence is not None and evidence.strip(WHITE_SPACE) != ""


def written() -> Q:
    """`is_written` on `PrincipleEvidence` rows."""
    trimmed = Func(F("evidence"), Value(WHITE_SPACE), function="TRIM", output_field=TextField())
    return ~Q(Exact(trimmed, ""))


def required_not_evidenced(
    required: Iterable[Principle], evidence: Mapping[int, str]
) -> list[Principle]:
    """The principles of `required` -- those the record's kind must evidence, under its
    framework version -- that the record does not evidence, in the order given.
    `evidence` maps the id of each principle the record ticked to the text written for
    it: a required principle not ticked, or ticked with nothing written, is not
    evidenced."""
    return [principle for principle in required if not is_written(evidence.get(principle.pk))]


def lacks_required_principle() -> Exists:
    """On `Record` rows: `required_not_evidenced` is not empty, in SQL. Some principle
    the record's kind must evidence under the record's framework version has no evidence
    row on the record that `is_written`."""
    from recording.models import PrincipleEvidence  # recording.models imports this module

    evidenced = PrincipleEvidence.objects.filter(
        written(), record=OuterRef(OuterRef("pk")), principle=OuterRef("principle")
    )
    required = RequiredPrinciple.objects.filter(
        record_kind=OuterRef("kind"), principle__framework=OuterRef("framework")
    )
    return Exists(required.filter(~Exists(evidenced)))
