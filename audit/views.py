"""The access log's pages: the whole log (filtered) for a team manager's people or, for
an administrator, everyone; and "Who has viewed this record" for one person. Other
roles are refused (403); a manager asking for another team's person gets a 404, and
that refusal is itself logged."""

from datetime import datetime, time, timedelta

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.access import (
    access_log_visibility,
    can_read_access_log,
    reads_whole_access_log,
)
from audit.forms import AccessLogFilterForm
from audit.models import AccessEvent
from recording.access_log import OutOfScope, What, record_access
from recording.deadlines import LONDON
from recording.models import Person

EVENTS_PER_PAGE = 50


def _require_log_reader(user) -> None:
    if not can_read_access_log(user):
        raise PermissionDenied("Only team managers and administrators can see the access log.")


def _events(user):
    return AccessEvent.objects.visible_to(user).select_related("user", "person")


def _local_midnight(day) -> datetime:
    return datetime.combine(day, time(0), tzinfo=LONDON)


@require_GET
def access_log(request: HttpRequest) -> HttpResponse:
    _require_log_reader(request.user)
    form = AccessLogFilterForm(request.GET)
    filters = form.valid_filters()
    events = _events(request.user)
    if "person" in filters:
        events = events.filter(person__in=Person.objects.search(filters["person"]))
    if "date_from" in filters:
        events = events.filter(when__gte=_local_midnight(filters["date_from"]))
    if "date_to" in filters:
        events = events.filter(when__lt=_local_midnight(filters["date_to"] + timedelta(days=1)))
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/access_log.html",
        {
            "form": form,
            "page": page,
            "page_query": query.urlencode(),
            "everyone": reads_whole_access_log(request.user),
        },
    )


@require_GET
def person_access_log(request: HttpRequest, person_id: int) -> HttpResponse:
    _require_log_reader(request.user)
    try:
        person = Person.objects.filter(access_log_visibility(request.user)).get(pk=person_id)
    except Person.DoesNotExist:
        raise OutOfScope(person_id=person_id) from None
    record_access(request, person, What.ACCESS_LOG)
    events = _events(request.user).filter(person=person)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/person_access_log.html", {"person": person, "page": page})
