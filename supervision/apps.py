from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    """Reflective supervision: a team manager and a practitioner reflect on the practice
    principles, and record what they agreed (issue 6, part 6)."""

    name = "supervision"
    verbose_name = "Reflective supervision"
