from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import (
    may_add_addendum,
    may_add_person,
    may_change_draft,
    may_record,
    may_see_team_recording,
    overseen_members,
    require_recorder,
    teams_overseen,
)
from accounts.models import TeamMembership
from accounts.once import acts_once
from principles.models import ActiveFramework
from recording.access_log import What, record_access
from recording.access_queries import (
    get_contact_for_user,
    get_person_for_user,
    get_record_for_user,
)
from recording.carers import carer_links_for
from recording.deadlines import OPEN_STATES, TrackerState, WorkingCalendar, tracker_label
from recording.draft_views import (
    DraftPage,
    keeps_work_when_signed_out,
    record_form_render,
    unwritable_response,
)
from recording.forms import (
    AddendumForm,
    CaseNoteForm,
    ContactForm,
    PersonSearchForm,
    ProvisionalCarePackageForm,
)
from recording.models import (
    CaseNote,
    ClosureDay,
    Contact,
    Person,
    PrincipleEvidence,
    Record,
    RecordingObligation,
    RecordKind,
    tracker_conditions,
)
from recording.pages import (
    my_recording_page,
    person_page,
    recording_page,
    team_recording_page,
)
from recording.people import person_summary
from recording.services import (
    addendum_add,
    case_note_save,
    contact_record,
    provisional_care_package_save,
)

PEOPLE_PER_PAGE = 25
CONTACTS_PER_PAGE = 10
RECENTLY_COMPLETED_DAYS = 14
LIST_LIMIT = 100  # rows per My recording list; the counts are always whole


def working_calendar() -> WorkingCalendar:
    return WorkingCalendar(today=timezone.localdate(), closure_days=ClosureDay.dates())


# --- People ---


@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    form = PersonSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    today = timezone.localdate()
    overdue = RecordingObligation.objects.overdue_on(today).filter(contact__person=OuterRef("pk"))
    people = (
        Person.objects.visible_to(request.user)
        .search(query)
        .select_related("team", "allocated_worker")
        .annotate(has_overdue=Exists(overdue))
        .order_by("name", "pk")
    )
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "recording/person_list.html",
        {
            "form": form,
            "query": query,
            "page": page,
            "can_add_person": may_add_person(request.user),
        },
    )


@require_GET
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, person_id)
    record_access(request, person, What.PERSON_PAGE)
    calendar = working_calendar()
    obligations = (
        RecordingObligation.objects.with_tracker(calendar)
        .select_related("record__author", "owner")
        .order_by("pk")
    )
    contacts = (
        person.contacts.select_related("recorded_by")
        .prefetch_related(
            Prefetch("obligations", queryset=obligations),
            Prefetch(
                "obligations__record__evidence",
                queryset=PrincipleEvidence.objects.select_related("principle"),
            ),
        )
        .annotate(
            addenda_count=Count("obligations__record__addenda"),
        )
        .order_by("-occurred_at", "-pk")
    )
    page = Paginator(contacts, CONTACTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "recording/person_detail.html",
        {
            "person": person,
            "person_summary": person_summary(person),
            "page": page,
            "can_record": may_record(request.user),
            "review_overdue": person.review_due is not None and person.review_due < calendar.today,
            **carer_links_for(person, request.user),
            **person_page.context(request=request, person=person),
        },
    )


@require_http_methods(["GET", "POST"])
@acts_once
def contact_new(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, person_id)
    require_recorder(request.user)
    if request.method == "POST":
        form = ContactForm(request.POST, person=person)
        if form.is_valid():
            contact = contact_record(
                person=person,
                occurred_at=form.cleaned_data["occurred_at"],
                method=form.cleaned_data["method"],
                with_whom=form.cleaned_data["with_whom"],
                recorded_by=request.user,
            )
            messages.success(request, "Contact recorded. Write the case note.")
            return redirect("recording:case_note_new", contact_id=contact.pk)
    else:
        form = ContactForm(person=person)
    return render(request, "recording/contact_form.html", {"form": form, "person": person})


# --- Records ---


def _framework_for_new_record():
    framework = ActiveFramework.current()
    if framework is None:
        raise Http404("No active framework has been chosen.")
    return framework


def _locate_case_note(contact_id: int) -> tuple[int, str] | None:
    """Who writes the contact's case note, and where (`keeps_work_when_signed_out`)."""
    obligation = RecordingObligation.objects.filter(
        contact_id=contact_id, kind=RecordKind.CASE_NOTE
    ).first()
    if obligation is None:
        return None
    existing = Record.objects.filter(obligation=obligation).first()
    if existing is None:
        return obligation.owner_id, reverse("recording:case_note_new", args=[contact_id])
    return (existing.author_id, existing.get_edit_url()) if existing.is_draft else None


@keeps_work_when_signed_out(_locate_case_note)
@require_http_methods(["GET", "POST"])
def case_note_new(request: HttpRequest, contact_id: int) -> HttpResponse:
    contact = get_contact_for_user(request.user, contact_id)
    require_recorder(request.user)
    obligation = get_object_or_404(contact.obligations, kind=RecordKind.CASE_NOTE)
    existing = Record.objects.filter(obligation=obligation).first()
    if existing is not None and request.method == "GET":
        return redirect(
            existing.get_edit_url() if existing.is_draft else existing.get_absolute_url()
        )
    if existing is not None:
        # A replayed POST, or a second window of the new note: saved against the note
        # there is now, so it is refused if completed and compared if a draft.
        note = existing.as_kind()
        page = CaseNotePage(request, note, obligation=obligation, new_form=True)
        refused = unwritable_response(request, note, form=lambda data: page.make_form(data, note))
        return page.respond() if refused is None else refused
    return CaseNotePage(
        request, None, obligation=obligation, framework=_framework_for_new_record(), new_form=True
    ).respond()


class CaseNotePage(DraftPage):
    """The case note form, new (`record` None) or a draft. "Add another option" shows
    the form again with one more row."""

    template_name = "recording/case_note_form.html"

    def __init__(self, request, note, *, obligation, **kwargs):
        super().__init__(request, note, **kwargs)
        self.obligation = obligation

    def make_form(self, data, record):
        return CaseNoteForm(data, framework=self.framework, note=record)

    def save(self, form, record, version):
        return case_note_save(
            author=self.request.user,
            note=record,
            obligation=self.obligation,
            fields=form.note_fields(),
            evidence=form.evidence_inputs(),
            options=form.decision_options(),
            version=version,
        )

    def page_context(self, record):
        contact = self.obligation.contact
        return {
            "contact": contact,
            "person": contact.person,
            "note": record,
            "obligation": RecordingObligation.objects.with_tracker(working_calendar()).get(
                pk=self.obligation.pk
            ),
        }


class PackagePage(DraftPage):
    """The provisional care package form, new (`record` None) or a draft."""

    template_name = "recording/package_form.html"

    def __init__(self, request, package, *, contact, **kwargs):
        super().__init__(request, package, **kwargs)
        self.contact = contact

    def page_context(self, record):
        return {"contact": self.contact, "person": self.contact.person, "package": record}

    def make_form(self, data, record):
        return ProvisionalCarePackageForm(data, framework=self.framework, package=record)

    def save(self, form, record, version):
        return provisional_care_package_save(
            author=self.request.user,
            package=record,
            contact=self.contact,
            fields=form.package_fields(),
            evidence=form.evidence_inputs(),
            version=version,
        )


def _locate_package(contact_id: int) -> tuple[int, str] | None:
    contact = Contact.objects.filter(pk=contact_id).first()
    if contact is None:
        return None
    return contact.recorded_by_id, reverse("recording:package_new", args=[contact_id])


@keeps_work_when_signed_out(_locate_package)
@require_http_methods(["GET", "POST"])
@acts_once
def package_new(request: HttpRequest, contact_id: int) -> HttpResponse:
    contact = get_contact_for_user(request.user, contact_id)
    require_recorder(request.user)
    return PackagePage(
        request, None, contact=contact, framework=_framework_for_new_record(), new_form=True
    ).respond()


@require_GET
def record_detail(request: HttpRequest, record_id: int) -> HttpResponse:
    record = get_record_for_user(request.user, record_id)
    if record.get_absolute_url() != request.path:
        return redirect(record.get_absolute_url())  # a Care Act record has its own page
    record_access(request, record.person, What.RECORD_PAGE)
    obligation = None
    if record.obligation_id:
        obligation = RecordingObligation.objects.with_tracker(working_calendar()).get(
            pk=record.obligation_id
        )
    evidence = record.evidence.select_related("principle").prefetch_related("statements")
    return render(
        request,
        "recording/record_detail.html",
        {
            "record": record,
            "person": record.person,
            "obligation": obligation,
            "evidence": evidence,
            "options": record.options.all() if isinstance(record, CaseNote) else [],
            "addenda": record.addenda.select_related("author"),
            "can_edit": may_change_draft(request.user, record),
            "can_add_addendum": may_add_addendum(request.user, record),
        },
    )


def _locate_draft(record_id: int) -> tuple[int, str] | None:
    """A draft's author and form (`keeps_work_when_signed_out`)."""
    record = Record.objects.filter(pk=record_id, status=Record.Status.DRAFT).first()
    return (record.author_id, record.get_edit_url()) if record is not None else None


@keeps_work_when_signed_out(_locate_draft)
@require_http_methods(["GET", "POST"])
def record_edit(request: HttpRequest, record_id: int) -> HttpResponse:
    record = get_record_for_user(request.user, record_id)
    if record.get_edit_url() != request.path:
        return redirect(record.get_edit_url())
    if isinstance(record, CaseNote):
        page = CaseNotePage(request, record, obligation=record.obligation)
    else:
        page = PackagePage(request, record, contact=record.obligation.contact)
    refused = unwritable_response(request, record, form=lambda data: page.make_form(data, record))
    return page.respond() if refused is None else refused


@require_http_methods(["GET", "POST"])
@acts_once
def addendum_new(request: HttpRequest, record_id: int) -> HttpResponse:
    record = get_record_for_user(request.user, record_id)
    require_recorder(request.user)
    if record.is_draft:
        messages.info(request, "This record is still a draft: change the draft instead.")
        return redirect(record.get_absolute_url())
    form = AddendumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        addendum_add(
            record=record,
            author=request.user,
            reason=form.cleaned_data["reason"],
            text=form.cleaned_data["text"],
        )
        messages.success(request, "Addendum added.")
        return redirect(record.get_absolute_url())
    return record_form_render(
        request,
        record.person,
        "recording/addendum_form.html",
        {"form": form, "record": record, "person": record.person},
    )


# --- My recording and the team view ---


def _recording_for(user, calendar: WorkingCalendar, *, viewer) -> dict:
    """The lists of My recording for `user`, as `viewer` may see them (a manager looking
    at a member's list sees no one outside their own scope): seven queries whatever the
    size -- the counts, up to LIST_LIMIT rows of each list, and the drafts."""
    today, tomorrow = calendar.today, calendar.next_working_day
    visible = Person.objects.visible_to(viewer)
    mine = RecordingObligation.objects.filter(owner=user, contact__person__in=visible)
    tracked = mine.with_tracker(calendar).for_lists().order_by("due_date", "pk")
    since = today - timedelta(days=RECENTLY_COMPLETED_DAYS)
    counts = mine.tracker_counts(
        calendar, states=OPEN_STATES, completed=Count("pk", filter=Q(completed_on__gte=since))
    )
    lists = {
        # Oldest due date first is most late first.
        **{state.value: tracked.in_tracker_state(calendar, state) for state in OPEN_STATES},
        "completed": mine.filter(completed_on__gte=since)
        .with_tracker(calendar)
        .for_lists()
        .order_by("-completed_at", "-pk"),
    }
    drafts = list(
        Record.objects.filter(author=user, status=Record.Status.DRAFT, person__in=visible)
        .select_related("person", "obligation")
        .order_by("obligation__due_date", "created_at")[:LIST_LIMIT]
    )
    return {
        **{name: list(queryset[:LIST_LIMIT]) for name, queryset in lists.items()},
        **recording_page.context(member=user, visible=visible, today=today, limit=LIST_LIMIT),
        "counts": counts,
        "drafts": drafts,
        "list_limit": LIST_LIMIT,
        "calendar": calendar,
        "due_tomorrow_caption": tracker_label(
            TrackerState.DUE_TOMORROW, due=tomorrow, working_days_late=0, today=today
        ),
        "completed_caption": f"Completed in the last {RECENTLY_COMPLETED_DAYS} days",
    }


@require_GET
def my_recording(request: HttpRequest) -> HttpResponse:
    context = _recording_for(request.user, working_calendar(), viewer=request.user)
    context["member"] = request.user
    # Only the author sees what was returned to them: not on a manager's view of a member.
    visible = Person.objects.visible_to(request.user)
    context.update(my_recording_page.context(user=request.user, visible=visible, limit=LIST_LIMIT))
    return render(request, "recording/my_recording.html", context)


def _teams_overseen(user):
    if not may_see_team_recording(user):
        raise PermissionDenied("Only team managers and quality staff can see this page.")
    return teams_overseen(user)


@require_GET
def team_recording(request: HttpRequest) -> HttpResponse:
    """Each member of the manager's teams: what is overdue, due today and tomorrow."""
    calendar = working_calendar()
    teams = list(
        _teams_overseen(request.user)
        .order_by("name")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=TeamMembership.objects.select_related("user")
                .filter(user__is_active=True)
                .order_by("user__last_name", "user__first_name"),
            )
        )
    )
    member_ids = {m.user_id for team in teams for m in team.memberships.all()}
    today = calendar.today
    recent = Q(completed_on__gte=today - timedelta(days=RECENTLY_COMPLETED_DAYS))
    late = tracker_conditions(calendar)[TrackerState.COMPLETED_LATE]
    counts = {
        row["owner"]: row
        for row in RecordingObligation.objects.filter(owner__in=member_ids).tracker_counts(
            calendar,
            states=(TrackerState.OVERDUE, TrackerState.DUE_TODAY, TrackerState.DUE_TOMORROW),
            by=("owner",),
            completed=Count("pk", filter=recent),
            completed_late=Count("pk", filter=recent & late),
        )
    }
    drafts = dict(
        Record.objects.filter(author__in=member_ids, status=Record.Status.DRAFT)
        .values("author")
        .annotate(n=Count("pk"))
        .values_list("author", "n")
    )
    empty = {"overdue": 0, "due_today": 0, "due_tomorrow": 0, "completed": 0, "completed_late": 0}
    rows = []
    for team in teams:
        members = []
        for membership in team.memberships.all():
            figures = {**empty, **counts.get(membership.user_id, {})}
            figures["drafts"] = drafts.get(membership.user_id, 0)
            members.append({"user": membership.user, **figures})
        rows.append({"team": team, "members": members})
    people = Person.objects.visible_to(request.user).filter(team__in=[t.pk for t in teams])
    records = Record.objects.filter(person__in=people)
    return render(
        request,
        "recording/team_recording.html",
        {
            "teams": rows,
            "calendar": calendar,
            "recently_completed_days": RECENTLY_COMPLETED_DAYS,
            **team_recording_page.context(
                people=people, records=records, today=today, limit=LIST_LIMIT
            ),
        },
    )


@require_GET
def member_recording(request: HttpRequest, user_id: int) -> HttpResponse:
    _teams_overseen(request.user)
    member = get_object_or_404(overseen_members(request.user), pk=user_id)
    context = _recording_for(member, working_calendar(), viewer=request.user)
    context["member"] = member
    context["back_url"] = reverse("recording:team_recording")
    return render(request, "recording/my_recording.html", context)
