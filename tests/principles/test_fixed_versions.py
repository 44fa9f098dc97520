"""A framework version in use is fixed: once a record's evidence or a reading
confirmation refers to it, neither the admin nor the ORM changes its text; a change is a
new version, copied from it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from principles.models import (
    CitedPrinciple,
    Framework,
    Principle,
    ReadingConfirmation,
    RequiredPrinciple,
    Statement,
)
from tests.assessments.factories import needs_assessment_for

pytestmark = pytest.mark.django_db
IN_USE = "This version is in use: create a new version to change it"


@pytest.fixture
def lancashire(principles) -> Framework:
    return Framework.objects.get(slug="lancashire-living-better-lives")


@pytest.fixture
def read_once(principles, practitioner) -> Framework:
    """Hertfordshire's version 1, with one reading confirmation."""
    ReadingConfirmation.objects.create(
        user=practitioner, principle=principles.principles.get(number=6), read_on=date(2026, 1, 5)
    )
    return principles


def _principle_form(principle: Principle, **changes) -> dict:
    data = {
        "framework": principle.framework_id,
        "number": principle.number,
        "title": principle.title,
        "text": principle.text,
        "statements-TOTAL_FORMS": "0",
        "statements-INITIAL_FORMS": "0",
        "statements-MIN_NUM_FORMS": "0",
        "statements-MAX_NUM_FORMS": "1000",
    }
    return {**data, **changes}


def test_a_version_no_one_has_used_is_changed_in_the_admin(principles, administrator_client):
    principle = principles.principles.get(number=6)
    url = reverse("admin:principles_principle_change", args=[principle.pk])
    response = administrator_client.post(url, _principle_form(principle, title="Recording"))
    assert response.status_code == 302
    principle.refresh_from_db()
    assert principle.title == "Recording"


def test_a_version_in_use_cannot_be_changed_in_the_admin(read_once, administrator_client):
    principle = read_once.principles.get(number=1)
    url = reverse("admin:principles_principle_change", args=[principle.pk])

    page = administrator_client.get(url).content.decode()
    assert "This version is in use by 1 record: create a new version to change it" in page
    assert 'name="title"' not in page  # every field read-only

    response = administrator_client.post(url, _principle_form(principle, title="Changed"))
    assert response.status_code == 403
    principle.refresh_from_db()
    assert principle.title == "Independence and citizenship"

    delete = reverse("admin:principles_principle_delete", args=[principle.pk])
    assert administrator_client.post(delete, {"post": "yes"}).status_code == 403
    assert Principle.objects.filter(pk=principle.pk).exists()


def test_the_framework_page_of_a_version_in_use_is_read_only(read_once, administrator_client):
    page = administrator_client.get(
        reverse("admin:principles_framework_change", args=[read_once.pk])
    ).content.decode()
    assert "This version is in use by 1 record" in page
    assert 'name="title"' not in page
    assert 'name="principles-MAX_NUM_FORMS" value="0"' in page  # none can be added
    assert 'name="principles-0-DELETE"' not in page  # nor removed
    assert 'name="principles-0-title"' not in page


def test_a_lancashire_statement_of_a_version_in_use_is_read_only(
    lancashire, practitioner, administrator_client
):
    principle = lancashire.principles.get(number=3)
    ReadingConfirmation.objects.create(
        user=practitioner, principle=principle, read_on=date(2026, 1, 5)
    )
    statement = principle.statements.first()
    url = reverse("admin:principles_statement_change", args=[statement.pk])
    response = administrator_client.post(
        url,
        {
            "principle": principle.pk,
            "position": statement.position,
            "kind": statement.kind,
            "label": statement.label,
            "text": "Changed",
        },
    )
    assert response.status_code == 403
    assert Statement.objects.get(pk=statement.pk).text == statement.text

    statement.text = "Changed"
    with pytest.raises(ValidationError, match=IN_USE):
        statement.full_clean()


def test_a_records_evidence_fixes_its_version_below_the_admin(principles, person, practitioner):
    needs_assessment_for(person, practitioner)  # evidences Hertfordshire's principles
    principle = principles.principles.get(number=10)
    principle.title = "Changed"
    with pytest.raises(ValidationError, match=IN_USE):
        principle.full_clean()

    principles.title = "Changed"
    with pytest.raises(ValidationError, match=IN_USE):
        principles.full_clean()

    added = Principle(framework=principles, number=11, title="New", text="New.")
    with pytest.raises(ValidationError, match=IN_USE):
        added.full_clean()

    principle.refresh_from_db()
    principle.full_clean()  # unchanged: nothing to refuse


def test_copy_as_a_new_version_copies_everything_and_can_be_changed(
    read_once, administrator_client
):
    response = administrator_client.post(
        reverse("admin:principles_framework_changelist"),
        {"action": "copy_as_new_version", "_selected_action": [read_once.pk]},
        follow=True,
    )
    assert "is a new version, not yet in use" in response.content.decode()
    copy = Framework.objects.get(slug=read_once.slug, version="2")
    assert copy.principles.count() == 10
    assert RequiredPrinciple.objects.filter(principle__framework=copy).count() == (
        RequiredPrinciple.objects.filter(principle__framework=read_once).count()
    )
    assert CitedPrinciple.objects.filter(framework=copy).count() == (
        CitedPrinciple.objects.filter(framework=read_once).count()
    )

    principle = copy.principles.get(number=6)
    url = reverse("admin:principles_principle_change", args=[principle.pk])
    response = administrator_client.post(url, _principle_form(principle, title="Recording"))
    assert response.status_code == 302
    assert Principle.objects.get(pk=principle.pk).title == "Recording"
    assert read_once.principles.get(number=6).title.startswith("Timely")


def test_copying_a_lancashire_version_copies_its_statements_and_standards(lancashire):
    from principles.services import framework_version_copy

    copy = framework_version_copy(framework=lancashire, effective_date=date(2027, 4, 1))
    assert copy.version == "2"
    assert Statement.objects.filter(principle__framework=copy).count() == (
        Statement.objects.filter(principle__framework=lancashire).count()
    )
    assert copy.professional_standards.count() == lancashire.professional_standards.count()
