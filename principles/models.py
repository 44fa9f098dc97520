"""A council's practice principles, version by version.

A new version of a framework is a new `Framework` row with new `Principle` rows: records
point at the principle rows they were written under, so publishing a new version never
rewrites what old records were tagged with (SPEC 1; Lancashire: "Our principles may be
updated periodically"). Every model here has a natural key, so the fixtures in
`fixtures/` load idempotently: loading them twice leaves the same rows.
"""

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from config.kinds import RecordKind
from principles.reading import ReadingStatus, reading_status

IN_USE_MESSAGE = "This version is in use: create a new version to change it"


class FrameworkQuerySet(models.QuerySet):
    def in_use(self) -> "FrameworkQuerySet":
        """Versions a record's principle evidence, a reading confirmation or a supervision
        reflection refers to. Such a version is fixed: what people were tagged with and
        read stays as it was; a change is a new version (`framework_version_copy`)."""
        principles = Principle.objects.filter(framework=OuterRef("pk"))
        return self.filter(
            Exists(principles.filter(evidence__isnull=False))
            | Exists(principles.filter(reading_confirmations__isnull=False))
            | Exists(principles.filter(supervision_reflections__isnull=False))
        )


class FrameworkManager(models.Manager.from_queryset(FrameworkQuerySet)):
    def get_by_natural_key(self, slug: str, version: str) -> "Framework":
        return self.get(slug=slug, version=version)


class Framework(models.Model):
    """One version of one council's set of practice principles."""

    slug = models.SlugField(max_length=80, help_text="Names the framework across its versions.")
    council = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
    version = models.CharField(max_length=40)
    effective_date = models.DateField()
    source_document = models.CharField(
        max_length=300, help_text="The published document these principles come from."
    )
    introduction = models.TextField(blank=True)
    appendix_title = models.CharField(max_length=200, blank=True)
    source_text = models.TextField(
        blank=True, help_text="The source document's text, exactly as published."
    )

    objects = FrameworkManager()

    class Meta:
        ordering = ["council", "-effective_date"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="framework_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.council}: {self.title} (version {self.version})"

    def get_absolute_url(self) -> str:
        return reverse("principles:framework", args=[self.pk])

    def natural_key(self) -> tuple[str, str]:
        return (self.slug, self.version)

    def introduction_paragraphs(self) -> list[str]:
        return split_paragraphs(self.introduction)

    def use_count(self) -> int:
        """How many records, reading confirmations and supervision sessions refer to
        this version (three queries)."""
        principles = Principle.objects.filter(framework=self)
        return sum(
            principles.filter(**{f"{path}__isnull": False}).values(path).distinct().count()
            for path in (
                "evidence__record",
                "reading_confirmations",
                "supervision_reflections__session",
            )
        )

    def clean(self):
        super().clean()
        refuse_change_in_use(self, self.pk)


class ActiveFramework(models.Model):
    """The one framework a deployment works to, chosen by an administrator.

    Kept apart from `Framework` so that reloading the fixtures never changes the choice.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    chosen_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "active framework"
        verbose_name_plural = "active framework"
        constraints = [models.CheckConstraint(condition=Q(id=1), name="active_framework_singleton")]

    def __str__(self) -> str:
        return str(self.framework)

    @classmethod
    def current(cls) -> Framework | None:
        choice = cls.objects.select_related("framework").filter(pk=1).first()
        return choice.framework if choice else None

    @classmethod
    def choose(cls, framework: Framework) -> None:
        cls.objects.update_or_create(pk=1, defaults={"framework": framework})


class PrincipleQuerySet(models.QuerySet):
    def with_reading_confirmed_by(self, user) -> "PrincipleQuerySet":
        """Annotate `read_on`: the date `user` confirmed reading each principle, or None."""
        confirmation = ReadingConfirmation.objects.filter(
            principle=OuterRef("pk"), user=user
        ).values("read_on")[:1]
        return self.annotate(read_on=Subquery(confirmation))


class PrincipleManager(models.Manager.from_queryset(PrincipleQuerySet)):
    def get_by_natural_key(self, slug: str, version: str, number: int) -> "Principle":
        return self.get(framework__slug=slug, framework__version=version, number=number)


class Principle(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="principles")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    text = models.TextField(help_text="The principle's paragraphs, a blank line between each.")

    objects = PrincipleManager()

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="principle_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("principles:principle", args=[self.framework_id, self.number])

    def natural_key(self) -> tuple:
        return (*self.framework.natural_key(), self.number)

    natural_key.dependencies = ["principles.framework"]

    def paragraphs(self) -> list[str]:
        return split_paragraphs(self.text)

    def clean(self):
        super().clean()
        refuse_change_in_use(self, self.framework_id)


class StatementManager(models.Manager):
    def get_by_natural_key(self, slug: str, version: str, number: int, position: int):
        return self.get(
            principle__framework__slug=slug,
            principle__framework__version=version,
            principle__number=number,
            position=position,
        )


class Statement(models.Model):
    """One of a principle's ordered statements."""

    class Kind(models.TextChoices):
        WE = "WE", "We statement"  # what staff commit to (CQC Assessment Framework style)
        I = "I", "I statement"  # noqa: E741 -- what good looks like to the person (TLAP)
        ITEM = "ITEM", "Listed item"  # e.g. Lancashire P3's six safeguarding principles

    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, related_name="statements")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=4, choices=Kind.choices)
    label = models.CharField(
        max_length=80, blank=True, help_text="A listed item's name, e.g. Empowerment."
    )
    text = models.TextField()

    objects = StatementManager()

    class Meta:
        ordering = ["principle", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["principle", "position"], name="statement_position_unique"
            )
        ]

    def __str__(self) -> str:
        return self.text

    def natural_key(self) -> tuple:
        return (*self.principle.natural_key(), self.position)

    natural_key.dependencies = ["principles.principle"]

    def clean(self):
        super().clean()
        framework_id = (
            Principle.objects.filter(pk=self.principle_id)
            .values_list("framework_id", flat=True)
            .first()
        )
        refuse_change_in_use(self, framework_id)


class ProfessionalStandardManager(models.Manager):
    def get_by_natural_key(self, slug: str, version: str, position: int):
        return self.get(framework__slug=slug, framework__version=version, position=position)


class ProfessionalStandard(models.Model):
    """A standard in a framework's appendix (Lancashire's "Standards for Adult Social Care
    Staff")."""

    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="professional_standards"
    )
    position = models.PositiveSmallIntegerField()
    profession = models.CharField(max_length=120, help_text='e.g. "For social work".')
    title = models.CharField(max_length=300)

    objects = ProfessionalStandardManager()

    class Meta:
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "position"], name="standard_position_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple:
        return (*self.framework.natural_key(), self.position)

    natural_key.dependencies = ["principles.framework"]

    def clean(self):
        super().clean()
        refuse_change_in_use(self, self.framework_id)


class RequiredPrincipleManager(models.Manager):
    def get_by_natural_key(self, slug: str, version: str, number: int, record_kind: str):
        return self.get(
            principle__framework__slug=slug,
            principle__framework__version=version,
            principle__number=number,
            record_kind=record_kind,
        )


class RequiredPrinciple(models.Model):
    """A principle every record of one kind must evidence before it can be completed
    (SPEC 3, "required principles"). The council's administrators choose them; the
    fixtures carry a starting set for each framework version."""

    principle = models.ForeignKey(Principle, on_delete=models.CASCADE, related_name="required_in")
    record_kind = models.CharField(max_length=40, choices=RecordKind.choices)

    objects = RequiredPrincipleManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["record_kind", "principle__framework", "principle__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["principle", "record_kind"], name="principle_required_once_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_record_kind_display()} must evidence {self.principle}"

    def natural_key(self) -> tuple:
        return (*self.principle.natural_key(), self.record_kind)

    natural_key.dependencies = ["principles.principle"]


class CitedPrincipleManager(models.Manager):
    def get_by_natural_key(self, slug: str, version: str, purpose: str) -> "CitedPrinciple":
        return self.get(framework__slug=slug, framework__version=version, purpose=purpose)


class CitedPrinciple(models.Model):
    """The principle a framework version names for a rule the service quotes it for, as
    in "due within two working days (Principle 6: Timely and Defensible Decision making
    and recording)". An administrator chooses them; `fixtures/cited_principles.json`
    holds each council's own. A framework that names no principle for a purpose has no
    row, and the hint reads without a reference (`principles.citations`)."""

    class Purpose(models.TextChoices):
        # Each is a rule a hint, caption or document quotes a principle for.
        TIMELY_RECORDING = "timely_recording", "Recording within two working days"
        RISK = "risk", "Positive risk-taking"
        ALTERNATIVES = "alternatives", "Alternatives to traditional care, within the budget"
        VALUE_FOR_MONEY = "value_for_money", "Value for money: health funding considered first"
        REVIEWS = "reviews", "Reviews at least every 12 months"
        COPIES = "copies", "Copies of records for the person"
        IDENTITY = "identity", "Identity and culture"
        SAFEGUARDING = "safeguarding", "Safeguarding"

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="cited_principles"
    )
    purpose = models.CharField(max_length=40, choices=Purpose.choices)
    principle = models.ForeignKey(Principle, on_delete=models.CASCADE, related_name="cited_for")

    objects = CitedPrincipleManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "cited principle"
        ordering = ["framework", "purpose"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "purpose"], name="one_cited_principle_per_purpose"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}: {self.principle}"

    def natural_key(self) -> tuple:
        return (*self.framework.natural_key(), self.purpose)

    natural_key.dependencies = ["principles.framework", "principles.principle"]

    def clean(self):
        super().clean()
        if (
            self.framework_id
            and self.principle_id
            and self.principle.framework_id != self.framework_id
        ):
            raise ValidationError({"principle": "Select a principle of the same framework version"})


def principles_for(framework: Framework, record_kind: str) -> models.QuerySet[Principle]:
    """The principles of `framework` in order, each with `is_required`: whether a
    record of `record_kind` must evidence it."""
    required = RequiredPrinciple.objects.filter(principle=OuterRef("pk"), record_kind=record_kind)
    return framework.principles.annotate(is_required=Exists(required)).order_by("number")


def required_principles(framework: Framework, record_kind: str) -> list[Principle]:
    """The principles of `framework` a record of `record_kind` must evidence."""
    return [p for p in principles_for(framework, record_kind) if p.is_required]


def required_principles_by_kind(
    framework_ids: Iterable[int] | None = None,
) -> dict[tuple[int, str], list[Principle]]:
    """(framework id, record kind) to the principles that kind must evidence, by
    number, for the framework versions in `framework_ids` (all when None), in one query:
    `required_principles` for many records at once."""
    rules = RequiredPrinciple.objects.select_related("principle").order_by("principle__number")
    if framework_ids is not None:
        rules = rules.filter(principle__framework_id__in=framework_ids)
    required: dict[tuple[int, str], list[Principle]] = {}
    for rule in rules:
        required.setdefault((rule.principle.framework_id, rule.record_kind), []).append(
            rule.principle
        )
    return required


class ReadingConfirmation(models.Model):
    """A member of staff's confirmation that they have read a principle (Lancashire's form).

    Confirming a whole framework version records one row per principle of that version,
    so a confirmation of an old version never counts for a new one.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reading_confirmations"
    )
    principle = models.ForeignKey(
        Principle, on_delete=models.PROTECT, related_name="reading_confirmations"
    )
    read_on = models.DateField(help_text="The date the member of staff read the principle.")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-read_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "principle"], name="one_confirmation_per_principle"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.principle} on {self.read_on:%d %B %Y}"


def confirmations_summary(
    queryset: models.QuerySet, framework: Framework, *, user_field: str = "pk"
) -> models.QuerySet:
    """Annotate users (or rows whose `user_field` is a user) with how many of
    `framework`'s principles each has confirmed reading, and the latest date they
    confirmed one: `principles_read` and `last_read_on`."""
    per_user = ReadingConfirmation.objects.filter(
        user=OuterRef(user_field), principle__framework=framework
    ).values("user")
    return queryset.annotate(
        principles_read=Coalesce(Subquery(per_user.annotate(n=Count("pk")).values("n")[:1]), 0),
        last_read_on=Subquery(per_user.annotate(last=models.Max("read_on")).values("last")[:1]),
    )


def reading_status_for(user, framework: Framework) -> tuple[ReadingStatus, date | None]:
    """`user`'s reading status for `framework`, and the last date they confirmed a
    principle of it, in one query."""
    mine = Q(reading_confirmations__user=user)
    counts = framework.principles.aggregate(
        total=Count("pk", distinct=True),
        read=Count("reading_confirmations", filter=mine, distinct=True),
        last_read_on=models.Max("reading_confirmations__read_on", filter=mine),
    )
    status = reading_status(principles_read=counts["read"], principles_total=counts["total"])
    return status, counts["last_read_on"]


def split_paragraphs(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


def refuse_change_in_use(instance: models.Model, framework_id: int | None) -> None:
    """Raise a ValidationError if `instance` (a framework version, or a principle,
    statement or standard of one) is new or changed while the version it belongs to,
    before or after the change, is in use (`FrameworkQuerySet.in_use`).
    `framework_id` is the id of the version it belongs to now."""
    fields = [f.attname for f in type(instance)._meta.concrete_fields if not f.primary_key]
    stored = type(instance).objects.filter(pk=instance.pk).values(*fields).first()
    if stored is not None and stored == {name: getattr(instance, name) for name in fields}:
        return
    versions = Q(pk=framework_id) if framework_id is not None else Q(pk__in=[])
    if stored is not None and "framework_id" in stored:
        versions |= Q(pk=stored["framework_id"])
    elif stored is not None and "principle_id" in stored:
        versions |= Q(principles=stored["principle_id"])
    if Framework.objects.filter(versions).in_use().exists():
        raise ValidationError(IN_USE_MESSAGE)


class CouncilContact(models.Model):
    """How a person reaches the council, printed on every copy they are given so they
    can act on it. One row per council, named exactly as its frameworks name it
    (`Framework.council`); an administrator keeps it up to date in the admin."""

    council = models.CharField(
        max_length=200, unique=True, help_text="Exactly as the council's frameworks name it."
    )
    service = models.CharField(
        max_length=200, blank=True, help_text='For example, "Adult Care Services".'
    )
    address = models.TextField(help_text="The postal address, one part on each line.")
    phone = models.CharField(max_length=40)
    phone_hours = models.CharField(
        max_length=200, blank=True, help_text='For example, "Monday to Friday, 8am to 6pm".'
    )
    email = models.EmailField()
    la_code = models.CharField(
        "LA code",
        max_length=3,
        blank=True,
        validators=[RegexValidator(r"^\d{3}$", "Enter the council's 3-digit LA code")],
        help_text="The council's 3-digit local authority code, as DHSC knows it: the first "
        "column of the Client Level Data extract.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["council"]

    def __str__(self) -> str:
        return self.council

    @classmethod
    def for_framework(cls, framework: Framework) -> "CouncilContact | None":
        return cls.objects.filter(council=framework.council).first()

    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]
