"""The statutory-return questions of an assessment's or a review's form, and the page
that corrects them on a completed record (issue 18, part 1)."""

from django import forms

from assessments.models import RETURN_FIELD_NEEDED, RETURN_FIELDS
from assessments.return_fields import (
    HEADING,
    HINT,
    method_suggested,
    outcomes_achieved_suggested,
    question,
    return_choices,
)
from config import cld
from config.forms import BaseForm
from recording.models import Contact, RecordKind

METHOD_FROM_CONTACT = "Chosen from the contact this records ({contact}): check it."
ACHIEVED_FROM_PROGRESS = "The progress recorded against each outcome suggests: {answer}."
CARERS_TYPE = "A carer's assessment is an unpaid carer's assessment."


def _needed(kind: str, name: str) -> str:
    noun = "review" if kind == RecordKind.REVIEW else "assessment"
    return RETURN_FIELD_NEEDED[name].format(noun=noun)


def _radios(kind: str, name: str, choices, *, required: bool) -> forms.ChoiceField:
    message = _needed(kind, name)
    return forms.ChoiceField(
        label=question(kind, name),
        choices=choices,
        required=required,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


def _contact_method(record) -> str | None:
    obligation = record.obligation if record.obligation_id else None
    return obligation.contact.method if obligation is not None else None


def _add_hint(form_field: forms.Field, text: str) -> None:
    form_field.help_text = f"{form_field.help_text} {text}".strip()


def add_return_fields(form, *, progress: list[str] | None = None) -> None:
    """Put the record form's statutory-return questions (its model fields) as radios
    offering only the answers that fit, under a heading on a one-page form. Where the
    record already knows the answer, the form suggests it, visibly: the method from the
    contact it records; a carer's assessment's type; whether a review's outcomes were
    achieved from `progress` (the progress against each of the plan's outcomes)."""
    record, kind = form.instance, form.KIND
    choices = return_choices(kind)
    for name, options in choices.items():
        form.fields[name] = _radios(kind, name, options, required=False)
    first = form.fields[next(iter(choices))]
    first.help_text = HINT
    if form.section is None:
        first.heading = HEADING
    fresh = not form.is_bound
    method = method_suggested(_contact_method(record))
    if method and not record.method:
        contact = Contact.Method(_contact_method(record)).label.lower()
        _add_hint(form.fields["method"], METHOD_FROM_CONTACT.format(contact=contact))
        if fresh:
            form.initial["method"] = method
    if kind == RecordKind.CARERS_ASSESSMENT:
        _add_hint(form.fields["assessment_type"], CARERS_TYPE)
        if fresh and not record.assessment_type:
            form.initial["assessment_type"] = cld.AssessmentType.UNPAID_CARER
    if kind == RecordKind.REVIEW and progress is not None:
        suggestion = outcomes_achieved_suggested(progress)
        if suggestion:
            answer = cld.ReviewOutcomesAchieved(suggestion).label.lower()
            _add_hint(
                form.fields["outcomes_achieved"], ACHIEVED_FROM_PROGRESS.format(answer=answer)
            )
            if fresh and not record.outcomes_achieved:
                form.initial["outcomes_achieved"] = suggestion


class ReturnDetailsForm(BaseForm):
    """The statutory-return details of a completed record, and nothing else. Each
    question carries, hidden, the value the page showed (`seen_<name>`): the save is
    refused if someone changed it meanwhile."""

    submit_label = "Save the return details"

    def __init__(self, data=None, *, record, progress: list[str] | None = None):
        super().__init__(data)
        self.kind = record.kind
        self.names = RETURN_FIELDS[self.kind]
        for name, options in return_choices(self.kind).items():
            current = getattr(record, name)
            if current and current not in {code for code, _ in options}:
                # An answer given another way stays choosable (and shown), never lost.
                label = dict(record._meta.get_field(name).flatchoices).get(current, current)
                options = [*options, (current, label)]
            self.fields[name] = _radios(self.kind, name, options, required=True)
            self.fields[f"seen_{name}"] = forms.CharField(widget=forms.HiddenInput, required=False)
            self.initial[name] = current
            self.initial[f"seen_{name}"] = current
        method = method_suggested(_contact_method(record))
        if method and not record.method:
            contact = Contact.Method(_contact_method(record)).label.lower()
            _add_hint(self.fields["method"], f"The contact this records was a {contact}.")
        if self.kind == RecordKind.REVIEW and progress is not None:
            suggestion = outcomes_achieved_suggested(progress)
            if suggestion:
                answer = cld.ReviewOutcomesAchieved(suggestion).label.lower()
                _add_hint(
                    self.fields["outcomes_achieved"],
                    ACHIEVED_FROM_PROGRESS.format(answer=answer),
                )
        # The hidden fields go last, after the questions.
        self.order_fields([*self.names, *(f"seen_{name}" for name in self.names)])

    def values(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in self.names}

    def seen(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(f"seen_{name}", "") for name in self.names}
