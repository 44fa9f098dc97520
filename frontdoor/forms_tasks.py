"""The forms of tasks (issue 17, part 6)."""

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from accounts.access import person_recorders
from accounts.models import User
from config.forms import BaseForm, DateField
from config.past_dates import local_today
from frontdoor.services_tasks import REASON_MAX_LENGTH, owner_problem


def _name(user) -> str:
    return user.get_full_name() or user.username


class OwnerField(forms.ModelChoiceField):
    """Anyone's id is looked up (so a deactivated owner is refused as "has left", not as
    an unknown choice); the list offers only those who may own the task."""

    def label_from_instance(self, obj) -> str:
        return _name(obj)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return User.objects.get(pk=int(value))
        except (ValueError, TypeError, User.DoesNotExist):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


class _OwnerMixin:
    def _owner_field(self, person, *, label: str, exclude=None) -> None:
        self.person = person
        offered = (
            person_recorders(
                person_team_id=person.team_id,
                restricted=person.is_restricted,
                allocated_worker_id=person.allocated_worker_id,
            )
            .filter(is_active=True)
            .order_by("first_name", "last_name", "pk")
        )
        if exclude is not None:
            offered = offered.exclude(pk=exclude.pk)
        self.fields["owner"].label = label
        self.fields["owner"].queryset = offered

    def clean_owner(self):
        owner = self.cleaned_data["owner"]
        problem = owner_problem(owner, self.person)
        if problem:
            raise forms.ValidationError(problem)
        return owner


class TaskForm(_OwnerMixin, BaseForm):
    submit_label = "Add task"

    what = forms.CharField(
        label="What needs to be done?",
        help_text="For example, ring the GP about the new medication",
        max_length=300,
        error_messages={
            "required": "Enter what needs to be done",
            "max_length": "What needs to be done must be 300 characters or fewer",
        },
    )
    owner = OwnerField(
        queryset=User.objects.all(),
        label="Who will do it?",
        empty_label="Choose who will do it",
        error_messages={
            "required": "Choose who will do it",
            "invalid_choice": "Choose who will do it from the list",
        },
    )
    due_on = DateField(label="Due date", help_text="For example, 14 12 2026")

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self._owner_field(person, label="Who will do it?")
        self.fields["due_on"].error_messages.update(
            required="Enter the due date", incomplete="Enter the due date"
        )
        self.helper.layout = Layout(
            Field.textarea("what", rows=2),
            Field.select("owner"),
            Field("due_on", legend_size=Size.SMALL),
        )

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on is not None and due_on < local_today():
            raise forms.ValidationError("The due date must be today or in the future")
        return due_on


class ReassignForm(_OwnerMixin, BaseForm):
    submit_label = "Reassign task"

    owner = OwnerField(
        queryset=User.objects.all(),
        label="Who should do it instead?",
        empty_label="Choose who will do it",
        error_messages={
            "required": "Choose who should do it instead",
            "invalid_choice": "Choose who should do it from the list",
        },
    )
    reason = forms.CharField(
        label="Why is it being reassigned?",
        help_text="For example, Erin is on leave until January",
        max_length=REASON_MAX_LENGTH,
        error_messages={
            "required": "Enter why the task is being reassigned",
            "max_length": f"The reason must be {REASON_MAX_LENGTH} characters or fewer",
        },
    )

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.task = task
        self._owner_field(task.person, label="Who should do it instead?", exclude=task.owner)
        self.helper.layout = Layout(Field.select("owner"), Field.text("reason"))

    def clean_owner(self):
        owner = super().clean_owner()
        if owner.pk == self.task.owner_id:
            raise forms.ValidationError("Choose someone other than who has the task now")
        return owner
