"""The migration that split "How did they receive it?" into how (channel) and in what
form (format): post, email and in person were channels of a standard-print copy; easy
read and large print were formats whose channel was never asked."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from assessments.models import CopyGiven
from tests.assessments.factories import needs_assessment_for

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("assessments", "0005_health_funding_hint_without_council")]
AFTER = [("assessments", "0006_issued_copy_and_copy_channel")]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.fixture(autouse=True)
def _latest_schema_after():
    """Going back to BEFORE also unapplies what depends on it (other apps' later
    migrations): put every app back at its latest, for the tests that follow."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_old_answers_become_a_channel_and_a_format(person, practitioner, principles):
    record = needs_assessment_for(person, practitioner)
    old_apps = _migrate(BEFORE)
    OldCopyGiven = old_apps.get_model("assessments", "CopyGiven")
    for old in ("post", "email", "in_person", "easy_read", "large_print"):
        OldCopyGiven.objects.create(
            record_id=record.pk,
            given_on="2026-11-25",
            format=old,
            recorded_by_id=practitioner.pk,
        )

    _migrate(AFTER)

    assert list(CopyGiven.objects.order_by("pk").values_list("channel", "format", "language")) == [
        ("post", "standard", ""),
        ("email", "standard", ""),
        ("in_person", "standard", ""),
        ("not_recorded", "easy_read", ""),
        ("not_recorded", "large_print", ""),
    ]
    described = [copy.description() for copy in CopyGiven.objects.order_by("pk")]
    assert described[0] == "Standard print, by post"
    assert described[4] == "Large print (how it was sent was not recorded)"
