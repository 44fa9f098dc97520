import pytest

from principles.models import CouncilContact


@pytest.fixture
def council(principles):
    """Hertfordshire's contact details, with its LA code."""
    return CouncilContact.objects.create(
        council=principles.council,
        address="County Hall\nHertford",
        phone="01632 960 001",
        email="adult.care@herts.example.org",
        la_code="919",
    )
