"""The draft services every kind's form calls (issue 16, part 4): taking a draft for a
save (`draft_lock`), and keeping a form sent after its author was signed out
(`pending_submission_keep`, `pending_submission_take`)."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from recording.deadlines import LONDON
from recording.models import PendingSubmission, Record, RecordImmutableError
from recording.services import (
    PENDING_LIFETIME,
    PENDING_MAX_CHARACTERS,
    PENDING_MAX_PER_OWNER,
    DraftConflictError,
    TamperedVersionError,
    draft_lock,
    pending_submission_keep,
    pending_submission_take,
    record_complete,
)
from tests.factories import ContactFactory, case_note_for

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)
FORM = "/records/1/edit/"


@pytest.fixture(autouse=True)
def _wednesday():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def note(person, practitioner):
    contact = ContactFactory(
        person=person,
        recorded_by=practitioner,
        occurred_at=datetime(2026, 11, 24, 9, 30, tzinfo=LONDON),
    )
    return case_note_for(contact, narrative="Maggie wants to stay at home.")


def _version(record) -> int:
    return Record.objects.values_list("version", flat=True).get(pk=record.pk)


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


def test_a_kept_form_expires(practitioner, _wednesday):
    token = pending_submission_keep(owner_id=practitioner.pk, path=FORM, data={"a": ["1"]})
    _wednesday.shift(PENDING_LIFETIME + timedelta(seconds=1))
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
