"""Reading ease scores for narrative fields (issue 5, part 7): the bands, the texts too
short to score, scoring offline, the as-you-type endpoint and the hint under a field."""

import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import pytest
import textstat
import time_machine
from django import forms
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from assessments.readability_views import MAX_TEXT_LENGTH
from config.readability import (
    MIN_WORDS,
    SHORT_TEXT_HINT,
    Readability,
    readability,
    readability_hint,
    reading_ease,
)
from recording.deadlines import LONDON
from recording.models import Record
from tests.factories import ContactFactory, case_note_for

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)  # Wednesday

PLAIN = "I visited Maggie at home. She wants to stay there. Her son Dev helps her each day."
HARD = (
    "Notwithstanding the multidisciplinary considerations pertaining to the individualised "
    "safeguarding intervention, the practitioner determined that comprehensive "
    "reassessment of eligibility was organisationally indicated."
)
TEN_WORDS = "one two three four five six seven eight nine ten"


@pytest.fixture(autouse=True)
def _wednesday():
    # Autouse, so it starts before the signed-in clients are made.
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def flesch(monkeypatch):
    """Make textstat's Flesch reading ease return a chosen raw score."""

    def _flesch(raw: float) -> None:
        monkeypatch.setattr(textstat, "flesch_reading_ease", lambda text: raw)

    return _flesch


# --- Scores and bands ---


@pytest.mark.parametrize(
    ("raw", "score", "label", "is_plain"),
    [
        (100, 100, "Very easy", True),
        (90, 90, "Very easy", True),
        (89.5, 90, "Very easy", True),  # rounded half up, then banded
        (89.4, 89, "Easy", True),
        (80, 80, "Easy", True),
        (79.9, 80, "Easy", True),
        (79, 79, "Fairly easy", True),
        (70, 70, "Fairly easy", True),
        (69, 69, "Plain English", True),
        (60, 60, "Plain English", True),
        (59.5, 60, "Plain English", True),
        (59.4, 59, "Fairly difficult", False),
        (50, 50, "Fairly difficult", False),
        (49, 49, "Difficult", False),
        (30, 30, "Difficult", False),
        (29, 29, "Very difficult", False),
        (0, 0, "Very difficult", False),
    ],
)
def test_scores_fall_in_flesch_bands(flesch, raw, score, label, is_plain):
    flesch(raw)
    assert readability(TEN_WORDS) == Readability(
        score=score, words=10, label=label, is_plain=is_plain
    )


@pytest.mark.parametrize(("raw", "score"), [(-70.7, 0), (-0.4, 0), (100.2, 100), (121.2, 100)])
def test_scores_outside_0_to_100_are_clamped(flesch, raw, score):
    flesch(raw)
    assert readability(TEN_WORDS).score == score
    assert reading_ease([TEN_WORDS]) == score


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (72, "Reading ease 72 out of 100: fairly easy to read"),
        (95, "Reading ease 95 out of 100: very easy to read"),
        (64, "Reading ease 64 out of 100: plain English"),
        (
            55,
            "Reading ease 55 out of 100: fairly difficult to read. "
            "Try shorter sentences and everyday words",
        ),
        (
            12,
            "Reading ease 12 out of 100: very difficult to read. "
            "Try shorter sentences and everyday words",
        ),
    ],
)
def test_the_message_says_how_easy_the_text_is_and_advises_on_hard_text(flesch, raw, message):
    flesch(raw)
    assert readability(TEN_WORDS).message == message


@pytest.mark.parametrize("text", ["", "   \n ", "one two three four five six seven eight nine"])
def test_text_under_the_minimum_has_no_score(text):
    assert readability(text) is None
    assert reading_ease([text]) is None


def test_ten_words_are_enough_to_score():
    assert MIN_WORDS == 10
    assert readability(TEN_WORDS).words == 10


def test_a_simple_sentence_reads_easier_than_a_long_jargon_one():
    plain, hard = readability(PLAIN), readability(HARD)
    assert plain.is_plain and plain.score >= 80
    assert not hard.is_plain and hard.score < 30
    assert plain.score - hard.score >= 50


def test_real_text_below_zero_is_stored_as_zero():
    assert textstat.flesch_reading_ease(HARD) < 0
    assert readability(HARD).score == 0
    assert reading_ease([HARD]) == 0


def test_the_hint_is_empty_for_blank_text_and_asks_for_more_when_short():
    assert readability_hint("  ") == ""
    assert readability_hint("Phoned Maggie.") == SHORT_TEXT_HINT
    assert SHORT_TEXT_HINT == "Write at least 10 words to see a reading ease score"
    assert readability_hint(PLAIN) == readability(PLAIN).message


def test_a_record_is_scored_on_all_its_narrative_texts_together():
    # Each too short on its own; together they are scored.
    texts = ["I phoned Maggie", "She is well.", "", "I will visit on Friday with Dev"]
    assert all(readability(text) is None for text in texts)
    score = reading_ease(texts)
    joined = "I phoned Maggie.\n\nShe is well.\n\nI will visit on Friday with Dev."
    assert score == readability(joined).score
    assert score >= 60
    assert reading_ease(["", "  "]) is None


def test_textstat_scores_with_the_network_unavailable():
    # A fresh interpreter, so textstat and its pronouncing dictionary load for the
    # first time here: later textstat releases download it at first use.
    code = textwrap.dedent(
        f"""
        import socket
        import sys

        def refuse(*args, **kwargs):
            raise OSError("The network is unavailable in this test")

        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        assert "textstat" not in sys.modules

        from config.readability import readability

        result = readability({PLAIN!r})
        assert result is not None and result.is_plain, result
        print(result.score)
        """
    )
    finished = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-W", "error", "-c", code],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert float(finished.stdout) == readability(PLAIN).score


# --- The as-you-type endpoint ---

URL = "/assessments/readability/"


def test_the_endpoint_url():
    assert reverse("assessments:readability") == URL


@pytest.mark.django_db
def test_the_endpoint_scores_the_text(practitioner_client):
    response = practitioner_client.post(URL, {"text": HARD})
    assert response.status_code == 200
    result = readability(HARD)
    assert response.json() == {
        "score": result.score,
        "label": "Very difficult",
        "message": result.message,
        "words": result.words,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "message", "words"),
    [("Phoned Maggie.", SHORT_TEXT_HINT, 2), ("", "", 0), ("   ", "", 0)],
)
def test_the_endpoint_gives_no_score_for_short_text(practitioner_client, text, message, words):
    response = practitioner_client.post(URL, {"text": text})
    assert response.json() == {"score": None, "message": message, "words": words}


@pytest.mark.django_db
def test_the_endpoint_refuses_get(practitioner_client):
    assert practitioner_client.get(URL, {"text": PLAIN}).status_code == 405


@pytest.mark.django_db
def test_the_endpoint_refuses_text_over_the_limit(practitioner_client):
    assert practitioner_client.post(URL, {"text": "a" * MAX_TEXT_LENGTH}).status_code == 200
    response = practitioner_client.post(URL, {"text": "a" * (MAX_TEXT_LENGTH + 1)})
    assert response.status_code == 400


@pytest.mark.django_db
def test_the_endpoint_sends_the_signed_out_to_sign_in(client):
    response = client.post(URL, {"text": PLAIN})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_the_endpoint_checks_the_csrf_token(practitioner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(practitioner)
    assert client.post(URL, {"text": PLAIN}).status_code == 403
    client.get(reverse("home"))  # sets the CSRF cookie, as any page with a form does
    token = client.cookies["csrftoken"].value
    response = client.post(URL, {"text": PLAIN, "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert response.json()["score"] == readability(PLAIN).score


# --- The hint under a field ---


class NarrativeForm(forms.Form):
    narrative = forms.CharField(widget=forms.Textarea)


def _hint(form) -> str:
    return Template("{% load readability %}{% readability_hint form.narrative %}").render(
        Context({"form": form})
    )


def test_the_hint_scores_the_submitted_text_of_a_bound_form():
    html = _hint(NarrativeForm({"narrative": PLAIN}))
    assert html.strip() == (
        '<p class="govuk-body-s app-readability" id="id_narrative-readability"'
        ' data-readability-for="id_narrative" data-readability-url="/assessments/readability/"'
        f' aria-live="polite">{readability(PLAIN).message}</p>'
    )


def test_the_hint_scores_the_initial_text_of_a_fresh_form():
    assert readability(HARD).message in _hint(NarrativeForm(initial={"narrative": HARD}))


def test_the_hint_asks_for_more_words_or_is_empty():
    assert SHORT_TEXT_HINT in _hint(NarrativeForm({"narrative": "Phoned Maggie."}))
    assert 'aria-live="polite"></p>' in _hint(NarrativeForm())
    assert 'aria-live="polite"></p>' in _hint(NarrativeForm({"narrative": ""}))


@pytest.fixture
def contact(person, practitioner):
    return ContactFactory(
        person=person,
        recorded_by=practitioner,
        occurred_at=datetime(2026, 11, 23, 9, 30, tzinfo=LONDON),
    )


def _note_data(**overrides) -> dict:
    data = {
        "action": "complete",
        "option_rows": "2",
        "narrative": PLAIN,
        "principle_1": "on",
        "principle_1_evidence": "Maggie chose where we met and what we talked about.",
        "made_decision": "yes",
        "decision": "Arrange a telecare falls pendant.",
        "decision_reasons": HARD,
        "option_1": "A residential care home",
        "option_1_why_not": "Maggie does not want it and her needs can be met at home.",
        "legal_basis": "care_act_2014",
        "legal_section": "section 18",
        "next_actions": "Order the pendant.",
    }
    return {**data, **overrides}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides",
    [{"action": "add_option"}, {"option_2_why_not": "Too far away"}],
    ids=["another option", "with errors"],
)
def test_the_case_note_form_shows_the_scores_of_what_was_typed(
    practitioner_client, contact, overrides
):
    payload = '<script>alert("x")</script>'
    response = practitioner_client.post(
        reverse("recording:case_note_new", args=[contact.pk]),
        _note_data(narrative=f"{PLAIN} {payload}", **overrides),
    )
    assert response.status_code == (200 if "action" in overrides else 400)
    assert not Record.objects.exists()
    html = response.text
    narrative_score = readability(f"{PLAIN} {payload}").message
    assert 'id="id_narrative-readability"' in html
    assert f'aria-live="polite">{narrative_score}</p>' in html
    assert 'id="id_decision_reasons-readability"' in html
    assert f'aria-live="polite">{readability(HARD).message}</p>' in html
    assert (
        'data-readability-for="id_next_actions" data-readability-url="/assessments/readability/"'
        f' aria-live="polite">{SHORT_TEXT_HINT}</p>'
    ) in html
    assert payload not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


@pytest.mark.django_db
def test_a_saved_draft_shows_its_score_on_a_fresh_page(practitioner_client, contact):
    note = case_note_for(contact, narrative=HARD)
    response = practitioner_client.get(note.get_edit_url())
    assert response.status_code == 200
    assert f'aria-live="polite">{readability(HARD).message}</p>' in response.text


@pytest.mark.django_db
def test_the_package_form_has_a_hint_under_what_and_why(practitioner_client, contact):
    response = practitioner_client.get(reverse("recording:package_new", args=[contact.pk]))
    assert response.status_code == 200
    for name in ["what", "why"]:
        assert f'data-readability-for="id_{name}"' in response.text
