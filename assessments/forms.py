"""The Care Act record forms. Each is a `ModelForm` over its record with the principle
evidence fields of the case record, plus lists of rows ("Add another risk") that work
without JavaScript. What completion needs is the model's (`completion_errors`): the
form saves the draft first, so nothing typed is lost, then shows what is missing next
to each field."""

from dataclasses import dataclass, field
from decimal import Decimal

from crispy_forms_gds.helper import FormHelper
from django import forms

from assessments.forms_return import add_return_fields
from assessments.models import (
    COPY_RECEIVED,
    REVIEW_HELD,
    Achievement,
    CarePlan,
    CarerOutcome,
    CarersAssessment,
    CopyChannel,
    CopyFormat,
    EligibilityDetermination,
    NeedsAssessment,
    Outcome,
    PlanSupport,
    Review,
    ReviewProgress,
    SafeguardingConcern,
)
from assessments.pdf import FOR_THE_PERSON, is_in_copy
from assessments.rules import StartFacts, frequency_says_units, weekly_cost, why_not_startable
from config import cld
from config.forms import BaseForm, DateField, MoneyField, PastDateField, rows_requested
from config.kinds import CARE_ACT_KINDS
from config.money import pounds
from principles.citations import Purpose, cite_in_help_texts, citing
from recording.forms import PrincipleEvidenceMixin

COMPLETE = "complete"
YES_NO = [("yes", "Yes"), ("no", "No")]


def _text(label: str, help_text: str = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def yes_no_field(label: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


def choice_field(label: str, choices, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, help_text=help_text, choices=choices, required=False, widget=forms.RadioSelect
    )


@dataclass(frozen=True)
class Rows:
    """A list of rows on a record ("Add another risk"): fields `<prefix>_<n>_<name>`."""

    prefix: str
    title: str  # "Risk": each row is "Risk 1", "Risk 2"
    noun: str
    related_name: str
    key: str  # a row with this field empty is not a row
    fields: dict = field(default_factory=dict)  # name -> callable(number) -> Field
    min_rows: int = 1
    max_rows: int = 40


@dataclass(frozen=True)
class Section:
    """A page of a long form, listed in its task list."""

    slug: str
    title: str
    fields: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()  # prefixes of `Rows`
    principles: bool = False


class CareActForm(PrincipleEvidenceMixin, forms.ModelForm):
    ROWS: tuple[Rows, ...] = ()
    SECTIONS: tuple[Section, ...] = ()

    def __init__(self, data=None, *, instance, section: Section | None = None):
        super().__init__(data, instance=instance)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.section = section
        self.completing = self.is_bound and self.data.get("action") == COMPLETE
        self.framework = instance.framework
        self.KIND = type(instance).KIND
        self.row_counts: dict[str, int] = {}
        for rows in self.ROWS:
            self._add_rows(rows)
        self.add_fields()
        self._add_principle_fields(instance.framework, instance, instance.kind)
        for name, form_field in self.fields.items():
            # A yes-or-no question shows the saved answer ("yes", "no"), not True/False.
            if getattr(form_field, "choices", None) == YES_NO and not self.is_bound:
                value = self.initial.get(name)
                self.initial[name] = {True: "yes", False: "no"}.get(value, value)
        shown = self.shown_field_names()
        for name in list(self.fields):
            if name not in shown:
                del self.fields[name]
            elif is_in_copy(self.KIND, name):
                hint = self.fields[name].help_text
                self.fields[name].help_text = f"{FOR_THE_PERSON} {hint}".strip()
        self.order_fields(shown)
        cite_in_help_texts(self.fields, self.framework)

    # --- What the form shows ---

    def add_fields(self) -> None:
        """Fields that are not the model's own or rows (a hook for subclasses)."""

    def page_field_names(self) -> list[str]:
        """The fields of the whole form, in page order, with no section chosen."""
        return [*self._meta.fields, *self._row_field_names(), *self.principle_field_names()]

    def shown_field_names(self) -> list[str]:
        if self.section is None:
            return self.page_field_names()
        return self.section_field_names(self.section)

    def section_field_names(self, section: Section) -> list[str]:
        names = list(section.fields)
        for rows in self.ROWS:
            if rows.prefix in section.rows:
                names += self._row_field_names(rows)
        if section.principles:
            names += self.principle_field_names()
        return names

    def shows_principles(self) -> bool:
        return any(name.startswith("principle_") for name in self.fields)

    # --- Rows ---

    def _add_rows(self, rows: Rows) -> None:
        existing = list(getattr(self.instance, rows.related_name).all())
        if self.is_bound:
            count = rows_requested(
                self.data,
                f"{rows.prefix}_rows",
                minimum=rows.min_rows,
                maximum=rows.max_rows,
                add=self.data.get("action") == f"add_{rows.prefix}",
            )
        else:
            count = min(max(len(existing), rows.min_rows), rows.max_rows)
        self.row_counts[rows.prefix] = count
        for number in range(1, count + 1):
            for name, make in rows.fields.items():
                self.fields[f"{rows.prefix}_{number}_{name}"] = make(number)
        if not self.is_bound:
            for number, row in enumerate(existing, start=1):
                for name in rows.fields:
                    value = getattr(row, name)
                    self.initial[f"{rows.prefix}_{number}_{name}"] = value
        return None

    def _row_field_names(self, only: Rows | None = None) -> list[str]:
        return [
            f"{rows.prefix}_{number}_{name}"
            for rows in self.ROWS
            if only is None or rows is only
            for number in range(1, self.row_counts[rows.prefix] + 1)
            for name in rows.fields
        ]

    def row_notes(self, prefix: str) -> list[str]:
        """A line of text read-only under each row (a hook: the plan's weekly costs)."""
        return [""] * self.row_counts[prefix]

    def rows(self, prefix: str) -> list[list[forms.BoundField]]:
        spec = next(rows for rows in self.ROWS if rows.prefix == prefix)
        return [
            [self[f"{prefix}_{number}_{name}"] for name in spec.fields]
            for number in range(1, self.row_counts[prefix] + 1)
        ]

    def layout(self) -> list[dict]:
        """What the page shows, in order: fields, lists of rows, and the principles."""
        row_of = {name: rows for rows in self.ROWS for name in self._row_field_names(rows)}
        items, placed = [], set()
        for name in self.fields:
            if name.startswith("principle_"):
                key, item = "principles", {"type": "principles"}
            elif name in row_of:
                rows = row_of[name]
                key = rows.prefix
                item = {
                    "type": "rows",
                    "spec": rows,
                    "rows": self.rows(rows.prefix),
                    "row_items": list(
                        zip(self.rows(rows.prefix), self.row_notes(rows.prefix), strict=True)
                    ),
                }
            else:
                key, item = name, {"type": "field", "field": self[name]}
            if key not in placed:
                placed.add(key)
                items.append(item)
        return items

    def row_count_inputs(self) -> list[tuple[str, int]]:
        return [(f"{rows.prefix}_rows", self.row_counts[rows.prefix]) for rows in self.row_specs()]

    def row_specs(self) -> list[Rows]:
        return [rows for rows in self.ROWS if f"{rows.prefix}_1_{rows.key}" in self.fields]

    def clean(self):
        cleaned = super().clean()
        self._clean_principles(cleaned)  # completion is the model's
        for rows in self.row_specs():
            for number in range(1, self.row_counts[rows.prefix] + 1):
                names = [f"{rows.prefix}_{number}_{name}" for name in rows.fields]
                values = [cleaned.get(name) for name in names]
                filled = [v for v in values if v not in (None, "", False)]
                key = f"{rows.prefix}_{number}_{rows.key}"
                if filled and cleaned.get(key) in (None, "") and key not in self.errors:
                    self.add_error(
                        key,
                        f"Enter {rows.noun} {number}, or remove what you wrote in that row",
                    )
        return cleaned

    # --- What the form gives the service ---

    def record_fields(self) -> dict:
        return {
            name: self._stripped(name) for name in self._meta.fields if name in self.cleaned_data
        }

    def _stripped(self, name: str):
        value = self.cleaned_data[name]
        return value.strip() if isinstance(value, str) else value

    def children(self) -> dict[str, list[dict]]:
        children = {}
        for rows in self.row_specs():
            values = []
            for number in range(1, self.row_counts[rows.prefix] + 1):
                row = {
                    name: self._stripped(f"{rows.prefix}_{number}_{name}") for name in rows.fields
                }
                if row[rows.key] not in (None, ""):
                    values.append(row)
            children[rows.related_name] = values
        return children

    def evidence_or_none(self):
        return self.evidence_inputs() if self.shows_principles() else None


# --- Needs assessment ---

RISK_ROWS = Rows(
    prefix="risk",
    title="Risk",
    noun="the risk",
    related_name="risks",
    key="risk",
    min_rows=1,
    fields={
        "risk": lambda n: _text(f"Risk {n}", rows=2),
        "benefit": lambda n: citing(
            _text("What the person gains by taking this risk", "Be risk positive.", rows=2),
            Purpose.RISK,
        ),
        "mitigation": lambda n: _text("How the risk is reduced", rows=2),
        "persons_view": lambda n: _text("The person's view", rows=2),
    },
)


class NeedsAssessmentForm(CareActForm):
    ROWS = (RISK_ROWS,)
    SECTIONS = (
        Section("what-matters", "What matters to the person", ("what_matters",)),
        Section(
            "strengths",
            "Strengths and assets",
            ("strengths_personal", "strengths_family", "strengths_community"),
        ),
        Section(
            "needs",
            "Needs and the eligibility outcomes",
            (*(f"outcome_{o.value}{part}" for o in Outcome for part in ("", "_needs")),),
        ),
        Section("wellbeing", "Impact on wellbeing", ("wellbeing_impact",)),
        Section("risks", "Risks", rows=("risk",)),
        Section("identity", "Identity, culture and carers", ("identity_and_culture", "carers")),
        Section(
            "capacity",
            "Mental capacity and advocacy",
            ("mental_capacity", "mental_capacity_notes", "advocacy", "advocacy_notes"),
        ),
        Section("prevention", "Prevention advice and signposting", ("prevention_advice",)),
        Section(
            "statutory-return", "For the statutory return", ("assessment_type", "method", "outcome")
        ),
        Section("principles", "Practice principles", principles=True),
    )
    PROPORTIONATE_FIELDS = (
        "what_matters",
        "strengths_personal",
        "strengths_family",
        "strengths_community",
        "wellbeing_impact",
        "mental_capacity",
        "mental_capacity_notes",
        "advocacy",
        "advocacy_notes",
        "prevention_advice",
        "assessment_type",
        "method",
        "outcome",
    )

    what_matters = _text(
        "What matters to the person",
        "In their own words. Quote them where you can.",
        rows=6,
    )
    strengths_personal = _text("Personal strengths", "What the person can do, and enjoys.")
    strengths_family = _text("Family and friends", "Who is there for the person.")
    strengths_community = _text("Community", "Groups, places and services the person uses.")
    wellbeing_impact = _text(
        "Impact on the person's wellbeing", "Think about each area of wellbeing in section 1."
    )
    identity_and_culture = citing(
        _text(
            "Identity and culture",
            "Faith, language, culture, sexuality, what makes them who they are.",
        ),
        Purpose.IDENTITY,
    )
    carers = _text(
        "Carers", "Who cares for the person, and whether they were offered a carer's assessment."
    )
    mental_capacity = choice_field(
        "How was the person's mental capacity considered?", NeedsAssessment.Capacity.choices
    )
    mental_capacity_notes = _text("Notes on mental capacity", rows=3)
    advocacy = choice_field("Does the person need an advocate?", NeedsAssessment.Advocacy.choices)
    advocacy_notes = _text("Notes on advocacy", rows=3)
    prevention_advice = _text("Prevention advice and signposting")

    class Meta:
        model = NeedsAssessment
        fields = [
            "what_matters",
            "strengths_personal",
            "strengths_family",
            "strengths_community",
            "wellbeing_impact",
            "identity_and_culture",
            "carers",
            "mental_capacity",
            "mental_capacity_notes",
            "advocacy",
            "advocacy_notes",
            "prevention_advice",
            "assessment_type",
            "method",
            "outcome",
        ]

    def add_fields(self):
        add_return_fields(self)
        existing = {row.outcome: row for row in self.instance.outcomes.all()}
        for outcome in Outcome:
            name = f"outcome_{outcome.value}"
            self.fields[name] = forms.ChoiceField(
                label=outcome.label,
                choices=[("", "Not assessed yet"), *Achievement.choices],
                required=False,
            )
            self.fields[f"{name}_needs"] = _text(
                f"The person's needs: {outcome.label.lower()}", rows=2
            )
            if outcome.value in existing and not self.is_bound:
                self.initial[name] = existing[outcome.value].achievement
                self.initial[f"{name}_needs"] = existing[outcome.value].needs

    def page_field_names(self):
        if self.instance.is_proportionate:
            return [*self.PROPORTIONATE_FIELDS, *self.principle_field_names()]
        names = [name for section in self.SECTIONS for name in section.fields]
        return [*names, *self._row_field_names(), *self.principle_field_names()]

    def children(self):
        children = super().children()
        if "outcome_nutrition" in self.fields:
            children["outcomes"] = [
                {
                    "outcome": o.value,
                    "achievement": self.cleaned_data[f"outcome_{o.value}"],
                    "needs": self.cleaned_data[f"outcome_{o.value}_needs"].strip(),
                }
                for o in Outcome
                if self.cleaned_data[f"outcome_{o.value}"]
                or self.cleaned_data[f"outcome_{o.value}_needs"].strip()
            ]
        return children


# --- Eligibility ---


class EligibilityForm(CareActForm):
    needs_from_impairment = yes_no_field(
        "Do the person's needs arise from, or relate to, a physical or mental impairment "
        "or illness?",
        "Condition 1 of the Care and Support (Eligibility Criteria) Regulations 2015.",
    )
    impairment_notes = _text("The impairment or illness", rows=3)
    outcomes_not_achieved = forms.TypedMultipleChoiceField(
        label="Which outcomes can the person not achieve?",
        help_text="Condition 2: two or more. From the needs assessment.",
        choices=Outcome.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    wellbeing_significant = yes_no_field(
        "As a result, is there, or is there likely to be, a significant impact on the "
        "person's wellbeing?",
        "Condition 3.",
    )
    wellbeing_notes = _text("The impact on the person's wellbeing", rows=3)
    decision = choice_field("Decision", EligibilityDetermination.Decision.choices)
    reasons = _text("Reasons for the decision", rows=5)

    class Meta:
        model = EligibilityDetermination
        fields = [
            "needs_from_impairment",
            "impairment_notes",
            "outcomes_not_achieved",
            "wellbeing_significant",
            "wellbeing_notes",
            "decision",
            "reasons",
        ]

    def __init__(self, *args, instance, **kwargs):
        super().__init__(*args, instance=instance, **kwargs)
        if instance.is_for_carer:
            self._carers_criteria()
        elif not self.is_bound and not instance.outcomes_not_achieved:
            # Start from what the assessment found.
            self.initial["outcomes_not_achieved"] = [
                o.value for o in instance.assessment.unmet_outcomes()
            ]

    def _carers_criteria(self) -> None:
        """A carer's needs are decided under regulation 3: the three conditions are
        asked about the carer."""
        labels = {
            "needs_from_impairment": (
                "Do the carer's needs arise from providing necessary care for an adult?",
                "Condition 1 of regulation 3 of the Care and Support (Eligibility Criteria) "
                "Regulations 2015.",
            ),
            "impairment_notes": ("The care they provide", ""),
            "outcomes_not_achieved": (
                "How does caring affect the carer?",
                "Condition 2: their health is at risk, or they cannot achieve one or more "
                "of these outcomes. One is enough.",
            ),
            "wellbeing_significant": (
                "As a result, is there, or is there likely to be, a significant impact on "
                "the carer's wellbeing?",
                "Condition 3.",
            ),
            "wellbeing_notes": ("The impact on the carer's wellbeing", ""),
        }
        for name, (label, hint) in labels.items():
            if name in self.fields:
                self.fields[name].label = label
                self.fields[name].help_text = hint
        if "outcomes_not_achieved" in self.fields:
            self.fields["outcomes_not_achieved"].choices = CarerOutcome.choices


# --- Care and support plan ---

PLAN_OUTCOME_ROWS = Rows(
    prefix="outcome",
    title="Outcome",
    noun="outcome",
    related_name="outcomes",
    key="statement",
    fields={
        "statement": lambda n: forms.CharField(
            label=f"Outcome {n}",
            help_text="As the person would say it, for example: I want to cook my own meals",
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
    },
)


def select_field(label: str, choices, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=help_text,
        choices=[("", "Choose")] + list(choices),
        required=False,
        widget=forms.Select,
    )


def units_field(label: str) -> forms.DecimalField:
    field = forms.DecimalField(
        label=label,
        help_text="For a cost per hour, day or session: how many a week, for example 7 or "
        "3.5. Leave it empty for a weekly, monthly, yearly or one-off cost.",
        required=False,
        min_value=Decimal("0"),
        max_digits=7,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
    )
    field.error_messages.update(
        invalid="Enter the planned units a week as a number, like 7 or 3.5",
        min_value="The planned units a week must be 0 or more",
        max_digits="The planned units a week must be less than 100,000",
        max_whole_digits="The planned units a week must be less than 100,000",
        max_decimal_places="Enter the planned units a week with no more than 2 numbers after "
        "the point",
    )
    return field


# A support's CLD service details (issue 18): the service event DHSC's return counts.
# The weekly cost is worked out from them (`rules.weekly_cost`), never typed.
SERVICE_FIELDS = {
    "service_type": lambda n: select_field(
        "Service type", cld.ServiceType.choices, "As the Client Level Data return counts it."
    ),
    "service_component": lambda n: select_field(
        "Service component", cld.ServiceComponent.choices, "What the service is."
    ),
    "delivery_mechanism": lambda n: choice_field(
        "How it is delivered", cld.DeliveryMechanism.choices
    ),
    "provider_cqc_location_id": lambda n: forms.CharField(
        label="Provider's CQC location ID",
        help_text="For a provider registered with the Care Quality Commission, for example "
        "1-123456789.",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"spellcheck": "false", "class": "govuk-input--width-20"}),
    ),
    "unit_cost": lambda n: MoneyField(
        label=f"Cost of support {n}", help_text="For example, 18.50 an hour or 400 a month"
    ),
    "cost_frequency": lambda n: select_field("The cost is", cld.CostFrequency.choices),
    "planned_units_per_week": lambda n: units_field("Planned hours, days or sessions a week"),
    "start_date": lambda n: DateField(
        label="Date the service starts", help_text="For example, 1 12 2026", required=False
    ),
}


def support_cost_note(values: dict) -> str:
    """The support's weekly cost as the page shows it, read-only, from its costs."""
    cost = weekly_cost(
        values.get("unit_cost"),
        values.get("cost_frequency") or "",
        values.get("planned_units_per_week"),
    )
    if cost is None:
        if values.get("weekly_cost") is not None and values.get("unit_cost") is None:
            return f"Weekly cost: {pounds(values['weekly_cost'])}."
        return "Weekly cost: worked out from the cost, what it is per and the planned units."
    frequency = cld.CostFrequency(values["cost_frequency"])
    given = f"{pounds(values['unit_cost'])} {frequency.label.lower()}"
    if frequency == cld.CostFrequency.ONE_OFF:
        one_off = pounds(values["unit_cost"])
        return f"Weekly cost: {pounds(cost)} (a one-off {one_off}, spread over a year)."
    if not frequency_says_units(frequency):
        given += f", {values['planned_units_per_week'].normalize():f} a week"
    return f"Weekly cost: {pounds(cost)} (worked out from {given})."


_TEXT_SERVICE_FIELDS = {
    "service_type",
    "service_component",
    "delivery_mechanism",
    "provider_cqc_location_id",
    "cost_frequency",
}

SUPPORT_ROWS = Rows(
    prefix="support",
    title="Support",
    noun="the need",
    related_name="supports",
    key="need",
    fields={
        "need": lambda n: _text(f"Need {n}", rows=2),
        "how_met": lambda n: _text("How it will be met", rows=2),
        "kind": lambda n: choice_field("Type of support", PlanSupport.Kind.choices),
        "provider": lambda n: forms.CharField(label="Provider", required=False, max_length=200),
        **SERVICE_FIELDS,
        "meets_assessed_needs": lambda n: citing(
            forms.BooleanField(
                label="It meets the person's assessed needs and outcomes",
                help_text="Confirm this for a non-traditional option.",
                required=False,
            ),
            Purpose.ALTERNATIVES,
        ),
        "safe_lawful_appropriate": lambda n: forms.BooleanField(
            label="It is safe, lawful and appropriate", required=False
        ),
    },
)


class CarePlanForm(CareActForm):
    ROWS = (PLAN_OUTCOME_ROWS, SUPPORT_ROWS)

    personal_budget = MoneyField(
        label="Personal budget", help_text="Weekly, in pounds and pence, for example 320.00"
    )
    top_up = MoneyField(
        label="The person's top-up",
        help_text="Only when the support they choose costs more than the personal budget: "
        "what the person pays each week, the difference. Leave it empty otherwise.",
    )
    top_up_notes = _text("About the top-up", "Who pays it, and what it pays for.", rows=2)
    direct_payments = yes_no_field("Will the person take direct payments?")
    direct_payments_why_not = _text("Why not?", rows=2)
    health_funding_considered = citing(
        forms.BooleanField(
            label="Funded Nursing Care and NHS Continuing Healthcare were considered before "
            "funded care",
            required=False,
        ),
        Purpose.VALUE_FOR_MONEY,
    )
    health_funding_notes = _text("What was considered", rows=2)
    contingency_plan = _text("Contingency plan", "What happens if the support breaks down.")
    review_date = DateField(
        label="Review date", help_text="Within 12 months, for example 30 11 2027", required=False
    )

    class Meta:
        model = CarePlan
        fields = [
            "personal_budget",
            "top_up",
            "top_up_notes",
            "direct_payments",
            "direct_payments_why_not",
            "health_funding_considered",
            "health_funding_notes",
            "contingency_plan",
            "review_date",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, self.row_counts.get(SUPPORT_ROWS.prefix, 0) + 1):
            # The units a weekly or monthly cost says are the return's, not typed here.
            if frequency_says_units(self.initial.get(f"support_{number}_cost_frequency") or ""):
                self.initial[f"support_{number}_planned_units_per_week"] = None

    def clean(self):
        cleaned = super().clean()
        for number in range(1, self.row_counts.get(SUPPORT_ROWS.prefix, 0) + 1):
            if f"support_{number}_need" not in self.fields:
                continue
            values = self._support_values(number)
            support = PlanSupport(**values)
            for name, message in support.service_errors().items():
                key = f"support_{number}_{name}"
                if key in self.fields and key not in self.errors:
                    self.add_error(key, message)
        return cleaned

    def _support_values(self, number: int) -> dict:
        """Support `number`'s values: as typed (cleaned) on a bound form, else as saved."""
        names = [*SERVICE_FIELDS, "weekly_cost"]
        source = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else None
        values = {}
        for name in names:
            key = f"support_{number}_{name}"
            if source is not None and name != "weekly_cost":
                values[name] = source.get(key)
            else:
                values[name] = self.initial.get(key)
        if values["weekly_cost"] is None and number <= len(self._saved_supports):
            values["weekly_cost"] = self._saved_supports[number - 1].weekly_cost
        return {
            name: "" if value is None and name in _TEXT_SERVICE_FIELDS else value
            for name, value in values.items()
        }

    @property
    def _saved_supports(self) -> list:
        return list(self.instance.supports.all()) if self.instance.pk else []

    def children(self) -> dict[str, list[dict]]:
        children = super().children()
        # A support costed before the CLD costs (issue 18) keeps its weekly cost until
        # its costs are entered.
        saved = self._saved_supports
        kept = []
        for number in range(1, self.row_counts.get(SUPPORT_ROWS.prefix, 0) + 1):
            if self.cleaned_data.get(f"support_{number}_need") not in (None, ""):
                kept.append(saved[number - 1].weekly_cost if number <= len(saved) else None)
        for row, cost in zip(children.get("supports", []), kept, strict=False):
            if row.get("unit_cost") is None and not row.get("cost_frequency"):
                row["weekly_cost"] = cost
        return children

    def row_notes(self, prefix: str) -> list[str]:
        if prefix != SUPPORT_ROWS.prefix:
            return super().row_notes(prefix)
        return [
            support_cost_note(self._support_values(number))
            for number in range(1, self.row_counts[prefix] + 1)
        ]

    def page_field_names(self):
        return [
            *self._row_field_names(PLAN_OUTCOME_ROWS),
            *self._row_field_names(SUPPORT_ROWS),
            *self._meta.fields,
            *self.principle_field_names(),
        ]


# --- Review ---


class ReviewForm(CareActForm):
    review_date = PastDateField(
        label="Date of the review",
        subject=REVIEW_HELD,
        help_text="For example, 23 11 2026",
        required=False,
    )
    summary = _text("How are things going?", "In the person's own words where you can.", rows=5)
    changes = _text("What changes?", "To the support, the budget or the plan.", rows=4)
    next_review_date = citing(
        DateField(
            label="Next review date", help_text="Within 12 months of this review", required=False
        ),
        Purpose.REVIEWS,
    )

    class Meta:
        model = Review
        fields = [
            "review_date",
            "summary",
            "changes",
            "next_review_date",
            "review_reason",
            "method",
            "outcomes_achieved",
            "outcome",
        ]

    def add_fields(self):
        existing = {row.outcome_id: row for row in self.instance.progress.all()}
        self.plan_outcomes = list(self.instance.plan.outcomes.all())
        for outcome in self.plan_outcomes:
            name = f"progress_{outcome.pk}"
            self.fields[name] = choice_field(
                f"Progress: {outcome.statement}", ReviewProgress.Progress.choices
            )
            self.fields[f"{name}_notes"] = _text("Notes", rows=2)
            if outcome.pk in existing and not self.is_bound:
                self.initial[name] = existing[outcome.pk].progress
                self.initial[f"{name}_notes"] = existing[outcome.pk].notes
        source = self.data if self.is_bound else self.initial
        progress = [source.get(f"progress_{outcome.pk}") or "" for outcome in self.plan_outcomes]
        add_return_fields(self, progress=progress)

    def page_field_names(self):
        progress = [
            name
            for outcome in self.plan_outcomes
            for name in (f"progress_{outcome.pk}", f"progress_{outcome.pk}_notes")
        ]
        return [
            "review_date",
            "summary",
            *progress,
            "changes",
            "next_review_date",
            "review_reason",
            "method",
            "outcomes_achieved",
            "outcome",
            *self.principle_field_names(),
        ]

    def children(self):
        return {
            "progress": [
                {
                    "outcome": outcome,
                    "progress": self.cleaned_data[f"progress_{outcome.pk}"],
                    "notes": self.cleaned_data[f"progress_{outcome.pk}_notes"].strip(),
                }
                for outcome in self.plan_outcomes
                if self.cleaned_data[f"progress_{outcome.pk}"]
                or self.cleaned_data[f"progress_{outcome.pk}_notes"].strip()
            ]
        }


# --- Carer's assessment ---


class CarersAssessmentForm(CareActForm):
    """A carer's assessment (Care Act s10), on one page."""

    what_matters = _text(
        "What matters to the carer", "In their own words. Quote them where you can.", rows=5
    )
    caring_role = _text(
        "Who they care for, and the care they provide",
        "What they do, and how often. The adults they care for are linked on their page.",
    )
    able_to_care = choice_field(
        "Is the carer able to go on caring?", CarersAssessment.Willing.choices
    )
    willing_to_care = choice_field(
        "Is the carer willing to go on caring?", CarersAssessment.Willing.choices
    )
    caring_impact = _text(
        "How caring affects the carer",
        "Their physical and mental health, work, education, relationships, and time for "
        "themselves.",
    )
    carers_outcomes = _text(
        "The outcomes the carer wants",
        "What they want to achieve in day-to-day life, and whether support would help.",
    )
    wellbeing_impact = _text("Impact on the carer's wellbeing")
    strengths_personal = _text(
        "The carer's strengths and support", "Who and what helps them already.", rows=3
    )
    prevention_advice = _text(
        "Advice, information and signposting given",
        "For example, carers' groups, a carers' emergency plan, breaks.",
    )

    class Meta:
        model = CarersAssessment
        fields = [
            "what_matters",
            "caring_role",
            "able_to_care",
            "willing_to_care",
            "caring_impact",
            "carers_outcomes",
            "wellbeing_impact",
            "strengths_personal",
            "prevention_advice",
            "assessment_type",
            "method",
            "outcome",
        ]

    def add_fields(self):
        add_return_fields(self)


# --- Safeguarding ---


class SafeguardingForm(CareActForm):
    concern = _text("The concern", "What happened, or what you are worried about.", rows=6)
    persons_wishes = _text(
        "What does the person want to happen?",
        "Making safeguarding personal: in their own words.",
        rows=4,
    )
    empowerment = _text(
        "Empowerment", "How the person is supported to make their own decisions.", rows=2
    )
    prevention = _text("Prevention", "What is being done to stop harm before it happens.", rows=2)
    proportionality = _text("Proportionality", "Why this is the least intrusive response.", rows=2)
    protection = _text("Protection", "How the person is supported and protected.", rows=2)
    partnership = _text("Partnership", "Who you are working with.", rows=2)
    accountability = _text("Accountability", "Who is accountable for what.", rows=2)
    action_taken = _text("Action taken", rows=4)
    immediate_action = forms.BooleanField(
        label="Immediate action is needed: someone is at risk now",
        help_text="Once it is saved, the managers of the person's team are emailed and see it "
        "at the top of their Home.",
        required=False,
    )

    class Meta:
        model = SafeguardingConcern
        fields = [
            "concern",
            "persons_wishes",
            "empowerment",
            "prevention",
            "proportionality",
            "protection",
            "partnership",
            "accountability",
            "action_taken",
            "immediate_action",
        ]


FORMS = {
    NeedsAssessment.KIND: NeedsAssessmentForm,
    CarersAssessment.KIND: CarersAssessmentForm,
    EligibilityDetermination.KIND: EligibilityForm,
    CarePlan.KIND: CarePlanForm,
    Review.KIND: ReviewForm,
    SafeguardingConcern.KIND: SafeguardingForm,
}


# --- Starting a record, authorising, copies ---


class StartRecordForm(BaseForm):
    submit_label = "Start the record"

    kind = forms.ChoiceField(
        label="What are you recording?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you are recording"},
    )
    form_type = forms.ChoiceField(
        label="Which needs assessment?",
        choices=NeedsAssessment.FormType.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    contact = forms.ChoiceField(
        label="Does it record a contact?",
        help_text="A record of a contact is due within two working days of it.",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the contact it records, or that it records none"},
    )

    def __init__(self, *args, facts: StartFacts, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = [(kind.value, kind.label) for kind in CARE_ACT_KINDS]
        # Every kind is a valid choice, so a kind that cannot be started now is refused
        # with its reason (a crafted POST, or a page open while the basis changed).
        self.fields["kind"].choices = kinds
        self.reasons = {value: why_not_startable(value, facts) for value, _ in kinds}
        self.contacts = {str(c.pk): c for c in contacts}
        self.fields["contact"].choices = [
            *(
                (
                    str(c.pk),
                    f"{c.get_method_display()} with {c.with_whom}, {c.occurred_at:%-d %B %Y}",
                )
                for c in contacts
            ),
            ("none", "It does not record a contact"),
        ]

    def startable_kinds(self) -> list[tuple[str, str]]:
        return [
            (value, label)
            for value, label in self.fields["kind"].choices
            if not self.reasons[value]
        ]

    def unstartable_kinds(self) -> list[tuple[str, str]]:
        """(kind, why it cannot be started now) for the kinds the page does not offer."""
        return [
            (label, self.reasons[value])
            for value, label in self.fields["kind"].choices
            if self.reasons[value]
        ]

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        if self.reasons[kind]:
            raise forms.ValidationError(self.reasons[kind])
        return kind

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == NeedsAssessment.KIND and not cleaned.get("form_type"):
            self.add_error("form_type", "Select the short or the full assessment")
        return cleaned

    def chosen_contact(self):
        return self.contacts.get(self.cleaned_data["contact"])


class AuthorisationForm(BaseForm):
    submit_label = "Save decision"

    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("authorise", "Authorise"), ("return", "Return it to the practitioner")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select authorise or return"},
    )
    reason = _text(
        "Reason",
        "Say why, if you return it. The practitioner sees this on the record and in an email.",
        rows=4,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "return" and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Enter why you are returning it")
        return cleaned


class CopyGivenForm(BaseForm):
    """How the copy reached the person, and in what form: two questions, so a large-print
    copy sent by post is both."""

    submit_label = "Save"

    given_on = PastDateField(
        label="Date the person received it",
        subject=COPY_RECEIVED,
        help_text="For example, 23 11 2026",
    )
    channel = forms.ChoiceField(
        label="How did the person receive it?",
        choices=[(c.value, c.label) for c in CopyChannel if c != CopyChannel.NOT_RECORDED],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how the person received it",
            "invalid_choice": "Select how the person received it",
        },
    )
    format = forms.ChoiceField(
        label="What form was the copy in?",
        choices=CopyFormat.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what form the copy was in",
            "invalid_choice": "Select what form the copy was in",
        },
    )
    language = forms.CharField(
        label="If in another language, which language?",
        help_text="For example, Polish or British Sign Language video",
        required=False,
        max_length=100,
        error_messages={"max_length": "The language must be 100 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_on"].error_messages.update(
            required="Enter the date the person received it",
            incomplete="The date must include a day, month and year",
        )

    def clean(self):
        cleaned = super().clean()
        language = cleaned.get("language", "").strip()
        if cleaned.get("format") == CopyFormat.OTHER_LANGUAGE:
            if not language and "language" not in self.errors:
                self.add_error("language", "Enter the language the copy was in")
        else:
            language = ""  # only a translated copy has a language
        cleaned["language"] = language
        return cleaned


class CopyCorrectionForm(BaseForm):
    submit_label = "Issue a corrected copy"

    reason = forms.CharField(
        label="Why are you issuing a corrected copy?",
        help_text="For example, an addendum corrected the support, or the person's name "
        "changed. Staff see this; the person gets the corrected copy.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why you are issuing a corrected copy",
            "max_length": "The reason must be 2000 characters or fewer",
        },
    )
