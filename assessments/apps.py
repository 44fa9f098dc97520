from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    """Care Act assessments, eligibility, plans, reviews and safeguarding (SPEC 3)."""

    name = "assessments"
    verbose_name = "Assessments and plans"

    def ready(self):
        from accounts.pages import home_recording_page
        from assessments import pages
        from recording import pages as recording_pages

        home_recording_page.add(pages.home_returned_part)
        recording_pages.person_page.add(pages.person_part)
        recording_pages.recording_page.add(pages.recording_part)
        recording_pages.my_recording_page.add(pages.my_recording_part)
        recording_pages.team_recording_page.add(pages.team_recording_part)
