"""A support's CLD service details on an authorised plan (issue 18, part 2):
`assessments:support_service`. The person's scope is the case record's (a 404 that
does not reveal them); who may change them is `accounts.access.may_change_service`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts.access import may_change_service
from assessments.forms_services import SupportServiceForm
from assessments.models import PlanSupport
from assessments.rules import frequency_says_units
from assessments.services_support import (
    SERVICE_DETAIL_FIELDS,
    ServiceChangedError,
    is_on_authorised_plan,
    service_state,
    support_service_change,
)
from config.kinds import RecordKind
from recording.access_log import What, record_access
from recording.access_queries import get_record_for_user


@require_http_methods(["GET", "POST"])
def support_service(request: HttpRequest, support_id: int) -> HttpResponse:
    plan_id = PlanSupport.objects.filter(pk=support_id).values_list("plan_id", flat=True).first()
    if plan_id is None:
        raise Http404("No such support.")
    plan = get_record_for_user(request.user, plan_id)  # 404 out of scope
    if plan.kind != RecordKind.CARE_PLAN or not is_on_authorised_plan(
        support := get_object_or_404(PlanSupport, pk=support_id)
    ):
        raise Http404("Only an authorised plan's supports have service details here.")
    can_change = may_change_service(request.user, support)
    if request.method == "POST" and not can_change:
        raise PermissionDenied("Quality staff read a service's details; they do not change them.")
    record_access(request, plan.person, What.RECORD_FORM)
    initial = {name: getattr(support, name) for name in SERVICE_DETAIL_FIELDS}
    initial["seen"] = service_state(support)
    if frequency_says_units(support.cost_frequency):
        initial["planned_units_per_week"] = None  # the frequency's, not typed
    form = SupportServiceForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                support_service_change(
                    support=support,
                    user=request.user,
                    values=form.values(),
                    seen=form.cleaned_data["seen"],
                )
            except ValidationError as error:
                _show_refusal(form, error)
            except ServiceChangedError as error:
                messages.warning(request, str(error))
                return redirect("assessments:support_service", support_id=support.pk)
            else:
                messages.success(request, f"Support {support.position}: service details saved.")
                return redirect(plan.get_absolute_url())
        status = 400
    return render(
        request,
        "assessments/support_service.html",
        {
            "form": form,
            "support": support,
            "record": plan,
            "person": plan.person,
            "can_change": can_change,
        },
        status=status,
    )


def _show_refusal(form, error: ValidationError) -> None:
    """The service's refusal next to the fields it names (the rest above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, texts in error.message_dict.items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)
