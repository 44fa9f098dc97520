from django.apps import AppConfig


class ConfigConfig(AppConfig):
    name = "config"
    verbose_name = "Practice Record"

    def ready(self):
        from config import govuk

        govuk.install()
