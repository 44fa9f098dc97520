"""Word diffs finish in bounded time whatever the text (issue 15, part 1): difflib took
31 s on 1,200 x "a " then 1,200 x "b ", for every reader of the record's history."""

import time

import pytest

from recording.conflicts import MAX_TOKENS, compare, time_limit, word_diff

# Each pair is (saved, theirs), about 100,000 characters each, or just under the
# length past which texts are not compared (the slowest case that is compared).
ADVERSARIAL = {
    "a-then-b against b-then-a": ("a " * 25_000 + "b " * 25_000, "b " * 25_000 + "a " * 25_000),
    "all a against all b": ("a " * 50_000, "b " * 50_000),
    "repetitive, just under the cap": (
        "a " * (MAX_TOKENS // 4) + "b " * (MAX_TOKENS // 4),
        "b " * (MAX_TOKENS // 4) + "a " * (MAX_TOKENS // 4),
    ),
    "alternating words, just under the cap": (
        "ab " * (MAX_TOKENS // 2 - 1),
        "ba ab " * (MAX_TOKENS // 4 - 1),
    ),
    "every word distinct": (
        " ".join(f"w{n}" for n in range(MAX_TOKENS // 2 - 1)),
        " ".join(f"w{n}" for n in reversed(range(MAX_TOKENS // 2 - 1))),
    ),
    "one long word": ("x" * 100_000, "y" * 100_000),
}


@pytest.mark.parametrize("saved, theirs", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_a_word_diff_of_adversarial_text_takes_under_a_second(saved, theirs):
    started = time.perf_counter()
    their_segments, saved_segments = word_diff(saved, theirs)
    assert time.perf_counter() - started < 1.0
    # Nothing is lost: the segments still spell out each whole text.
    assert "".join(s.text for s in their_segments) == theirs
    assert "".join(s.text for s in saved_segments) == saved


def test_the_issue_case_is_still_marked_word_by_word_where_it_can_be():
    saved, theirs = "a " * 1_200 + "b " * 1_200, "a " * 1_200 + "c " * 1_200
    their_segments, saved_segments = word_diff(saved, theirs)
    assert their_segments[0].kind == "same"
    assert their_segments[0].text.startswith("a a a")
    assert any(s.kind == "added" and "c" in s.text for s in their_segments)
    assert any(s.kind == "removed" and "b" in s.text for s in saved_segments)


def test_comparisons_inside_a_spent_time_limit_show_each_text_whole():
    with time_limit(0):
        their_segments, saved_segments = word_diff("She stays at home.", "She stays in her home.")
    assert [s.kind for s in their_segments] == ["added"]
    assert [s.kind for s in saved_segments] == ["removed"]


def test_an_edit_conflict_of_many_adversarial_fields_takes_under_a_second():
    saved, theirs = ADVERSARIAL["repetitive, just under the cap"]
    fields = [(f"field{n}", f"Field {n}", theirs, saved) for n in range(40)]
    # This thread's CPU time, not the wall clock: the suite runs on every core at once,
    # and a busy machine must not fail a bound meant for runaway diffs.
    started = time.thread_time()
    comparisons = compare(fields)
    assert time.thread_time() - started < 1.0
    assert len(comparisons) == 40
