"""An unpaid carer's page of the adults they care for (up to three, in order) and
their hours caring each week (issue 18, part 3). Anyone who may see the carer reads
it; whoever may change the carer's details (`accounts.access.may_edit_person`)
changes it. A cared-for adult is found among the people the user may see: anyone
else is "not found", as everywhere."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accounts.access import may_edit_person
from accounts.once import acts_once
from recording.access_log import What, record_access
from recording.access_queries import get_person_for_user
from recording.carer_forms import CaredForAddForm, HoursForm
from recording.carers import (
    NOT_A_CARER,
    CarerLinkError,
    LinkedPerson,
    carer_hours_save,
    carer_link_add,
    carer_link_remove,
    is_carer,
)
from recording.models import MAX_CARED_FOR, CarerLink, Person

NOT_FOUND = "No person with that reference"
NO_MATCH = "No person with that reference or name: check it, or search on People"
MATCHES_SHOWN = 10


def _visible(user):
    return Person.objects.visible_to(user)


def _links(carer: Person, user) -> list[LinkedPerson]:
    visible = set(_visible(user).filter(carers__carer=carer).values_list("pk", flat=True))
    return [
        LinkedPerson(link.position, link.cared_for if link.cared_for_id in visible else None)
        for link in CarerLink.objects.filter(carer=carer)
        .select_related("cared_for")
        .order_by("position")
    ]


@require_http_methods(["GET", "POST"])
@acts_once
def carer_links(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, person_id)
    record_access(request, person, What.OTHER)
    can_change = may_edit_person(request.user, person)
    add_form = CaredForAddForm()
    hours_form = HoursForm(initial={"hours": person.hours_caring_per_week})
    matches: list[Person] = []
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied("Your role can read people’s details but not change them.")
        action = request.POST.get("action", "")
        try:
            if action == "hours":
                hours_form = HoursForm(request.POST)
                if hours_form.is_valid():
                    carer_hours_save(
                        carer=person, hours=hours_form.cleaned_data["hours"], user=request.user
                    )
                    messages.success(request, "Hours caring each week saved")
                    return redirect(request.path)
            elif action == "remove":
                position = _int(request.POST.get("position"))
                carer_link_remove(carer=person, position=position, user=request.user)
                messages.success(request, "Removed. Anyone after them moved up a place")
                return redirect(request.path)
            elif action in ("add", "add_person"):
                add_form = CaredForAddForm(request.POST)
                chosen, matches = _chosen(request, person, action, add_form)
                if chosen is not None:
                    carer_link_add(carer=person, cared_for=chosen, user=request.user)
                    messages.success(request, f"{person.name} cares for {chosen.name}: saved")
                    return redirect(request.path)
        except CarerLinkError as error:
            if action == "remove":
                messages.error(request, str(error))
                return redirect(request.path)
            form = hours_form if action == "hours" else add_form
            field = "hours" if action == "hours" else "reference"
            form.is_valid()
            form.errors.pop(field, None)
            form.add_error(field, str(error))
    links = _links(person, request.user)
    return render(
        request,
        "recording/carer_links.html",
        {
            "person": person,
            "links": links,
            "is_carer": is_carer(person),
            "can_change": can_change,
            "can_add": can_change and (len(links) < MAX_CARED_FOR or add_form.is_bound),
            "max_cared_for": MAX_CARED_FOR,
            "add_form": add_form,
            "hours_form": hours_form,
            "matches": matches,
            "bound_form": next((f for f in (add_form, hours_form) if f.is_bound), None),
            "client_type_url": reverse("recording:person_edit", args=[person.pk])
            + "#id_client_type",
        },
    )


def _int(text) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return 0


def _chosen(request, carer: Person, action: str, form: CaredForAddForm):
    """The adult to link, or None with the error on the form or the people who match
    the name to choose from."""
    if not is_carer(carer):
        raise CarerLinkError(NOT_A_CARER.format(name=carer.name))
    visible = _visible(request.user)
    if action == "add_person":
        found = visible.filter(pk=_int(request.POST.get("person"))).first()
        if found is None:
            raise CarerLinkError(NOT_FOUND)
        return found, []
    if not form.is_valid():
        return None, []
    text = form.cleaned_data["reference"].strip()
    found = visible.filter(council_reference__iexact=text).first()
    if found is not None:
        return found, []
    matches = list(
        visible.search(text)
        .exclude(pk=carer.pk)
        .exclude(carers__carer=carer)
        .select_related("team")[:MATCHES_SHOWN]
    )
    if not matches:
        raise CarerLinkError(NO_MATCH)
    record_access_many(request, matches)
    return None, matches


def record_access_many(request, people: list[Person]) -> None:
    """The people a name search shows are logged like a page about them."""
    for match in people:
        record_access(request, match, What.OTHER)
