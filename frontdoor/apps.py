from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    """The front door and the caseload (SPEC 7, issue 17): requests for support and their
    screening, waiting lists, allocation, caseloads and tasks."""

    name = "frontdoor"
    verbose_name = "Front door and caseload"

    def ready(self):
        from frontdoor import pages_requests
        from recording import pages as recording_pages

        recording_pages.person_page.add(pages_requests.person_requests_part)

        # Alerts that cannot wait (issue 17, part 7).
        from django.db.models.signals import post_save

        from accounts.pages import home_recording_page
        from assessments.models import SafeguardingConcern
        from frontdoor import pages_alerts, receivers_alerts
        from recording.signals import record_completed

        post_save.connect(
            receivers_alerts.concern_saved,
            sender=SafeguardingConcern,
            dispatch_uid="frontdoor.alert_on_save",
        )
        record_completed.connect(
            receivers_alerts.concern_completed,
            dispatch_uid="frontdoor.alert_on_complete",
        )
        home_recording_page.add(pages_alerts.home_alerts_part)
