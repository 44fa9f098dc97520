from dataclasses import dataclass

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import HTML, Field, Layout, Size
from django import forms

from accounts.access import supervisable_members, supervision_cases
from accounts.models import User
from config.forms import BaseForm, PastDateField
from principles.models import Framework
from recording.forms import PrincipleEvidenceMixin, PrincipleItem
from recording.models import Person
from supervision.services import ReflectionInput

NO_PRINCIPLE = "Select at least one principle you reflected on"


@dataclass
class ReflectionItem:
    """One principle's tick box and notes, and the errors shown next to the tick box
    (the "select at least one" error is shown once, above them all)."""

    item: PrincipleItem
    errors: list[str]


class SupervisionSessionForm(PrincipleEvidenceMixin, BaseForm):
    """A supervision session. Without JavaScript the form cannot narrow the cases to the
    chosen practitioner's, so it lists every person of the manager's teams the manager
    can see, with their allocated worker."""

    submit_label = "Save supervision session"

    practitioner = forms.TypedChoiceField(
        label="Who did you supervise?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select who you supervised",
            "invalid_choice": "Select someone in a team you manage",
        },
    )
    held_on = PastDateField(
        label="Date of the session",
        subject="The date of the session",
        help_text="For example, 27 3 2026",
    )
    cases = forms.TypedMultipleChoiceField(
        label="Cases you discussed",
        help_text="Select the people whose care and support you talked about, if any.",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select only people in the teams you manage"},
    )
    agreed_actions = forms.CharField(
        label="Agreed actions",
        help_text="Who will do what, and by when.",
        widget=forms.Textarea,
        error_messages={"required": "Enter the actions you agreed"},
    )

    def __init__(self, *args, manager: User, framework: Framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.members = {
            user.pk: user
            for user in supervisable_members(manager).order_by("last_name", "first_name", "pk")
        }
        self.fields["practitioner"].choices = [
            Choice(user.pk, str(user), hint=user.job_title or None)
            for user in self.members.values()
        ]
        # Only people the manager can see are offered, so only they can be chosen.
        self.people = {
            person.pk: person
            for person in Person.objects.filter(supervision_cases(manager))
            .select_related("allocated_worker")
            .order_by("name", "pk")
        }
        self.fields["cases"].choices = [
            Choice(person.pk, person.name, hint=_allocation(person))
            for person in self.people.values()
        ]
        self.fields["held_on"].error_messages.update(
            required="Enter the date of the session", incomplete="Enter the date of the session"
        )

        # The record forms' principle tick boxes and conditional text, reworded for
        # reflection; supervision has no required principles and no We statements.
        self._add_principle_fields(framework, record=None, kind="")
        for principle in self.framework_principles:
            prefix = f"principle_{principle.number}"
            self.fields[f"{prefix}_evidence"].label = f"Notes on principle {principle.number}"
            self.fields.pop(f"{prefix}_statements", None)
        self.principles_error = None

        # The error summary lists errors in page order.
        self.order_fields(
            ["practitioner", "held_on", "cases", *self.principle_field_names(), "agreed_actions"]
        )
        self.helper.layout = Layout(
            Field.radios("practitioner", legend_size=Size.MEDIUM),
            Field("held_on", context={"legend_size": Size.for_legend(Size.MEDIUM)}),
            Field.checkboxes("cases", legend_size=Size.MEDIUM, small=True),
            HTML('{% include "supervision/partials/principles_fieldset.html" %}'),
            Field.textarea("agreed_actions", label_size=Size.MEDIUM, rows=5),
        )

    def clean(self):
        cleaned = super().clean()
        ticked = False
        for principle in self.framework_principles:
            prefix = f"principle_{principle.number}"
            notes = cleaned.get(f"{prefix}_evidence", "").strip()
            if cleaned.get(prefix):
                ticked = True
                if not notes:
                    self.add_error(
                        f"{prefix}_evidence",
                        f"Enter your notes on principle {principle.number}, {principle.title}",
                    )
            elif notes:
                self.add_error(
                    prefix,
                    f"Select principle {principle.number} if you reflected on it, "
                    "or remove your notes on it",
                )
        if not ticked and self.framework_principles:
            # Shown above the tick boxes; the summary links to the first of them.
            self.principles_error = NO_PRINCIPLE
            self.add_error(f"principle_{self.framework_principles[0].number}", NO_PRINCIPLE)
        return cleaned

    def reflection_items(self) -> list[ReflectionItem]:
        return [
            ReflectionItem(
                item=item, errors=[e for e in item.tick.errors if e != self.principles_error]
            )
            for item in self.principle_items()
        ]

    def chosen_practitioner(self) -> User:
        return self.members[self.cleaned_data["practitioner"]]

    def chosen_cases(self) -> list[Person]:
        return [self.people[pk] for pk in self.cleaned_data["cases"]]

    def reflections(self) -> list[ReflectionInput]:
        return [
            ReflectionInput(
                principle=principle,
                notes=self.cleaned_data[f"principle_{principle.number}_evidence"].strip(),
            )
            for principle in self.framework_principles
            if self.cleaned_data.get(f"principle_{principle.number}")
        ]


def _allocation(person: Person) -> str:
    worker = person.allocated_worker
    allocated = f"allocated to {worker}" if worker else "not allocated"
    return f"{person.council_reference}, {allocated}"
