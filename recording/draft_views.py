"""Every record form's page, in one flow (SPEC 6, "No lost work"; issue 7, parts 3 and 4;
issue 16, part 4).

One mechanism for every kind's draft -- case notes, provisional care packages and the
Care Act records' pages and sections. Each kind's view is a `DraftPage` that names its
form, the services that save and complete it, and its template; showing, saving,
autosaving, completing and the refusals are here, once:

- Every draft form carries the version of the draft it showed (a hidden `version`).
  The save is conditional on it (`recording.services.draft_lock`); a save of an older
  version is an edit conflict: nothing is written, and the page shows their text next
  to the saved text, field by field, with a form holding their text and the latest
  version to merge and save again (`EditConflict`). A version that no form was given
  (not a number, ahead of the draft) is refused and logged.
- The same form page takes the script's autosaves (`static/js/autosave.mjs`): a POST
  with `autosave=1` is saved the same way and answered in JSON.
- Only a save that happened says "saved": the form's status line comes from what the
  save did (`saved_status`, `NOT_SAVED`).
- A form sent after the session expired is kept (`recording.services.
  pending_submission_keep`), and shown again to its author after they sign in
  (`keeps_work_when_signed_out`); the script's autosave gets a 401 instead, and keeps
  the text in the browser.
- Each showing of a record's form is written in the access log, here
  (`record_form_render`).

The writes are the services' (`recording.services`, `assessments.services`); this
module reads requests and answers them.
"""

import logging
import re
from collections.abc import Callable
from datetime import date
from functools import wraps
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.access import may_change_draft
from accounts.views import WORK_OWNER_COOKIE
from principles.models import Framework
from recording.access_log import What, record_access
from recording.conflicts import FieldComparison, compare
from recording.models import Person, Record, RecordImmutableError
from recording.services import (
    PENDING_LIFETIME,
    DraftConflictError,
    TamperedVersionError,
    pending_submission_keep,
    pending_submission_take,
    record_complete,
)

# The name these refusals have always been logged under (README, "No lost work").
logger = logging.getLogger("recording.drafts")

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


def _conflict_context(request: HttpRequest, conflict: EditConflict) -> dict:
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


def show_refusal(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal next to the fields it names (the rest above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    messages_by_field = {name: " ".join(texts) for name, texts in error.message_dict.items()}
    form.show_errors(messages_by_field)
    for name, text in messages_by_field.items():
        if name not in form.fields:
            form.show_errors({"__all__": text})


# --- The pages and answers ---


def record_form_render(
    request: HttpRequest, person: Person, template: str, context: dict, *, status: int = 200
) -> HttpResponse:
    """A page showing a record's form (a draft, what was sent to a completed record, a
    full assessment's task list), written in the access log: the one place the
    `RECORD_FORM` event is written."""
    record_access(request, person, What.RECORD_FORM)
    return render(request, template, context, status=status)


def _autosave_saved_response(record: Record) -> JsonResponse:
    return JsonResponse(
        {
            "version": record.version,
            "saved_at": f"{timezone.localtime(record.updated_at):%H:%M}",
            "status": saved_status(record),
            "url": record.get_edit_url(),
        }
    )


def _autosave_conflict_response(conflict: EditConflict) -> JsonResponse:
    return JsonResponse(
        {
            "conflict": True,
            "version": conflict.record.version,
            "message": "This draft has been changed somewhere else since you opened it. "
            "Your text has not been saved: save the draft to see both versions.",
        },
        status=409,
    )


def _autosave_invalid_response(form: forms.BaseForm) -> JsonResponse:
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
    return record_form_render(
        request,
        record.person,
        "recording/record_completed.html",
        {"record": record, "message": message, "sent": sent},
        status=409,
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


def unwritable_response(
    request: HttpRequest, record: Record, *, form: Callable[[QueryDict], forms.BaseForm]
) -> HttpResponse | None:
    """The answer to a request for a draft's form that this user may not write: a
    completed record (`completed_response`, with what a POST sent, bound to
    `form(data)`), or someone else's draft (refused). None: they may write it."""
    if record.is_completed:
        return completed_response(
            request, record, form=form(request.POST) if request.method == "POST" else None
        )
    if not may_change_draft(request.user, record):
        raise PermissionDenied(f"Only the author, {record.author}, can change this draft.")
    return None


def completed_redirect(request: HttpRequest, record: Record) -> HttpResponse:
    """After a record is completed: say so, and go to it."""
    kind = record.get_kind_display()
    if record.needs_authorisation:
        messages.success(request, f"{kind} completed and sent to a manager to authorise.")
    else:
        messages.success(request, f"{kind} completed.")
    return redirect(record.get_absolute_url())


_REFUSED = (RecordImmutableError, TamperedVersionError, EditConflict)

# "Save and add a task" (issue 17, part 6): the draft is saved like "Save", then the
# task form of the frontdoor app opens for the person, from this record, coming back to
# the draft. Named by its URL name: recording does not import the apps above it.
SAVE_THEN_TASK = "save_then_task"
TASK_NEW_URL_NAME = "frontdoor:task_new"


def save_then_task_redirect(request: HttpRequest, record: Record, new: bool) -> HttpResponse:
    """After the draft is saved: to a new task for its person, from it, with ?next= the
    page the form was on (a new record's: the draft's own page)."""
    back = record.get_edit_url() if new else request.path
    query = urlencode({"record": record.pk, "next": back})
    return redirect(f"{reverse(TASK_NEW_URL_NAME, args=[record.person_id])}?{query}")


# --- The flow ---


class DraftPage:
    """The page of one draft's form, for every kind: show it; or save the draft if it
    is still at the version the form was given, complete it if asked, and redirect to
    the record, or answer the autosave in JSON. An edit conflict shows both versions
    and a form holding theirs; nothing is overwritten.

    A kind's page names:
    - `template_name`, and `page_context(record)`: what its template shows besides the
      form, the version and the save status, including the record's "person";
    - `make_form(data, record)`: its form, bound to `data` (None: the saved draft);
    - `save(form, record, version)`: the service saving the draft (`record` None: a new
      one); `complete(record, version)`: the service completing it.
    `new_form`: the form of a record not saved yet (`record` None), which may be sent
    without a version, and written under `framework` (a draft keeps its own).
    Then `respond()` answers the request. Who may see and write the draft is checked
    before (`unwritable_response`).
    """

    template_name: str

    def __init__(
        self,
        request: HttpRequest,
        record: Record | None,
        *,
        framework: Framework | None = None,
        new_form: bool = False,
    ):
        self.request, self.record, self.new_form = request, record, new_form
        self.framework = record.framework if record is not None else framework

    # --- What each kind says ---

    def make_form(self, data: QueryDict | None, record: Record | None) -> forms.BaseForm:
        raise NotImplementedError

    def save(self, form: forms.BaseForm, record: Record | None, version: int) -> Record:
        raise NotImplementedError

    def complete(self, record: Record, version: int) -> Record:
        return record_complete(record=record, user=self.request.user, version=version)

    def page_context(self, record: Record | None) -> dict:
        raise NotImplementedError

    def completing(self, form: forms.BaseForm) -> bool:
        """Whether the button sent asks to complete the record once it is saved."""
        return form.completing

    def showing(self, form: forms.BaseForm) -> None:
        """Before the form is shown without a save (a GET)."""

    def saved(self, record: Record) -> HttpResponse:
        """After a save that did not complete the record (not an autosave)."""
        messages.success(self.request, "Draft saved. It is not complete until you complete it.")
        return redirect(record.get_absolute_url())

    # --- The flow, the same for every kind ---

    def respond(self) -> HttpResponse:
        request, record = self.request, self.record
        form = self.make_form(form_data(request), record)
        version = record.version if record is not None else 0
        if form.is_bound:
            try:
                version = submitted_version(form.data, new=self.new_form)
                if record is None and version != 0:
                    raise TamperedVersionError(f"Version {version} of a record not yet saved.")
            except TamperedVersionError as error:
                if request.method == "POST":
                    return tampered_response(request, error, record=record)
                version = 0  # kept from a signed-out POST: saving it shows both versions
        if request.method != "POST":
            self.showing(form)
            return self.page(form, version, record=record)
        if form.data.get("action", "").startswith("add_"):
            return self.page(form, version, record=record)  # "Add another": one more row
        if not form.is_valid():
            return self._not_saved(form, version)

        def save_draft(current: Record | None, at: int) -> Record:
            return self.save(form, current, at)

        try:
            saved = self._save(form, record, version, save_draft)
        except ValidationError as error:  # what no version of the record may say
            show_refusal(form, error)
            return self._not_saved(form, version)
        except _REFUSED as error:
            return self._refused(error, form, record)
        if is_autosave(request):
            return _autosave_saved_response(saved)
        if form.data.get("action") == SAVE_THEN_TASK:
            return save_then_task_redirect(request, saved, self.record is None)
        if not self.completing(form):
            return self.saved(saved)
        try:
            completed = self._save(form, saved, saved.version, self.complete)
        except ValidationError:  # what completing needs is the model's (`completion_errors`)
            form.show_errors(saved.completion_errors())
            return self.page(
                form,
                saved.version,
                record=saved,
                status=400,
                save_status=not_completed_status(saved),
            )
        except _REFUSED as error:
            return self._refused(error, form, saved)
        return completed_redirect(request, completed)

    def page(
        self,
        form: forms.BaseForm,
        version: int,
        *,
        record: Record | None,
        conflict: dict | None = None,
        status: int = 200,
        save_status: str = "",
    ) -> HttpResponse:
        context = {
            **self.page_context(record),
            "form": form,
            "version": version,
            "conflict": conflict,
            "save_status": save_status,
        }
        return record_form_render(
            self.request,
            context["person"],
            self.template_name,
            context,
            status=409 if conflict else status,
        )

    def _not_saved(self, form: forms.BaseForm, version: int) -> HttpResponse:
        if is_autosave(self.request):
            return _autosave_invalid_response(form)
        return self.page(form, version, record=self.record, status=400, save_status=NOT_SAVED)

    def _save(
        self,
        form: forms.BaseForm,
        record: Record | None,
        version: int,
        write: Callable[[Record | None, int], Record],
    ) -> Record:
        """`write(record, version)` -- saving the draft, or completing it -- with the
        edit-conflict rule.

        When the draft has moved on since `version` but what they sent is what is saved
        now (a double click, a save crossing an autosave of the same text), nothing
        would be overwritten: it goes ahead on the latest version. Otherwise raises
        `EditConflict`, having written nothing.
        """
        try:
            return write(record, version)
        except DraftConflictError as error:
            current = Record.objects.get(pk=error.record_id).as_kind()
            comparisons = compare_forms(form, self.make_form(None, current))
            if comparisons:
                logger.info(
                    "Edit conflict: user %s saved version %s of record %s, which is at version %s",
                    self.request.user.pk,
                    error.submitted,
                    current.pk,
                    current.version,
                )
                raise EditConflict(record=current, comparisons=comparisons) from None
            return write(current, current.version)

    def _refused(self, error: Exception, form: forms.BaseForm, record: Record | None):
        """The answer to a save or completion refused: the record was completed
        meanwhile, the version was tampered with, or an edit conflict -- shown with the
        latest version, so that saving their merged text is a save of the latest."""
        request = self.request
        if isinstance(error, RecordImmutableError):
            return completed_response(request, record, form=form)
        if isinstance(error, TamperedVersionError):
            return tampered_response(request, error, record=record)
        if is_autosave(request):
            return _autosave_conflict_response(error)
        conflict = _conflict_context(request, error)
        return self.page(form, error.record.version, record=error.record, conflict=conflict)


# --- Forms sent after the session expired ---

PENDING_COOKIE = "pending_submission"
_WORK_OWNER_SALT = "recording.drafts.work_owner"  # as it was: cookies already set stay valid
_NOT_KEPT = {"csrfmiddlewaretoken", AUTOSAVE_FIELD, "action"}


def _keep(request: HttpRequest, *, owner_id: int, path: str, response: HttpResponse) -> None:
    """Keep what the signed-out POST sent (never its CSRF token or a password) for
    `owner_id` to see again at `path`, under a new random token in a cookie of this
    browser."""
    data = {
        name: request.POST.getlist(name)
        for name in request.POST
        if name not in _NOT_KEPT and "password" not in name.lower()
    }
    token = pending_submission_keep(
        owner_id=owner_id, path=path, data=data, replaces=request.COOKIES.get(PENDING_COOKIE)
    )
    if token is None:
        return
    response.set_cookie(
        PENDING_COOKIE,
        token,
        max_age=int(PENDING_LIFETIME.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _take(request: HttpRequest) -> QueryDict | None:
    """What was kept for the signed-in user at this page, once."""
    token = request.COOKIES.get(PENDING_COOKIE)
    if request.method != "GET" or not token:
        return None
    kept = pending_submission_take(token=token, path=request.path, owner=request.user)
    if kept is None:
        return None
    data = QueryDict(mutable=True)
    for name, values in kept.items():
        data.setlist(name, [str(value) for value in values])
    return data


def _work_owner_remember(request: HttpRequest, response: HttpResponse) -> None:
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
            request.pending_data = _take(request)
            if request.pending_data is not None:
                messages.warning(
                    request,
                    "We kept what you typed before you were signed out. Check it and "
                    "save it: it has not been saved yet.",
                )
            response = view(request, **kwargs)
            if request.pending_data is not None:
                response.delete_cookie(PENDING_COOKIE, samesite="Lax")
            _work_owner_remember(request, response)
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
        _keep(request, owner_id=located[0], path=located[1], response=response)
    return response


def form_data(request: HttpRequest) -> QueryDict | None:
    """The data a record form is bound to: what was sent, or what was kept for them
    when they were signed out; None shows the saved draft."""
    if request.method == "POST":
        return request.POST
    return getattr(request, "pending_data", None)
