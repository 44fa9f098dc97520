from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data set (`manage.py load_demo_data`): teams, logins and records from
    every app, so it sits above all of them (the layers in pyproject.toml)."""

    name = "demo"
    verbose_name = "Demo data"
