"""The History pages: every change to a person's details, and to a record with the rows
it owns, newest first (issue 7, part 1). Who may read a history is who may read the
person or the record (`get_person_for_user`, `get_record_for_user`); each reading goes
into the access log. The pages only read: nothing here, or anywhere in the app,
writes history but the saves themselves.

The number of queries is fixed, however long the history: one for the versions, one
for each kind of row the record owns, one for each kind of label looked up.
"""

from django.core.paginator import Paginator
from django.db.models import UniqueConstraint
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.views.decorators.http import require_GET

from accounts.models import Team, User
from config.kinds import CARE_ACT_KINDS
from recording import conflicts
from recording.access_log import What, record_access
from recording.access_queries import get_person_for_user, get_record_for_user
from recording.history import (
    RECORD_FIELDS_NOT_SHOWN,
    EventHistory,
    RowHistory,
    shown_fields,
    versions_changes,
)
from recording.models import Person, Record

CHANGES_PER_PAGE = 25
# The long-text comparisons on one page together (`recording.conflicts.word_diff`).
DIFF_SECONDS_PER_PAGE = 0.3

# Rows that are events of their own on a record, not parts of its draft.
EVENTS = {
    "recording.addendum": "Addendum added",
    "assessments.authorisation": "Manager's decision",
    "assessments.copygiven": "Copy given to the person",
}


def record_history_url(record: Record) -> str:
    app = "assessments" if record.kind in CARE_ACT_KINDS else "recording"
    return reverse(f"{app}:record_history", args=[record.pk])


def _history(model):
    return model.history.select_related("history_user").order_by("history_date", "history_id")


def _key_of(model, link) -> str:
    """What tells `model`'s rows on one record apart: their position, or the other
    field of their unique constraint with the record (the principle, the outcome)."""
    names = {f.name for f in model._meta.concrete_fields}
    if "position" in names:
        return "position"
    for constraint in model._meta.constraints:
        if isinstance(constraint, UniqueConstraint) and link.name in constraint.fields:
            others = [name for name in constraint.fields if name != link.name]
            if len(others) == 1:
                return model._meta.get_field(others[0]).attname
    return "id"


def _row_labels(model, key: str, rows: list) -> dict:
    keys = {getattr(row, key) for row in rows}
    name = capfirst(model._meta.verbose_name)
    if key == "position":
        return {k: f"{name} {k}" for k in keys}
    key_field = next(f for f in model._meta.concrete_fields if f.attname == key)
    if key_field.is_relation:  # one query: e.g. the principles' numbers and titles
        related = key_field.related_model.objects.in_bulk(keys)
        return {k: str(related[k]) if k in related else f"{name} {k}" for k in keys}
    if key_field.choices:
        return {k: str(dict(key_field.flatchoices).get(k, k)) for k in keys}
    return {k: f"{name} {k}" for k in keys}


# The apps whose rows are part of a record (its evidence, outcomes, addenda, copies).
RECORD_APPS = frozenset({"recording", "assessments"})


def _owned(record: Record) -> tuple[list[RowHistory], list[EventHistory]]:
    """The history of every tracked kind of row that points at the record: those its
    draft replaces whole (evidence, options, outcomes...) and its events."""
    rows, events = [], []
    for relation in type(record)._meta.related_objects:
        model = relation.related_model
        if (
            not (relation.one_to_many or relation.one_to_one)
            or issubclass(model, Record)  # revisions and later records have their own
            # What other apps keep about the record (a task agreed in it) has its own page.
            or model._meta.app_label not in RECORD_APPS
            or not hasattr(model._meta, "simple_history_manager_attribute")
        ):
            continue
        link = relation.field
        history = list(_history(model).filter(**{link.attname: record.pk}))
        if model._meta.label_lower in EVENTS:
            fields = shown_fields(model, exclude={link.name})
            events.append(EventHistory(EVENTS[model._meta.label_lower], fields, history))
            continue
        key = _key_of(model, link)
        fields = [f for f in shown_fields(model) if f.attname != key and f.name != "position"]
        rows.append(
            RowHistory(
                label=capfirst(model._meta.verbose_name),
                key=key,
                fields=fields,
                rows=history,
                row_labels=_row_labels(model, key, history),
            )
        )
    return rows, events


def _page(request: HttpRequest, changes: list):
    return Paginator(changes, CHANGES_PER_PAGE).get_page(request.GET.get("page"))


def _render_history(request: HttpRequest, context: dict) -> HttpResponse:
    """The page's changes compare their long texts as it renders (`FieldChange`)."""
    with conflicts.time_limit(DIFF_SECONDS_PER_PAGE):
        return render(request, "recording/history.html", context)


@require_GET
def record_history(request: HttpRequest, record_id: int) -> HttpResponse:
    record = get_record_for_user(request.user, record_id)
    url = record_history_url(record)
    if url != request.path:
        return redirect(url)  # a Care Act record's history is under its own pages
    record_access(request, record.person, What.RECORD_HISTORY)
    versions = list(
        record.history.select_related("history_user").order_by("history_date", "history_id")
    )
    rows, events = _owned(record)
    fields = shown_fields(type(record), exclude=RECORD_FIELDS_NOT_SHOWN)
    changes = versions_changes(versions, fields, rows=rows, events=events)
    return _render_history(
        request,
        {
            "person": record.person,
            "record": record,
            "title": f"History of the {record.get_kind_display().lower()}",
            "back_url": record.get_absolute_url(),
            "back_text": f"Back to the {record.get_kind_display().lower()}",
            "page": _page(request, changes),
        },
    )


@require_GET
def person_history(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, person_id)
    record_access(request, person, What.PERSON_HISTORY)
    versions = list(_history(Person).filter(id=person.pk))
    lookups = {
        "team": Team.objects.in_bulk({v.team_id for v in versions}),
        "allocated_worker": User.objects.in_bulk(
            {v.allocated_worker_id for v in versions} - {None}
        ),
    }
    fields = shown_fields(Person, relations=True)
    return _render_history(
        request,
        {
            "person": person,
            "title": f"History of {person.name}’s details",
            "back_url": person.get_absolute_url(),
            "back_text": f"Back to {person.name}",
            "page": _page(request, versions_changes(versions, fields, lookups=lookups)),
        },
    )
