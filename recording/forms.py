import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from crispy_forms_gds.layout import Field, Fixed, Layout, Size
from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils import timezone

from config.forms import BaseForm, DateField, MoneyField, PastDateField, rows_requested
from principles.models import Framework, Principle, Statement, principles_for
from recording.deadlines import LONDON
from recording.models import (
    SEARCH_MAX_CHARACTERS,
    SEARCH_MAX_WORDS,
    CaseNote,
    Contact,
    Person,
    Record,
    RecordKind,
)
from recording.services import EvidenceInput, OptionInput

_TIME = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>am|pm)?$")


def parse_time_of_day(text: str) -> time | None:
    """'9:30', '09.30', '14:15', '2pm', '2:30 pm' -> a time; anything else -> None."""
    match = _TIME.match(text.strip().lower().replace(" ", ""))
    if not match:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    half = match["half"]
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif match["minute"] is None:
        return None  # "14" alone is too ambiguous to guess
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def london_moment(day: date, at: time) -> datetime | None:
    """`day` at `at` on the clocks in London, or None for a time the clocks skipped when
    British Summer Time began. In the repeated hour when it ends, the first is meant."""
    moment = datetime.combine(day, at, tzinfo=LONDON)
    if moment.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None) != moment.replace(
        tzinfo=None
    ):
        return None  # zoneinfo round-trips a skipped time to a different wall time
    return moment


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label="Search by name or council reference",
        required=False,
        max_length=SEARCH_MAX_CHARACTERS,
        error_messages={
            "max_length": f"Search must be {SEARCH_MAX_CHARACTERS} characters or fewer"
        },
    )

    def clean_q(self) -> str:
        query = self.cleaned_data["q"]
        if len(set(query.casefold().split())) > SEARCH_MAX_WORDS:
            raise ValidationError(f"Search for {SEARCH_MAX_WORDS} words or fewer")
        return query


class ContactForm(BaseForm):
    submit_label = "Save contact and write the case note"

    contact_date = PastDateField(
        label="Date of contact",
        subject="The date of the contact",
        help_text="For example, 23 11 2026",
    )
    contact_time = forms.CharField(
        label="Time of contact",
        help_text="For example, 9:30 or 14:15",
        max_length=10,
        error_messages={"required": "Enter the time of the contact"},
    )
    method = forms.ChoiceField(
        label="How was the contact made?",
        choices=Contact.Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the contact was made"},
    )
    with_whom = forms.CharField(
        label="Who was the contact with?",
        help_text="For example, the person and their daughter, Jo",
        max_length=300,
        error_messages={"required": "Enter who the contact was with"},
    )

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["contact_date"].error_messages.update(
            required="Enter the date of the contact",
            incomplete="Enter the date of the contact",
        )
        self.helper.layout = Layout(
            Field("contact_date", legend_size=Size.SMALL),
            Field.text("contact_time", field_width=Fixed.TEN),
            Field.radios("method", legend_size=Size.SMALL),
            Field.text("with_whom"),
        )

    def clean_contact_time(self):
        at = parse_time_of_day(self.cleaned_data["contact_time"])
        if at is None:
            raise forms.ValidationError("Enter the time as hours and minutes, like 9:30 or 14:15")
        return at

    def clean(self):
        cleaned = super().clean()
        day, at = cleaned.get("contact_date"), cleaned.get("contact_time")
        if day is None:
            return cleaned
        if day < self.person.date_of_birth:
            self.add_error(
                "contact_date",
                "Date of contact must be on or after the person's date of birth, "
                f"{self.person.date_of_birth:%-d %B %Y}",
            )
            return cleaned
        if at is None:
            return cleaned
        moment = london_moment(day, at)
        if moment is None:
            self.add_error(
                "contact_time",
                "The clocks went forward at 1am that day: enter a time before 1am or from 2am",
            )
        elif moment > timezone.now():
            self.add_error("contact_time", "Time of contact must be in the past")
        else:
            cleaned["occurred_at"] = moment
        return cleaned


@dataclass
class PrincipleItem:
    """One principle's part of a record form, for the template."""

    principle: Principle
    tick: forms.BoundField
    evidence: forms.BoundField
    statements: forms.BoundField | None


class PrincipleEvidenceMixin:
    """Adds, for each principle of the record's framework version, a tick box, an
    evidence text ("how this principle shaped what I did") and its We statements."""

    def _add_principle_fields(self, framework: Framework, record: Record | None, kind: str) -> None:
        self.framework_principles = list(
            principles_for(framework, kind).prefetch_related("statements")
        )
        self.required_principles = {p.pk for p in self.framework_principles if p.is_required}
        existing = {}
        if record is not None and not self.is_bound:  # a sent form shows what was sent
            existing = {e.principle_id: e for e in record.evidence.prefetch_related("statements")}
        for principle in self.framework_principles:
            prefix = f"principle_{principle.number}"
            required = " (required)" if principle.pk in self.required_principles else ""
            self.fields[prefix] = forms.BooleanField(
                label=f"{principle.number}. {principle.title}{required}", required=False
            )
            self.fields[f"{prefix}_evidence"] = forms.CharField(
                label=f"How did principle {principle.number} shape what you did?",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            we = [s for s in principle.statements.all() if s.kind == Statement.Kind.WE]
            if we:
                self.fields[f"{prefix}_statements"] = forms.TypedMultipleChoiceField(
                    label=f"We statements of principle {principle.number} you applied",
                    choices=[(s.pk, s.text) for s in we],
                    coerce=int,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                )
            if principle.pk in existing and not self.is_bound:
                row = existing[principle.pk]
                self.initial[prefix] = True
                self.initial[f"{prefix}_evidence"] = row.evidence
                self.initial[f"{prefix}_statements"] = [s.pk for s in row.statements.all()]

    def principle_field_names(self) -> list[str]:
        return [
            name
            for principle in self.framework_principles
            for name in (
                f"principle_{principle.number}",
                f"principle_{principle.number}_evidence",
                f"principle_{principle.number}_statements",
            )
            if name in self.fields
        ]

    def principle_items(self) -> list[PrincipleItem]:
        items = []
        for principle in self.framework_principles:
            prefix = f"principle_{principle.number}"
            items.append(
                PrincipleItem(
                    principle=principle,
                    tick=self[prefix],
                    evidence=self[f"{prefix}_evidence"],
                    statements=self[f"{prefix}_statements"]
                    if f"{prefix}_statements" in self.fields
                    else None,
                )
            )
        return items

    def _clean_principles(self, cleaned: dict) -> None:
        """Only that what was sent makes sense: what completing needs of the principles
        is the model's (`Record.completion_errors`), shown by `show_errors`."""
        for principle in self.framework_principles:
            prefix = f"principle_{principle.number}"
            ticked = cleaned.get(prefix)
            evidence = cleaned.get(f"{prefix}_evidence", "").strip()
            statements = cleaned.get(f"{prefix}_statements") or []
            if not ticked and (evidence or statements):
                self.add_error(
                    prefix,
                    f"Select principle {principle.number} if it shaped what you did, "
                    "or remove what you wrote about it",
                )

    def show_errors(self, errors: dict[str, str]) -> None:
        """Put `errors` (field name -> message) next to the fields this form shows;
        used for what completion needs (the model's `completion_errors`), on a bound or
        an unbound form."""
        if self._errors is None:
            self._errors = ErrorDict()
        for name, message in errors.items():
            if name in self.fields or name == "__all__":
                self._errors.setdefault(name, self.error_class(renderer=self.renderer))
                self._errors[name].append(message)

    def evidence_inputs(self) -> list[EvidenceInput]:
        statements = {
            s.pk: s for principle in self.framework_principles for s in principle.statements.all()
        }
        inputs = []
        for principle in self.framework_principles:
            prefix = f"principle_{principle.number}"
            if self.cleaned_data.get(prefix):
                inputs.append(
                    EvidenceInput(
                        principle=principle,
                        evidence=self.cleaned_data[f"{prefix}_evidence"].strip(),
                        statements=[
                            statements[pk]
                            for pk in self.cleaned_data.get(f"{prefix}_statements", [])
                        ],
                    )
                )
        return inputs


class RecordForm(PrincipleEvidenceMixin, BaseForm):
    """A record's form: saved as a draft, or completed (which asks for more)."""

    SAVE = "save"
    COMPLETE = "complete"

    def __init__(self, *args, framework: Framework, record: Record | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.completing = self.is_bound and self.data.get("action") == self.COMPLETE
        self.framework = framework
        self.helper.inputs = []  # the template writes "Complete" and "Save as draft"
        self._add_principle_fields(framework, record, self.KIND)

    def clean(self):
        cleaned = super().clean()
        # What completing needs is the model's (`completion_errors`): the form checks
        # only that what was sent makes sense.
        self._clean_principles(cleaned)
        return cleaned


def _text(label: str, help_text: str = "", rows: int = 5) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class CaseNoteForm(RecordForm):
    KIND = RecordKind.CASE_NOTE
    OPTION_ROWS_MIN = 2

    narrative = _text(
        "What happened",
        "Write in plain English, as if the person were reading it. Say what they told you "
        "in their own words where you can.",
        rows=8,
    )
    made_decision = forms.ChoiceField(
        label="Did you make a decision?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        required=False,
    )
    decision = _text("What did you decide?", rows=3)
    decision_reasons = _text("Your reasons for the decision", rows=4)
    legal_basis = forms.ChoiceField(
        label="The law the decision rests on",
        choices=[("", "Select the Act"), *CaseNote.LegalBasis.choices],
        required=False,
    )
    legal_section = forms.CharField(
        label="Section, if known",
        help_text="For example, section 18",
        required=False,
        max_length=100,
    )
    next_actions = _text("Next actions", "Who will do what, and by when.", rows=4)

    def __init__(self, *args, note: CaseNote | None = None, **kwargs):
        super().__init__(*args, record=note, **kwargs)
        existing = list(note.options.all()) if note is not None and not self.is_bound else []
        if self.is_bound:
            rows = rows_requested(
                self.data,
                "option_rows",
                minimum=self.OPTION_ROWS_MIN,
                maximum=20,
                add=self.data.get("action") == "add_option",
            )
        else:
            rows = max(len(existing) + 1, self.OPTION_ROWS_MIN)
        self.option_rows = rows
        for number in range(1, rows + 1):
            self.fields[f"option_{number}"] = _text(f"Option {number} considered", rows=2)
            self.fields[f"option_{number}_why_not"] = _text(
                f"Why option {number} was not appropriate", rows=2
            )
        if note is not None and not self.is_bound:
            for name in ["narrative", "decision", "decision_reasons", "legal_basis"]:
                self.initial[name] = getattr(note, name)
            self.initial["legal_section"] = note.legal_section
            self.initial["next_actions"] = note.next_actions
            self.initial["made_decision"] = {True: "yes", False: "no"}.get(note.made_decision, "")
            for number, option in enumerate(existing, start=1):
                self.initial[f"option_{number}"] = option.option
                self.initial[f"option_{number}_why_not"] = option.why_not_appropriate
        # The error summary lists errors in page order.
        self.order_fields(
            ["narrative", *self.principle_field_names(), "made_decision", "decision"]
            + ["decision_reasons"]
            + [f"option_{n}{part}" for n in range(1, rows + 1) for part in ("", "_why_not")]
            + ["legal_basis", "legal_section", "next_actions"]
        )

    def option_pairs(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"option_{n}"], self[f"option_{n}_why_not"])
            for n in range(1, self.option_rows + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        for number in range(1, self.option_rows + 1):
            option = cleaned.get(f"option_{number}", "").strip()
            why_not = cleaned.get(f"option_{number}_why_not", "").strip()
            if why_not and not option:
                self.add_error(
                    f"option_{number}",
                    f"Enter option {number}, or remove why it was not appropriate",
                )
        return cleaned

    def option_inputs(self) -> list[OptionInput]:
        inputs = []
        for number in range(1, self.option_rows + 1):
            option = self.cleaned_data.get(f"option_{number}", "").strip()
            if option:
                inputs.append(
                    OptionInput(
                        option=option,
                        why_not_appropriate=self.cleaned_data.get(
                            f"option_{number}_why_not", ""
                        ).strip(),
                    )
                )
        return inputs

    def note_fields(self) -> dict:
        data = self.cleaned_data
        decided = data.get("made_decision") == "yes"
        return {
            "narrative": data["narrative"].strip(),
            "made_decision": {"yes": True, "no": False}.get(data.get("made_decision")),
            "decision": data["decision"].strip() if decided else "",
            "decision_reasons": data["decision_reasons"].strip() if decided else "",
            "legal_basis": data["legal_basis"] if decided else "",
            "legal_section": data["legal_section"].strip() if decided else "",
            "next_actions": data["next_actions"].strip(),
        }

    def decision_options(self) -> list[OptionInput]:
        return self.option_inputs() if self.cleaned_data.get("made_decision") == "yes" else []


class ProvisionalCarePackageForm(RecordForm):
    KIND = RecordKind.PROVISIONAL_CARE_PACKAGE
    what = _text("What care and support has been arranged?", rows=4)
    provider = forms.CharField(label="Provider", required=False, max_length=200)
    start_date = DateField(label="Start date", help_text="For example, 30 11 2026", required=False)
    weekly_cost = MoneyField(label="Weekly cost", help_text="For example, 120 or 245.50")
    why = _text("Why is the package needed now?", rows=4)

    FIELDS = ["what", "provider", "start_date", "weekly_cost", "why"]

    def __init__(self, *args, package=None, **kwargs):
        super().__init__(*args, record=package, **kwargs)
        self.fields["start_date"].error_messages.update(
            incomplete="Start date must include a day, month and year",
        )
        if package is not None and not self.is_bound:
            for name in self.FIELDS:
                self.initial[name] = getattr(package, name)
        self.order_fields([*self.FIELDS, *self.principle_field_names()])

    def package_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "what": data["what"].strip(),
            "provider": data["provider"].strip(),
            "start_date": data["start_date"],
            "weekly_cost": data["weekly_cost"],
            "why": data["why"].strip(),
        }


class AddendumForm(BaseForm):
    submit_label = "Add addendum"

    reason = forms.CharField(
        label="Reason for the addendum",
        help_text="For example, wrong date of birth recorded, or information received later",
        max_length=300,
        error_messages={"required": "Enter the reason for the addendum"},
    )
    text = forms.CharField(
        label="Addendum",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the addendum"},
    )
