"""The front door's pages: requests for support and their screening (issue 17, part 2).

A request is about a person, so it is seen by whoever may see them (a 404 otherwise,
which reveals nothing); it is recorded by a practitioner or manager who may see the
person, and screened by a practitioner or manager of the team that received it
(`accounts.access.may_screen_request`)."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import (
    front_door_teams,
    may_record,
    may_screen_request,
    may_see_front_door,
    require_recorder,
)
from accounts.once import acts_once
from frontdoor.forms_requests import ScreeningForm, SupportRequestForm
from frontdoor.models import SupportRequest, Urgency
from frontdoor.services_requests import (
    AlreadyScreened,
    support_request_record,
    support_request_screen,
)
from recording.access_log import OutOfScope, What, record_access
from recording.access_queries import get_person_for_user
from recording.deadlines import LONDON, WorkingCalendar
from recording.forms import PersonSearchForm
from recording.models import ClosureDay, Person, RecordingObligation, RecordKind

RECENTLY_SCREENED_DAYS = 14
LIST_LIMIT = 100  # rows of each list; the counts are always whole
SEARCH_LIMIT = 20

URGENCY_ORDER = Case(
    When(urgency=Urgency.URGENT, then=Value(0)),
    When(urgency=Urgency.HIGH, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def get_request_for_user(user, request_id: int) -> SupportRequest:
    """The request, or a 404 (logged as a refusal) when the user may not see its person."""
    try:
        return (
            SupportRequest.objects.filter(person__in=Person.objects.visible_to(user))
            .select_related(
                "person__team",
                "person__allocated_worker",
                "team",
                "contact",
                "created_by",
                "screened_by",
            )
            .get(pk=request_id)
        )
    except SupportRequest.DoesNotExist:
        contact_id = (
            SupportRequest.objects.filter(pk=request_id)
            .values_list("contact_id", flat=True)
            .first()
        )
        raise OutOfScope(contact_id=contact_id) from None


def _user_team_ids(user) -> set[int]:
    return set(user.memberships.values_list("team_id", flat=True))


def can_screen(user, support_request: SupportRequest) -> bool:
    return may_screen_request(
        records=may_record(user),
        team_ids=_user_team_ids(user) if may_record(user) else set(),
        request_team_id=support_request.team_id,
    )


def days_since(moment, today) -> int:
    return (today - moment.astimezone(LONDON).date()).days


def _person_new_url() -> str | None:
    """Where a new person is added, coming back to record their request; None until the
    people pages (`recording:person_new`, issue 17 part 1) are there."""
    try:
        return reverse("recording:person_new") + "?then=request"
    except NoReverseMatch:
        return None


@require_GET
def front_door(request: HttpRequest) -> HttpResponse:
    """Requests awaiting screening (most urgent, then oldest, first) and those screened
    in the last fortnight, for the user's teams; and finding the person a new request is
    about. A fixed number of queries whatever the numbers of requests."""
    user = request.user
    if not may_see_front_door(user):
        raise PermissionDenied("Only staff who record or oversee records can see the front door.")
    today = timezone.localdate()
    requests = SupportRequest.objects.filter(
        team__in=front_door_teams(user), person__in=Person.objects.visible_to(user)
    ).select_related("person", "team")
    awaiting_all = requests.filter(screened_at__isnull=True)
    awaiting = list(
        awaiting_all.annotate(urgency_order=URGENCY_ORDER).order_by(
            "urgency_order", "received_at", "pk"
        )[:LIST_LIMIT]
    )
    for item in awaiting:
        item.days_waiting = days_since(item.received_at, today)
    since = timezone.now() - timedelta(days=RECENTLY_SCREENED_DAYS)
    screened = list(
        requests.filter(screened_at__gte=since)
        .select_related("screened_by")
        .order_by("-screened_at", "-pk")[:LIST_LIMIT]
    )
    form = PersonSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    found = None
    if query and may_record(user):
        found = list(
            Person.objects.visible_to(user)
            .search(query)
            .select_related("team")
            .order_by("name", "pk")[:SEARCH_LIMIT]
        )
    return render(
        request,
        "frontdoor/requests/front_door.html",
        {
            "awaiting": awaiting,
            "awaiting_count": awaiting_all.count(),
            "screened": screened,
            "recently_screened_days": RECENTLY_SCREENED_DAYS,
            "list_limit": LIST_LIMIT,
            "can_record": may_record(user),
            "form": form,
            "query": query,
            "found": found,
            "search_limit": SEARCH_LIMIT,
            "person_new_url": _person_new_url(),
        },
    )


@require_http_methods(["GET", "POST"])
@acts_once
def request_new(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, person_id)
    require_recorder(request.user)
    record_access(request, person, What.RECORD_FORM)
    if request.method == "POST":
        form = SupportRequestForm(request.POST, person=person)
        if form.is_valid():
            data = form.cleaned_data
            support_request = support_request_record(
                person=person,
                received_at=data["received_at"],
                method=data["method"],
                requester=data["requester"],
                requester_name=data["requester_name"],
                route_of_access=data["route_of_access"],
                asked_for=data["asked_for"],
                urgency=data["urgency"],
                recorded_by=request.user,
            )
            messages.success(request, "Request for support recorded.")
            return redirect("frontdoor:request", request_id=support_request.pk)
    else:
        form = SupportRequestForm(person=person)
    return render(request, "frontdoor/requests/request_form.html", {"form": form, "person": person})


def _case_note_obligation(support_request: SupportRequest):
    calendar = WorkingCalendar(today=timezone.localdate(), closure_days=ClosureDay.dates())
    return (
        RecordingObligation.objects.with_tracker(calendar)
        .select_related("record", "owner")
        .filter(contact_id=support_request.contact_id, kind=RecordKind.CASE_NOTE)
        .first()
    )


@require_GET
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    support_request = get_request_for_user(request.user, request_id)
    person = support_request.person
    record_access(request, person, What.SUPPORT_REQUEST)
    return render(
        request,
        "frontdoor/requests/request_detail.html",
        {
            "support_request": support_request,
            "person": person,
            "obligation": _case_note_obligation(support_request),
            "work_items": list(
                support_request.work_items.select_related("allocated_to").order_by("pk")
            ),
            "can_record": may_record(request.user),
            "can_screen": not support_request.is_screened
            and can_screen(request.user, support_request),
            "days_waiting": days_since(support_request.received_at, timezone.localdate()),
        },
    )


def already_screened_message(support_request: SupportRequest) -> str:
    when = timezone.localtime(support_request.screened_at)
    return (
        f"{support_request.screened_by} screened this request on {when:%-d %B %Y} at "
        f"{when:%H:%M}: {support_request.get_outcome_display()}. Nothing was changed."
    )


@require_http_methods(["GET", "POST"])
@acts_once
def request_screen(request: HttpRequest, request_id: int) -> HttpResponse:
    support_request = get_request_for_user(request.user, request_id)
    person = support_request.person
    if not can_screen(request.user, support_request):
        raise PermissionDenied("Only a practitioner or manager of the team screens its requests.")
    record_access(request, person, What.SUPPORT_REQUEST)
    if support_request.is_screened and request.method == "GET":
        messages.info(request, already_screened_message(support_request))
        return redirect("frontdoor:request", request_id=support_request.pk)
    form = ScreeningForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = support_request_screen(
                request=support_request,
                user=request.user,
                outcome=data["outcome"],
                reason=data["reason"],
                assessment_kind=data["assessment_kind"],
                priority=data["priority"],
                priority_reason=data["priority_reason"],
            )
        except AlreadyScreened as refused:
            messages.warning(request, already_screened_message(refused.request))
            return redirect("frontdoor:request", request_id=support_request.pk)
        if item is not None:
            messages.success(
                request,
                f"Screened: {person.name} is on the waiting list for a "
                f"{item.get_kind_display().lower()}.",
            )
        else:
            messages.success(request, "Screened.")
        return redirect("frontdoor:request", request_id=support_request.pk)
    return render(
        request,
        "frontdoor/requests/screen_form.html",
        {"form": form, "person": person, "support_request": support_request},
    )
