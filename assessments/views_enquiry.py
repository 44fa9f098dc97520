"""The enquiry of a completed safeguarding concern (issue 18, part 6): what the concern
led to (a section 42 enquiry, an other enquiry, or none) and the enquiry as it goes, to
its conclusion. Seen by whoever may see the person; recorded by those who record for
them (`accounts.access.may_record_enquiry`); quality staff read it. The concern itself
is never changed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.access import may_record_enquiry
from accounts.once import acts_once
from assessments.forms_enquiry import EnquiryForm
from assessments.models import SafeguardingEnquiry
from assessments.services_enquiry import (
    EnquiryConcludedError,
    EnquiryConflictError,
    enquiry_save,
)
from recording.access_log import What, record_access
from recording.access_queries import get_record_for_user
from recording.models import RecordKind

CONFLICT = (
    "Someone else saved this enquiry after you opened it. Open it again to see what "
    "they saved, then make your changes."
)
CONCLUDED = "This enquiry is concluded: it cannot be changed."


def _version(request: HttpRequest) -> int | None:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isascii() and raw.isdecimal() and len(raw) < 10 else None


@require_http_methods(["GET", "POST"])
@acts_once
def enquiry(request: HttpRequest, record_id: int) -> HttpResponse:
    concern = get_record_for_user(request.user, record_id)
    if concern.kind != RecordKind.SAFEGUARDING or not concern.is_completed:
        raise Http404("Only a completed safeguarding concern leads to an enquiry.")
    record_access(request, concern.person, What.RECORD_PAGE)
    current = (
        SafeguardingEnquiry.objects.filter(concern=concern)
        .select_related("recorded_by")
        .prefetch_related("risk_type_rows", "source_rows")
        .first()
    )
    can_change = may_record_enquiry(request.user, concern) and not (
        current is not None and current.is_concluded
    )
    context = {"record": concern, "person": concern.person, "enquiry": current}
    if not can_change:
        if request.method == "POST":
            if current is not None and current.is_concluded:
                messages.error(request, CONCLUDED)
                return redirect("assessments:enquiry", record_id=concern.pk)
            raise PermissionDenied("Your role can read this enquiry but not record it.")
        return render(request, "assessments/enquiry/detail.html", context)
    form = EnquiryForm(request.POST or None, enquiry=current)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = enquiry_save(
                concern=concern,
                user=request.user,
                fields=data,
                risk_types=data["risk_types"],
                sources=data["sources"],
                version=_version(request),
            )
        except ValidationError as error:
            form.show_errors({name: errors[0] for name, errors in error.message_dict.items()})
        except EnquiryConflictError:
            form.add_error(None, CONFLICT)
            status = 409
        except EnquiryConcludedError:
            messages.error(request, CONCLUDED)
            return redirect("assessments:enquiry", record_id=concern.pk)
        else:
            messages.success(
                request,
                "Enquiry concluded." if saved.is_concluded else "Enquiry saved.",
            )
            return redirect(concern.get_absolute_url())
    if form.errors and status == 200:
        status = 400
    context["form"] = form
    return render(request, "assessments/enquiry/form.html", context, status=status)
