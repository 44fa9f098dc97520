"""Recording that the person received their copy: how (channel) and in what form
(format, with the language of a translation), two questions."""

import re
from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from assessments.models import CopyGiven
from recording.deadlines import LONDON
from tests.assessments.factories import needs_assessment_for
from tests.fuzz.kit import has_field_error

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)


@pytest.fixture
def assessment(person, practitioner):
    with time_machine.travel(NOW, tick=False):
        yield needs_assessment_for(person, practitioner, now=datetime(2026, 11, 24, tzinfo=LONDON))


def _post(client, record, **data):
    form = {"given_on_0": "25", "given_on_1": "11", "given_on_2": "2026", **data}
    return client.post(reverse("assessments:copy_given", args=[record.pk]), form)


def test_a_translated_copy_names_its_language(practitioner_client, assessment):
    refused = _post(practitioner_client, assessment, channel="email", format="other_language")
    assert refused.status_code == 400
    assert has_field_error(refused.text, "id_language")
    assert "Enter the language the copy was in" in refused.text
    # What was chosen is kept.
    checked = [
        tag for tag in re.findall(r"<input[^>]*>", refused.text) if re.search(r"\bchecked\b", tag)
    ]
    assert any('value="email"' in tag for tag in checked)
    assert any('value="other_language"' in tag for tag in checked)

    response = _post(
        practitioner_client, assessment, channel="email", format="other_language", language="Polish"
    )

    assert response.status_code == 302
    copy = CopyGiven.objects.get()
    assert (copy.channel, copy.format, copy.language) == ("email", "other_language", "Polish")
    page = practitioner_client.get(assessment.get_absolute_url()).text
    assert "Received 25 November 2026: In Polish, by email" in page


def test_a_language_typed_for_a_copy_that_was_not_translated_is_not_kept(
    practitioner_client, assessment
):
    response = _post(
        practitioner_client, assessment, channel="portal", format="braille", language="Polish"
    )

    assert response.status_code == 302
    copy = CopyGiven.objects.get()
    assert (copy.channel, copy.format, copy.language) == ("portal", "braille", "")


def test_each_question_has_its_own_error(practitioner_client, assessment):
    response = _post(practitioner_client, assessment)

    assert response.status_code == 400
    assert has_field_error(response.text, "id_channel")
    assert has_field_error(response.text, "id_format")
    assert "Select how the person received it" in response.text
    assert "Select what form the copy was in" in response.text


def test_a_channel_never_offered_is_refused(practitioner_client, assessment):
    response = _post(practitioner_client, assessment, channel="not_recorded", format="standard")

    assert response.status_code == 400
    assert not CopyGiven.objects.exists()
