"""Reflective supervision sessions: who met, when, the cases they discussed, the practice
principles they reflected on and the actions they agreed.

A session points at the principle rows of the framework version in force when it was
recorded, like a record does, so a later version never rewrites what was reflected on.
Who may see a session is `accounts.access` (`may_see_session`).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from accounts.access import session_visibility
from config.past_dates import local_today, past_date_errors


class SupervisionSessionQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SupervisionSessionQuerySet":
        return self.filter(session_visibility(user))


class SupervisionSession(models.Model):
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervision_given",
        help_text="The team manager who held the session.",
    )
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervision_received",
        help_text="The member of the team who was supervised.",
    )
    held_on = models.DateField("date held", help_text="The local date of the session.")
    framework = models.ForeignKey(
        "principles.Framework",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The principles version in force when the session was recorded.",
    )
    cases = models.ManyToManyField(
        "recording.Person",
        blank=True,
        related_name="supervision_sessions",
        verbose_name="cases discussed",
    )
    agreed_actions = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SupervisionSessionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[cases])

    class Meta:
        ordering = ["-held_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(supervisor=F("practitioner")), name="no_supervising_yourself"
            )
        ]
        indexes = [
            # "Your supervision": a practitioner's sessions, newest first.
            models.Index(fields=["practitioner", "-held_on"], name="supervision_by_practitioner"),
            models.Index(fields=["supervisor", "-held_on"], name="supervision_by_supervisor"),
        ]

    def __str__(self) -> str:
        return f"Supervision of {self.practitioner} by {self.supervisor} on {self.held_on}"

    def get_absolute_url(self) -> str:
        return reverse("supervision:session", args=[self.pk])

    def clean(self):
        super().clean()
        errors = past_date_errors(
            {"held_on": (self.held_on, "The date of the session")}, today=local_today()
        )
        if errors:
            raise ValidationError(errors)


class PrincipleReflection(models.Model):
    """What the supervisor and practitioner said about one principle in a session."""

    session = models.ForeignKey(
        SupervisionSession, on_delete=models.CASCADE, related_name="reflections"
    )
    principle = models.ForeignKey(
        "principles.Principle", on_delete=models.PROTECT, related_name="supervision_reflections"
    )
    notes = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "principle__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "principle"], name="one_reflection_per_principle"
            )
        ]

    def __str__(self) -> str:
        return f"{self.principle} in {self.session}"

    def clean(self):
        super().clean()
        if (
            self.session_id
            and self.principle_id
            and self.principle.framework_id != self.session.framework_id
        ):
            raise ValidationError(
                {"principle": "The principle must be from the session's principles version"}
            )
