"""The access log: every view of a person's record, page or PDF, and every refusal of
one (SPEC 6, "Access"). It is append-only: a row, once written, is never changed or
deleted, in the app or the admin (`AccessEvent.save`, `delete` and the queryset refuse).
"""

from django.conf import settings
from django.db import models

from accounts.access import access_log_visibility
from recording.access_log import What


class AccessLogImmutableError(Exception):
    """An access event cannot be changed or deleted once written."""


class AccessEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AccessLogImmutableError("The access log is append-only: rows are never updated.")

    def delete(self):
        raise AccessLogImmutableError("The access log is append-only: rows are never deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        # Refused here, before Django opens the transaction it would run `update` in.
        raise AccessLogImmutableError("The access log is append-only: rows are never updated.")

    def visible_to(self, user) -> "AccessEventQuerySet":
        """The events `user` may read (`accounts.access.may_read_access_log_of`)."""
        return self.filter(access_log_visibility(user, person="person__"))


class AccessEvent(models.Model):
    """Someone opened (or was refused) a page or PDF of a person's record."""

    What = What  # the views that show a person say what they showed (`recording.access_log`)

    when = models.DateTimeField(db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_events"
    )
    person = models.ForeignKey(
        "recording.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_events",
        help_text="Empty when a refused address named nobody.",
    )
    what = models.CharField(max_length=20, choices=What.choices)
    path = models.CharField(max_length=500)
    refused = models.BooleanField(
        default=False, help_text="The person or record was out of the user's scope."
    )

    objects = AccessEventQuerySet.as_manager()

    class Meta:
        ordering = ["-when", "-pk"]
        verbose_name = "access event"
        indexes = [
            # A person's "Who has viewed this record" page, newest first.
            models.Index(fields=["person", "-when"], name="access_event_person_when"),
        ]

    def __str__(self) -> str:
        refused = " (refused)" if self.refused else ""
        return f"{self.user} {self.get_what_display()} {self.path} at {self.when}{refused}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AccessLogImmutableError("The access log is append-only: rows are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AccessLogImmutableError("The access log is append-only: rows are never deleted.")
