from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from principles.forms import ReadingConfirmationForm
from principles.models import (
    ActiveFramework,
    Framework,
    Principle,
)
from principles.reading import reading_status
from principles.services import reading_confirmation_record


def _get_framework(framework_id: int) -> Framework:
    return get_object_or_404(Framework, pk=framework_id)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The active framework first; other loaded frameworks and versions after it."""
    active = ActiveFramework.current()
    frameworks = Framework.objects.annotate(principle_count=Count("principles"))
    return render(
        request,
        "principles/index.html",
        {"active": active, "frameworks": frameworks},
    )


@require_GET
def framework_detail(request: HttpRequest, framework_id: int) -> HttpResponse:
    framework = _get_framework(framework_id)
    principles = framework.principles.with_reading_confirmed_by(request.user)
    principles = list(principles)
    status = reading_status(
        principles_read=sum(1 for p in principles if p.read_on),
        principles_total=len(principles),
    )
    return render(
        request,
        "principles/framework_detail.html",
        {
            "framework": framework,
            "principles": principles,
            "standards": framework.professional_standards.all(),
            "status": status,
            "is_active": framework == ActiveFramework.current(),
        },
    )


@require_GET
def principle_detail(request: HttpRequest, framework_id: int, number: int) -> HttpResponse:
    principle = get_object_or_404(
        Principle.objects.select_related("framework")
        .with_reading_confirmed_by(request.user)
        .prefetch_related("statements"),
        framework_id=framework_id,
        number=number,
    )
    statements = list(principle.statements.all())
    return render(
        request,
        "principles/principle_detail.html",
        {
            "principle": principle,
            "framework": principle.framework,
            "we_statements": [s for s in statements if s.kind == s.Kind.WE],
            "i_statements": [s for s in statements if s.kind == s.Kind.I],
            "items": [s for s in statements if s.kind == s.Kind.ITEM],
            "previous": principle.framework.principles.filter(number__lt=number).last(),
            "next": principle.framework.principles.filter(number__gt=number).first(),
        },
    )


@require_http_methods(["GET", "POST"])
def confirm_reading(request: HttpRequest) -> HttpResponse:
    """Confirm reading the active framework's principles (all, or chosen ones)."""
    framework = ActiveFramework.current()
    if framework is None:
        raise Http404("No active framework has been chosen.")
    if request.method == "POST":
        form = ReadingConfirmationForm(request.POST, framework=framework)
        if form.is_valid():
            created, already = reading_confirmation_record(
                user=request.user,
                principles=form.chosen_principles(),
                read_on=form.cleaned_data["read_on"],
            )
            message = f"You confirmed reading {created} principle{'s' if created != 1 else ''}."
            if already:
                message += f" You had already confirmed {already}; those dates stay as they were."
            messages.success(request, message)
            return redirect("home")
    else:
        initial = {"read_on": timezone.localdate()}
        chosen = request.GET.get("principle", "")
        if chosen.isdigit() and framework.principles.filter(number=int(chosen)).exists():
            initial["scope"] = ReadingConfirmationForm.SOME
            initial["principles"] = framework.principles.filter(number=int(chosen))
        form = ReadingConfirmationForm(initial=initial, framework=framework)
    return render(
        request,
        "principles/confirm_reading.html",
        {"form": form, "framework": framework},
    )


@require_GET
def team_confirmations(request: HttpRequest) -> HttpResponse:
    """The old address of who has not confirmed reading the principles: the Reading
    confirmations dashboard now shows it, by team, in the user's scope."""
    return redirect("dashboards:dashboard", slug="reading")
