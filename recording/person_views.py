"""Adding a person and changing their details, by the practitioners and managers who
know them (issue 17, part 1). Who may: `accounts.access.may_add_person`,
`teams_for_new_person`, `may_edit_person`, `may_restrict_person`.

After adding a person, `?then=request` goes on to record their request for support
(the front door's page), `?next=` to a page of the service; otherwise their page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from accounts.access import may_add_person, may_edit_person, teams_for_new_person
from accounts.models import Team
from accounts.once import acts_once
from recording.access_log import What, record_access
from recording.access_queries import get_person_for_user
from recording.models import Person
from recording.people import ReferenceTaken, person_save
from recording.person_forms import PersonForm

REFERENCE_TAKEN_ERROR = "Another person was given this council reference just now: enter another"


def _after_adding(request: HttpRequest, person: Person) -> str:
    if request.GET.get("then") == "request":
        try:
            return reverse("frontdoor:request_new", args=[person.pk])
        except NoReverseMatch:  # the front door's pages are not installed
            pass
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return person.get_absolute_url()


def _save(request: HttpRequest, form: PersonForm) -> Person | None:
    """The person saved, or None with the error on the form."""
    person = form.save(commit=False)
    try:
        return person_save(person)
    except ReferenceTaken:
        form.add_error("council_reference", REFERENCE_TAKEN_ERROR)
        return None


def _render(request: HttpRequest, form: PersonForm, person: Person | None) -> HttpResponse:
    # The people the duplicate warning names are shown to the user: logged like a page
    # about them.
    for match in form.duplicates.visible:
        record_access(request, match.person, What.OTHER)
    return render(
        request,
        "recording/person_form.html",
        {"form": form, "person": person, "duplicates": form.duplicates},
    )


@require_http_methods(["GET", "POST"])
@acts_once
def person_new(request: HttpRequest) -> HttpResponse:
    if not may_add_person(request.user):
        raise PermissionDenied("Only practitioners and team managers add people.")
    teams = teams_for_new_person(request.user).order_by("name")
    if request.method == "POST":
        form = PersonForm(request.POST, user=request.user, teams=teams)
        if form.is_valid():
            person = _save(request, form)
            if person is not None:
                messages.success(
                    request, f"{person.name} added, council reference {person.council_reference}"
                )
                return redirect(_after_adding(request, person))
    else:
        form = PersonForm(user=request.user, teams=teams)
    return _render(request, form, None)


@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, person_id)
    if not may_edit_person(request.user, person):
        raise PermissionDenied("Your role can read people’s details but not change them.")
    record_access(request, person, What.OTHER)
    # Their own teams, and the team the person is in now.
    teams = Team.objects.filter(Q(memberships__user=request.user) | Q(pk=person.team_id))
    teams = teams.distinct().order_by("name")
    if request.method == "POST":
        # The check of the version seen and the save, one at a time (the row locked),
        # on the details as they are now: a change made meanwhile (an allocation, say)
        # is neither overwritten nor undone.
        with transaction.atomic():
            current = Person.objects.select_for_update().get(pk=person.pk)
            form = PersonForm(request.POST, instance=current, user=request.user, teams=teams)
            if form.is_valid():
                saved = _save(request, form)
                if saved is not None:
                    messages.success(request, f"{saved.name}’s details saved")
                    return redirect(saved.get_absolute_url())
    else:
        form = PersonForm(instance=person, user=request.user, teams=teams)
    return _render(request, form, person)
