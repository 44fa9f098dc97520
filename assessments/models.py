"""The Care Act records (SPEC 3): needs assessment, eligibility determination, care and
support plan, review and safeguarding concern.

Each is a `recording.Record` (multi-table inheritance): it sits on a person, carries
principle evidence, is a draft until its author completes it and never changes after,
and runs on the two-working-day clock when it records a contact. Eligibility
determinations and plans are then authorised, or returned with a reason, by a manager
of the person's team (`Authorisation`); a returned record stays as it was and is
revised in a new draft. The person is entitled to a copy of their assessment,
eligibility determination and plan (Herts P5): `CopyGiven` records each one they
received, `CopyGenerated` each PDF made.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from assessments.rules import (
    CQC_LOCATION_ID,
    CQC_SHAPE,
    PLANNED_WITHIN_DAYS,
    PRISON_DIRECT_PAYMENT,
    Budget,
    budget,
    frequency_says_units,
    is_carer_eligible,
    is_eligible,
    latest_review_date,
    planned_units,
    top_up_error,
    weekly_cost,
)
from config import cld, sac
from config.past_dates import local_today, past_date_errors
from recording.deadlines import LONDON
from recording.models import Needs, Record, RecordImmutableError, RecordKind


class Outcome(models.TextChoices):
    """The specified outcomes of the Care and Support (Eligibility Criteria) Regulations
    2015, regulation 2(2)."""

    NUTRITION = "nutrition", "Managing and maintaining nutrition"
    HYGIENE = "hygiene", "Maintaining personal hygiene"
    TOILET = "toilet", "Managing toilet needs"
    CLOTHED = "clothed", "Being appropriately clothed"
    HOME_SAFELY = "home_safely", "Being able to make use of the home safely"
    HABITABLE_HOME = "habitable_home", "Maintaining a habitable home environment"
    RELATIONSHIPS = (
        "relationships",
        "Developing and maintaining family or other personal relationships",
    )
    WORK_EDUCATION = (
        "work_education",
        "Accessing and engaging in work, training, education or volunteering",
    )
    COMMUNITY = (
        "community",
        "Making use of necessary facilities or services in the local community, "
        "including public transport and recreational facilities or services",
    )
    CARING = "caring", "Carrying out any caring responsibilities for a child"


class Achievement(models.TextChoices):
    """Whether the person can achieve an outcome. Any answer but the first is "unable to
    achieve" in regulation 2(3)."""

    ACHIEVES = "achieves", "Can achieve this without help"
    UNABLE = "unable", "Cannot achieve this without help"
    PAIN = "pain", "Can, but it causes significant pain, distress or anxiety"
    ENDANGERS = "endangers", "Can, but it puts their or other people's health or safety at risk"
    LONGER = "longer", "Can, but it takes significantly longer than would be expected"


UNABLE_TO_ACHIEVE = frozenset(Achievement) - {Achievement.ACHIEVES}

MONEY = {"max_digits": 9, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class NeedsAssessment(Record):
    """A Care Act 2014 section 9 needs assessment."""

    KIND = RecordKind.NEEDS_ASSESSMENT
    NARRATIVE_FIELDS = (
        "what_matters",
        "strengths_personal",
        "strengths_family",
        "strengths_community",
        "wellbeing_impact",
        "identity_and_culture",
        "carers",
        "mental_capacity_notes",
        "advocacy_notes",
        "prevention_advice",
    )

    class FormType(models.TextChoices):
        PROPORTIONATE = "proportionate", "Short assessment, for a simple situation"
        FULL = "full", "Full assessment"

    class Capacity(models.TextChoices):
        NO_DOUBT = "no_doubt", "No reason to doubt the person's capacity"
        HAS_CAPACITY = "has_capacity", "Capacity assessed: the person has capacity"
        LACKS_CAPACITY = (
            "lacks_capacity",
            "Capacity assessed: the person lacks capacity for these decisions",
        )

    class Advocacy(models.TextChoices):
        NOT_NEEDED = "not_needed", "Not needed"
        REFERRED = "referred", "Needed, and referred to an advocate"
        NOT_REFERRED = "not_referred", "Needed, not referred"

    form_type = models.CharField(max_length=20, choices=FormType.choices, default=FormType.FULL)
    what_matters = models.TextField(
        blank=True, help_text="What matters to the person, in their own words."
    )
    strengths_personal = models.TextField(blank=True)
    strengths_family = models.TextField(blank=True)
    strengths_community = models.TextField(blank=True)
    wellbeing_impact = models.TextField(blank=True)
    identity_and_culture = models.TextField(blank=True)
    carers = models.TextField(blank=True)
    mental_capacity = models.CharField(max_length=20, choices=Capacity.choices, blank=True)
    mental_capacity_notes = models.TextField(blank=True)
    advocacy = models.CharField(max_length=20, choices=Advocacy.choices, blank=True)
    advocacy_notes = models.TextField(blank=True)
    prevention_advice = models.TextField(
        blank=True, help_text="Prevention advice given, and where the person was signposted."
    )
    # The CLD assessment event (issue 18); eligible needs come from the determination.
    assessment_type = models.CharField(
        max_length=40, choices=cld.AssessmentType.choices, blank=True
    )
    method = models.CharField(
        "how the assessment was done",
        max_length=40,
        choices=cld.MethodOfContact.choices,
        blank=True,
    )
    outcome = models.CharField(
        "what happens next",
        max_length=80,
        choices=cld.EventOutcome.choices,
        blank=True,
        help_text="The outcome of the assessment, in the words of the statutory return.",
    )

    @property
    def is_proportionate(self) -> bool:
        return self.form_type == self.FormType.PROPORTIONATE

    def unmet_outcomes(self) -> list[Outcome]:
        return [Outcome(row.outcome) for row in self.outcomes.all() if row.is_unmet]

    def completion_errors(self) -> dict[str, str]:
        errors = super().completion_errors()
        need = Needs(self, errors)
        need("what_matters", "Enter what matters to the person, in their own words")
        if not (self.strengths_personal or self.strengths_family or self.strengths_community):
            errors["strengths_personal"] = "Enter at least one of the person's strengths"
        if not self.is_proportionate:
            answered = {row.outcome for row in self.outcomes.all() if row.achievement}
            for outcome in Outcome:
                if outcome not in answered:
                    errors[f"outcome_{outcome.value}"] = (
                        f"Select whether the person can achieve: {outcome.label.lower()}"
                    )
            for risk in self.risks.all():
                for name, what in [
                    ("benefit", "what the person gains"),
                    ("mitigation", "how the risk is reduced"),
                    ("persons_view", "the person's view"),
                ]:
                    if not getattr(risk, name).strip():
                        errors[f"risk_{risk.position}_{name}"] = (
                            f"Enter {what} for risk {risk.position}"
                        )
            need(
                "identity_and_culture",
                "Enter what matters about the person's identity "
                "and culture, or write that nothing was raised",
            )
        need("wellbeing_impact", "Enter the impact on the person's wellbeing")
        need("mental_capacity", "Select how the person's mental capacity was considered")
        need("advocacy", "Select whether the person needs an advocate")
        if self.advocacy == self.Advocacy.NOT_REFERRED:
            need("advocacy_notes", "Enter why the person was not referred to an advocate")
        need("prevention_advice", "Enter the prevention advice and signposting given")
        return_field_errors(self, errors)
        return errors


class CarerOutcome(models.TextChoices):
    """How caring affects a carer, regulation 3(2) of the Care and Support (Eligibility
    Criteria) Regulations 2015: their health, or an outcome of 3(3) they cannot
    achieve. Any one is enough (condition 2 for a carer)."""

    HEALTH = "health", "Their physical or mental health is, or is at risk of, deteriorating"
    CHILD = "child", "Carrying out any caring responsibilities for a child"
    OTHER_CARE = "other_care", "Providing care to other persons for whom they provide care"
    HABITABLE_HOME = "habitable_home", "Maintaining a habitable home environment"
    NUTRITION = "nutrition", "Managing and maintaining nutrition"
    RELATIONSHIPS = (
        "relationships",
        "Developing and maintaining family or other personal relationships",
    )
    WORK_EDUCATION = (
        "work_education",
        "Engaging in work, training, education or volunteering",
    )
    COMMUNITY = (
        "community",
        "Making use of necessary facilities or services in the local community, "
        "including recreational facilities or services",
    )
    RECREATION = "recreation", "Engaging in recreational activities"


class CarersAssessment(NeedsAssessment):
    """A carer's assessment (Care Act 2014 s10): of an unpaid carer, recorded on the
    carer; the people they care for are their `recording.CarerLink`s. Its eligibility
    is decided under the carers' criteria (regulation 3) and met by a support plan."""

    KIND = RecordKind.CARERS_ASSESSMENT
    NARRATIVE_FIELDS = (
        "what_matters",
        "caring_role",
        "caring_impact",
        "carers_outcomes",
        "wellbeing_impact",
        "strengths_personal",
        "prevention_advice",
    )

    class Willing(models.TextChoices):
        """s10(5)(a)-(b): whether the carer is able, and willing, to go on caring."""

        YES = "yes", "Yes"
        PARTLY = "partly", "Partly, or not for much longer"
        NO = "no", "No"

    caring_role = models.TextField(
        blank=True, help_text="Who they care for, and the care they provide."
    )
    able_to_care = models.CharField(
        "able to go on caring", max_length=10, choices=Willing.choices, blank=True
    )
    willing_to_care = models.CharField(
        "willing to go on caring", max_length=10, choices=Willing.choices, blank=True
    )
    caring_impact = models.TextField(
        blank=True,
        help_text="How caring affects their health, work, education, relationships and "
        "time for themselves (s10(6)).",
    )
    carers_outcomes = models.TextField(
        "the outcomes the carer wants",
        blank=True,
        help_text="What the carer wants to achieve in day-to-day life (s10(5)(c)-(d)).",
    )

    @property
    def is_proportionate(self) -> bool:
        return True  # one page, never the full assessment's task list

    def save(self, *args, **kwargs):
        if not self.assessment_type:
            self.assessment_type = cld.AssessmentType.UNPAID_CARER
        super().save(*args, **kwargs)

    def completion_errors(self) -> dict[str, str]:
        errors = Record.completion_errors(self)
        need = Needs(self, errors)
        need("what_matters", "Enter what matters to the carer, in their own words")
        need("caring_role", "Enter who they care for and the care they provide")
        need("able_to_care", "Select whether the carer is able to go on caring")
        need("willing_to_care", "Select whether the carer is willing to go on caring")
        need("caring_impact", "Enter how caring affects the carer")
        need("carers_outcomes", "Enter the outcomes the carer wants")
        need("wellbeing_impact", "Enter the impact on the carer's wellbeing")
        need("prevention_advice", "Enter the advice and information given")
        return_field_errors(self, errors)
        return errors


class AssessedOutcome(models.Model):
    """The person's needs against one of the ten outcomes."""

    assessment = models.ForeignKey(
        NeedsAssessment, on_delete=models.CASCADE, related_name="outcomes"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    achievement = models.CharField(max_length=20, choices=Achievement.choices, blank=True)
    needs = models.TextField(blank=True, help_text="The person's needs, in their words.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "outcome"], name="one_row_per_assessed_outcome"
            )
        ]

    def __str__(self) -> str:
        return self.get_outcome_display()

    @property
    def is_unmet(self) -> bool:
        return self.achievement in UNABLE_TO_ACHIEVE


class AssessmentRisk(models.Model):
    """A risk, recorded risk-positively (Herts P2): what the person gains by taking it."""

    assessment = models.ForeignKey(NeedsAssessment, on_delete=models.CASCADE, related_name="risks")
    position = models.PositiveSmallIntegerField()
    risk = models.TextField()
    benefit = models.TextField(blank=True, help_text="What the person gains.")
    mitigation = models.TextField(blank=True)
    persons_view = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "position"], name="risk_position_unique")
        ]

    def __str__(self) -> str:
        return self.risk


class EligibilityDetermination(Record):
    """The eligibility determination on an assessment: the three conditions of
    regulation 2(1), the decision and its reasons."""

    KIND = RecordKind.ELIGIBILITY
    NARRATIVE_FIELDS = ("impairment_notes", "wellbeing_notes", "reasons")

    class Decision(models.TextChoices):
        ELIGIBLE = "eligible", "Eligible for care and support"
        NOT_ELIGIBLE = "not_eligible", "Not eligible"

    assessment = models.ForeignKey(
        NeedsAssessment, on_delete=models.PROTECT, related_name="determinations"
    )
    needs_from_impairment = models.BooleanField(
        null=True,
        blank=True,
        help_text="Condition 1: the needs arise from or relate to a physical or mental "
        "impairment or illness.",
    )
    impairment_notes = models.TextField(blank=True)
    outcomes_not_achieved = models.JSONField(
        default=list, blank=True, help_text="Condition 2: the outcomes the person cannot achieve."
    )
    wellbeing_significant = models.BooleanField(
        null=True,
        blank=True,
        help_text="Condition 3: as a consequence there is, or is likely to be, a significant "
        "impact on the person's wellbeing.",
    )
    wellbeing_notes = models.TextField(blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    reasons = models.TextField(blank=True)

    @property
    def is_for_carer(self) -> bool:
        """On a carer's assessment: decided under the carers' criteria (regulation 3)."""
        return self.assessment.kind == RecordKind.CARERS_ASSESSMENT

    @property
    def outcome_choices(self) -> type[models.TextChoices]:
        return CarerOutcome if self.is_for_carer else Outcome

    def outcomes_not_achieved_display(self) -> list[str]:
        choices = self.outcome_choices
        return [choices(code).label for code in self.outcomes_not_achieved if code in choices]

    @property
    def meets_all_conditions(self) -> bool:
        if self.is_for_carer:
            return is_carer_eligible(
                needs_from_caring=bool(self.needs_from_impairment),
                effects=len(self.outcomes_not_achieved),
                wellbeing_significant=bool(self.wellbeing_significant),
            )
        return is_eligible(
            needs_from_impairment=bool(self.needs_from_impairment),
            unmet_outcomes=len(self.outcomes_not_achieved),
            wellbeing_significant=bool(self.wellbeing_significant),
        )

    def clean(self):
        super().clean()
        unknown = set(self.outcomes_not_achieved or []) - set(self.outcome_choices.values)
        if unknown:
            raise ValidationError({"outcomes_not_achieved": "Choose outcomes from the list"})

    def completion_errors(self) -> dict[str, str]:
        errors = super().completion_errors()
        need = Needs(self, errors)
        who = "carer" if self.is_for_carer else "person"
        need(
            "needs_from_impairment",
            "Select whether the carer's needs arise from providing necessary care for an adult"
            if self.is_for_carer
            else "Select whether the person's needs arise from an impairment or illness",
        )
        need(
            "wellbeing_significant",
            f"Select whether there is a significant impact on the {who}'s wellbeing",
        )
        if self.wellbeing_significant:
            need("wellbeing_notes", f"Enter the impact on the {who}'s wellbeing")
        need("decision", "Select the decision")
        need("reasons", "Enter the reasons for the decision")
        if self.decision == self.Decision.ELIGIBLE and not self.meets_all_conditions:
            errors["decision"] = (
                "The person is eligible only when all three conditions are met: check the "
                "conditions, or select not eligible"
            )
        elif self.decision == self.Decision.NOT_ELIGIBLE and self.meets_all_conditions:
            errors["decision"] = (
                "The person meets all three conditions, so they are eligible: select eligible"
            )
        return errors


class CarePlan(Record):
    """The care and support plan: the person's outcomes, how each need is met, and the
    personal budget."""

    KIND = RecordKind.CARE_PLAN
    NARRATIVE_FIELDS = (
        "direct_payments_why_not",
        "health_funding_notes",
        "top_up_notes",
        "contingency_plan",
    )

    eligibility = models.ForeignKey(
        EligibilityDetermination, on_delete=models.PROTECT, related_name="plans"
    )
    personal_budget = models.DecimalField(
        null=True, blank=True, help_text="Weekly, in pounds and pence.", **MONEY
    )
    direct_payments = models.BooleanField(
        null=True, blank=True, help_text="Whether the person will take direct payments."
    )
    direct_payments_why_not = models.TextField(blank=True)
    health_funding_considered = models.BooleanField(
        null=True,
        blank=True,
        help_text="Funded Nursing Care and NHS Continuing Healthcare were considered "
        "before funded care.",
    )
    health_funding_notes = models.TextField(blank=True)
    top_up = models.DecimalField(
        null=True,
        blank=True,
        help_text="What the person pays each week towards support that costs more than "
        "the personal budget.",
        **MONEY,
    )
    top_up_notes = models.TextField(blank=True)
    contingency_plan = models.TextField(blank=True)
    review_date = models.DateField(null=True, blank=True)

    def money(self) -> Budget:
        return budget(
            self.personal_budget, [s.weekly_cost for s in self.supports.all()], self.top_up
        )

    def clean(self):
        super().clean()
        start = (self.created_at or timezone.now()).astimezone(LONDON).date()
        if self.review_date and self.review_date > latest_review_date(start):
            raise ValidationError(
                {"review_date": "The review must be within 12 months of the plan"}
            )

    def top_up_errors(self) -> dict[str, str]:
        """The top-up rule (`rules.top_up_error`), once there is a budget to check it
        against: no draft may break it, and no plan is completed that does."""
        if self.personal_budget is None:
            return {}
        message = top_up_error(self.money())
        return {"top_up": message} if message else {}

    def save_errors(self) -> dict[str, str]:
        return {**super().save_errors(), **self.top_up_errors()}

    def completion_errors(self) -> dict[str, str]:
        errors = super().completion_errors()
        need = Needs(self, errors)
        if not self.outcomes.exists():
            errors["outcome_1_statement"] = (
                "Enter at least one outcome, in the person's words, starting with I"
            )
        supports = list(self.supports.all())
        if not supports:
            errors["support_1_need"] = "Enter at least one need and how it will be met"
        for support in supports:
            n = support.position
            problems = {**support.missing_errors(f"support {n}"), **support.service_errors()}
            errors.update({f"support_{n}_{name}": text for name, text in problems.items()})
            if support.kind == PlanSupport.Kind.NON_TRADITIONAL:
                if not support.meets_assessed_needs:
                    errors[f"support_{n}_meets_assessed_needs"] = (
                        f"Support {n} is non-traditional: confirm it meets the person's "
                        "assessed needs and outcomes"
                    )
                if not support.safe_lawful_appropriate:
                    errors[f"support_{n}_safe_lawful_appropriate"] = (
                        f"Support {n} is non-traditional: confirm it is safe, lawful and "
                        "appropriate"
                    )
        need("personal_budget", "Enter the personal budget")
        errors.update(self.top_up_errors())
        need("direct_payments", "Select whether the person will take direct payments")
        if self.direct_payments is False:
            need("direct_payments_why_not", "Enter why the person will not take direct payments")
        if not self.health_funding_considered:
            errors["health_funding_considered"] = (
                "Consider Funded Nursing Care and NHS Continuing Healthcare before funded care"
            )
        need("contingency_plan", "Enter the contingency plan")
        need("review_date", "Enter the review date")
        return errors


class PlanOutcome(models.Model):
    """An outcome of the plan, as the person's "I" statement."""

    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="outcomes")
    position = models.PositiveSmallIntegerField()
    statement = models.TextField(help_text='For example, "I want to cook my own meals".')

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="plan_outcome_position")
        ]

    def __str__(self) -> str:
        return self.statement


class PlanSupport(models.Model):
    """How one need will be met, and what it costs each week."""

    class Kind(models.TextChoices):
        TRADITIONAL = "traditional", "Traditional service, for example home care"
        NON_TRADITIONAL = "non_traditional", "Non-traditional, for example a club or activity"
        TECHNOLOGY = "technology", "Technology or telecare"

    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="supports")
    position = models.PositiveSmallIntegerField()
    need = models.TextField()
    how_met = models.TextField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    provider = models.CharField(max_length=200, blank=True)
    weekly_cost = models.DecimalField(null=True, blank=True, **MONEY)
    # The CLD service event (issue 18): what it is, how it is delivered, by whom, what
    # it costs (weekly_cost = unit_cost x units a week), and when it ran.
    service_type = models.CharField(max_length=80, choices=cld.ServiceType.choices, blank=True)
    service_component = models.CharField(
        max_length=60, choices=cld.ServiceComponent.choices, blank=True
    )
    delivery_mechanism = models.CharField(
        max_length=40, choices=cld.DeliveryMechanism.choices, blank=True
    )
    provider_cqc_location_id = models.CharField(
        "provider's CQC location ID",
        max_length=20,
        blank=True,
        help_text="For a provider registered with the Care Quality Commission, for example "
        "1-123456789.",
    )
    unit_cost = models.DecimalField(null=True, blank=True, **MONEY)
    cost_frequency = models.CharField(
        "cost per", max_length=20, choices=cld.CostFrequency.choices, blank=True
    )
    planned_units_per_week = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    start_date = models.DateField("service starts", null=True, blank=True)
    end_date = models.DateField("service ends", null=True, blank=True)
    end_outcome = models.CharField(
        "why the service ended", max_length=80, choices=cld.EventOutcome.choices, blank=True
    )
    # Herts P3: a non-traditional option must meet assessed needs and outcomes and be
    # safe, lawful and appropriate (its cost is checked against the whole budget).
    meets_assessed_needs = models.BooleanField(default=False)
    safe_lawful_appropriate = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="plan_support_position"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="plan_support_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.how_met

    def save(self, *args, **kwargs):
        # The weekly cost is worked out from the CLD costs, never typed twice; a support
        # costed before them (issue 18) keeps the weekly cost it was given.
        self.planned_units_per_week = self.units_for_return()
        if self.unit_cost is not None or self.cost_frequency:
            self.weekly_cost = self.cost_per_week()
        super().save(*args, **kwargs)

    def units_for_return(self) -> Decimal | None:
        """The planned units a week the return carries: as typed for a cost per hour,
        day or session; what a weekly-or-longer frequency says (a month is 12/52 = 0.23
        units a week: the weekly cost uses the exact fraction); none for a one-off."""
        return planned_units(self.cost_frequency, self.planned_units_per_week)

    def cost_per_week(self) -> Decimal | None:
        return weekly_cost(self.unit_cost, self.cost_frequency, self.planned_units_per_week)

    @property
    def needs_planned_units(self) -> bool:
        return bool(self.cost_frequency) and not frequency_says_units(self.cost_frequency)

    def missing_errors(self, what: str) -> dict[str, str]:
        """What the CLD service event still needs (field -> message), for `what`
        ("support 2", "the service")."""
        missing = {
            "service_type": f"Select the service type of {what}",
            "service_component": f"Select the service component of {what}",
            "delivery_mechanism": f"Select how {what} is delivered",
            "unit_cost": f"Enter the cost of {what}",
            "cost_frequency": f"Select how the cost of {what} is charged: per hour, per week, "
            "per month",
            "start_date": f"Enter the date {what} starts",
        }
        if self.needs_planned_units:
            missing["planned_units_per_week"] = (
                f"Enter how many {self.get_cost_frequency_display().removeprefix('Per ')}s "
                f"a week {what} is planned for"
            )
        return {
            name: message for name, message in missing.items() if getattr(self, name) in (None, "")
        }

    def service_errors(self, *, today: date | None = None) -> dict[str, str]:
        """What no support may say (field -> message), complete or not: a CQC location
        ID of the wrong shape, a direct payment in prison, an end before the start or
        without a reason, dates more than a year ahead."""
        today = today or local_today()
        latest = today + timedelta(days=PLANNED_WITHIN_DAYS)
        errors = {}
        cqc = self.provider_cqc_location_id
        if cqc and not CQC_LOCATION_ID.fullmatch(cqc):
            errors["provider_cqc_location_id"] = CQC_SHAPE
        if (
            self.delivery_mechanism == cld.DeliveryMechanism.DIRECT_PAYMENT
            and self.service_type == cld.ServiceType.LTS_PRISON
        ):
            errors["delivery_mechanism"] = PRISON_DIRECT_PAYMENT
        if self.start_date and self.start_date > latest:
            errors["start_date"] = "The service must start within a year of today"
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = "The service cannot end before it starts"
        elif self.end_date and self.end_date > latest:
            errors["end_date"] = "The service must end within a year of today"
        if self.end_date and not self.end_outcome:
            errors["end_outcome"] = "Select why the service ended"
        if self.end_outcome and not self.end_date:
            errors["end_date"] = "Enter the date the service ends"
        if self.end_outcome and self.end_outcome not in SERVICE_END_OUTCOMES:
            errors["end_outcome"] = "Select why the service ended from the list"
        return errors


# Why a service ends: the CLD outcomes that fit the end of a service event.
SERVICE_END_OUTCOMES = [
    cld.EventOutcome.NFA_ENDED_PLANNED,
    cld.EventOutcome.NFA_ENDED_OTHER,
    cld.EventOutcome.ASSESSMENT,
    cld.EventOutcome.CONTINUATION,
    cld.EventOutcome.HOSPITAL,
    cld.EventOutcome.NFA_DECEASED,
    cld.EventOutcome.NFA_MOVED,
    cld.EventOutcome.NFA_NHS,
    cld.EventOutcome.NFA_SELF_FUNDED,
    cld.EventOutcome.NFA_DECLINED,
]


# --- The statutory return's fields of a record (issue 18, part 1) ---
# What completing an assessment or a review needs for its CLD event: the form for the
# record asks for each (nothing is typed twice), and `returns` reads them as they are.
RETURN_FIELDS = {
    RecordKind.NEEDS_ASSESSMENT: ("assessment_type", "method", "outcome"),
    RecordKind.CARERS_ASSESSMENT: ("assessment_type", "method", "outcome"),
    RecordKind.REVIEW: ("review_reason", "method", "outcomes_achieved", "outcome"),
}
RETURN_FIELD_NEEDED = {
    "assessment_type": "Select which assessment this was",
    "method": "Select how the {noun} was done",
    "outcome": "Select what happens next",
    "review_reason": "Select why the review took place",
    "outcomes_achieved": "Select whether the plan's outcomes were achieved",
}


def return_field_errors(record: Record, errors: dict[str, str]) -> None:
    """Add to `errors` each statutory-return field of `record` that is still blank."""
    need = Needs(record, errors)
    noun = "review" if record.KIND == RecordKind.REVIEW else "assessment"
    for name in RETURN_FIELDS.get(record.KIND, ()):
        need(name, RETURN_FIELD_NEEDED[name].format(noun=noun))


REVIEW_HELD = "The date of the review"  # the date it was held: something that happened
COPY_RECEIVED = "The date the person received it"


class Review(Record):
    """A review of a care and support plan."""

    KIND = RecordKind.REVIEW
    NARRATIVE_FIELDS = ("summary", "changes")

    plan = models.ForeignKey(CarePlan, on_delete=models.PROTECT, related_name="reviews")
    review_date = models.DateField(
        null=True, blank=True, help_text="The date the review took place."
    )
    summary = models.TextField(blank=True, help_text="How things are going, in the person's words.")
    changes = models.TextField(blank=True, help_text="What changes, if anything.")
    next_review_date = models.DateField(null=True, blank=True)
    # The CLD review event (issue 18).
    review_reason = models.CharField(
        "why the review took place", max_length=60, choices=cld.ReviewReason.choices, blank=True
    )
    method = models.CharField(
        "how the review was done", max_length=40, choices=cld.MethodOfContact.choices, blank=True
    )
    outcomes_achieved = models.CharField(
        "whether the plan's outcomes were achieved",
        max_length=40,
        choices=cld.ReviewOutcomesAchieved.choices,
        blank=True,
    )
    outcome = models.CharField(
        "what happens next", max_length=80, choices=cld.EventOutcome.choices, blank=True
    )

    def clean(self):
        super().clean()
        start = self.review_date or timezone.localdate()
        if self.next_review_date and self.next_review_date > latest_review_date(start):
            raise ValidationError(
                {"next_review_date": "The next review must be within 12 months of this one"}
            )

    def completion_errors(self) -> dict[str, str]:
        errors = super().completion_errors()
        need = Needs(self, errors)
        need("review_date", "Enter the date of the review")
        errors.update(
            past_date_errors({"review_date": (self.review_date, REVIEW_HELD)}, today=local_today())
        )
        need("summary", "Enter how things are going, in the person's words")
        answered = {row.outcome_id for row in self.progress.all() if row.progress}
        for outcome in self.plan.outcomes.all():
            if outcome.pk not in answered:
                errors[f"progress_{outcome.pk}"] = (
                    f"Select the progress towards: {outcome.statement}"
                )
        need("next_review_date", "Enter the date of the next review")
        if self.review_date and self.next_review_date and self.next_review_date <= self.review_date:
            errors["next_review_date"] = "The next review must be after this one"
        return_field_errors(self, errors)
        return errors


class ReviewProgress(models.Model):
    """Progress against one of the plan's outcomes."""

    class Progress(models.TextChoices):
        ACHIEVED = "achieved", "Achieved"
        PARTLY = "partly", "Partly achieved"
        NOT_YET = "not_yet", "Not achieved yet"
        NO_LONGER = "no_longer", "No longer wanted"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="progress")
    outcome = models.ForeignKey(PlanOutcome, on_delete=models.PROTECT, related_name="+")
    progress = models.CharField(max_length=20, choices=Progress.choices, blank=True)
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "outcome__position"]
        constraints = [
            models.UniqueConstraint(fields=["review", "outcome"], name="one_progress_per_outcome")
        ]

    def __str__(self) -> str:
        return f"{self.outcome}: {self.get_progress_display()}"


SAFEGUARDING_PRINCIPLES = [
    # The six principles of the Care Act statutory guidance (14.13), as Lancashire's
    # principle 3 lists them.
    ("empowerment", "Empowerment"),
    ("prevention", "Prevention"),
    ("proportionality", "Proportionality"),
    ("protection", "Protection"),
    ("partnership", "Partnership"),
    ("accountability", "Accountability"),
]


class SafeguardingConcern(Record):
    """A safeguarding concern, made personal: what the person wants to happen."""

    KIND = RecordKind.SAFEGUARDING
    NARRATIVE_FIELDS = (
        "concern",
        "persons_wishes",
        *(name for name, _ in SAFEGUARDING_PRINCIPLES),
        "action_taken",
    )

    concern = models.TextField(blank=True)
    persons_wishes = models.TextField(
        blank=True, help_text="What the person wants to happen (making safeguarding personal)."
    )
    empowerment = models.TextField(blank=True)
    prevention = models.TextField(blank=True)
    proportionality = models.TextField(blank=True)
    protection = models.TextField(blank=True)
    partnership = models.TextField(blank=True)
    accountability = models.TextField(blank=True)
    action_taken = models.TextField(blank=True)
    immediate_action = models.BooleanField(
        default=False, help_text="Someone is at risk now: managers see it first."
    )

    def principles_considered(self) -> list[tuple[str, str]]:
        return [(label, getattr(self, name)) for name, label in SAFEGUARDING_PRINCIPLES]

    def completion_errors(self) -> dict[str, str]:
        errors = super().completion_errors()
        need = Needs(self, errors)
        need("concern", "Enter the concern")
        need("persons_wishes", "Enter what the person wants to happen")
        for name, label in SAFEGUARDING_PRINCIPLES:
            need(name, f"Enter how you considered {label.lower()}")
        need("action_taken", "Enter the action taken")
        return errors


class Authorisation(models.Model):
    """A manager's decision on a completed eligibility determination or plan."""

    class Decision(models.TextChoices):
        AUTHORISED = "authorised", "Authorised"
        RETURNED = "returned", "Returned"

    record = models.OneToOneField(Record, on_delete=models.PROTECT, related_name="authorisation")
    decision = models.CharField(max_length=20, choices=Decision.choices)
    reason = models.TextField(blank=True, help_text="Why it was returned, or any comment.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="authorisations"
    )
    decided_at = models.DateTimeField()

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision="returned", reason=""), name="returned_with_a_reason"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.record}"

    @property
    def is_authorised(self) -> bool:
        return self.decision == self.Decision.AUTHORISED


class CopyChannel(models.TextChoices):
    """How the copy reached the person."""

    POST = "post", "Post"
    EMAIL = "email", "Email"
    IN_PERSON = "in_person", "In person"
    PORTAL = "portal", "The council's online portal"
    # Only for copies recorded before the channel was asked (a large-print or easy read
    # copy then said nothing of how it was sent): never offered on the form.
    NOT_RECORDED = "not_recorded", "Not recorded"


class CopyFormat(models.TextChoices):
    """What form the copy was in."""

    STANDARD = "standard", "Standard print"
    LARGE_PRINT = "large_print", "Large print"
    EASY_READ = "easy_read", "Easy Read"
    BRAILLE = "braille", "Braille"
    AUDIO = "audio", "Audio"
    OTHER_LANGUAGE = "other_language", "Another language"


class CopyGiven(models.Model):
    """The person received a copy of their assessment, determination or plan (Herts P5):
    how it reached them (`channel`) and in what form (`format`, and the language when
    it was translated)."""

    record = models.ForeignKey(Record, on_delete=models.PROTECT, related_name="copies_given")
    given_on = models.DateField()
    channel = models.CharField(max_length=20, choices=CopyChannel.choices)
    format = models.CharField(max_length=20, choices=CopyFormat.choices)
    language = models.CharField(
        max_length=100, blank=True, help_text="The language, when the copy was translated."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["record", "given_on", "pk"]
        verbose_name_plural = "copies given"
        constraints = [
            # A translated copy names its language; no other copy has one.
            models.CheckConstraint(
                condition=(Q(format="other_language") & ~Q(language=""))
                | (~Q(format="other_language") & Q(language="")),
                name="copy_language_when_translated",
            )
        ]

    def __str__(self) -> str:
        return f"{self.record} given on {self.given_on}: {self.description()}"

    def description(self) -> str:
        """For example "Large print, by post", "In Polish, by email"."""
        form = f"In {self.language}" if self.language else self.get_format_display()
        if self.channel == CopyChannel.NOT_RECORDED:
            return f"{form} (how it was sent was not recorded)"
        how = {
            CopyChannel.POST: "by post",
            CopyChannel.EMAIL: "by email",
            CopyChannel.IN_PERSON: "in person",
            CopyChannel.PORTAL: "through the online portal",
        }[self.channel]
        return f"{form}, {how}"


class CopyGenerated(models.Model):
    """Someone made a PDF copy of a record: who, when, and which variant."""

    record = models.ForeignKey(Record, on_delete=models.PROTECT, related_name="copies_generated")
    large_print = models.BooleanField(default=False)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    generated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-generated_at"]

    def __str__(self) -> str:
        return f"PDF of {self.record} by {self.generated_by} at {self.generated_at}"


class IssuedCopy(models.Model):
    """One issued copy of a record for the person: the PDF exactly as it was given,
    never made again from live data (pretix's `Invoice`: an issued document is a
    snapshot). The first download of an owed copy issues number 1 of both variants; a
    correction issues the next number, which says what it replaces. A later change to
    the person's details changes no copy already issued.

    The bytes are kept in the database (`BinaryField`, `bytea` on PostgreSQL) rather
    than under MEDIA: a copy is tens of kilobytes, and the one database backup
    (`backup_check`) then holds every issued copy, with nothing else to back up or to
    keep in step with its row."""

    class Variant(models.TextChoices):
        STANDARD = "standard", "Standard"
        LARGE_PRINT = "large_print", "Large print"

    record = models.ForeignKey(Record, on_delete=models.PROTECT, related_name="issued_copies")
    variant = models.CharField(max_length=20, choices=Variant.choices)
    issue_number = models.PositiveSmallIntegerField()
    issued_on = models.DateField(help_text="The date of issue printed on the copy.")
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True, help_text="Why a corrected copy was issued.")
    filename = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    pdf = models.BinaryField()

    class Meta:
        ordering = ["record", "-issue_number", "variant"]
        verbose_name_plural = "issued copies"
        constraints = [
            # Two first downloads at once: the second insert fails and reads the first.
            models.UniqueConstraint(
                fields=["record", "variant", "issue_number"], name="one_copy_per_issue"
            ),
            models.CheckConstraint(condition=Q(issue_number__gte=1), name="issue_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.record}: issue {self.issue_number} ({self.get_variant_display()})"

    @property
    def is_large_print(self) -> bool:
        return self.variant == self.Variant.LARGE_PRINT

    @property
    def short_sha256(self) -> str:
        return self.sha256[:12]

    def delete(self, *args, **kwargs):
        raise RecordImmutableError("An issued copy is kept as it was given.")


# --- The enquiry a safeguarding concern leads to (issue 18, part 6) ----------------------

ENQUIRY_STARTED = "The date the enquiry started"
ENQUIRY_CONCLUDED = "The date the enquiry concluded"


class SafeguardingEnquiry(models.Model):
    """What a completed safeguarding concern led to: a section 42 enquiry, an other
    safeguarding enquiry, or no enquiry (with the reason); then the enquiry as it goes,
    and what the Safeguarding Adults Collection (SG2) asks of it once it is concluded.
    The concern itself stays as it was completed. The types of abuse and the sources of
    risk are rows (`EnquiryRiskType`, `EnquiryRiskSource`), so the return counts each
    type once per enquiry in SQL. Every rule is in `clean()`; a concluded enquiry is
    never changed."""

    class Decision(models.TextChoices):
        S42 = "s42", sac.EnquiryType.S42.label
        OTHER = "other", sac.EnquiryType.OTHER.label
        NONE = "none", "No enquiry"

    concern = models.OneToOneField(
        SafeguardingConcern, on_delete=models.PROTECT, related_name="enquiry"
    )
    outcome_of_concern = models.CharField(
        "what the concern led to", max_length=10, choices=Decision.choices
    )
    no_enquiry_reason = models.TextField(
        "why there was no enquiry", blank=True, help_text="Only when there was no enquiry."
    )
    started_on = models.DateField(null=True, blank=True)
    concluded_on = models.DateField(null=True, blank=True)
    location = models.CharField(
        "where the risk was", max_length=30, choices=sac.RiskLocation.choices, blank=True
    )
    asked_outcomes = models.CharField(
        "whether the person was asked their desired outcomes",
        max_length=20,
        choices=sac.AskedOutcomes.choices,
        blank=True,
    )
    outcomes_achieved = models.CharField(
        "whether the outcomes they expressed were achieved",
        max_length=10,
        choices=sac.OutcomesAchieved.choices,
        blank=True,
    )
    action_and_result = models.CharField(
        max_length=30, choices=sac.ActionAndResult.choices, blank=True
    )
    risk_outcome = models.CharField(max_length=10, choices=sac.RiskOutcome.choices, blank=True)
    lacked_capacity = models.BooleanField(
        "whether the person lacked capacity to make decisions about the enquiry",
        null=True,
        blank=True,
    )
    advocate_supported = models.BooleanField(
        "whether they were supported by an advocate, family or friend",
        null=True,
        blank=True,
        help_text="Only when the person lacked capacity.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "safeguarding enquiries"
        indexes = [
            models.Index(fields=["started_on"], name="enquiry_started_on"),
            models.Index(fields=["concluded_on"], name="enquiry_concluded_on"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(concluded_on__isnull=True)
                | Q(started_on__isnull=False, concluded_on__gte=F("started_on")),
                name="enquiry_concludes_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_of_concern_display()}: {self.concern}"

    @property
    def is_enquiry(self) -> bool:
        return self.outcome_of_concern in (self.Decision.S42, self.Decision.OTHER)

    @property
    def is_concluded(self) -> bool:
        return self.concluded_on is not None

    def chosen_risk_types(self) -> list[str]:
        """The types of abuse: those being saved (`risk_types`), or those stored."""
        if hasattr(self, "risk_types"):
            return list(self.risk_types)
        if self.pk is None:
            return []
        return [row.risk_type for row in self.risk_type_rows.all()]

    def chosen_sources(self) -> list[str]:
        """The sources of risk: those being saved (`sources`), or those stored."""
        if hasattr(self, "sources"):
            return list(self.sources)
        if self.pk is None:
            return []
        return [row.source for row in self.source_rows.all()]

    def risk_type_labels(self) -> list[str]:
        return [sac.RiskType(value).label for value in self.chosen_risk_types()]

    def source_labels(self) -> list[str]:
        return [sac.SourceOfRisk(value).label for value in self.chosen_sources()]

    def clean(self):
        super().clean()
        errors = self.enquiry_errors()
        if errors:
            raise ValidationError(errors)

    def enquiry_errors(self) -> dict[str, str]:
        """Every rule of the enquiry, keyed by the form's field names (`clean()` raises
        them): the decision; an enquiry's start; no date in the future, no conclusion
        before the start; and, once concluded, everything SG2 counts."""
        errors: dict[str, str] = {}
        decision = self.outcome_of_concern
        if not decision:
            errors["outcome_of_concern"] = "Select what the concern led to"
            return errors
        if decision == self.Decision.NONE:
            if not self.no_enquiry_reason.strip():
                errors["no_enquiry_reason"] = "Enter why there was no enquiry"
            return errors
        errors.update(
            past_date_errors(
                {
                    "started_on": (self.started_on, ENQUIRY_STARTED),
                    "concluded_on": (self.concluded_on, ENQUIRY_CONCLUDED),
                },
                today=local_today(),
            )
        )
        if self.started_on is None:
            errors["started_on"] = "Enter the date the enquiry started"
        if (
            self.started_on
            and self.concluded_on
            and self.concluded_on < self.started_on
            and "concluded_on" not in errors
        ):
            errors["concluded_on"] = "The enquiry cannot conclude before it started"
        expressed = self.asked_outcomes == sac.AskedOutcomes.EXPRESSED
        if self.outcomes_achieved and self.asked_outcomes and not expressed:
            errors["outcomes_achieved"] = (
                "Only say whether outcomes were achieved when the person expressed outcomes"
            )
        action_on_risk = self.action_and_result == sac.ActionAndResult.RISK_ACTION
        if self.risk_outcome and self.action_and_result and not action_on_risk:
            errors["risk_outcome"] = (
                "Only give the risk outcome when a risk was identified and action taken"
            )
        if self.advocate_supported is not None and self.lacked_capacity is False:
            errors["advocate_supported"] = (
                "Only say whether they were supported when the person lacked capacity"
            )
        if not self.is_concluded:
            return errors
        missing = {
            "risk_types": (self.chosen_risk_types(), "Select the types of abuse or neglect"),
            "location": (self.location, "Select where the risk was"),
            "sources": (self.chosen_sources(), "Select the sources of risk"),
            "asked_outcomes": (
                self.asked_outcomes,
                "Select whether the person was asked what outcomes they wanted",
            ),
            "outcomes_achieved": (
                self.outcomes_achieved or not expressed,
                "Select whether the outcomes they expressed were achieved",
            ),
            "action_and_result": (self.action_and_result, "Select the action taken and its result"),
            "risk_outcome": (self.risk_outcome or not action_on_risk, "Select the risk outcome"),
            "lacked_capacity": (
                self.lacked_capacity is not None,
                "Select whether the person lacked capacity",
            ),
            "advocate_supported": (
                self.advocate_supported is not None or self.lacked_capacity is not True,
                "Select whether they were supported by an advocate, family or friend",
            ),
        }
        for name, (given, message) in missing.items():
            if not given:
                errors.setdefault(name, message)
        return errors


class EnquiryRiskType(models.Model):
    """One type of abuse or neglect an enquiry is about (SG2: each type once)."""

    enquiry = models.ForeignKey(
        SafeguardingEnquiry, on_delete=models.CASCADE, related_name="risk_type_rows"
    )
    risk_type = models.CharField(max_length=30, choices=sac.RiskType.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["enquiry", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["enquiry", "risk_type"], name="enquiry_risk_type_once")
        ]

    def __str__(self) -> str:
        return self.get_risk_type_display()


class EnquiryRiskSource(models.Model):
    """One source of risk of an enquiry (SG2: a source type once, however many)."""

    enquiry = models.ForeignKey(
        SafeguardingEnquiry, on_delete=models.CASCADE, related_name="source_rows"
    )
    source = models.CharField(max_length=20, choices=sac.SourceOfRisk.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["enquiry", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["enquiry", "source"], name="enquiry_source_once")
        ]

    def __str__(self) -> str:
        return self.get_source_display()
