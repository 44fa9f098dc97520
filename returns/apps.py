from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    """The statutory returns, made from the record itself: DHSC's quarterly Client Level
    Data extract and its data-quality page, and the Safeguarding Adults Collection."""

    name = "returns"
    verbose_name = "Statutory returns"
