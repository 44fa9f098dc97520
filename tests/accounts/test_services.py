"""The forms already sent (`accounts.once`), written by the accounts services."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import FormSubmission
from accounts.services import (
    SUBMISSIONS_KEPT_FOR,
    form_submission_claim,
    form_submission_done,
    form_submission_for,
    form_submission_release,
    form_submissions_prune,
)

pytestmark = pytest.mark.django_db

KEY = "k" * 24


def test_a_key_is_claimed_once_per_user(practitioner, colleague):
    claim = form_submission_claim(user=practitioner, key=KEY)
    with pytest.raises(IntegrityError), transaction.atomic():
        form_submission_claim(user=practitioner, key=KEY)
    form_submission_claim(user=colleague, key=KEY)  # another person's form
    assert form_submission_for(user=practitioner, key=KEY) == claim
    assert form_submission_for(user=practitioner, key="other" * 5) is None


def test_a_claim_says_where_its_result_is_or_frees_its_key(practitioner):
    claim = form_submission_claim(user=practitioner, key=KEY)
    form_submission_done(claim, result="/records/" + "9" * 600)
    assert FormSubmission.objects.get().result == ("/records/" + "9" * 600)[:500]
    form_submission_release(claim)
    assert form_submission_for(user=practitioner, key=KEY) is None
    form_submission_claim(user=practitioner, key=KEY)  # may be sent again


def test_old_claims_are_forgotten(practitioner):
    form_submission_claim(user=practitioner, key=KEY)
    now = timezone.now()
    assert form_submissions_prune(now=now + SUBMISSIONS_KEPT_FOR - timedelta(minutes=1)) == 0
    assert form_submissions_prune(now=now + SUBMISSIONS_KEPT_FOR + timedelta(minutes=1)) == 1
    assert not FormSubmission.objects.exists()
