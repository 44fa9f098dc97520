"""The Care Act records' pages. Access is the case record's: a person out of the user's
scope is a 404 (`recording.access_queries`); quality staff read but never write; who may
do what is `accounts.access`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import (
    can_authorise,
    may_add_addendum,
    may_change_draft,
    may_record,
    may_revise,
    require_recorder,
)
from accounts.once import acts_once
from assessments.forms import (
    FORMS,
    AuthorisationForm,
    CopyCorrectionForm,
    CopyGivenForm,
    Section,
    StartRecordForm,
)
from assessments.models import Authorisation, IssuedCopy, NeedsAssessment
from assessments.pdf import copy_filename, render_copy
from assessments.services import (
    CARE_ACT_KINDS,
    authorisation_decide,
    care_act_record_complete,
    care_act_record_save,
    care_act_record_start,
    copy_generated_record,
    copy_given_record,
    copy_is_owed,
    copy_issue,
    issued_copy_for_download,
    record_revise,
    start_facts,
)
from config.kinds import COPY_KINDS
from recording.access_log import What, record_access
from recording.access_queries import get_person_for_user, get_record_for_user
from recording.draft_views import (
    DraftPage,
    completed_redirect,
    completed_response,
    keeps_work_when_signed_out,
    record_form_render,
    submitted_version,
    tampered_response,
    unwritable_response,
)
from recording.models import Record, RecordImmutableError
from recording.services import DraftConflictError, TamperedVersionError

RECENT_CONTACTS = 5


def _care_act_record(user, record_id: int) -> Record:
    record = get_record_for_user(user, record_id)
    if record.kind not in CARE_ACT_KINDS:
        raise Http404("Not a Care Act record.")
    return record


def _writable_draft(request, record_id: int) -> Record | HttpResponse:
    """The draft, if the user is its author; a 409 page if it has been completed."""
    record = _care_act_record(request.user, record_id)
    require_recorder(request.user)
    refused = unwritable_response(
        request, record, form=lambda data: FORMS[record.kind](data, instance=record)
    )
    return record if refused is None else refused


@require_http_methods(["GET", "POST"])
@acts_once
def record_start(request: HttpRequest, person_id: int) -> HttpResponse:
    """Start a Care Act record for the person: which kind, and which contact it records."""
    person = get_person_for_user(request.user, person_id)
    require_recorder(request.user)
    contacts = list(person.contacts.order_by("-occurred_at", "-pk")[:RECENT_CONTACTS])
    form = StartRecordForm(
        request.POST or None,
        facts=start_facts(person),
        contacts=contacts,
        initial={"contact": "none"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            record = care_act_record_start(
                kind=form.cleaned_data["kind"],
                person=person,
                author=request.user,
                contact=form.chosen_contact(),
                form_type=form.cleaned_data["form_type"],
            )
        except ValidationError as error:
            form.add_error("kind", error.message_dict["kind"])
        else:
            messages.success(request, f"{record.get_kind_display()} started as a draft.")
            return redirect(record.get_edit_url())
    # Written in the access log: it lists the person's contacts.
    return record_form_render(
        request, person, "assessments/start.html", {"form": form, "person": person}
    )


def _is_task_list(record: Record) -> bool:
    return isinstance(record, NeedsAssessment) and not record.is_proportionate


def _locate_draft(record_id: int, slug: str | None = None) -> tuple[int, str] | None:
    """A draft's author and the page of its form (`keeps_work_when_signed_out`); a full
    assessment's task list holds nothing typed to keep."""
    record = Record.objects.filter(pk=record_id, status=Record.Status.DRAFT).first()
    if record is None or record.kind not in CARE_ACT_KINDS:
        return None
    if slug is not None:
        return record.author_id, reverse("assessments:section", args=[record_id, slug])
    if _is_task_list(record.as_kind()):
        return None
    return record.author_id, reverse("assessments:edit", args=[record_id])


@keeps_work_when_signed_out(_locate_draft)
@require_http_methods(["GET", "POST"])
def record_edit(request: HttpRequest, record_id: int) -> HttpResponse:
    """The draft's form on one page; a full needs assessment is a task list of sections."""
    record = _writable_draft(request, record_id)
    if isinstance(record, HttpResponse):
        return record
    if _is_task_list(record):
        return _task_list(request, record)
    return CareActPage(request, record, section=None).respond()


@keeps_work_when_signed_out(_locate_draft)
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, record_id: int, slug: str) -> HttpResponse:
    record = _writable_draft(request, record_id)
    if isinstance(record, HttpResponse):
        return record
    form_class = FORMS[record.kind]
    section = next((s for s in form_class.SECTIONS if s.slug == slug), None)
    if section is None or not _is_task_list(record):
        raise Http404("No such section.")
    return CareActPage(request, record, section=section).respond()


def _return_revised(record: Record) -> Authorisation | None:
    """The manager's return of the record this draft revises, shown above its form."""
    if record.revises_id is None:
        return None
    decisions = Authorisation.objects.filter(record_id=record.revises_id)
    return decisions.select_related("decided_by").first()


class CareActPage(DraftPage):
    """The draft's form, or one section of a full assessment's. Refusals, edit
    conflicts and the autosave's answers are every draft's (`recording.draft_views`)."""

    template_name = "assessments/record_form.html"

    def __init__(self, request, record: Record, *, section: Section | None):
        super().__init__(request, record)
        self.section = section

    def make_form(self, data, record):
        return FORMS[record.kind](data, instance=record, section=self.section)

    def save(self, form, record, version):
        return care_act_record_save(
            record=record,
            author=self.request.user,
            fields=form.record_fields(),
            evidence=form.evidence_or_none(),
            children=form.children(),
            version=version,
        )

    def complete(self, record, version):
        return care_act_record_complete(record=record, user=self.request.user, version=version)

    def page_context(self, record):
        return {
            "record": record,
            "person": record.person,
            "section": self.section,
            "returned": _return_revised(record),
        }

    def completing(self, form) -> bool:
        return self.section is None and form.completing  # a section is saved, never completed

    def showing(self, form) -> None:
        if self.section is not None and self.request.GET.get("check"):
            form.show_errors(self.record.completion_errors())

    def saved(self, record):
        if self.section is None:
            return super().saved(record)
        messages.success(self.request, f"{self.section.title}: saved.")
        return redirect(record.get_edit_url())


def _section_status(form, record: Record, errors: dict) -> list[dict]:
    """Each section of the task list: its state, and what stops completion in it."""
    sections = []
    for section in form.SECTIONS:
        url = reverse("assessments:section", args=[record.pk, section.slug])
        names = form.section_field_names(section)
        missing = [name for name in names if name in errors]
        started = any(form.initial.get(name) not in (None, "", [], False) for name in names)
        status = "Completed" if started and not missing else "In progress" if started else ""
        sections.append(
            {
                "section": section,
                "url": url,
                "status": status or "Not yet started",
                "problems": [
                    {"message": errors[name], "url": f"{url}?check=1#id_{name}"} for name in missing
                ],
            }
        )
    return sections


def _task_list(request, record: Record) -> HttpResponse:
    """The full assessment's sections and their state; POST completes it, if it is still
    the version the task list showed."""
    errors = record.completion_errors()
    if request.method == "POST":
        try:
            version = submitted_version(request.POST)
            completed = care_act_record_complete(record=record, user=request.user, version=version)
        except ValidationError:
            errors = record.completion_errors()
        except RecordImmutableError:
            return completed_response(request, record)
        except TamperedVersionError as error:
            return tampered_response(request, error, record=record)
        except DraftConflictError:
            messages.warning(
                request,
                "The assessment was changed in another window or on another device since "
                "you opened this page. Check the sections, then complete it.",
            )
            return redirect(record.get_edit_url())
        else:
            return completed_redirect(request, completed)
    sections = _section_status(FORMS[record.kind](instance=record), record, errors)
    problems = [problem for item in sections for problem in item["problems"]]
    return record_form_render(
        request,
        record.person,
        "assessments/task_list.html",
        {
            "record": record,
            "person": record.person,
            "sections": sections,
            "problems": problems if request.method == "POST" else [],
            "done": sum(1 for item in sections if item["status"] == "Completed"),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def record_detail(request: HttpRequest, record_id: int) -> HttpResponse:
    record = _care_act_record(request.user, record_id)
    record_access(request, record.person, What.RECORD_PAGE)
    authorisation = Authorisation.objects.filter(record=record).select_related("decided_by")
    authorisation = authorisation.first()
    owed = copy_is_owed(record)
    return render(
        request,
        "assessments/detail.html",
        {
            "record": record,
            "person": record.person,
            "detail_template": f"assessments/detail/{record.kind}.html",
            "evidence": record.evidence.select_related("principle").prefetch_related("statements"),
            "addenda": record.addenda.select_related("author"),
            "authorisation": authorisation,
            "awaiting_authorisation": record.is_completed
            and record.needs_authorisation
            and authorisation is None,
            "can_edit": may_change_draft(request.user, record),
            "can_add_addendum": may_add_addendum(request.user, record),
            "can_record": may_record(request.user),
            "can_authorise": record.is_completed
            and authorisation is None
            and can_authorise(request.user, record),
            "can_revise": may_revise(request.user, record, authorisation),
            "copy_owed": owed,
            "copies_given": record.copies_given.select_related("recorded_by"),
            "issued_copies": _issued_copies(record),
            "has_pdf": record.kind in COPY_KINDS and record.is_completed,
        },
    )


@require_http_methods(["GET", "POST"])
def authorise(request: HttpRequest, record_id: int) -> HttpResponse:
    record = _care_act_record(request.user, record_id)
    if not record.needs_authorisation:
        raise Http404("This kind of record is not authorised.")
    if not can_authorise(request.user, record):
        raise PermissionDenied("A manager of the person's team authorises this, never its author.")
    decided = Authorisation.objects.filter(record=record).first()
    if record.is_draft or decided is not None:
        return render(
            request,
            "assessments/authorise_closed.html",
            {"record": record, "person": record.person, "decided": decided},
            status=409,
        )
    form = AuthorisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        authorise_it = form.cleaned_data["decision"] == "authorise"
        try:
            authorisation_decide(
                record=record,
                manager=request.user,
                authorise=authorise_it,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError:
            return redirect(record.get_absolute_url())
        word = "authorised" if authorise_it else "returned to " + str(record.author)
        messages.success(request, f"{record.get_kind_display()} {word}.")
        return redirect(record.get_absolute_url())
    return render(
        request,
        "assessments/authorise.html",
        {"form": form, "record": record, "person": record.person},
    )


@require_POST
def revise(request: HttpRequest, record_id: int) -> HttpResponse:
    record = _care_act_record(request.user, record_id)
    require_recorder(request.user)
    try:
        copy = record_revise(record=record, author=request.user)
    except ValidationError:
        return redirect(record.get_absolute_url())
    messages.success(request, "A new draft starts from the returned record. Change what was asked.")
    return redirect(copy.get_edit_url())


@require_http_methods(["GET", "POST"])
@acts_once
def copy_given_new(request: HttpRequest, record_id: int) -> HttpResponse:
    record = _care_act_record(request.user, record_id)
    require_recorder(request.user)
    if not copy_is_owed(record):
        raise Http404("The person is not owed a copy of this record yet.")
    form = CopyGivenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            copy_given_record(
                record=record,
                given_on=form.cleaned_data["given_on"],
                channel=form.cleaned_data["channel"],
                format=form.cleaned_data["format"],
                language=form.cleaned_data["language"],
                user=request.user,
            )
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, "Recorded that the person received their copy.")
            return redirect(record.get_absolute_url())
    return render(
        request,
        "assessments/copy_given_form.html",
        {"form": form, "record": record, "person": record.person},
        status=400 if form.errors else 200,
    )


def _issued_copies(record: Record) -> list[dict]:
    """Each issue of the person's copy, newest first, with its variants (not their bytes)."""
    issues: dict[int, dict] = {}
    copies = IssuedCopy.objects.filter(record_id=record.pk).defer("pdf").select_related("issued_by")
    for copy in copies.order_by("-issue_number", "variant"):
        issue = issues.setdefault(copy.issue_number, {"first": copy, "copies": []})
        issue["copies"].append(copy)
    return list(issues.values())


def _pdf_response(document: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def record_pdf(request: HttpRequest, record_id: int, large_print: bool = False) -> HttpResponse:
    """The person's copy. Once it is owed, the first download issues it and every later
    one gives the same stored bytes; until a manager authorises a determination or plan,
    a working copy that says so is made each time and never issued."""
    record = _care_act_record(request.user, record_id)
    if record.kind not in COPY_KINDS or not record.is_completed:
        raise Http404("There is no copy of this record for the person yet.")
    record_access(request, record.person, What.RECORD_PDF)
    if copy_is_owed(record):
        issued = issued_copy_for_download(record=record, user=request.user, large_print=large_print)
        document, filename = bytes(issued.pdf), issued.filename
    else:
        document = render_copy(record, large_print=large_print)
        filename = copy_filename(record, large_print=large_print)
    copy_generated_record(record=record, user=request.user, large_print=large_print)
    return _pdf_response(document, filename)


@require_GET
def issued_copy_pdf(
    request: HttpRequest, record_id: int, issue_number: int, variant: str
) -> HttpResponse:
    """One issued copy, exactly as it was given (an earlier issue included)."""
    record = _care_act_record(request.user, record_id)
    issued = IssuedCopy.objects.filter(
        record_id=record.pk, issue_number=issue_number, variant=variant
    ).first()
    if issued is None:
        raise Http404("No such issued copy.")
    record_access(request, record.person, What.RECORD_PDF)
    copy_generated_record(record=record, user=request.user, large_print=issued.is_large_print)
    return _pdf_response(bytes(issued.pdf), issued.filename)


@require_http_methods(["GET", "POST"])
@acts_once
def copy_correct(request: HttpRequest, record_id: int) -> HttpResponse:
    """Issue a corrected copy (after an addendum, or a change to the person's details):
    a new issue, dated today, that says which copy it replaces."""
    record = _care_act_record(request.user, record_id)
    require_recorder(request.user)
    latest = IssuedCopy.objects.filter(record_id=record.pk).defer("pdf").first()
    if not copy_is_owed(record) or latest is None:
        raise Http404("No copy of this record has been issued yet.")
    form = CopyCorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            number = copy_issue(
                record=record, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, f"Corrected copy issued: issue {number}.")
            return redirect(record.get_absolute_url())
    return render(
        request,
        "assessments/copy_correct_form.html",
        {"form": form, "record": record, "person": record.person, "latest": latest},
        status=400 if form.errors else 200,
    )
