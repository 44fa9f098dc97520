from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Who looked at whose record: the append-only access log (issue 7, part 2)."""

    name = "audit"
    verbose_name = "Access log"

    def ready(self):
        from audit import pages
        from audit.services import access_event_write
        from recording.access_log import person_shown
        from recording.pages import person_page

        # Every view that shows a person's record says so (`recording.access_log`).
        person_shown.connect(access_event_write, dispatch_uid="audit.access_event_write")
        person_page.add(pages.person_part)
