from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Who looked at whose record: the append-only access log (issue 7, part 2)."""

    name = "audit"
    verbose_name = "Access log"
