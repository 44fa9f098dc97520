"""Saving drafts without losing work (SPEC 6, "No lost work"; issue 7, parts 3 and 4).

One mechanism for every record form -- case notes, provisional care packages and the
Care Act records' pages and sections:

- Every draft form carries the version of the draft it showed (a hidden `version`).
  The save is conditional on it (`recording.services._lock_draft`); a save of an older
  version is an edit conflict: nothing is written, and the page shows their text next
  to the saved text, field by field, with a form holding their text and the latest
  version to merge and save again (`draft_save`, `EditConflict`). A version that no
  form was given (not a number, ahead of the draft) is refused and logged.
- The same form page takes the script's autosaves (`static/js/autosave.mjs`): a POST
  with `autosave=1` is saved the same way and answered in JSON
  (`autosave_saved_response`, `autosave_invalid_response`).
- Only a save that happened says "saved": the form's status line comes from what the
  save did (`saved_status`, `NOT_SAVED`).
- A form sent after the session expired is kept (`PendingSubmission`), and shown again
  to its author after they sign in (`keeps_work_when_signed_out`); the script's
  autosave gets a 401 instead, and keeps the text in the browser.
"""

import hashlib
import json
import logging
import re
import secrets
from collections.abc import Callable
from datetime import date, timedelta
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone

from accounts.views import WORK_OWNER_COOKIE
from recording.access_log import What, record_access
from recording.conflicts import FieldComparison, compare
from recording.models import PendingSubmission, Record, RecordImmutableError
from recording.services import DraftConflictError, TamperedVersionError

logger = logging.getLogger(__name__)

VERSION_FIELD = "version"
AUTOSAVE_FIELD = "autosave"
_VERSION = re.compile(r"[0-9]{1,9}")

# --- Versions ---


def submitted_version(data: QueryDict, *, new: bool = False) -> int:
    """The draft version a form was sent with. A form for a record not saved yet may
    leave it out (0: no version). Anything else but a whole number is refused."""
    raw = data.get(VERSION_FIELD)
    if raw is None and new:
        return 0
    if raw is None or not _VERSION.fullmatch(raw):
        raise TamperedVersionError(f"Version {raw!r} is not one a form was given.")
    return int(raw)


def is_autosave(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get(AUTOSAVE_FIELD) == "1"


def _user_id(request: HttpRequest) -> str:
    return str(request.user.pk) if request.user.is_authenticated else "anonymous"


# --- Edit conflicts ---


class EditConflict(Exception):
    """A save of a version that is not the latest, whose text differs from the saved
    text: `record` is the draft as saved now, `comparisons` what differs."""

    def __init__(self, *, record: Record, comparisons: list[FieldComparison]):
        self.record, self.comparisons = record, comparisons
        super().__init__(f"Edit conflict on record {record.pk} (now version {record.version})")


def _display(field: forms.Field, value) -> str:
    """A field's value as the person would read it: choices by their labels, a tick
    box as selected or not, a date as its day, month and year."""
    if isinstance(field, forms.BooleanField):
        return "Selected" if value else "Not selected"
    if isinstance(field, forms.MultiValueField) and isinstance(value, list | tuple):
        parts = [str(part).strip() for part in value if part not in (None, "")]
        return " ".join(str(int(part)) if part.isdigit() else part for part in parts)
    values = value if isinstance(value, list | tuple) else [value]
    labels = {str(key): str(label) for key, label in getattr(field, "choices", [])}
    texts = []
    for item in values:
        if item in (None, ""):
            continue
        if isinstance(item, date):
            item = f"{item.day} {item.month} {item.year}"
        texts.append(labels.get(str(item), str(item)))
    return "\n".join(texts)


def _field_text(form: forms.BaseForm, name: str) -> str:
    if name not in form.fields:
        return ""
    return _display(form.fields[name], form[name].value())


def compare_forms(theirs: forms.BaseForm, saved: forms.BaseForm) -> list[FieldComparison]:
    """What differs between the form they sent and the same form showing the saved
    draft, field by field, in page order."""
    names = list(theirs.fields) + [name for name in saved.fields if name not in theirs.fields]
    return compare(
        [
            (
                name,
                str((theirs.fields.get(name) or saved.fields[name]).label or name),
                _field_text(theirs, name),
                _field_text(saved, name),
            )
            for name in names
        ]
    )


def draft_save(
    *,
    record: Record | None,
    version: int,
    form: forms.BaseForm,
    save: Callable[[Record | None, int], Record],
    saved_form: Callable[[Record], forms.BaseForm],
    user,
) -> Record:
    """`save(record, version)` -- the service call that saves the draft, or completes
    it -- with the edit-conflict rule.

    When the draft has moved on since `version` but what they sent is what is saved
    now (a double click, a save crossing an autosave of the same text), nothing would
    be overwritten: it goes ahead on the latest version. Otherwise raises
    `EditConflict`, having written nothing.
    """
    try:
        return save(record, version)
    except DraftConflictError as error:
        current = Record.objects.get(pk=error.record_id).as_kind()
        comparisons = compare_forms(form, saved_form(current))
        if comparisons:
            logger.info(
                "Edit conflict: user %s saved version %s of record %s, which is at version %s",
                user.pk,
                error.submitted,
                current.pk,
                current.version,
            )
            raise EditConflict(record=current, comparisons=comparisons) from None
        return save(current, current.version)


def conflict_context(request: HttpRequest, conflict: EditConflict) -> dict:
    record = conflict.record
    return {
        "comparisons": conflict.comparisons,
        "saved_by": record.author,
        "saved_by_you": record.author_id == request.user.pk,
        "saved_at": timezone.localtime(record.updated_at),
    }


# --- What the form says about saving ---
#
# Only a save that happened says "saved" (issue 14, part 4): the status line of every
# record form (recording/partials/draft_fields.html) and the autosave's answers take
# their words from here, from what the save did.

NOT_SAVED = "Not saved: fix the errors below"
NOT_SAVED_AUTOSAVE = "Not saved: fix these, then it will be saved"


def saved_status(record: Record) -> str:
    return f"Draft saved at {timezone.localtime(record.updated_at):%H:%M}"


def not_completed_status(record: Record) -> str:
    """The draft was saved; completing it was refused."""
    return f"{saved_status(record)}, but not completed: put right the problems above"


def form_problems(form: forms.BaseForm) -> list[dict[str, str]]:
    """The form's error messages in page order, each with the id of its field (as the
    error summary links them), for the autosave's answer."""
    problems = []
    for name, errors in form.errors.items():
        field = form[name] if name in form.fields else None
        href = f"#{field.id_for_label or field.auto_id}" if field is not None else ""
        problems += [{"message": str(message), "href": href} for message in errors]
    return problems


# --- Refusals and the autosave's answers ---


def autosave_saved_response(record: Record) -> JsonResponse:
    return JsonResponse(
        {
            "version": record.version,
            "saved_at": f"{timezone.localtime(record.updated_at):%H:%M}",
            "status": saved_status(record),
            "url": record.get_edit_url(),
        }
    )


def autosave_conflict_response(conflict: EditConflict) -> JsonResponse:
    return JsonResponse(
        {
            "conflict": True,
            "version": conflict.record.version,
            "message": "This draft has been changed somewhere else since you opened it. "
            "Your text has not been saved: save the draft to see both versions.",
        },
        status=409,
    )


def autosave_invalid_response(form: forms.BaseForm) -> JsonResponse:
    """A draft is saved however incomplete, but not with an answer it cannot hold (a
    date that does not exist, an amount that is not money, a plan over its budget): the
    script says it is not saved and what to fix, and keeps the text in the browser."""
    return JsonResponse(
        {
            "saved": False,
            "status": NOT_SAVED_AUTOSAVE,
            "problems": form_problems(form),
            "errors": form.errors.get_json_data(),
        },
        status=422,
    )


def completed_response(
    request: HttpRequest, record: Record, *, form: forms.BaseForm | None = None
) -> HttpResponse:
    """Any attempt to change a completed record (an old edit link, a replayed POST, a
    save from a window left open) changes nothing and says why; a POST is logged, and
    what it sent is shown so that it can go into an addendum."""
    if request.method == "POST":
        logger.warning(
            "Refused a change to completed record %s: user %s, %s %s",
            record.pk,
            _user_id(request),
            request.method,
            request.path,
        )
    record = Record.objects.get(pk=record.pk)  # as completed, whatever this request read
    message = "This record has been completed; add an addendum instead."
    if is_autosave(request):
        return JsonResponse({"completed": True, "message": message}, status=409)
    sent = []
    if form is not None and form.is_bound:
        sent = [
            (str(field.label), text)
            for name, field in form.fields.items()
            if isinstance(field.widget, forms.Textarea | forms.TextInput)
            and (text := _field_text(form, name).strip())
        ]
    record_access(request, record.person, What.RECORD_FORM)
    return render(
        request,
        "recording/record_completed.html",
        {"record": record, "message": message, "sent": sent},
        status=409,
    )


REFUSED = (RecordImmutableError, TamperedVersionError, EditConflict)


def refused_response(
    request: HttpRequest, error: Exception, *, record: Record | None, form, page
) -> HttpResponse:
    """The answer to a save or completion refused with one of `REFUSED`: the record was
    completed meanwhile, the version was tampered with, or an edit conflict -- shown as
    `page(form, version, record=, conflict=)` with the latest version, so that saving
    their merged text is a save of the latest version."""
    if isinstance(error, RecordImmutableError):
        return completed_response(request, record, form=form)
    if isinstance(error, TamperedVersionError):
        return tampered_response(request, error, record=record)
    if is_autosave(request):
        return autosave_conflict_response(error)
    return page(
        form, error.record.version, record=error.record, conflict=conflict_context(request, error)
    )


def tampered_response(
    request: HttpRequest, error: TamperedVersionError, *, record: Record | None = None
) -> HttpResponse:
    """A version number no form was given: refused, logged, nothing changed."""
    logger.warning(
        "Refused a save with a version no form was given: user %s, %s %s, record %s: %s",
        _user_id(request),
        request.method,
        request.path,
        record.pk if record is not None else "-",
        error,
    )
    message = (
        "This form could not be saved: it did not come from the draft's page as it was "
        "given. Nothing has been saved or changed."
    )
    if is_autosave(request):
        return JsonResponse({"refused": True, "message": message}, status=400)
    return render(
        request,
        "recording/version_refused.html",
        {"record": record, "message": message, "form_url": request.path},
        status=400,
    )


# --- Forms sent after the session expired ---

PENDING_COOKIE = "pending_submission"
PENDING_LIFETIME = timedelta(hours=24)  # over lunch and overnight, not for weeks
PENDING_MAX_CHARACTERS = 1_000_000  # far more than any record's text
PENDING_MAX_PER_OWNER = 20
_WORK_OWNER_SALT = "recording.drafts.work_owner"
_NOT_KEPT = {"csrfmiddlewaretoken", AUTOSAVE_FIELD, "action"}


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def pending_submission_keep(
    request: HttpRequest, *, owner_id: int, path: str, response: HttpResponse
) -> bool:
    """Keep what the signed-out POST sent (never its CSRF token or a password) for
    `owner_id` to see again at `path`, under a new random token in a cookie of this
    browser. False, keeping nothing, when it is too big."""
    data = {
        name: request.POST.getlist(name)
        for name in request.POST
        if name not in _NOT_KEPT and "password" not in name.lower()
    }
    if len(json.dumps(data)) > PENDING_MAX_CHARACTERS:
        logger.warning("Did not keep a signed-out POST to %s: too big", path)
        return False
    now = timezone.now()
    PendingSubmission.objects.filter(created_at__lt=now - PENDING_LIFETIME).delete()
    old_token = request.COOKIES.get(PENDING_COOKIE)
    if old_token:
        PendingSubmission.objects.filter(token_hash=_token_hash(old_token)).delete()
    kept = PendingSubmission.objects.filter(owner_id=owner_id).order_by("-created_at")
    PendingSubmission.objects.filter(
        pk__in=list(kept.values_list("pk", flat=True)[PENDING_MAX_PER_OWNER - 1 :])
    ).delete()
    token = secrets.token_urlsafe(32)
    PendingSubmission.objects.create(
        token_hash=_token_hash(token), path=path, owner_id=owner_id, data=data
    )
    response.set_cookie(
        PENDING_COOKIE,
        token,
        max_age=int(PENDING_LIFETIME.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    logger.info("Kept a signed-out POST to %s for user %s", path, owner_id)
    return True


def work_owner_remember(request: HttpRequest, response: HttpResponse) -> None:
    response.set_signed_cookie(
        WORK_OWNER_COOKIE,
        str(request.user.pk),
        salt=_WORK_OWNER_SALT,
        max_age=int(PENDING_LIFETIME.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _work_owner(request: HttpRequest) -> int | None:
    """Who this browser last worked as, if they did within PENDING_LIFETIME."""
    value = request.get_signed_cookie(
        WORK_OWNER_COOKIE,
        default=None,
        salt=_WORK_OWNER_SALT,
        max_age=PENDING_LIFETIME.total_seconds(),
    )
    return int(value) if value and value.isdecimal() else None


def pending_submission_take(request: HttpRequest) -> QueryDict | None:
    """What was kept for the signed-in user at this page, once: the row is deleted."""
    token = request.COOKIES.get(PENDING_COOKIE)
    if request.method != "GET" or not token:
        return None
    kept = PendingSubmission.objects.filter(
        token_hash=_token_hash(token),
        path=request.path,
        owner=request.user,
        created_at__gte=timezone.now() - PENDING_LIFETIME,
    ).first()
    if kept is None:
        return None
    kept.delete()
    data = QueryDict(mutable=True)
    for name, values in kept.data.items():
        data.setlist(name, [str(value) for value in values])
    return data


def keeps_work_when_signed_out(locate: Callable[..., tuple[int, str] | None]):
    """For a record form's view: sign-in is checked here rather than by
    LoginRequiredMiddleware, so that a form that arrives after the session expired is
    not lost. `locate(**view_kwargs)` gives the draft's author (or who would write it)
    and the form's address, or None when there is nothing there to keep.

    Signed out: an autosave gets a 401 (the script keeps the text); a POST is kept and
    goes to sign in with ?next= the form; anything else goes to sign in. Signed in: a
    GET of the form shows what was kept for this user, once (`request.pending_data`).
    """

    def decorator(view):
        @login_not_required
        @wraps(view)
        def wrapped(request: HttpRequest, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return _signed_out(request, locate(**kwargs))
            request.pending_data = pending_submission_take(request)
            if request.pending_data is not None:
                messages.warning(
                    request,
                    "We kept what you typed before you were signed out. Check it and "
                    "save it: it has not been saved yet.",
                )
            response = view(request, **kwargs)
            if request.pending_data is not None:
                response.delete_cookie(PENDING_COOKIE, samesite="Lax")
            work_owner_remember(request, response)
            return response

        return wrapped

    return decorator


def _signed_out(request: HttpRequest, located: tuple[int, str] | None) -> HttpResponse:
    """Every answer names only the address that was asked for, whether or not there is
    a record there, so a signed-out request learns no record's id or kind."""
    if is_autosave(request):
        sign_in_url = redirect_to_login(request.path).url
        return JsonResponse({"signed_out": True, "sign_in_url": sign_in_url}, status=401)
    if request.method != "POST":
        return redirect_to_login(request.get_full_path())
    # After signing in, the address asked for leads to the form (a new record's page
    # goes on to its draft), where what was kept is shown.
    response = redirect_to_login(request.path)
    if located is not None and _work_owner(request) == located[0]:
        pending_submission_keep(request, owner_id=located[0], path=located[1], response=response)
    return response


def form_data(request: HttpRequest) -> QueryDict | None:
    """The data a record form is bound to: what was sent, or what was kept for them
    when they were signed out; None shows the saved draft."""
    if request.method == "POST":
        return request.POST
    return getattr(request, "pending_data", None)
