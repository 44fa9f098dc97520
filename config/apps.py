from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ConfigConfig(AppConfig):
    default = True  # the app "config"; the admin's config below is named in INSTALLED_APPS
    name = "config"
    verbose_name = "Practice Record"

    def ready(self):
        from config import govuk

        govuk.install()


class PracticeRecordAdminConfig(admin_apps.AdminConfig):
    """`django.contrib.admin` with the site that needs the Administrator role."""

    default = False
    default_site = "accounts.admin_site.PracticeRecordAdminSite"
