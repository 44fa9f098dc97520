from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    """The front door and the caseload (SPEC 7, issue 17): requests for support and their
    screening, waiting lists, allocation, caseloads and tasks."""

    name = "frontdoor"
    verbose_name = "Front door and caseload"

    def ready(self):
        self._ready_waiting()

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
