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
