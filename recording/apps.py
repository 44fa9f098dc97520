from django.apps import AppConfig


class RecordingConfig(AppConfig):
    """People, contacts, case notes and the two-working-day clock (SPEC 2)."""

    name = "recording"
    verbose_name = "Case recording"

    def ready(self):
        from accounts.pages import home_recording_page
        from recording import pages

        home_recording_page.add(pages.home_recording_part)
