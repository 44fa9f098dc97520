"""Writes to the accounts app's own rows: the forms already sent (`FormSubmission`),
which `accounts.once` reads and writes through these."""

from datetime import datetime, timedelta

from django.utils import timezone

from accounts.models import FormSubmission

SUBMISSIONS_KEPT_FOR = timedelta(days=7)


def form_submission_claim(*, user, key: str) -> FormSubmission:
    """Claim a form's one-time key for `user`, in the transaction that writes what the
    form creates. A key already claimed raises IntegrityError (the unique constraint):
    a second sending waits for the first to finish, then fails here."""
    return FormSubmission.objects.create(user=user, key=key)


def form_submission_done(claim: FormSubmission, *, result: str) -> None:
    """The form created something, shown at `result`: a second sending goes there."""
    claim.result = result[: FormSubmission._meta.get_field("result").max_length]
    claim.save(update_fields=["result"])


def form_submission_release(claim: FormSubmission) -> None:
    """The form created nothing (errors to correct): its key may be sent again."""
    claim.delete()


def form_submission_for(*, user, key: str) -> FormSubmission | None:
    """The claim of `key` by `user`, if there is one."""
    return FormSubmission.objects.filter(user=user, key=key).first()


def form_submissions_prune(*, now: datetime | None = None) -> int:
    """Forget the forms sent more than SUBMISSIONS_KEPT_FOR ago; how many were forgotten."""
    before = (now or timezone.now()) - SUBMISSIONS_KEPT_FOR
    deleted, _ = FormSubmission.objects.filter(created_at__lt=before).delete()
    return deleted
