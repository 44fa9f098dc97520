"""What differs between two versions of a draft (issue 7, part 4: edit conflicts).

When a save arrives for a version of a draft that is no longer the latest, nothing is
written: the person is shown, field by field, their text next to the saved text, with
the words that differ marked, and a form holding their text to merge and save again.
These are pure functions of the two versions' texts; `recording.draft_views` gets the texts
from the forms.
"""

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal

from diff_match_patch import diff_match_patch

# Words, runs of spaces and line breaks, and single punctuation marks: a change of one
# word marks that word, not the line.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)

# Past this many words (and spaces and marks) the texts are shown whole, not compared:
# no case note is this long, and a page may hold 25 comparisons.
MAX_TOKENS = 20_000

# Seconds one comparison may take. difflib's matching is cubic on repetitive text
# (1,200 x "a " then 1,200 x "b " took 31 s: issue 15, part 1); diff-match-patch's
# Myers diff stops at its deadline and returns a coarser but correct diff.
TIMEOUT_SECONDS = 0.05

# All the fields of one edit conflict together.
COMPARE_SECONDS = 0.3

# A page showing many comparisons (a record's history) shares one time limit between
# them: past it, the remaining texts are shown whole, marked as changed.
_deadline: ContextVar[float | None] = ContextVar("word_diff_deadline", default=None)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Every `word_diff` inside the block together takes about `seconds` at most (or
    less, inside a shorter limit)."""
    deadline, outer = time.monotonic() + seconds, _deadline.get()
    token = _deadline.set(deadline if outer is None else min(deadline, outer))
    try:
        yield
    finally:
        _deadline.reset(token)


def _timeout() -> float:
    deadline = _deadline.get()
    if deadline is None:
        return TIMEOUT_SECONDS
    return min(TIMEOUT_SECONDS, deadline - time.monotonic())


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


def _diff_tokens(
    saved: list[str], theirs: list[str], *, timeout: float
) -> list[tuple[int, list[str]]]:
    """diff-match-patch on words: each distinct token becomes one character (the
    library's lines-to-chars trick, applied to words), the character strings are
    compared, and the result is mapped back to tokens. Each item is (operation, tokens)
    with -1 only in saved, 0 in both, 1 only in theirs."""
    codes: dict[str, str] = {}

    def encode(tokens: list[str]) -> str:
        # Characters from U+0100 on, skipping the surrogates (not valid alone in str).
        out = []
        for token in tokens:
            code = codes.get(token)
            if code is None:
                number = 0x100 + len(codes)
                code = codes[token] = chr(number + 0x800 if number >= 0xD800 else number)
            out.append(code)
        return "".join(out)

    saved_chars, their_chars = encode(saved), encode(theirs)
    tokens = {code: token for token, code in codes.items()}
    differ = diff_match_patch()
    differ.Diff_Timeout = timeout  # > 0 here: 0 would mean no limit
    diffs = differ.diff_main(saved_chars, their_chars, checklines=False)
    return [(operation, [tokens[c] for c in chars]) for operation, chars in diffs]


def word_diff(saved: str, theirs: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """Their text and the saved text as segments, the words that differ marked. Takes
    at most about TIMEOUT_SECONDS whatever the texts; past MAX_TOKENS, or once the
    `time_limit` around it is spent, each text is marked whole."""
    saved_tokens, their_tokens = _TOKEN.findall(saved), _TOKEN.findall(theirs)
    timeout = _timeout()
    if max(len(saved_tokens), len(their_tokens)) > MAX_TOKENS or timeout <= 0:
        return _join([Segment("added", theirs)]), _join([Segment("removed", saved)])
    theirs_out: list[Segment] = []
    saved_out: list[Segment] = []
    for operation, tokens in _diff_tokens(saved_tokens, their_tokens, timeout=timeout):
        text = "".join(tokens)
        if operation == 0:
            saved_out.append(Segment("same", text))
            theirs_out.append(Segment("same", text))
        elif operation < 0:
            saved_out.append(Segment("removed", text))
        else:
            theirs_out.append(Segment("added", text))
    return _join(theirs_out), _join(saved_out)


def compare(fields: list[tuple[str, str, str, str]]) -> list[FieldComparison]:
    """The fields whose texts differ, in the order given. Each field is (name, label,
    their text, saved text); texts are compared after `normalise`, within
    COMPARE_SECONDS together."""
    with time_limit(COMPARE_SECONDS):
        return _compare(fields)


def _compare(fields: list[tuple[str, str, str, str]]) -> list[FieldComparison]:
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
