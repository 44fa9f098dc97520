"""What differs between two versions of a draft (issue 7, part 4: edit conflicts).

When a save arrives for a version of a draft that is no longer the latest, nothing is
written: the person is shown, field by field, their text next to the saved text, with
the words that differ marked, and a form holding their text to merge and save again.
These are pure functions of the two versions' texts; `recording.drafts` gets the texts
from the forms.
"""

import difflib
import re
from dataclasses import dataclass
from typing import Literal

# Words, runs of spaces and line breaks, and single punctuation marks: a change of one
# word marks that word, not the line.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)

# Past this many words the comparison marks the whole text as changed: difflib's
# matching is quadratic at worst, and no case note is this long.
MAX_TOKENS = 20_000

Kind = Literal["same", "added", "removed"]


@dataclass(frozen=True)
class Segment:
    kind: Kind
    text: str


@dataclass(frozen=True)
class FieldComparison:
    """One field that differs: their version and the saved one, each as segments.
    Words only in theirs are "added" (saving theirs would add them); words only in the
    saved one are "removed"."""

    name: str
    label: str
    theirs: tuple[Segment, ...]
    saved: tuple[Segment, ...]


def normalise(text: str) -> str:
    """Browsers send line breaks in text areas as CRLF; trailing spaces are not text."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _join(segments: list[Segment]) -> tuple[Segment, ...]:
    """Merge neighbours of the same kind, so a changed phrase is one mark, not one per
    word: the spaces between two changed words belong to the change."""
    segments = [s for s in segments if s.text]
    for index in range(1, len(segments) - 1):
        before, segment, after = segments[index - 1], segments[index], segments[index + 1]
        if (
            segment.kind == "same"
            and not segment.text.strip()
            and before.kind == after.kind != "same"
        ):
            segments[index] = Segment(before.kind, segment.text)
    merged: list[Segment] = []
    for segment in segments:
        if not segment.text:
            continue
        if merged and merged[-1].kind == segment.kind:
            merged[-1] = Segment(segment.kind, merged[-1].text + segment.text)
        else:
            merged.append(segment)
    return tuple(merged)


def word_diff(saved: str, theirs: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """Their text and the saved text as segments, the words that differ marked."""
    saved_tokens, their_tokens = _TOKEN.findall(saved), _TOKEN.findall(theirs)
    if max(len(saved_tokens), len(their_tokens)) > MAX_TOKENS:
        return _join([Segment("added", theirs)]), _join([Segment("removed", saved)])
    matcher = difflib.SequenceMatcher(None, saved_tokens, their_tokens, autojunk=False)
    theirs_out: list[Segment] = []
    saved_out: list[Segment] = []
    for operation, s1, s2, t1, t2 in matcher.get_opcodes():
        saved_text, their_text = "".join(saved_tokens[s1:s2]), "".join(their_tokens[t1:t2])
        if operation == "equal":
            saved_out.append(Segment("same", saved_text))
            theirs_out.append(Segment("same", their_text))
        else:  # replace, delete, insert
            saved_out.append(Segment("removed", saved_text))
            theirs_out.append(Segment("added", their_text))
    return _join(theirs_out), _join(saved_out)


def compare(fields: list[tuple[str, str, str, str]]) -> list[FieldComparison]:
    """The fields whose texts differ, in the order given. Each field is (name, label,
    their text, saved text); texts are compared after `normalise`."""
    comparisons = []
    for name, label, theirs, saved in fields:
        theirs, saved = normalise(theirs), normalise(saved)
        if theirs == saved:
            continue
        their_segments, saved_segments = word_diff(saved, theirs)
        comparisons.append(
            FieldComparison(name=name, label=label, theirs=their_segments, saved=saved_segments)
        )
    return comparisons
