"""The statutory-return details of a completed assessment, carer's assessment or review
(issue 18, part 1): the one thing about a completed record that may be corrected,
because it is how the council counts the event, not what was recorded about the person
(`assessments.services_return`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from accounts.access import may_change_return_details
from assessments.forms_return import ReturnDetailsForm
from assessments.models import RETURN_FIELDS, Review
from assessments.services_return import ReturnDetailsConflictError, return_details_change
from recording.access_queries import get_record_for_user
from recording.draft_views import record_form_render

CHANGED_MEANWHILE = (
    "Someone changed these details since you opened this page, so nothing was saved. "
    "The page now shows their answers beside yours: check your answers and save again."
)


def _progress(record) -> list[str] | None:
    if not isinstance(record, Review):
        return None
    return [row.progress for row in record.progress.all()]


@require_http_methods(["GET", "POST"])
def return_details(request: HttpRequest, record_id: int) -> HttpResponse:
    record = get_record_for_user(request.user, record_id)
    if record.kind not in RETURN_FIELDS or not record.is_completed:
        raise Http404("Only a completed assessment or review has return details to change.")
    if not may_change_return_details(request.user, record):
        raise PermissionDenied("Your role can read records but not change them.")
    form = ReturnDetailsForm(request.POST or None, record=record, progress=_progress(record))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                changed = return_details_change(
                    record=record, user=request.user, values=form.values(), seen=form.seen()
                )
            except ValidationError as error:
                for name, errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            except ReturnDetailsConflictError:
                return _changed_meanwhile(request, record_id)
            else:
                if changed is None:
                    messages.info(request, "Nothing was changed.")
                else:
                    messages.success(request, "Statutory return details saved.")
                return redirect(record.get_absolute_url())
        status = 400
    return _render(request, record, form, status=status)


def _changed_meanwhile(request: HttpRequest, record_id: int) -> HttpResponse:
    """The form again, on the record as it now is: the user's answers kept, the values
    it now carries (`seen_*`) the new ones, and a message saying what happened."""
    record = get_record_for_user(request.user, record_id)
    data = request.POST.copy()
    for name in RETURN_FIELDS[record.kind]:
        data[f"seen_{name}"] = getattr(record, name)
    form = ReturnDetailsForm(data, record=record, progress=_progress(record))
    form.is_valid()
    form.add_error(None, CHANGED_MEANWHILE)
    return _render(request, record, form, status=409)


def _render(request, record, form, *, status: int) -> HttpResponse:
    now = [
        (form.fields[name].label, dict(form.fields[name].choices).get(getattr(record, name), ""))
        for name in RETURN_FIELDS[record.kind]
    ]
    return record_form_render(
        request,
        record.person,
        "assessments/return_details.html",
        {
            "form": form,
            "record": record,
            "person": record.person,
            "now": now,
            "conflict": status == 409,
        },
        status=status,
    )
