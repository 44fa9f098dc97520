"""The history of records and people (SPEC 6, "History"; issue 7, part 1).

django-simple-history keeps a row for every save and delete of a tracked model (the
`history = HistoricalRecords()` of each model). A queryset UPDATE sends no signal, so
where a service changes rows that way -- completing a record, which must be a
conditional UPDATE to close the race with a second completion; re-evaluating due
dates -- it writes the history rows itself with `history_rows_add`.

The rest of the module turns history rows into what the History page shows: a pure
function of the rows, with no queries.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from config.nhs_number import nhs_number_display
from recording import conflicts

# The change reason of the history row written when a record is completed.
COMPLETED = "completed"


def history_rows_add(
    instances: Sequence[models.Model], *, reason: str, user=None, when: datetime | None = None
) -> None:
    """Keep, in the history, a change a queryset UPDATE made to `instances` (as they are
    now). simple-history's documented way for rows changed in bulk is the history
    manager's `bulk_history_create`; without `user`, the request's user is taken from
    `HistoryRequestMiddleware`, as a save would."""
    if not instances:
        return
    model = type(instances[0])
    model.history.bulk_history_create(
        instances, update=True, default_user=user, default_change_reason=reason, default_date=when
    )


# --- What the History page shows ---------------------------------------------------

CHANGE_KINDS = {"+": "Created", "~": "Changed", "-": "Deleted"}
BLANK = "(blank)"
# Fields of a record that never change after it is started, or that the service
# keeps for itself: the History page leaves them out.
RECORD_FIELDS_NOT_SHOWN = {"person", "author", "framework", "obligation", "revises", "version"}
# Fields that are not typed in a form but matter in a person's history.
ALWAYS_SHOWN = {"review_due"}


class FieldChange:
    """One field's change. Long text is compared (`word_diff`) only when the change is
    shown, so a history page compares the changes on that page, not all of them."""

    def __init__(self, *, label: str, old: str, new: str, long_text: bool = False):
        self.label = label
        self._texts = (old, new)
        self._long_text = long_text

    @cached_property
    def _html(self) -> tuple[str, str]:
        old, new = self._texts
        if self._long_text:
            return word_diff(old, new)
        return format_html("{}", old), format_html("{}", new)

    @property
    def old(self) -> str:
        """Safe HTML: escaped text, with <del> marks in long text."""
        return self._html[0]

    @property
    def new(self) -> str:
        """Safe HTML: escaped text, with <ins> marks in long text."""
        return self._html[1]


@dataclass
class Change:
    when: datetime
    who: object  # the user, or None for a change made outside a request (a script)
    kind: str  # Created, Changed, Completed, Deleted, or an event ("Addendum added")
    reason: str
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class RowHistory:
    """The history of rows that belong to a record (its principle evidence, options,
    outcomes...), which the services replace whole each time the draft is saved."""

    label: str  # for example "Principle evidence"
    key: str  # the attribute that tells the rows apart: "principle_id", "position"
    fields: list  # model fields to compare
    rows: list  # historical rows, oldest first
    row_labels: dict = field(default_factory=dict)  # key -> label, e.g. principle titles

    def label_for(self, key) -> str:
        return self.row_labels.get(key) or f"{self.label} {key}"


@dataclass
class EventHistory:
    """Rows that are events of their own on a record: an addendum, a manager's
    decision, a copy given to the person."""

    kind: str  # "Addendum added"
    fields: list
    rows: list  # historical rows, oldest first


def shown_fields(model, *, relations: bool = False, exclude=()) -> list:
    """The fields of `model` the History page compares: those a form sets (and
    `ALWAYS_SHOWN`), without the keys; foreign keys only when `relations`."""
    return [
        f
        for f in model._meta.concrete_fields
        if (f.editable or f.name in ALWAYS_SHOWN)
        and not f.primary_key
        and not (f.is_relation and not relations)
        and f.name not in exclude
    ]


def _plain(model_field, value, lookups: dict) -> str:
    if value is None or value == "":
        return BLANK
    if model_field.is_relation:
        return str(lookups.get(model_field.name, {}).get(value, value))
    if model_field.name == "nhs_number":
        return nhs_number_display(value)  # as people read it: 943 476 5919
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        value = timezone.localtime(value)  # Europe/London
        return f"{value.day} {value:%B %Y at %H:%M}"
    if hasattr(value, "strftime"):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def _marked(text: str, tag: str, hidden: str) -> str:
    if not text.strip():
        return _lines(text)
    return format_html(
        '<{tag}><span class="govuk-visually-hidden">[{hidden}: </span>{text}'
        '<span class="govuk-visually-hidden">]</span></{tag}>',
        tag=tag,
        hidden=hidden,
        text=_lines(text),
    )


def _lines(text: str) -> str:
    """Escaped text with its line breaks kept."""
    return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in text.split("\n")))


def word_diff(old: str, new: str) -> tuple[str, str]:
    """Two versions of a long text as safe HTML: the old one with the words taken out
    in <del>, the new one with the words put in in <ins>, each marked for screen
    readers too ("removed", "added"). The words are compared as an edit conflict
    compares them (`recording.conflicts.word_diff`)."""
    new_segments, old_segments = conflicts.word_diff(old or "", new or "")
    old_html = [
        _marked(s.text, "del", "removed") if s.kind == "removed" else _lines(s.text)
        for s in old_segments
    ]
    new_html = [
        _marked(s.text, "ins", "added") if s.kind == "added" else _lines(s.text)
        for s in new_segments
    ]
    blank = format_html("{}", BLANK)
    # Every piece was escaped by format_html above.
    return mark_safe("".join(old_html)) or blank, mark_safe("".join(new_html)) or blank  # noqa: S308


def field_change(model_field, old, new, *, label: str, lookups: dict) -> FieldChange | None:
    """How one field changed between two versions; None when it did not."""
    if old == new or (old in (None, "") and new in (None, "")):
        return None
    if isinstance(model_field, models.TextField):
        return FieldChange(label=label, old=old or "", new=new or "", long_text=True)
    return FieldChange(
        label=label, old=_plain(model_field, old, lookups), new=_plain(model_field, new, lookups)
    )


def _label(model_field) -> str:
    return capfirst(str(model_field.verbose_name))


def row_changes(fields, old_row, new_row, *, prefix: str = "", lookups=None) -> list[FieldChange]:
    """The fields that differ between two historical rows (None: the row did not
    exist), labelled with their verbose names."""
    changes = []
    for f in fields:
        label = f"{prefix}: {_label(f)}" if prefix else _label(f)
        if prefix and len(fields) == 1:
            label = prefix
        old = getattr(old_row, f.attname) if old_row is not None else None
        new = getattr(new_row, f.attname) if new_row is not None else None
        change = field_change(f, old, new, label=label, lookups=lookups or {})
        if change:
            changes.append(change)
    return changes


def _kind(row) -> str:
    if row.history_type == "~" and row.history_change_reason == COMPLETED:
        return "Completed"
    return CHANGE_KINDS[row.history_type]


def _reason(row) -> str:
    reason = row.history_change_reason or ""
    return "" if reason == COMPLETED else reason


def versions_changes(
    versions: list, fields: list, *, lookups: dict | None = None, rows=(), events=()
) -> list[Change]:
    """Every change to one thing (a record, a person), newest first: each version's
    fields against the version before it; the rows it owns (`rows`, a list of
    `RowHistory`) as they stood when the next version was saved; and its events.
    A save that changed nothing is left out. `versions` are historical rows, oldest
    first."""
    changes = []
    states = [_row_states(history, versions) for history in rows]
    for index, version in enumerate(versions):
        previous = versions[index - 1] if index else None
        found = row_changes(fields, previous, version, lookups=lookups)
        for history, history_states in zip(rows, states, strict=True):
            before = history_states[index - 1] if index else {}
            after = history_states[index]
            for key in sorted(set(before) | set(after), key=str):
                found += row_changes(
                    history.fields,
                    before.get(key),
                    after.get(key),
                    prefix=history.label_for(key),
                )
        unchanged = previous is not None and version.history_type == "~" and not found
        if unchanged and not version.history_change_reason:
            continue
        changes.append(
            Change(
                when=version.history_date,
                who=version.history_user,
                kind=_kind(version),
                reason=_reason(version),
                fields=found,
            )
        )
    for event in events:
        for row in event.rows:
            if row.history_type != "+":
                continue
            changes.append(
                Change(
                    when=row.history_date,
                    who=row.history_user,
                    kind=event.kind,
                    reason="",
                    fields=row_changes(event.fields, None, row, lookups=lookups),
                )
            )
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes


def _row_states(history: RowHistory, versions: list) -> list[dict]:
    """For each version, the rows as they stood until the next version was saved:
    key -> the row's latest historical row (deleted rows left out)."""
    states, current, position = [], {}, 0
    rows = history.rows
    for index in range(len(versions)):
        until = versions[index + 1].history_date if index + 1 < len(versions) else None
        while position < len(rows) and (until is None or rows[position].history_date < until):
            row = rows[position]
            key = getattr(row, history.key)
            if row.history_type == "-":
                current.pop(key, None)
            else:
                current[key] = row
            position += 1
        states.append(dict(current))
    return states
