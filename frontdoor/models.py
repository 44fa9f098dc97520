"""The front door and the caseload (SPEC 7, issue 17).

- A `SupportRequest` is a contact (its `Contact` starts the two-working-day clock for its
  case note) with who asked, how it reached the council, what for, and how urgent; a duty
  worker screens it to an outcome.
- A `WorkItem` is a piece of work a person waits for -- a needs assessment, a carer's
  assessment, a service, a review -- on their team's waiting list, from the day the wait
  began until the work is done. A manager allocates it to a worker (`Allocation` keeps
  every allocation and reallocation).
- A `Task` is an agreed next action with an owner and a due date.
- A `WorkloadWeight` is how many hours a week a kind of work counts for in a caseload.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from config import cld


class Requester(models.TextChoices):
    """Who asked for support."""

    PERSON = "person", "The person themselves"
    FAMILY = "family", "Family member or friend"
    CARER = "carer", "Unpaid carer"
    GP = "gp", "GP or primary care"
    HOSPITAL = "hospital", "Hospital"
    COMMUNITY_HEALTH = "community_health", "Community health service"
    OTHER_COUNCIL = "other_council", "Another council"
    HOUSING = "housing", "Housing provider"
    POLICE = "police", "Police"
    PROVIDER = "provider", "Care provider"
    VOLUNTARY = "voluntary", "Voluntary or community organisation"
    ONLINE = "online", "Self-referral online"
    OTHER = "other", "Someone else"


class Urgency(models.TextChoices):
    URGENT = "urgent", "Urgent: today"
    HIGH = "high", "High: within 2 working days"
    STANDARD = "standard", "Standard"


class ScreeningOutcome(models.TextChoices):
    """What screening decided; each maps to a CLD event outcome (`cld_outcome`)."""

    INFORMATION_AND_ADVICE = "information_and_advice", "Information and advice"
    SIGNPOSTING = "signposting", "Signposting to another organisation"
    UNIVERSAL_SERVICES = "universal_services", "Universal services"
    NO_FURTHER_ACTION = "no_further_action", "No further action"
    SHORT_TERM_SUPPORT = "short_term_support", "Short-term support (reablement)"
    ASSESSMENT_NEEDED = "assessment_needed", "Assessment needed"


CLD_OUTCOME = {
    ScreeningOutcome.INFORMATION_AND_ADVICE: cld.EventOutcome.NFA_INFORMATION,
    ScreeningOutcome.SIGNPOSTING: cld.EventOutcome.NFA_INFORMATION,
    ScreeningOutcome.UNIVERSAL_SERVICES: cld.EventOutcome.NFA_OTHER_LA_SERVICE,
    ScreeningOutcome.NO_FURTHER_ACTION: cld.EventOutcome.NFA_OTHER,
    ScreeningOutcome.SHORT_TERM_SUPPORT: cld.EventOutcome.REABLEMENT,
    ScreeningOutcome.ASSESSMENT_NEEDED: cld.EventOutcome.ASSESSMENT,
}


class SupportRequest(models.Model):
    """A request for support: a contact, screened by a duty worker to an outcome."""

    contact = models.OneToOneField(
        "recording.Contact", on_delete=models.PROTECT, related_name="support_request"
    )
    # The contact's person and the team that received the request, kept here so the
    # front door's lists are one table.
    person = models.ForeignKey(
        "recording.Person", on_delete=models.PROTECT, related_name="support_requests"
    )
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField(help_text="When the request reached the council.")
    requester = models.CharField("who asked", max_length=20, choices=Requester.choices)
    requester_name = models.CharField(
        "their name and how to reach them", max_length=300, blank=True
    )
    route_of_access = models.CharField(
        max_length=60, choices=cld.RouteOfAccess.choices, default=cld.RouteOfAccess.COMMUNITY
    )
    asked_for = models.TextField("what they asked for")
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.STANDARD)
    outcome = models.CharField(
        "screening outcome", max_length=30, choices=ScreeningOutcome.choices, blank=True
    )
    outcome_reason = models.TextField(blank=True, help_text="Why: required for no further action.")
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    screened_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["team", "screened_at"]),
            models.Index(fields=["person", "-received_at"]),
        ]

    def __str__(self) -> str:
        return f"Request for support for {self.person} ({self.received_at:%d %B %Y})"

    @property
    def is_screened(self) -> bool:
        return self.screened_at is not None

    @property
    def cld_outcome(self) -> str:
        return CLD_OUTCOME.get(self.outcome, "")


class WorkKind(models.TextChoices):
    """What a person waits for, and what a caseload counts."""

    NEEDS_ASSESSMENT = "needs_assessment", "Needs assessment"
    CARERS_ASSESSMENT = "carers_assessment", "Carer's assessment"
    SERVICE = "service", "Service"
    REVIEW = "review", "Review"


class Priority(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class WorkItemQuerySet(models.QuerySet):
    def open(self) -> "WorkItemQuerySet":
        return self.filter(completed_at__isnull=True)


class WorkItem(models.Model):
    """A piece of work a person waits for, on their team's waiting list from
    `waiting_since` until it is done (`completed_at`)."""

    kind = models.CharField(max_length=20, choices=WorkKind.choices)
    person = models.ForeignKey(
        "recording.Person", on_delete=models.PROTECT, related_name="work_items"
    )
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    waiting_since = models.DateField(help_text="The day the wait began (day 0).")
    request = models.ForeignKey(
        SupportRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="work_items"
    )
    source_record = models.ForeignKey(
        "recording.Record",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The plan or review this wait follows from, if any.",
    )
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    priority_reason = models.CharField(max_length=300, blank=True)
    priority_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    priority_reviewed_at = models.DateTimeField(null=True, blank=True)
    allocated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_items",
    )
    allocated_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_record = models.ForeignKey(
        "recording.Record",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The record that ended the wait, if any.",
    )
    closed_reason = models.CharField(
        max_length=300, blank=True, help_text="Why it was closed without a record, if so."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WorkItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["waiting_since", "pk"]
        indexes = [
            models.Index(
                fields=["team", "kind", "waiting_since"],
                condition=Q(completed_at__isnull=True),
                name="workitem_open_by_team",
            ),
            models.Index(
                fields=["allocated_to", "waiting_since"],
                condition=Q(completed_at__isnull=True),
                name="workitem_open_by_worker",
            ),
            # All teams' waiting lists (quality staff): each list and its figures, and
            # (with the person) the figures by ethnicity and support reason.
            models.Index(
                fields=["kind", "waiting_since", "person"],
                condition=Q(completed_at__isnull=True),
                name="workitem_open_by_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.person}"

    @property
    def is_open(self) -> bool:
        return self.completed_at is None


class Allocation(models.Model):
    """One allocation or reallocation: of a piece of work, or of the person themselves
    (their allocated worker). Never changed: the history of who held what."""

    work_item = models.ForeignKey(
        WorkItem, on_delete=models.PROTECT, null=True, blank=True, related_name="allocations"
    )
    person = models.ForeignKey(
        "recording.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocations",
        help_text="Set when the person themselves was allocated.",
    )
    from_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    allocated_at = models.DateTimeField()
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-allocated_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(work_item__isnull=False, person__isnull=True)
                | Q(work_item__isnull=True, person__isnull=False),
                name="allocation_of_work_or_person",
            )
        ]

    def __str__(self) -> str:
        what = self.work_item or self.person
        return f"{what} to {self.to_worker or 'nobody'}"


class TaskQuerySet(models.QuerySet):
    def open(self) -> "TaskQuerySet":
        return self.filter(completed_at__isnull=True)


class Task(models.Model):
    """An agreed next action: what, who does it, by when, for whom, from which record."""

    what = models.CharField(max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tasks"
    )
    due_on = models.DateField("due date")
    person = models.ForeignKey("recording.Person", on_delete=models.PROTECT, related_name="tasks")
    record = models.ForeignKey(
        "recording.Record",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        help_text="The record it was agreed in, if any.",
    )
    work_item = models.ForeignKey(
        WorkItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        help_text="The piece of work it is part of, if any (a review's task).",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = TaskQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(
                fields=["owner", "due_on"],
                condition=Q(completed_at__isnull=True),
                name="task_open_by_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.what

    @property
    def is_open(self) -> bool:
        return self.completed_at is None


class LoadKind(models.TextChoices):
    """What a caseload's weighted load counts."""

    PERSON = "person", "Person allocated"
    NEEDS_ASSESSMENT = WorkKind.NEEDS_ASSESSMENT.value, WorkKind.NEEDS_ASSESSMENT.label
    CARERS_ASSESSMENT = WorkKind.CARERS_ASSESSMENT.value, WorkKind.CARERS_ASSESSMENT.label
    SERVICE = WorkKind.SERVICE.value, WorkKind.SERVICE.label
    REVIEW = WorkKind.REVIEW.value, WorkKind.REVIEW.label
    TASK = "task", "Open task"


class WorkloadWeight(models.Model):
    """How many hours a week one item of a kind counts for in a worker's weighted load;
    set by an administrator."""

    kind = models.CharField(max_length=20, choices=LoadKind.choices, unique=True)
    hours = models.DecimalField("hours a week", max_digits=4, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.hours} hours a week"


# --- Alerts that cannot wait (issue 17, part 7) -------------------------------------------


class SafeguardingAlertQuerySet(models.QuerySet):
    def open(self):
        return self.filter(acknowledged_at__isnull=True)


class SafeguardingAlert(models.Model):
    """A safeguarding concern marked for immediate action: raised once, the first time
    its draft is saved so (`frontdoor.receivers_alerts`), its team's managers emailed at
    once and shown it on Home until one of them marks it seen."""

    record = models.OneToOneField(
        "assessments.SafeguardingConcern", on_delete=models.PROTECT, related_name="alert"
    )
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField()
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The manager who marked it seen.",
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    objects = SafeguardingAlertQuerySet.as_manager()

    class Meta:
        ordering = ["raised_at", "pk"]
        indexes = [
            models.Index(
                fields=["team", "raised_at"],
                condition=Q(acknowledged_at__isnull=True),
                name="safeguardingalert_open",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True, acknowledged_by__isnull=True)
                | Q(acknowledged_at__isnull=False, acknowledged_by__isnull=False),
                name="safeguardingalert_acknowledged_by_whom_and_when",
            )
        ]

    def __str__(self) -> str:
        return f"Safeguarding: immediate action, record {self.record_id}"

    @property
    def is_open(self) -> bool:
        return self.acknowledged_at is None
