from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    """The front door and the caseload (SPEC 7, issue 17): requests for support and their
    screening, waiting lists, allocation, caseloads and tasks."""

    name = "frontdoor"
    verbose_name = "Front door and caseload"
