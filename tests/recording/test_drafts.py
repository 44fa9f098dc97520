"""No lost work and edit conflicts (issue 7, parts 3 and 4): every draft form carries the
version it showed; a save of an older version is refused and shows both versions; a
tampered version or a replayed POST after completion changes nothing and is logged;
the autosave answers in JSON; a form sent after the session expired is kept for its
author."""

import logging
from datetime import datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from assessments.models import NeedsAssessment, SafeguardingConcern
from assessments.services import care_act_record_save, care_act_record_start
from recording.conflicts import Segment, compare, word_diff
from recording.deadlines import LONDON
from recording.draft_views import PENDING_COOKIE, WORK_OWNER_COOKIE
from recording.models import (
    CaseNote,
    PendingSubmission,
    Record,
    RecordImmutableError,
    RecordKind,
)
from recording.services import (
    PENDING_LIFETIME,
    PENDING_MAX_CHARACTERS,
    PENDING_MAX_PER_OWNER,
    DraftConflictError,
    TamperedVersionError,
    case_note_save,
    draft_lock,
    pending_submission_keep,
    pending_submission_take,
    record_complete,
)
from tests.factories import PASSWORD, ContactFactory, case_note_for

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _wednesday():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def note(person, practitioner) -> CaseNote:
    contact = ContactFactory(
        person=person,
        recorded_by=practitioner,
        occurred_at=datetime(2026, 11, 24, 9, 30, tzinfo=LONDON),
    )
    return case_note_for(contact, narrative="Maggie wants to stay at home.")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _note_form(version, **overrides) -> dict:
    return {
        "action": "save",
        "option_rows": "2",
        "narrative": "Maggie wants to stay at home.",
        "next_actions": "",
        "version": str(version),
        **overrides,
    }


def _narrative(note) -> str:
    return CaseNote.objects.get(pk=note.pk).narrative


def _version(record) -> int:
    return Record.objects.get(pk=record.pk).version


# --- The comparison: a pure function of the two texts ---


@pytest.mark.parametrize(
    ("saved", "theirs", "their_marks", "saved_marks"),
    [
        ("She cooks every day.", "She cooks most days.", ["most days"], ["every day"]),
        ("She cooks.", "She cooks. Dev helps.", [" Dev helps."], []),
        ("She cooks. Dev helps.", "She cooks.", [], [" Dev helps."]),
        ("", "New text", ["New text"], []),
    ],
)
def test_word_diff_marks_the_words_that_differ(saved, theirs, their_marks, saved_marks):
    their_segments, saved_segments = word_diff(saved, theirs)
    assert [s.text for s in their_segments if s.kind == "added"] == their_marks
    assert [s.text for s in saved_segments if s.kind == "removed"] == saved_marks
    assert "".join(s.text for s in their_segments) == theirs
    assert "".join(s.text for s in saved_segments) == saved


def test_compare_lists_only_fields_that_differ_ignoring_line_endings_and_spaces():
    comparisons = compare(
        [
            ("narrative", "What happened", "One.\r\nTwo. ", "One.\nTwo."),
            ("next_actions", "Next actions", "Ring Dev", "Ring Jo"),
        ]
    )
    assert [c.name for c in comparisons] == ["next_actions"]
    assert comparisons[0].theirs == (Segment("same", "Ring "), Segment("added", "Dev"))
    assert comparisons[0].saved == (Segment("same", "Ring "), Segment("removed", "Jo"))


# --- The service: a conditional save on the version ---


def _save(note, author, version, narrative):
    return case_note_save(
        author=author,
        note=note,
        fields={"narrative": narrative},
        evidence=[],
        options=[],
        version=version,
    )


def test_a_save_of_the_latest_version_moves_it_on(note, practitioner):
    assert note.version == 1
    saved = _save(note, practitioner, 1, "Second version")
    assert saved.version == 2 and _version(note) == 2
    assert _narrative(note) == "Second version"


def test_a_save_of_an_older_version_is_a_conflict_and_writes_nothing(note, practitioner):
    _save(CaseNote.objects.get(pk=note.pk), practitioner, 1, "Saved first")
    stale = CaseNote.objects.get(pk=note.pk)
    with pytest.raises(DraftConflictError) as error:
        _save(stale, practitioner, 1, "Saved second")
    assert (error.value.submitted, error.value.current) == (1, 2)
    assert _narrative(note) == "Saved first" and _version(note) == 2


def test_a_version_from_the_future_is_tampered(note, practitioner):
    with pytest.raises(TamperedVersionError):
        _save(note, practitioner, 7, "From the future")
    assert _narrative(note) == "Maggie wants to stay at home." and _version(note) == 1


def test_completion_checks_the_version(note, practitioner):
    _save(CaseNote.objects.get(pk=note.pk), practitioner, 1, "Saved in another window")
    with pytest.raises(DraftConflictError):
        record_complete(record=note, user=practitioner, version=1)
    assert Record.objects.get(pk=note.pk).is_draft
    record_complete(record=CaseNote.objects.get(pk=note.pk), user=practitioner, version=2)
    assert Record.objects.get(pk=note.pk).is_completed


def test_a_care_act_save_refused_by_its_rules_leaves_the_version(person, practitioner):
    concern = care_act_record_start(
        kind=RecordKind.SAFEGUARDING, person=person, author=practitioner
    )
    care_act_record_save(
        record=concern, author=practitioner, fields={"concern": "First"}, version=1
    )
    with pytest.raises(DraftConflictError):
        care_act_record_save(
            record=SafeguardingConcern.objects.get(pk=concern.pk),
            author=practitioner,
            fields={"concern": "Second"},
            version=1,
        )
    assert SafeguardingConcern.objects.get(pk=concern.pk).concern == "First"


# --- Two people (or two windows) saving the same draft ---


def test_the_second_save_of_a_draft_sees_both_versions_and_keeps_its_text(
    note, practitioner, caplog
):
    first, second = _client(practitioner), _client(practitioner)
    url = note.get_edit_url()
    for client in (first, second):
        assert 'name="version" value="1"' in client.get(url).text
    saved = first.post(url, _note_form(1, narrative="Maggie wants to stay at home with Dev."))
    assert saved.status_code == 302
    with caplog.at_level(logging.INFO, logger="recording.drafts"):
        refused = second.post(url, _note_form(1, narrative="Maggie wants to move to Jo's."))
    assert refused.status_code == 409
    page = refused.text
    assert "This draft has changed since you opened it" in page
    assert "You saved a newer version at 10:00 on 25 November 2026" in page
    # Side by side, the words that differ marked and named.
    assert "[added: </span>move to Jo&#x27;s" in page
    assert "[removed: </span>stay at home with Dev" in page
    # The form holds their text and the latest version, to merge and save.
    assert "Maggie wants to move to Jo&#x27;s.</textarea>" in page
    assert 'name="version" value="2"' in page
    assert _narrative(note) == "Maggie wants to stay at home with Dev."
    assert "Edit conflict" in caplog.text
    merged = second.post(url, _note_form(2, narrative="Maggie wants to stay, with Dev."))
    assert merged.status_code == 302
    assert _narrative(note) == "Maggie wants to stay, with Dev." and _version(note) == 3


def test_sending_the_same_text_twice_is_not_a_conflict(note, practitioner):
    client = _client(practitioner)
    data = _note_form(1, narrative="Double clicked.")
    assert client.post(note.get_edit_url(), data).status_code == 302
    assert client.post(note.get_edit_url(), data).status_code == 302
    assert _narrative(note) == "Double clicked."


def test_completing_a_stale_version_shows_both_versions_and_completes_nothing(note, practitioner):
    client = _client(practitioner)
    client.post(note.get_edit_url(), _note_form(1, narrative="Saved elsewhere."))
    data = _note_form(
        1,
        action="complete",
        narrative="Completed here.",
        principle_1="on",
        principle_1_evidence="Maggie led.",
        made_decision="no",
    )
    response = client.post(note.get_edit_url(), data)
    assert response.status_code == 409
    assert Record.objects.get(pk=note.pk).is_draft
    assert _narrative(note) == "Saved elsewhere."


def test_a_colleague_cannot_save_someone_elses_draft_whatever_the_version(note, colleague):
    response = _client(colleague).post(note.get_edit_url(), _note_form(1, narrative="Mine"))
    assert response.status_code == 403
    assert _narrative(note) == "Maggie wants to stay at home."


def test_the_service_refuses_someone_elses_draft(note, colleague):
    with pytest.raises(PermissionDenied):
        _save(note, colleague, 1, "Mine")


# --- Bad input: a tampered version, a replayed POST after completion ---


@pytest.mark.parametrize("version", ["abc", "-1", "1.0", "", "99", "9" * 12, None])
def test_a_tampered_version_is_refused_with_a_clear_page_and_logged(
    note, practitioner, caplog, version
):
    data = _note_form(1, narrative="Tampered")
    if version is None:
        del data["version"]
    else:
        data["version"] = version
    with caplog.at_level(logging.WARNING, logger="recording.drafts"):
        response = _client(practitioner).post(note.get_edit_url(), data)
    assert response.status_code == 400
    assert "Your changes were not saved" in response.text
    assert "Nothing has been saved or changed." in response.text
    assert _narrative(note) == "Maggie wants to stay at home." and _version(note) == 1
    assert "version no form was given" in caplog.text


def test_a_new_note_sent_with_a_version_is_tampered(person, practitioner):
    contact = ContactFactory(person=person, recorded_by=practitioner)
    url = reverse("recording:case_note_new", args=[contact.pk])
    response = _client(practitioner).post(url, _note_form(3, narrative="New"))
    assert response.status_code == 400
    assert not Record.objects.exists()


def test_a_replayed_post_after_completion_changes_nothing_and_is_logged(note, practitioner, caplog):
    record_complete(record=note, user=practitioner)
    client = _client(practitioner)
    with caplog.at_level(logging.WARNING, logger="recording.drafts"):
        replay = client.post(note.get_edit_url(), _note_form(1, narrative="Replayed text"))
        again = client.post(
            reverse("recording:case_note_new", args=[note.obligation.contact_id]),
            _note_form(0, narrative="Replayed text"),
        )
    for response in (replay, again):
        assert response.status_code == 409
        assert "This record has been completed; add an addendum instead." in response.text
        assert "Replayed text" in response.text  # shown back, for the addendum
    assert _narrative(note) == "Maggie wants to stay at home."
    assert caplog.text.count("Refused a change to completed record") == 2


def test_a_second_window_of_the_new_note_is_compared_with_the_saved_note(person, practitioner):
    contact = ContactFactory(person=person, recorded_by=practitioner)
    url = reverse("recording:case_note_new", args=[contact.pk])
    first, second = _client(practitioner), _client(practitioner)
    assert first.post(url, _note_form(0, narrative="First window")).status_code == 302
    response = second.post(url, _note_form(0, narrative="Second window"))
    assert response.status_code == 409
    assert "[added: </span>Second" in response.text
    assert "[removed: </span>First" in response.text
    assert CaseNote.objects.get().narrative == "First window"


# --- The autosave: the same page, answered in JSON ---


def test_autosave_saves_the_draft_and_answers_with_the_new_version(note, practitioner):
    response = _client(practitioner).post(
        note.get_edit_url(), _note_form(1, narrative="Typed so far", autosave="1")
    )
    assert response.status_code == 200
    assert response.json() == {
        "version": 2,
        "saved_at": "10:00",
        "status": "Draft saved at 10:00",
        "url": note.get_edit_url(),
    }
    assert _narrative(note) == "Typed so far"


def test_autosave_of_a_new_note_makes_the_draft_and_gives_its_address(person, practitioner):
    contact = ContactFactory(person=person, recorded_by=practitioner)
    url = reverse("recording:case_note_new", args=[contact.pk])
    response = _client(practitioner).post(url, {"narrative": "First words", "autosave": "1"})
    note = CaseNote.objects.get()
    assert response.json()["url"] == note.get_edit_url()
    assert note.is_draft and note.narrative == "First words" and note.version == 1


def test_autosave_accepts_an_incomplete_draft(note, practitioner):
    data = _note_form(1, narrative="", made_decision="yes", autosave="1")
    response = _client(practitioner).post(note.get_edit_url(), data)
    assert response.status_code == 200


def test_autosave_of_a_stale_version_is_a_409_and_writes_nothing(note, practitioner):
    client = _client(practitioner)
    client.post(note.get_edit_url(), _note_form(1, narrative="Saved elsewhere"))
    response = client.post(note.get_edit_url(), _note_form(1, narrative="Typed here", autosave="1"))
    assert response.status_code == 409
    assert response.json()["conflict"] is True and response.json()["version"] == 2
    assert _narrative(note) == "Saved elsewhere"


def test_autosave_of_what_a_draft_cannot_hold_is_a_422_with_the_reason(person, practitioner):
    contact = ContactFactory(person=person, recorded_by=practitioner)
    url = reverse("recording:package_new", args=[contact.pk])
    response = _client(practitioner).post(url, {"weekly_cost": "lots", "autosave": "1"})
    assert response.status_code == 422
    assert "weekly_cost" in response.json()["errors"]
    assert not Record.objects.exists()


def test_autosave_after_completion_is_a_409_saying_so(note, practitioner):
    record_complete(record=note, user=practitioner)
    response = _client(practitioner).post(
        note.get_edit_url(), _note_form(1, narrative="Late", autosave="1")
    )
    assert response.status_code == 409
    assert response.json()["completed"] is True


def test_autosave_when_signed_out_is_a_401_not_a_redirect(note):
    response = Client().post(note.get_edit_url(), _note_form(1, narrative="x", autosave="1"))
    assert response.status_code == 401
    data = response.json()
    assert data["signed_out"] is True
    assert data["sign_in_url"] == f"{reverse('login')}?next={note.get_edit_url()}"
    assert not PendingSubmission.objects.exists()


def test_an_assessment_section_autosaves_and_conflicts_the_same_way(person, practitioner):
    assessment = care_act_record_start(
        kind=RecordKind.NEEDS_ASSESSMENT, person=person, author=practitioner, form_type="full"
    )
    url = reverse("assessments:section", args=[assessment.pk, "what-matters"])
    client = _client(practitioner)
    data = {"what_matters": "My garden", "version": "1", "autosave": "1"}
    assert client.post(url, data).json()["version"] == 2
    stale = client.post(url, {**data, "what_matters": "My church", "autosave": ""})
    assert stale.status_code == 409
    assert "[added: </span>church" in stale.text and "[removed: </span>garden" in stale.text
    assert 'name="version" value="2"' in stale.text
    assert NeedsAssessment.objects.get(pk=assessment.pk).what_matters == "My garden"


def test_completing_a_task_list_that_changed_meanwhile_says_so(person, practitioner):
    assessment = care_act_record_start(
        kind=RecordKind.NEEDS_ASSESSMENT, person=person, author=practitioner, form_type="full"
    )
    client = _client(practitioner)
    section = reverse("assessments:section", args=[assessment.pk, "what-matters"])
    client.post(section, {"what_matters": "My garden", "version": "1"})
    response = client.post(assessment.get_edit_url(), {"version": "1"}, follow=True)
    assert "changed in another window" in response.text
    assert Record.objects.get(pk=assessment.pk).is_draft


# --- A form sent after the session expired (without JavaScript) ---


def _expired_session(user, url) -> Client:
    """A browser in which `user` opened the form at `url`, and whose session then
    expired (the session is gone; the browser keeps its other cookies)."""
    browser = _client(user)
    assert browser.get(url).status_code == 200
    del browser.cookies[settings.SESSION_COOKIE_NAME]
    return browser


def _sign_in(client, user, next_url):
    return client.post(
        f"{reverse('login')}?next={next_url}",
        {"username": user.username, "password": PASSWORD},
        follow=True,
    )


def test_a_form_sent_after_the_session_expired_is_kept_for_its_author(note, practitioner):
    url = note.get_edit_url()
    browser = _expired_session(practitioner, url)
    response = browser.post(url, _note_form(1, narrative="Typed while signed out", password="x"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"
    assert browser.cookies[PENDING_COOKIE]["httponly"]
    kept = PendingSubmission.objects.get()
    assert kept.owner == practitioner and kept.path == url
    assert "csrfmiddlewaretoken" not in kept.data and "password" not in kept.data
    assert _narrative(note) == "Maggie wants to stay at home."  # kept, not saved

    page = _sign_in(browser, practitioner, url)
    assert page.redirect_chain[-1][0] == url
    assert "We kept what you typed before you were signed out" in page.text
    assert "\nTyped while signed out</textarea>" in page.text
    assert 'name="version" value="1"' in page.text
    assert not PendingSubmission.objects.exists()  # shown once
    assert browser.post(url, _note_form(1, narrative="Typed while signed out")).status_code == 302
    assert _narrative(note) == "Typed while signed out"


def test_what_was_kept_is_never_shown_to_someone_else(note, practitioner, colleague):
    browser = _expired_session(practitioner, note.get_edit_url())
    browser.post(note.get_edit_url(), _note_form(1, narrative="Private words"))
    _sign_in(browser, colleague, note.get_edit_url())
    page = browser.get(reverse("recording:person", args=[note.person_id]))
    assert "Private words" not in page.text
    assert PendingSubmission.objects.filter(owner=practitioner).exists()


def test_what_was_kept_expires(note, practitioner):
    browser = _expired_session(practitioner, note.get_edit_url())
    browser.post(note.get_edit_url(), _note_form(1, narrative="Old words"))
    with time_machine.travel(NOW + PENDING_LIFETIME + timedelta(minutes=1), tick=False):
        page = _sign_in(browser, practitioner, note.get_edit_url())
        assert "Old words" not in page.text


def test_signed_out_requests_to_a_form_go_to_sign_in(note, person, practitioner):
    contact = ContactFactory(person=person, recorded_by=practitioner)
    for url in (
        note.get_edit_url(),
        reverse("recording:case_note_new", args=[contact.pk]),
        reverse("recording:record_edit", args=[999999]),
    ):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
    # Nothing is kept for a record that does not exist.
    Client().post(reverse("recording:record_edit", args=[999999]), {"narrative": "x"})
    assert not PendingSubmission.objects.exists()


# --- Kept work belongs to its author (issue 15, part 3) ---


def test_signed_out_posts_from_anyone_else_are_not_kept_and_cannot_evict(note, practitioner):
    url = note.get_edit_url()
    browser = _expired_session(practitioner, url)
    browser.post(url, _note_form(1, narrative="Her own words"))
    assert PendingSubmission.objects.count() == 1
    for n in range(PENDING_MAX_PER_OWNER + 5):  # an attacker with no cookie, or a forged one
        attacker = Client()
        if n % 2:
            attacker.cookies[WORK_OWNER_COOKIE] = str(practitioner.pk)
        response = attacker.post(url, _note_form(1, narrative=f"Spam {n}"))
        assert response.status_code == 302
    assert list(PendingSubmission.objects.values_list("owner", flat=True)) == [practitioner.pk]
    page = _sign_in(browser, practitioner, url)
    assert "Her own words" in page.text


def test_a_browser_that_worked_as_someone_else_keeps_nothing_for_the_author(
    note, practitioner, colleague, person
):
    contact = ContactFactory(person=person, recorded_by=colleague)
    browser = _expired_session(colleague, reverse("recording:case_note_new", args=[contact.pk]))
    browser.post(note.get_edit_url(), _note_form(1, narrative="Not hers"))
    assert not PendingSubmission.objects.exists()


def test_signing_out_on_purpose_keeps_nothing_sent_afterwards(note, practitioner):
    url = note.get_edit_url()
    browser = _client(practitioner)
    browser.get(url)
    browser.post(reverse("logout"))
    browser.post(url, _note_form(1, narrative="After signing out"))
    assert not PendingSubmission.objects.exists()


def test_signed_out_posts_never_name_another_address(note, practitioner, person):
    """A new case note's page redirects to its draft once there is one: a signed-out
    POST there must not reveal the draft's id, or that the record exists."""
    addresses = [
        reverse("recording:case_note_new", args=[note.obligation.contact_id]),
        note.get_edit_url(),
        reverse("recording:record_edit", args=[999999]),
    ]
    for url in addresses:
        for data in (_note_form(1, narrative="x"), _note_form(1, narrative="x", autosave="1")):
            response = _expired_session(practitioner, reverse("recording:my_recording")).post(
                url, data
            )
            where = (
                response.json()["sign_in_url"]
                if response.status_code == 401
                else (response["Location"])
            )
            assert where == f"{reverse('login')}?next={url}", (url, where)


@pytest.mark.parametrize("rows", ["abc", "1e3", "2.5", "\x00", "-3", "9" * 30, "٣"])
def test_a_tampered_row_count_shows_the_form_not_an_error(note, practitioner, rows):
    """Issue 15, part 5: option_rows=abc was a 500, and kept from a signed-out POST it
    broke the first page after signing in and lost the kept text."""
    url = note.get_edit_url()
    data = _note_form(1, narrative="Typed with a tampered row count", option_rows=rows)
    response = _client(practitioner).post(url, {**data, "action": "add_option"})
    assert response.status_code == 200
    browser = _expired_session(practitioner, url)
    browser.post(url, data)
    page = _sign_in(browser, practitioner, url)
    assert page.status_code == 200
    assert "Typed with a tampered row count</textarea>" in page.text


# --- The draft services every kind's form calls (issue 16, part 4) ---

FORM = "/records/1/edit/"

# --- draft_lock ---


@pytest.mark.parametrize(
    ("version", "refusal"),
    [
        (1, None),  # the latest: taken, and moved on by one
        (None, None),  # no version (the demo data, a revision): whatever the version
        (0, DraftConflictError),  # an older version: an edit conflict
        (2, TamperedVersionError),  # a version never saved
    ],
)
def test_a_draft_is_taken_only_at_the_version_the_form_showed(note, practitioner, version, refusal):
    assert _version(note) == 1
    if refusal is None:
        draft_lock(note, practitioner, version)
        assert _version(note) == note.version == 2
    else:
        with pytest.raises(refusal):
            draft_lock(note, practitioner, version)
        assert _version(note) == 1


def test_a_completed_record_or_someone_elses_draft_is_never_taken(note, practitioner, colleague):
    with pytest.raises(PermissionDenied):
        draft_lock(note, colleague, 1)
    record_complete(record=note, user=practitioner)
    with pytest.raises(RecordImmutableError):
        draft_lock(note, practitioner, 1)


# --- Forms sent after the session expired ---


def test_a_kept_form_is_taken_once_by_its_owner_at_its_page(practitioner, colleague):
    token = pending_submission_keep(owner_id=practitioner.pk, path=FORM, data={"a": ["1"]})
    assert token
    assert PendingSubmission.objects.get().token_hash != token  # only its hash is stored
    assert pending_submission_take(token=token, path=FORM, owner=colleague) is None
    assert pending_submission_take(token=token, path="/elsewhere/", owner=practitioner) is None
    assert pending_submission_take(token="another", path=FORM, owner=practitioner) is None
    assert pending_submission_take(token=token, path=FORM, owner=practitioner) == {"a": ["1"]}
    assert pending_submission_take(token=token, path=FORM, owner=practitioner) is None


def test_a_kept_form_expires(practitioner):
    token = pending_submission_keep(owner_id=practitioner.pk, path=FORM, data={"a": ["1"]})
    with time_machine.travel(NOW + PENDING_LIFETIME + timedelta(seconds=1), tick=False):
        assert pending_submission_take(token=token, path=FORM, owner=practitioner) is None


def test_a_form_too_big_is_not_kept(practitioner):
    data = {"narrative": ["x" * PENDING_MAX_CHARACTERS]}
    assert pending_submission_keep(owner_id=practitioner.pk, path=FORM, data=data) is None
    assert not PendingSubmission.objects.exists()


def test_keeping_replaces_the_browsers_last_one_and_keeps_at_most_so_many(practitioner):
    first = pending_submission_keep(owner_id=practitioner.pk, path=FORM, data={"n": ["0"]})
    second = pending_submission_keep(
        owner_id=practitioner.pk, path=FORM, data={"n": ["1"]}, replaces=first
    )
    assert PendingSubmission.objects.count() == 1
    assert pending_submission_take(token=second, path=FORM, owner=practitioner) == {"n": ["1"]}
    for n in range(PENDING_MAX_PER_OWNER + 3):
        pending_submission_keep(owner_id=practitioner.pk, path=FORM, data={"n": [str(n)]})
    assert PendingSubmission.objects.filter(owner=practitioner).count() == PENDING_MAX_PER_OWNER
