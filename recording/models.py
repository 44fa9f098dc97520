"""The case record: people, contacts, the recording obligations a contact creates, and
the records (case notes, provisional care packages) that meet them.

A record is a draft until its author completes it; after that it is never changed or
deleted (SPEC 2): a correction is an `Addendum`. Records are tagged with principle rows
of the framework version in force when they were written, so a later version of the
principles never rewrites what an old record evidenced.
"""

import operator
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import reduce

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Aggregate, Case, Count, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.access import person_visibility
from config import cld
from config.kinds import AUTHORISED_KINDS, CARE_ACT_KINDS, RecordKind
from config.nhs_number import nhs_number_validator
from config.past_dates import local_today, past_date_errors
from recording.deadlines import LONDON, TrackerState, WorkingCalendar, tracker_label
from recording.principle_evidence import is_written, required_not_evidenced


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PersonQuerySet":
        """The people `user` may see (SPEC "Users", issue 4 "Access"): practitioners and
        managers see their teams' people; a restricted person only their allocated worker
        and the managers of their team; quality staff everyone who is not restricted
        (`accounts.access.may_see_person`)."""
        return self.filter(person_visibility(user))

    def search(self, text: str) -> "PersonQuerySet":
        """People whose council reference is `text`, or whose name or preferred name
        holds any of its words (the first SEARCH_MAX_WORDS different ones: each word is
        a condition, and SQLite refuses a query of about 500)."""
        text = text.strip()
        if not text:
            return self
        query = Q(council_reference__iexact=text)
        for word in search_words(text):
            query |= Q(name__icontains=word) | Q(preferred_name__icontains=word)
        return self.filter(query)


SEARCH_MAX_WORDS = 10
SEARCH_MAX_CHARACTERS = 200


def search_words(text: str) -> list[str]:
    """The different words of a search, in order, at most SEARCH_MAX_WORDS."""
    return list(dict.fromkeys(text.casefold().split()))[:SEARCH_MAX_WORDS]


class Person(models.Model):
    """Someone the council works with."""

    name = models.CharField(max_length=200)
    preferred_name = models.CharField(
        max_length=100, blank=True, help_text="What the person likes to be called."
    )
    date_of_birth = models.DateField(db_index=True)  # the duplicate warning's candidates
    council_reference = models.CharField(
        max_length=40,
        unique=True,
        help_text="The person's ID in the council's main case management system.",
    )
    nhs_number = models.CharField(
        "NHS number",
        max_length=10,
        blank=True,
        db_index=True,
        validators=[nhs_number_validator],
        help_text="10 digits, for example 943 476 5919.",
    )
    date_of_death = models.DateField(null=True, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    # The person fields England's Client Level Data collection needs (`config.cld`).
    gender = models.CharField(max_length=20, choices=cld.Gender.choices, blank=True)
    gender_same_as_birth = models.CharField(
        "gender the same as registered at birth",
        max_length=20,
        choices=cld.GenderSameAsBirth.choices,
        blank=True,
    )
    ethnicity = models.CharField(max_length=120, choices=cld.Ethnicity.choices, blank=True)
    client_type = models.CharField(
        max_length=20, choices=cld.ClientType.choices, default=cld.ClientType.SERVICE_USER
    )
    primary_support_reason = models.CharField(
        max_length=80, choices=cld.PrimarySupportReason.choices, blank=True
    )
    accommodation_status = models.CharField(
        max_length=160, choices=cld.AccommodationStatus.choices, blank=True
    )
    employment_status = models.CharField(
        max_length=80, choices=cld.EmploymentStatus.choices, blank=True
    )
    has_unpaid_carer = models.CharField(
        "has an unpaid carer", max_length=10, choices=cld.HasUnpaidCarer.choices, blank=True
    )
    # The CLD's health-condition flags and funding status (issue 18).
    autism = models.CharField(
        "autism spectrum disorder", max_length=10, choices=cld.HealthCondition.choices, blank=True
    )
    visual_impairment = models.CharField(
        max_length=10, choices=cld.HealthCondition.choices, blank=True
    )
    hearing_impairment = models.CharField(
        max_length=10, choices=cld.HealthCondition.choices, blank=True
    )
    dementia = models.CharField(max_length=10, choices=cld.HealthCondition.choices, blank=True)
    client_funding_status = models.CharField(
        max_length=60, choices=cld.ClientFundingStatus.choices, blank=True
    )
    # An unpaid carer's hours caring each week (the people they care for: `CarerLink`).
    hours_caring_per_week = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(168)],
        help_text="For an unpaid carer: hours a week spent caring, in total.",
    )
    gp_practice = models.CharField("GP practice", max_length=200, blank=True)
    gp_practice_code = models.CharField(
        "GP practice code", max_length=6, blank=True, help_text="The ODS code, for example A81001."
    )
    communication_needs = models.TextField(
        blank=True, help_text="For example, an interpreter, British Sign Language, easy read."
    )
    identity_and_culture = models.TextField(
        blank=True,
        help_text="What matters to the person about who they are.",
    )
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="people")
    allocated_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="allocated_people",
    )
    is_restricted = models.BooleanField(
        "restricted",
        default=False,
        help_text="Only the allocated worker and the team's managers can see this person.",
    )
    review_due = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the person's care and support plan is next due for review: set by "
        "the latest authorised plan or completed review.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonQuerySet.as_manager()
    # Who changed what and when (SPEC 6, "History"); read on the person's History page.
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "council_reference"]
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["team", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("recording:person", args=[self.pk])

    def clean(self):
        super().clean()
        errors = past_date_errors(
            {
                "date_of_birth": (self.date_of_birth, "The date of birth"),
                "date_of_death": (self.date_of_death, "The date of death"),
            },
            today=local_today(),
        )
        if (
            "date_of_death" not in errors
            and self.date_of_death is not None
            and self.date_of_birth is not None
            and self.date_of_death < self.date_of_birth
        ):
            errors["date_of_death"] = (
                "The date of death must be the same as or after the date of birth"
            )
        if errors:
            raise ValidationError(errors)


MAX_CARED_FOR = 3  # the CLD's Adult_1/2/3_Linked_Person_ID


class CarerLink(models.Model):
    """An unpaid carer (a person whose client type is unpaid carer) and one of the up to
    three adults they care for (Care Act s10; the CLD's linked person IDs)."""

    carer = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="cares_for")
    cared_for = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="carers")
    position = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CARED_FOR)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["carer", "position"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(carer=models.F("cared_for")), name="carer_not_self"
            ),
            models.CheckConstraint(
                condition=models.Q(position__gte=1, position__lte=MAX_CARED_FOR),
                name="carer_link_position",
            ),
            models.UniqueConstraint(fields=["carer", "position"], name="carer_link_slot"),
            models.UniqueConstraint(fields=["carer", "cared_for"], name="carer_link_once"),
        ]

    def __str__(self) -> str:
        return f"{self.carer} cares for {self.cared_for}"

    def clean(self):
        super().clean()
        if self.carer_id and self.carer_id == self.cared_for_id:
            raise ValidationError({"cared_for": "A carer cannot be linked to themselves"})


class ClosureDay(models.Model):
    """A day the council is closed that is not a bank holiday, e.g. 24 December. It is
    not a working day for the two-working-day rule."""

    date = models.DateField(unique=True)
    reason = models.CharField(max_length=200, help_text="For example, Christmas Eve closure.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d %B %Y}: {self.reason}"

    @classmethod
    def dates(cls) -> frozenset:  # of dates (`date` here would be the field below)
        return frozenset(cls.objects.values_list("date", flat=True))


class Contact(models.Model):
    """A contact with a person: a visit, a call. It starts the two-working-day clock."""

    class Method(models.TextChoices):
        VISIT = "visit", "Visit"
        PHONE = "phone", "Phone call"
        VIDEO = "video", "Video call"
        OFFICE = "office", "Office appointment"
        HOSPITAL = "hospital", "Hospital"
        OTHER = "other", "Other"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contacts")
    occurred_at = models.DateTimeField(help_text="When the contact happened.")
    method = models.CharField(max_length=10, choices=Method.choices)
    with_whom = models.CharField(max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contacts"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["person", "-occurred_at"])]

    def __str__(self) -> str:
        return f"{self.get_method_display()} with {self.with_whom}"

    def clean(self):
        super().clean()
        if self.occurred_at is None:
            return
        errors = past_date_errors(
            {
                "occurred_at": (
                    self.occurred_at.astimezone(LONDON).date(),
                    "The date of the contact",
                )
            },
            today=local_today(),
        )
        if errors:
            raise ValidationError(errors)
        if self.occurred_at > timezone.now():
            raise ValidationError({"occurred_at": "The time of the contact must be in the past"})
        person = getattr(self, "person", None) if self.person_id else None
        if person and self.occurred_at.astimezone(LONDON).date() < person.date_of_birth:
            raise ValidationError(
                {"occurred_at": "A contact cannot be before the person's date of birth"}
            )


def tracker_conditions(calendar: WorkingCalendar) -> dict[TrackerState, Q]:
    """Each tracker state as a filter on `RecordingObligation`, seen on `calendar.today`:
    the rule of `deadlines.tracker_state` in SQL. The conditions do not overlap and every
    obligation meets one, so the per-row state (`with_tracker`), the counts
    (`tracker_counts`) and the lists (`in_tracker_state`) are all built from them; a test
    holds them to the pure rule's answers."""
    today, next_working_day = calendar.today, calendar.next_working_day
    is_open = Q(completed_on__isnull=True)
    return {
        TrackerState.ON_TIME: Q(completed_on__lte=F("due_date")),
        TrackerState.COMPLETED_LATE: Q(completed_on__gt=F("due_date")),
        TrackerState.OVERDUE: is_open & Q(due_date__lt=today),
        TrackerState.DUE_TODAY: is_open & Q(due_date=today),
        TrackerState.DUE_TOMORROW: is_open & Q(due_date__gt=today, due_date__lte=next_working_day),
        TrackerState.UPCOMING: is_open & Q(due_date__gt=next_working_day),
    }


@dataclass(frozen=True)
class TrackerReading:
    """The value of `with_tracker`'s `tracker` annotation: the state the database gave
    the row, and the calendar it was computed on (for how late the row is)."""

    state: TrackerState
    calendar: WorkingCalendar


class TrackerField(models.CharField):
    """The output field of `with_tracker`'s state: reads the column back as a
    `TrackerReading` carrying the query's calendar (`Field.from_db_value`)."""

    def __init__(self, calendar: WorkingCalendar, **kwargs):
        super().__init__(**kwargs)
        self.calendar = calendar

    def from_db_value(self, value, expression, connection) -> TrackerReading | None:
        if value is None:
            return None
        return TrackerReading(TrackerState(value), self.calendar)


class RecordingObligationQuerySet(models.QuerySet):
    def open(self) -> "RecordingObligationQuerySet":
        return self.filter(completed_on__isnull=True)

    def with_tracker(self, calendar: WorkingCalendar) -> "RecordingObligationQuerySet":
        """Annotate `tracker` in SQL -- the same answer as `deadlines.tracker_state` -- in
        the same query as the rows; each row then has `tracker_state`, `working_days_late`
        and `tracker_label` (properties of the model)."""
        return self.annotate(
            tracker=Case(
                *(
                    When(condition, then=Value(state.value))
                    for state, condition in tracker_conditions(calendar).items()
                ),
                output_field=TrackerField(calendar),
            )
        )

    def in_tracker_state(
        self, calendar: WorkingCalendar, *states: TrackerState
    ) -> "RecordingObligationQuerySet":
        """The obligations in any of `states` on `calendar.today`."""
        conditions = tracker_conditions(calendar)
        return self.filter(reduce(operator.or_, (conditions[state] for state in states)))

    def overdue_on(self, today: date) -> "RecordingObligationQuerySet":
        """The obligations overdue on `today` (`in_tracker_state` for OVERDUE), for a page
        that has no calendar: whether a due date has passed needs no closure days."""
        return self.in_tracker_state(WorkingCalendar(today=today), TrackerState.OVERDUE)

    def tracker_counts(
        self,
        calendar: WorkingCalendar,
        *,
        states: Iterable[TrackerState] = tuple(TrackerState),
        by: tuple[str, ...] = (),
        **extra: Aggregate,
    ) -> dict | list[dict]:
        """How many obligations are in each of `states` on `calendar.today` (keyed by the
        state's value: "overdue", "due_today", ...), with any `extra` aggregates, in one
        query: a dict; or, grouped `by` fields, a list of dicts holding those fields too.
        Built from the same conditions as `with_tracker`."""
        conditions = tracker_conditions(calendar)
        counts = {state.value: Count("pk", filter=conditions[state]) for state in states}
        if not by:
            return self.aggregate(**counts, **extra)
        return list(self.order_by().values(*by).annotate(**counts, **extra))

    def for_lists(self) -> "RecordingObligationQuerySet":
        return self.select_related("contact__person", "record", "owner")


class RecordingObligation(models.Model):
    """What a contact obliges: its record, completed within two working days (Herts P6:
    "within two working days of contact with the person, including provisional care
    packages"). `due_date` is stored so lists filter and sort on it in SQL; it is
    recomputed in one update when a closure day it depends on is added or removed
    (`services.closure_day_add`)."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="obligations")
    kind = models.CharField(max_length=40, choices=RecordKind.choices)
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The person's team when the contact happened: the dashboards count the "
        "obligation there, and filter on it without joining the person.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="obligations"
    )
    contact_date = models.DateField(help_text="The contact's local date: day 0 of the clock.")
    due_date = models.DateField()
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_on = models.DateField(
        null=True, blank=True, help_text="The local date the record was completed."
    )

    objects = RecordingObligationQuerySet.as_manager()
    # Due dates move when closure days change (`services.due_dates_recompute_around`);
    # the history keeps each date the clock has had.
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contact"],
                condition=Q(kind="case_note"),
                name="one_case_note_obligation_per_contact",
            ),
            models.CheckConstraint(
                condition=Q(due_date__gt=F("contact_date")), name="due_after_contact"
            ),
        ]
        indexes = [
            # My recording and the team view: an owner's open obligations by due date.
            models.Index(
                fields=["owner", "due_date"],
                condition=Q(completed_on__isnull=True),
                name="obligation_open_by_owner",
            ),
            # Recently completed on My recording.
            models.Index(fields=["owner", "-completed_on"], name="obligation_owner_completed"),
            # The closure-day recompute filters on the contact's local date.
            models.Index(fields=["contact_date"], name="obligation_contact_date"),
            # The timeliness dashboard: a team's obligations by contact date, and its
            # open obligations by due date (the overdue list).
            models.Index(fields=["team", "contact_date"], name="obligation_team_contact"),
            models.Index(
                fields=["team", "due_date"],
                condition=Q(completed_on__isnull=True),
                name="obligation_open_by_team",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.contact}, due {self.due_date}"

    # Rows of `with_tracker` only: from its `tracker` annotation (a `TrackerReading`).

    @property
    def tracker_state(self) -> TrackerState:
        return self.tracker.state

    @property
    def working_days_late(self) -> int:
        """Working days late when overdue or completed late, else 0 (no query: the
        calendar holds the closure days and remembers each answer)."""
        if self.tracker_state not in (TrackerState.OVERDUE, TrackerState.COMPLETED_LATE):
            return 0
        return self.tracker.calendar.days_late(self.due_date, self.completed_on)

    @property
    def tracker_label(self) -> str:
        return tracker_label(
            self.tracker_state,
            due=self.due_date,
            working_days_late=self.working_days_late,
            today=self.tracker.calendar.today,
        )


class RecordImmutableError(Exception):
    """A completed record cannot be changed or deleted; add an addendum instead."""


class Needs:
    """For a kind's `completion_errors`: `need("field", "message")` adds the message when
    the field is empty."""

    def __init__(self, record, errors: dict):
        self.record, self.errors = record, errors

    def __call__(self, name: str, message: str) -> None:
        value = getattr(self.record, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            self.errors.setdefault(name, message)


class Record(models.Model):
    """What every kind of record on a person shares: author, draft or completed,
    principle evidence, addenda. Each kind is a subclass (multi-table inheritance), so
    the person's timeline and the dashboards read one table."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        COMPLETED = "completed", "Completed"

    kind = models.CharField(max_length=40, choices=RecordKind.choices, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="records")
    obligation = models.OneToOneField(
        RecordingObligation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="record",
        help_text="The two-working-day clock this record answers, when it records a contact.",
    )
    framework = models.ForeignKey(
        "principles.Framework",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The principles version in force when the record was started.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="records"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Goes up by one each time the draft is saved. Every draft form carries "
        "the version it showed: a save of an older version is an edit conflict "
        "(`services._lock_draft`), never a silent overwrite.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    reading_ease = models.FloatField(
        null=True,
        blank=True,
        editable=False,
        help_text="Flesch reading ease (0-100) of the record's narrative text, for the "
        "dashboards; empty when there is too little text to score.",
    )
    revises = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        help_text="The returned record this one revises.",
    )
    # inherit=True gives every kind of record (a subclass, in any app) its own history
    # of all its fields, parent's included; a bare `Record` row keeps this one.
    history = HistoricalRecords(inherit=True)

    KIND: str = ""  # each subclass names its kind
    NARRATIVE_FIELDS: tuple[str, ...] = ()  # the free text scored for plain English

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["person", "-created_at"]),
            models.Index(fields=["author", "status"]),
            # The principles dashboard: records completed in a period.
            models.Index(fields=["completed_at"], name="record_completed_at"),
            # The entitlements dashboard: completed records of a kind (copies, authorising).
            models.Index(fields=["kind", "status"], name="record_kind_status"),
            # ... and a team's: each of its people's records of a kind.
            models.Index(fields=["person", "kind", "status"], name="record_person_kind_status"),
            # ... and the principles dashboard for a team: its people's records completed
            # in a period.
            models.Index(fields=["person", "completed_at"], name="record_person_completed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft", completed_at__isnull=True)
                | Q(status="completed", completed_at__isnull=False),
                name="completed_records_have_a_completion_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.person}"

    def save(self, *args, **kwargs):
        self.kind = self.kind or self.KIND
        # A completed record is a snapshot of what was recorded (SPEC 2): never rewritten.
        if getattr(self, "_loaded_status", None) == self.Status.COMPLETED:
            raise RecordImmutableError(f"{self} is completed; add an addendum instead.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        app = "assessments" if self.kind in CARE_ACT_KINDS else "recording"
        return reverse(f"{app}:record", args=[self.pk])

    def get_edit_url(self) -> str:
        if self.kind in CARE_ACT_KINDS:
            return reverse("assessments:edit", args=[self.pk])
        return reverse("recording:record_edit", args=[self.pk])

    def delete(self, *args, **kwargs):
        if self.is_completed or getattr(self, "_loaded_status", None) == self.Status.COMPLETED:
            raise RecordImmutableError(f"{self} is completed and cannot be deleted.")
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    @classmethod
    def model_for_kind(cls, kind: str) -> type["Record"]:
        """The subclass that records `kind`, wherever its app is."""
        stack = list(cls.__subclasses__())
        while stack:
            model = stack.pop()
            if kind == model.KIND:
                return model
            stack.extend(model.__subclasses__())
        raise LookupError(f"No record model for {kind!r}")

    def as_kind(self) -> "Record":
        """This record as its own subclass (one query; itself if it already is one)."""
        model = self.model_for_kind(self.kind)
        return self if isinstance(self, model) else model.objects.get(pk=self.pk)

    def narrative_texts(self) -> list[str]:
        return [getattr(self, name) for name in self.NARRATIVE_FIELDS]

    def save_errors(self) -> dict[str, str]:
        """What no saved version of this record may say, draft or not; keyed by the
        form field names. Subclasses add their rules."""
        return {}

    def completion_errors(self) -> dict[str, str]:
        """What stops the record being completed, keyed by the form field names; empty
        when it can be completed. Every kind says what completing it needs here, and
        only here: `services.record_complete` refuses a record with any, and the forms
        show them next to their fields (`show_errors`). This one holds the principles
        the kind must evidence (SPEC 3, `principle_evidence`) and evidence left
        unwritten; each kind adds its own."""
        from principles.models import required_principles

        errors = {}
        given = {row.principle_id: row for row in self.evidence.select_related("principle")}
        kind = self.get_kind_display().lower()
        missing = required_not_evidenced(
            required_principles(self.framework, self.kind),
            {principle_id: row.evidence for principle_id, row in given.items()},
        )
        for principle in missing:
            if principle.pk not in given:  # ticked with nothing written: asked for below
                errors[f"principle_{principle.number}"] = (
                    f"Principle {principle.number}, {principle.title}, must be evidenced "
                    f"in every {kind}: select it and say how it shaped what you did"
                )
        for row in given.values():
            if not is_written(row.evidence):
                errors[f"principle_{row.principle.number}_evidence"] = (
                    f"Enter how principle {row.principle.number}, {row.principle.title}, "
                    "shaped what you did"
                )
        return errors

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED

    @property
    def needs_authorisation(self) -> bool:
        """A manager authorises it once it is completed (eligibility, plans)."""
        return self.kind in AUTHORISED_KINDS

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class CaseNote(Record):
    """The record of a contact: what happened, the principles applied, any decision."""

    KIND = RecordKind.CASE_NOTE
    NARRATIVE_FIELDS = ("narrative", "decision", "decision_reasons", "next_actions")

    class LegalBasis(models.TextChoices):
        CARE_ACT = "care_act_2014", "Care Act 2014"
        MENTAL_CAPACITY_ACT = "mca_2005", "Mental Capacity Act 2005"
        MENTAL_HEALTH_ACT = "mha_1983", "Mental Health Act 1983"

    narrative = models.TextField(blank=True)
    made_decision = models.BooleanField(null=True, blank=True, help_text="Unanswered until chosen.")
    decision = models.TextField(blank=True, help_text="The decision made, if any.")
    decision_reasons = models.TextField(blank=True)
    legal_basis = models.CharField(max_length=20, choices=LegalBasis.choices, blank=True)
    legal_section = models.CharField(
        max_length=100, blank=True, help_text="The section, where known, e.g. section 9."
    )
    next_actions = models.TextField(blank=True)

    def completion_errors(self) -> dict[str, str]:
        errors = super().completion_errors()
        need = Needs(self, errors)
        need("narrative", "Enter what happened")
        if self.made_decision is None:
            errors["made_decision"] = "Select yes if you made a decision"
        if self.made_decision:
            need("decision", "Enter what you decided")
            need("decision_reasons", "Enter your reasons for the decision")
            need("legal_basis", "Select the law the decision rests on")
            options = list(self.options.all())
            if not options:
                errors["option_1"] = (
                    "Enter at least one other option you considered, and why it was not appropriate"
                )
            for option in options:
                if not option.why_not_appropriate.strip():
                    errors[f"option_{option.position}_why_not"] = (
                        f"Enter why option {option.position} was not appropriate"
                    )
        return errors

    @property
    def legal_basis_text(self) -> str:
        if not self.legal_basis:
            return ""
        section = f", {self.legal_section}" if self.legal_section else ""
        return f"{self.get_legal_basis_display()}{section}"


class DecisionOption(models.Model):
    """An option considered for a case note's decision, and why it was not appropriate."""

    case_note = models.ForeignKey(CaseNote, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField()
    option = models.TextField()
    why_not_appropriate = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["case_note", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_note", "position"], name="decision_option_position_unique"
            )
        ]

    def __str__(self) -> str:
        return self.option


class ProvisionalCarePackage(Record):
    """Care arranged before the full assessment, on the same two-day clock (Herts P6)."""

    KIND = RecordKind.PROVISIONAL_CARE_PACKAGE
    NARRATIVE_FIELDS = ("what", "why")

    what = models.TextField(blank=True, help_text="The care and support arranged.")
    provider = models.CharField(max_length=200, blank=True)
    start_date = models.DateField(null=True, blank=True)
    weekly_cost = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="In pounds and pence.",
    )
    why = models.TextField(blank=True, help_text="Why the package is needed now.")

    def completion_errors(self) -> dict[str, str]:
        errors = super().completion_errors()
        need = Needs(self, errors)
        need("what", "Enter what care and support has been arranged")
        need("provider", "Enter the provider")
        need("start_date", "Enter the start date")
        need("weekly_cost", "Enter the weekly cost")
        need("why", "Enter why the package is needed now")
        return errors

    def clean(self):
        super().clean()
        if self.weekly_cost is not None and self.weekly_cost < 0:
            raise ValidationError({"weekly_cost": "Weekly cost must be £0 or more"})


class PrincipleEvidence(models.Model):
    """How one practice principle shaped what the author did."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="evidence")
    principle = models.ForeignKey(
        "principles.Principle", on_delete=models.PROTECT, related_name="evidence"
    )
    statements = models.ManyToManyField(
        "principles.Statement",
        blank=True,
        related_name="+",
        help_text="The principle's We statements the author applied.",
    )
    evidence = models.TextField(blank=True)

    history = HistoricalRecords(m2m_fields=[statements])

    class Meta:
        ordering = ["record", "principle__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["record", "principle"], name="one_evidence_per_principle"
            )
        ]

    def __str__(self) -> str:
        return f"{self.principle} in {self.record}"


class Addendum(models.Model):
    """A correction or addition to a completed record, shown with it."""

    record = models.ForeignKey(Record, on_delete=models.PROTECT, related_name="addenda")
    reason = models.CharField(max_length=300)
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="addenda"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["record", "created_at"]
        verbose_name_plural = "addenda"

    def __str__(self) -> str:
        return f"Addendum to {self.record}: {self.reason}"


class DigestSent(models.Model):
    """The daily recording digest went to `user` on `sent_on`: a second run that day
    sends nothing (the unique constraint closes the race between two cron runs)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "sent_on"], name="one_digest_per_day")
        ]

    def __str__(self) -> str:
        return f"Digest to {self.user} on {self.sent_on}"


class PendingSubmission(models.Model):
    """What was typed into a record form that arrived after its author's session had
    expired (SPEC 6, "No lost work"): kept under a random token whose hash is stored
    here and which only that browser holds, in a cookie, until the author signs in
    again and the form shows it once (`recording.services.pending_submission_keep`).
    Size-limited; it expires."""

    token_hash = models.CharField(max_length=64, unique=True)
    path = models.CharField(max_length=300, help_text="The form's address.")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Who may see it again: the draft's author (or the contact's recorder "
        "for a record not yet saved).",
    )
    data = models.JSONField(help_text="The form's fields: name -> list of values.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"Kept for {self.owner} at {self.path}"
