from django.apps import AppConfig


class RecordingConfig(AppConfig):
    """People, contacts, case notes and the two-working-day clock (SPEC 2)."""

    name = "recording"
    verbose_name = "Case recording"
