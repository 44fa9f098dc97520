from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Team, TeamMembership, User
from accounts.once import acts_once
from assessments.queries import (
    awaiting_authorisation,
    care_act_records,
    copies_owed,
    immediate_safeguarding,
    returned_to,
    reviews_overdue,
)
from audit.models import can_read_access_log
from audit.services import OutOfScope, What, record_access
from principles.models import ActiveFramework
from recording.deadlines import OPEN_STATES, TrackerState, WorkingCalendar, tracker_label
from recording.drafts import (
    NOT_SAVED,
    REFUSED,
    autosave_invalid_response,
    autosave_saved_response,
    completed_response,
    draft_save,
    form_data,
    is_autosave,
    keeps_work_when_signed_out,
    not_completed_status,
    refused_response,
    submitted_version,
    tampered_response,
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
from recording.services import (
    TamperedVersionError,
    addendum_add,
    case_note_save,
    contact_record,
    provisional_care_package_save,
    record_complete,
)

CARE_ACT_RECORDS_SHOWN = 50
PEOPLE_PER_PAGE = 25
CONTACTS_PER_PAGE = 10
RECENTLY_COMPLETED_DAYS = 14
LIST_LIMIT = 100  # rows per My recording list; the counts are always whole


def working_calendar() -> WorkingCalendar:
    return WorkingCalendar(today=timezone.localdate(), closure_days=ClosureDay.dates())


def get_person_for_user(user, person_id: int) -> Person:
    # Out of scope is "not found", so the page reveals nothing, not even the name; the
    # refusal goes into the access log (`OutOfScope`).
    try:
        return (
            Person.objects.visible_to(user)
            .select_related("team", "allocated_worker")
            .get(pk=person_id)
        )
    except Person.DoesNotExist:
        raise OutOfScope(person_id=person_id) from None


def get_contact_for_user(user, contact_id: int) -> Contact:
    try:
        return (
            Contact.objects.filter(person__in=Person.objects.visible_to(user))
            .select_related("person")
            .get(pk=contact_id)
        )
    except Contact.DoesNotExist:
        raise OutOfScope(contact_id=contact_id) from None


def get_record_for_user(user, record_id: int) -> Record:
    """The record as its own kind (a `CaseNote`, a `NeedsAssessment`...), or 404 when
    the user may not see its person."""
    visible = Record.objects.filter(person__in=Person.objects.visible_to(user))
    kind = visible.filter(pk=record_id).values_list("kind", flat=True).first()
    if kind is None:
        raise OutOfScope(record_id=record_id)
    model = Record.model_for_kind(kind)
    return get_object_or_404(
        model.objects.select_related(
            "person", "author", "framework", "obligation__contact", "obligation__owner"
        ),
        pk=record_id,
    )


def require_recorder(user) -> None:
    """Quality staff read; practitioners and team managers record."""
    if not user.can_record:
        raise PermissionDenied("Your role can read records but not add to them.")


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
        {"form": form, "query": query, "page": page},
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
    care_act = list(care_act_records(person.records.all())[:CARE_ACT_RECORDS_SHOWN])
    return render(
        request,
        "recording/person_detail.html",
        {
            "person": person,
            "page": page,
            "can_record": request.user.can_record,
            "can_read_access_log": can_read_access_log(request.user),
            "care_act_records": care_act,
            "copies_owed": list(copies_owed(person.records.all())),
            "review_overdue": person.review_due is not None and person.review_due < calendar.today,
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


def _draft_page(request, form, *, record, new_form, save, saved_form, page) -> HttpResponse:
    """The flow every record form shares (`recording.drafts`): show the form; or save
    the draft if it is still at the version the form was given, complete it if asked,
    and redirect to the record, or answer the autosave in JSON. An edit conflict shows
    both versions and a form holding theirs; nothing is overwritten.

    `save(record, version)` saves the draft (`record` None: a new one); `saved_form(record)`
    is the form showing the saved draft; `page(form, version, **more)` renders the page.
    """
    version = record.version if record is not None else 0
    if form.is_bound:
        try:
            version = submitted_version(form.data, new=new_form)
            if record is None and version != 0:
                raise TamperedVersionError(f"Version {version} of a record not yet saved.")
        except TamperedVersionError as error:
            if request.method == "POST":
                return tampered_response(request, error, record=record)
            version = 0  # kept from a signed-out POST: saving it shows both versions
    if request.method != "POST" or form.data.get("action", "").startswith("add_"):
        return page(form, version)
    autosave = is_autosave(request)
    if not form.is_valid():
        if autosave:
            return autosave_invalid_response(form)
        return page(form, version, status=400, save_status=NOT_SAVED)
    rule = {"form": form, "saved_form": saved_form, "user": request.user}

    def complete(current, at):
        return record_complete(record=current, user=request.user, version=at)

    try:
        record = draft_save(record=record, version=version, save=save, **rule)
    except REFUSED as error:
        return refused_response(request, error, record=record, form=form, page=page)
    if autosave:
        return autosave_saved_response(record)
    if form.completing:
        try:
            record = draft_save(record=record, version=record.version, save=complete, **rule)
        except ValidationError:  # what completing needs is the model's (`completion_errors`)
            form.show_errors(record.completion_errors())
            return page(
                form,
                record.version,
                record=record,
                status=400,
                save_status=not_completed_status(record),
            )
        except REFUSED as error:
            return refused_response(request, error, record=record, form=form, page=page)
    if form.completing:
        messages.success(request, f"{record.get_kind_display()} completed.")
        return redirect(record.get_absolute_url())
    messages.success(request, "Draft saved. It is not complete until you complete it.")
    return redirect(record.get_absolute_url())


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
        if note.is_completed:
            return completed_response(request, note, form=_record_form(note, request.POST))
        if note.author_id != request.user.pk:
            raise PermissionDenied(f"Only the author, {note.author}, can change this draft.")
        return _case_note_page(
            request, framework=note.framework, obligation=obligation, note=note, new_form=True
        )
    return _case_note_page(
        request,
        framework=_framework_for_new_record(),
        obligation=obligation,
        note=None,
        new_form=True,
    )


def _case_note_page(request, *, framework, obligation, note, new_form=False) -> HttpResponse:
    """The case note form, new (`note` None) or a draft: show it, or save the draft and
    complete it if asked. "Add another option" shows the form again with one more row."""
    form = CaseNoteForm(form_data(request), framework=framework, note=note)

    def save(record, version):
        return case_note_save(
            author=request.user,
            note=record,
            obligation=obligation,
            fields=form.note_fields(),
            evidence=form.evidence_inputs(),
            options=form.decision_options(),
            version=version,
        )

    def page(form, version, *, record=note, conflict=None, status=200, save_status=""):
        contact = obligation.contact
        record_access(request, contact.person, What.RECORD_FORM)
        return render(
            request,
            "recording/case_note_form.html",
            {
                "form": form,
                "contact": contact,
                "person": contact.person,
                "note": record,
                "obligation": RecordingObligation.objects.with_tracker(working_calendar()).get(
                    pk=obligation.pk
                ),
                "version": version,
                "conflict": conflict,
                "save_status": save_status,
            },
            status=409 if conflict else status,
        )

    return _draft_page(
        request,
        form,
        record=note,
        new_form=new_form,
        save=save,
        saved_form=lambda current: CaseNoteForm(framework=framework, note=current),
        page=page,
    )


def _package_page(request, *, framework, contact, package, new_form=False) -> HttpResponse:
    """The provisional care package form, new (`package` None) or a draft."""
    form = ProvisionalCarePackageForm(form_data(request), framework=framework, package=package)

    def save(record, version):
        return provisional_care_package_save(
            author=request.user,
            package=record,
            contact=contact,
            fields=form.package_fields(),
            evidence=form.evidence_inputs(),
            version=version,
        )

    def page(form, version, *, record=package, conflict=None, status=200, save_status=""):
        record_access(request, contact.person, What.RECORD_FORM)
        return render(
            request,
            "recording/package_form.html",
            {
                "form": form,
                "contact": contact,
                "person": contact.person,
                "package": record,
                "version": version,
                "conflict": conflict,
                "save_status": save_status,
            },
            status=409 if conflict else status,
        )

    return _draft_page(
        request,
        form,
        record=package,
        new_form=new_form,
        save=save,
        saved_form=lambda current: ProvisionalCarePackageForm(framework=framework, package=current),
        page=page,
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
    return _package_page(
        request,
        framework=_framework_for_new_record(),
        contact=contact,
        package=None,
        new_form=True,
    )


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
            "can_edit": record.is_draft and record.author_id == request.user.pk,
            "can_add_addendum": record.is_completed and request.user.can_record,
        },
    )


def _record_form(record: Record, data) -> CaseNoteForm | ProvisionalCarePackageForm:
    if isinstance(record, CaseNote):
        return CaseNoteForm(data, framework=record.framework, note=record)
    return ProvisionalCarePackageForm(data, framework=record.framework, package=record)


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
    if record.is_completed:
        sent = _record_form(record, request.POST) if request.method == "POST" else None
        return completed_response(request, record, form=sent)
    if record.author_id != request.user.pk:
        raise PermissionDenied(f"Only the author, {record.author}, can change this draft.")
    if isinstance(record, CaseNote):
        return _case_note_page(
            request, framework=record.framework, obligation=record.obligation, note=record
        )
    return _package_page(
        request, framework=record.framework, contact=record.obligation.contact, package=record
    )


@require_http_methods(["GET", "POST"])
@acts_once
def addendum_new(request: HttpRequest, record_id: int) -> HttpResponse:
    record = get_record_for_user(request.user, record_id)
    if not request.user.can_record:
        raise PermissionDenied("Your role can read records but not add to them.")
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
    record_access(request, record.person, What.RECORD_FORM)
    return render(
        request,
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
        "reviews_overdue": list(
            reviews_overdue(visible.filter(allocated_worker=user), today)[:LIST_LIMIT]
        ),
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
    context["returned"] = list(returned_to(request.user, visible)[:LIST_LIMIT])
    return render(request, "recording/my_recording.html", context)


def _teams_overseen(user):
    if user.is_quality:
        return Team.objects.all()
    if user.is_team_manager:
        return user.managed_teams()
    raise PermissionDenied("Only team managers and quality staff can see this page.")


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
            "immediate_safeguarding": list(immediate_safeguarding(people, today)[:LIST_LIMIT]),
            "awaiting_authorisation": list(awaiting_authorisation(records)[:LIST_LIMIT]),
            "copies_owed": list(copies_owed(records)[:LIST_LIMIT]),
            "reviews_overdue": list(reviews_overdue(people, today)[:LIST_LIMIT]),
        },
    )


@require_GET
def member_recording(request: HttpRequest, user_id: int) -> HttpResponse:
    teams = _teams_overseen(request.user)
    member = get_object_or_404(
        User.objects.filter(memberships__team__in=teams).distinct(), pk=user_id
    )
    context = _recording_for(member, working_calendar(), viewer=request.user)
    context["member"] = member
    context["back_url"] = reverse("recording:team_recording")
    return render(request, "recording/my_recording.html", context)
