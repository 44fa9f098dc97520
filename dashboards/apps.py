from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    """Compliance dashboards, the principles-adherence report and the scale data set
    (SPEC 5)."""

    name = "dashboards"
    verbose_name = "Dashboards"
