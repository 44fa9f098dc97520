from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property

from accounts.roles import Role


class Team(models.Model):
    """A team of staff; people and their records are allocated to a team."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of council staff. Roles are groups (see `accounts.roles`); what each may
    see and do is `accounts.access`."""

    teams = models.ManyToManyField(
        Team, through="TeamMembership", related_name="members", blank=True
    )
    job_title = models.CharField(max_length=120, blank=True)
    # With the work email (`email`), how a person reaches their worker: printed on the
    # copies of their records.
    work_phone = models.CharField(max_length=40, blank=True)
    # How much casework this member of staff has room for, in hours a week (37 is full
    # time). The caseload overview sets their weighted load against it (issue 17).
    capacity_hours = models.DecimalField(
        "capacity (hours a week)",
        max_digits=4,
        decimal_places=1,
        default=37,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
        help_text="Hours a week for casework: 37 is full time, 0 takes no new work.",
    )

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def role_names(self) -> frozenset[str]:
        # One query per request, however many times a page asks about roles.
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, role: Role) -> bool:
        return role in self.role_names

    @property
    def is_team_manager(self) -> bool:
        return self.has_role(Role.TEAM_MANAGER)

    @property
    def is_quality(self) -> bool:
        return self.has_role(Role.QUALITY)

    @property
    def is_practitioner(self) -> bool:
        return self.has_role(Role.PRACTITIONER)

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or self.has_role(Role.ADMINISTRATOR)

    def managed_teams(self) -> models.QuerySet[Team]:
        """Teams this user manages: the manager role and a manager membership."""
        if not self.is_team_manager:
            return Team.objects.none()
        return Team.objects.filter(memberships__user=self, memberships__is_manager=True).distinct()


class TeamMembership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    is_manager = models.BooleanField(
        default=False, help_text="Manages this team (needs the Team manager role too)."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "team"], name="one_membership_per_team")
        ]
        ordering = ["team__name", "user__last_name"]

    def __str__(self) -> str:
        return f"{self.user} in {self.team}{' (manager)' if self.is_manager else ''}"


class FormSubmission(models.Model):
    """One sending of a form that creates something (a contact, an addendum, a Care Act
    record...): the random key the form carried, and where its result is. A second
    sending of the same form -- a double click, the browser's Back and send again, a
    replayed request -- finds this row and shows that result rather than creating a
    second one (`accounts.once`; issue 15, part 6)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    result = models.CharField(max_length=500, blank=True, help_text="Where it was shown.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="one_submission_per_form_key")
        ]

    def __str__(self) -> str:
        return f"{self.user} sent {self.key}"


class OutboundEmail(models.Model):
    """An email the service owes someone: kept until it is sent, so a mail server that
    is down loses nothing (`accounts.outbox`). It carries no more of a person's case
    than the recipient needs to find it in the service."""

    to = models.EmailField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    why = models.CharField(max_length=60, help_text="What the email is for, e.g. allocation.")
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    last_error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.subject} to {self.to}"
