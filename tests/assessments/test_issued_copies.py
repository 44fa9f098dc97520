"""The person's copy is an issued document (pretix's invoices): the first download of
an owed copy stores the PDF, every later download gives those bytes, and a correction
is a new, dated issue that says which copy it replaces. Renders take a few tenths of a
second, so each test issues as few copies as it can."""

import hashlib
import io
from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import IntegrityError
from django.urls import reverse
from pypdf import PdfReader

from assessments import services
from assessments.models import CopyGenerated, IssuedCopy
from audit.models import AccessEvent
from recording.deadlines import LONDON
from recording.models import Addendum, Person
from tests.assessments.factories import care_plan_for, eligibility_for, needs_assessment_for

pytestmark = pytest.mark.django_db

COMPLETED = datetime(2026, 11, 24, 11, 30, tzinfo=LONDON)
LATER = datetime(2026, 12, 2, 15, 0, tzinfo=LONDON)


@pytest.fixture
def assessment(person, practitioner):
    return needs_assessment_for(person, practitioner, now=COMPLETED)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _download(client, record, *, large_print=False):
    name = "assessments:pdf_large_print" if large_print else "assessments:pdf"
    response = client.get(reverse(name, args=[record.pk]))
    assert response.status_code == 200
    return response


def test_a_later_change_to_the_persons_name_leaves_the_issued_copy_as_it_was(
    practitioner_client, assessment, practitioner
):
    first = _download(practitioner_client, assessment)
    Person.objects.filter(pk=assessment.person_id).update(
        name="Margaret Smith", preferred_name="Peggy"
    )

    second = _download(practitioner_client, assessment)

    assert second.content == first.content
    text = _text(second.content)
    assert "Margaret Oyelaran" in text
    assert "Smith" not in text and "Peggy" not in text
    assert second["Content-Disposition"] == (
        'attachment; filename="needs-assessment-HCC-104233-2026-11-24.pdf"'
    )
    issued = IssuedCopy.objects.get(record=assessment, variant="standard")
    assert issued.issue_number == 1
    assert issued.issued_by == practitioner
    assert issued.sha256 == hashlib.sha256(first.content).hexdigest()
    # Each download is still counted and logged.
    assert CopyGenerated.objects.filter(record=assessment).count() == 2
    assert AccessEvent.objects.filter(what=AccessEvent.What.RECORD_PDF).count() == 2


def test_the_first_download_issues_both_variants_from_the_same_details(
    practitioner_client, assessment
):
    _download(practitioner_client, assessment)
    Person.objects.filter(pk=assessment.person_id).update(name="Margaret Smith")

    large = _download(practitioner_client, assessment, large_print=True)

    assert "Margaret Oyelaran" in _text(large.content)
    assert sorted(IssuedCopy.objects.values_list("variant", "issue_number")) == [
        ("large_print", 1),
        ("standard", 1),
    ]


def test_two_first_downloads_at_once_make_one_issue(assessment, practitioner, monkeypatch):
    # The race: while this request renders, another request issues copy 1 and commits.
    render = services.render_copy
    raced = []

    def render_while_another_issues(record, **kwargs):
        if not raced:
            raced.append(True)
            services.copy_issue(record=record, user=practitioner)
        return render(record, **kwargs)

    monkeypatch.setattr(services, "render_copy", render_while_another_issues)

    number = services.copy_issue(record=assessment, user=practitioner)

    assert number == 1
    assert IssuedCopy.objects.filter(record=assessment).count() == 2
    standard = services.issued_copy_latest(record=assessment, large_print=False)
    assert standard.issue_number == 1


def test_the_database_refuses_a_second_issue_with_the_same_number(assessment, practitioner):
    services.copy_issue(record=assessment, user=practitioner)
    copy = IssuedCopy.objects.get(record=assessment, variant="standard")
    copy.pk = None
    with pytest.raises(IntegrityError):
        copy.save()


def test_an_issued_copy_cannot_be_deleted(assessment, practitioner):
    services.copy_issue(record=assessment, user=practitioner)
    with pytest.raises(Exception, match="kept as it was given"):
        IssuedCopy.objects.first().delete()


def test_a_corrected_copy_is_a_new_dated_issue_and_the_first_stays(
    practitioner_client, manager_client, assessment, practitioner, manager
):
    first = _download(practitioner_client, assessment)
    Person.objects.filter(pk=assessment.person_id).update(name="Margaret Smith")
    Addendum.objects.create(
        record=assessment,
        reason="The bath is upstairs",
        text="You told us the bath is upstairs, not downstairs.",
        author=practitioner,
    )
    url = reverse("assessments:copy_correct", args=[assessment.pk])

    with time_machine.travel(LATER, tick=False):
        manager_client.force_login(manager)  # a week on: a new session
        refused = manager_client.post(url, {"reason": "  "})
        assert refused.status_code == 400
        assert "Enter why you are issuing a corrected copy" in refused.text
        response = manager_client.post(url, {"reason": "Her name changed; an addendum."})

    assert response.status_code == 302
    corrected = _download(practitioner_client, assessment)
    text = _text(corrected.content)
    assert "Corrected copy, issued 2 December 2026, replaces the copy issued 24 November 2026" in (
        text
    )
    assert "Margaret Smith" in text
    assert "the bath is upstairs, not downstairs" in text
    assert corrected["Content-Disposition"] == (
        'attachment; filename="needs-assessment-HCC-104233-2026-12-02-issue-2.pdf"'
    )
    # Both issues are listed on the record, each with its date, number and fingerprint,
    # and the first can still be downloaded exactly as it was given.
    page = practitioner_client.get(assessment.get_absolute_url()).text
    issue_2 = IssuedCopy.objects.get(record=assessment, issue_number=2, variant="standard")
    issue_1 = IssuedCopy.objects.get(record=assessment, issue_number=1, variant="standard")
    assert issue_2.reason == "Her name changed; an addendum."
    for copy in (issue_1, issue_2):
        assert copy.sha256[:12] in page
    assert "24 November 2026" in page and "2 December 2026" in page
    old = practitioner_client.get(
        reverse("assessments:issued_pdf", args=[assessment.pk, 1, "standard"])
    )
    assert old.content == first.content


def test_a_draft_or_unauthorised_plan_is_never_issued(
    practitioner_client, assessment, practitioner, manager
):
    determination = eligibility_for(
        assessment, practitioner, authorised_by=manager, now=COMPLETED + timedelta(days=1)
    )
    plan = care_plan_for(determination, practitioner, now=COMPLETED + timedelta(days=3))

    response = _download(practitioner_client, plan)

    assert "Not yet authorised." in _text(response.content)
    assert not IssuedCopy.objects.filter(record=plan).exists()
    url = reverse("assessments:copy_correct", args=[plan.pk])
    assert practitioner_client.get(url).status_code == 404


def test_who_may_issue_a_corrected_copy(
    practitioner_client, quality_client, outsider_client, assessment, practitioner
):
    services.copy_issue(record=assessment, user=practitioner)
    url = reverse("assessments:copy_correct", args=[assessment.pk])

    assert quality_client.post(url, {"reason": "Name"}).status_code == 403
    assert outsider_client.post(url, {"reason": "Name"}).status_code == 404
    assert (
        outsider_client.get(
            reverse("assessments:issued_pdf", args=[assessment.pk, 1, "standard"])
        ).status_code
        == 404
    )
    assert practitioner_client.put(url).status_code == 405
    assert practitioner_client.get(url).status_code == 200
    assert IssuedCopy.objects.filter(record=assessment).count() == 2


def test_a_copy_with_no_issue_is_not_found(practitioner_client, assessment):
    url = reverse("assessments:issued_pdf", args=[assessment.pk, 1, "standard"])
    assert practitioner_client.get(url).status_code == 404
    assert (
        practitioner_client.get(
            reverse("assessments:copy_correct", args=[assessment.pk])
        ).status_code
        == 404
    )


def test_issued_copies_are_not_in_the_admin(administrator_client, assessment, practitioner):
    """People's copies are read in the service, in scope and logged (issue 15, part 2)."""
    services.copy_issue(record=assessment, user=practitioner)
    copy = IssuedCopy.objects.defer("pdf").first()
    for url in (
        "/admin/assessments/issuedcopy/",
        f"/admin/assessments/issuedcopy/{copy.pk}/change/",
    ):
        assert administrator_client.get(url).status_code == 404, url
