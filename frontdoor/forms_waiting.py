"""Forms of the waiting lists and allocation (issue 17, parts 3 and 4). A page may show
several (the work item page: allocate, priority, close), so each has its own prefix and
its own button name: no two elements share an id."""

from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError

from accounts.access import allocatable_workers
from config.forms import BaseForm, PastDateField
from frontdoor.models import Priority

WORKER_REFUSED = "Select an active member of the team who records: this one cannot take work"


class _Form(BaseForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.inputs = [Submit(f"{self.prefix or 'form'}-submit", self.submit_label)]


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return str(user)


def _worker_field(label: str) -> WorkerChoiceField:
    return WorkerChoiceField(
        label=label,
        queryset=None,
        empty_label="Select a worker",
        error_messages={"required": "Select a worker", "invalid_choice": WORKER_REFUSED},
    )


class AllocateForm(_Form):
    """Allocate a piece of work (or the person) to a worker of its team. `expected_holder`
    is who held it when the form was shown: a change since is refused, not overwritten."""

    submit_label = "Allocate"

    worker = _worker_field("Allocate to")
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        max_length=300,
        help_text="For example, she has room this week and knows the family",
    )
    expected_holder = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, team_id: int, holder=None, submit_label: str = "", **kwargs):
        kwargs.setdefault("prefix", "allocate")
        if submit_label:
            self.submit_label = submit_label
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("expected_holder", "" if holder is None else str(holder.pk))
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = allocatable_workers(team_id)
        self.helper.layout = Layout(
            Field.select("worker"), Field.text("reason"), Field("expected_holder")
        )

    def clean_expected_holder(self) -> int | None:
        value = self.cleaned_data["expected_holder"].strip()
        if not value:
            return None
        if not value.isdecimal():
            raise ValidationError("The form was changed. Open the page again.")
        return int(value)


class PriorityForm(_Form):
    submit_label = "Save priority"

    priority = forms.ChoiceField(
        label="Priority",
        choices=Priority.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the priority"},
    )
    reason = forms.CharField(
        label="Why this priority",
        max_length=300,
        error_messages={"required": "Enter why this is the priority"},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "priority")
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios("priority", legend_size=Size.SMALL, inline=True), Field.text("reason")
        )


class CloseForm(_Form):
    """End the wait: the service started on a date, or closed with a reason."""

    STARTED, CLOSED = "started", "closed"
    submit_label = "Close this work"

    how = forms.ChoiceField(
        label="How did the wait end?",
        choices=[(STARTED, "The service started"), (CLOSED, "Closed for another reason")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the wait ended"},
    )
    started_on = PastDateField(
        label="Date the service started",
        subject="The date the service started",
        required=False,
        help_text="For example, 23 11 2026",
    )
    reason = forms.CharField(
        label="Reason it was closed",
        required=False,
        max_length=300,
        help_text="For example, the person moved to another council",
    )

    def __init__(self, *args, service: bool, **kwargs):
        kwargs.setdefault("prefix", "close")
        super().__init__(*args, **kwargs)
        if not service:
            self.fields["how"].choices = [(self.CLOSED, "Closed with a reason")]
            self.fields["how"].initial = self.CLOSED
        self.helper.layout = Layout(
            Field.radios("how", legend_size=Size.SMALL),
            Field("started_on", legend_size=Size.SMALL),
            Field.text("reason"),
        )

    def clean(self):
        data = super().clean()
        how = data.get("how")
        if how == self.STARTED and not data.get("started_on") and "started_on" not in self.errors:
            self.add_error("started_on", "Enter the date the service started")
        if how == self.CLOSED and not data.get("reason", "").strip():
            self.add_error("reason", "Enter why it was closed")
        return data


class ReallocateAllForm(_Form):
    """Move everything a worker holds to another worker. The ids shown travel with the
    form: if what the worker holds changed meanwhile, nothing moves."""

    submit_label = "Move all this work"

    worker = _worker_field("Move all of it to")
    reason = forms.CharField(
        label="Reason",
        max_length=300,
        help_text="For example, Sam has left the team",
        error_messages={"required": "Enter why the work is moving"},
    )
    shown_items = forms.CharField(required=False, widget=forms.HiddenInput)
    shown_people = forms.CharField(required=False, widget=forms.HiddenInput)
    shown_tasks = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, workers, from_worker, shown=None, **kwargs):
        kwargs.setdefault("prefix", "move")
        if shown is not None:
            initial = kwargs.setdefault("initial", {})
            for name, ids in zip(
                ("shown_items", "shown_people", "shown_tasks"), shown, strict=True
            ):
                initial[name] = ",".join(str(i) for i in sorted(ids))
        super().__init__(*args, **kwargs)
        self.from_worker = from_worker
        self.fields["worker"].queryset = workers
        self.helper.layout = Layout(
            Field.select("worker"),
            Field.text("reason"),
            Field("shown_items"),
            Field("shown_people"),
            Field("shown_tasks"),
        )

    def clean_worker(self):
        worker = self.cleaned_data["worker"]
        if worker.pk == self.from_worker.pk:
            raise ValidationError("Select a different worker to move the work to")
        return worker

    def _ids(self, name: str) -> set[int]:
        value = self.cleaned_data.get(name, "")
        parts = [p for p in value.split(",") if p.strip()]
        if not all(p.strip().isdecimal() for p in parts):
            raise ValidationError("The form was changed. Open the page again.")
        return {int(p) for p in parts}

    def clean(self):
        data = super().clean()
        try:
            data["shown"] = tuple(
                self._ids(n) for n in ("shown_items", "shown_people", "shown_tasks")
            )
        except ValidationError as error:
            self.add_error(None, error)
        return data
