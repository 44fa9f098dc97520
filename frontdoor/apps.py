from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    """The front door and the caseload (SPEC 7, issue 17): requests for support and their
    screening, waiting lists, allocation, caseloads and tasks."""

    name = "frontdoor"
    verbose_name = "Front door and caseload"

    def ready(self):
        from frontdoor import pages_caseload
        from recording import pages as recording_pages

        # Caseloads and tasks: a person's open tasks, My tasks, the teams' overdue tasks.
        recording_pages.person_page.add(pages_caseload.person_part)
        recording_pages.my_recording_page.add(pages_caseload.my_recording_part)
        recording_pages.team_recording_page.add(pages_caseload.team_recording_part)
