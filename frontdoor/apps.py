from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    """The front door and the caseload (SPEC 7, issue 17): requests for support and their
    screening, waiting lists, allocation, caseloads and tasks, alerts that cannot wait."""

    name = "frontdoor"
    verbose_name = "Front door and caseload"

    def ready(self):
        self._ready_requests()
        self._ready_waiting()
        self._ready_alerts()
        self._ready_caseload()

    def _ready_requests(self):
        """Requests for support: the person's page lists theirs."""
        from frontdoor import pages_requests
        from recording import pages as recording_pages

        recording_pages.person_page.add(pages_requests.person_requests_part)

    def _ready_waiting(self):
        """Waiting lists and allocation: the work items' lifecycle, and Home's "Allocated
        to you"."""
        from accounts.pages import home_recording_page
        from frontdoor import pages_waiting, receivers
        from recording import pages as recording_pages
        from recording.signals import record_completed, review_due_changed

        record_completed.connect(receivers.record_completed_receive, dispatch_uid="frontdoor.wait")
        review_due_changed.connect(
            receivers.review_due_changed_receive, dispatch_uid="frontdoor.review"
        )
        home_recording_page.add(pages_waiting.home_allocated_part)
        recording_pages.person_page.add(pages_waiting.person_waiting_part)

    def _ready_alerts(self):
        """Alerts that cannot wait: an immediate-action safeguarding concern alerts the
        team's managers (Home and email)."""
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

    def _ready_caseload(self):
        """Caseloads and tasks: a person's open tasks, My tasks, the teams' overdue tasks."""
        from frontdoor import pages_caseload
        from recording import pages as recording_pages

        recording_pages.person_page.add(pages_caseload.person_part)
        recording_pages.my_recording_page.add(pages_caseload.my_recording_part)
        recording_pages.team_recording_page.add(pages_caseload.team_recording_part)
