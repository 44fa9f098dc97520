from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    """Care Act assessments, eligibility, plans, reviews and safeguarding (SPEC 3)."""

    name = "assessments"
    verbose_name = "Assessments and plans"
