"""Supervision pages. A session out of the user's scope (`accounts.access`) is a 404,
so the page reveals nothing, not even that the session exists; only team managers record."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import may_record_supervision
from accounts.once import acts_once
from principles.models import ActiveFramework
from recording.models import Person
from supervision.forms import SupervisionSessionForm
from supervision.models import PrincipleReflection, SupervisionSession
from supervision.services import supervision_session_record

SESSIONS_PER_PAGE = 25


def _get_session_for_user(user, session_id: int) -> SupervisionSession:
    return get_object_or_404(
        SupervisionSession.objects.visible_to(user).select_related(
            "supervisor", "practitioner", "framework"
        ),
        pk=session_id,
    )


def _reflections():
    return PrincipleReflection.objects.select_related("principle").order_by("principle__number")


@require_GET
def session_list(request: HttpRequest) -> HttpResponse:
    """A manager: the sessions of their teams' members, and their own. Anyone else: the
    sessions they were supervised in."""
    sessions = (
        SupervisionSession.objects.visible_to(request.user)
        .select_related("supervisor", "practitioner")
        .prefetch_related(Prefetch("reflections", queryset=_reflections()))
        .order_by("-held_on", "-created_at", "-pk")
    )
    page = Paginator(sessions, SESSIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "supervision/session_list.html",
        {"page": page, "is_manager": may_record_supervision(request.user)},
    )


@require_http_methods(["GET", "POST"])
@acts_once
def session_new(request: HttpRequest) -> HttpResponse:
    if not may_record_supervision(request.user):
        raise PermissionDenied("Only team managers record supervision sessions.")
    framework = ActiveFramework.current()
    if framework is None:
        raise Http404("No active framework has been chosen.")
    form = SupervisionSessionForm(request.POST or None, manager=request.user, framework=framework)
    if not form.members:
        return render(request, "supervision/nobody_to_supervise.html")
    if request.method == "POST" and form.is_valid():
        session = supervision_session_record(
            supervisor=request.user,
            practitioner=form.chosen_practitioner(),
            held_on=form.cleaned_data["held_on"],
            cases=form.chosen_cases(),
            reflections=form.reflections(),
            agreed_actions=form.cleaned_data["agreed_actions"],
        )
        messages.success(request, f"Supervision session with {session.practitioner} recorded.")
        return redirect(session)
    return render(request, "supervision/session_form.html", {"form": form})


@require_GET
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _get_session_for_user(request.user, session_id)
    return render(
        request,
        "supervision/session_detail.html",
        {
            "session": session,
            "reflections": session.reflections.select_related("principle"),
            # A restricted person discussed stays hidden from whoever may not see them.
            "cases": Person.objects.visible_to(request.user)
            .filter(supervision_sessions=session)
            .order_by("name", "pk"),
        },
    )
