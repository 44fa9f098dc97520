"""The principles-adherence report for one person (SPEC 5): what a complaint
investigation reads. Time is frozen on Wednesday 25 November 2026, 10:00 in London.

Margaret's records (`margarets_records`), oldest first, and what the report must say:

1. Case note, contact Wed 18 Nov, due Fri 20 Nov, completed Tue 24 Nov: "Completed 2
   working days late"; principle 8 evidenced.
2. Case note, contact Thu 19 Nov, due Mon 23 Nov, still a draft: "Overdue by 2 working
   days"; principle 1 evidenced, principle 2 ticked with no evidence written (a gap).
3. Needs assessment started and completed on Fri 20 Nov with no contact: "No
   two-working-day clock"; principles 2 and 5 evidenced, as required then. The council
   has since required principle 10 of every needs assessment: "Required principle not
   evidenced".
4. Case note, contact Mon 23 Nov, due Wed 25 Nov, completed Tue 24 Nov: "Completed on
   time"; principles 1 (with a We statement ticked) and 6 evidenced; one addendum.

The expectations are written out by hand from those dates, never computed by the code
under test.
"""

import io
import re
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from dashboards.adherence import (
    NO_CLOCK,
    EvidenceGiven,
    Finding,
    Summary,
    adherence_report_for,
    principle_findings,
    timeliness,
)
from dashboards.adherence_views import report_html
from principles.models import ActiveFramework, Framework, Principle, RequiredPrinciple, Statement
from recording.deadlines import LONDON, WorkingCalendar
from recording.models import Contact, RecordingObligation, RecordKind
from recording.services import (
    EvidenceInput,
    addendum_add,
    case_note_save,
    closure_day_add,
    record_complete,
)
from tests.assessments.factories import needs_assessment_for
from tests.factories import ContactFactory, StatementFactory, case_note_for

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)  # Wednesday
SCRIPT = "<script>alert(1)</script><b>bold</b>"
TITLE = "Principles-adherence report"


@pytest.fixture(autouse=True)
def _wednesday():
    # Autouse, so it starts before the signed-in clients are made.
    with time_machine.travel(NOW, tick=False):
        yield


def _at(moment: datetime):
    return time_machine.travel(moment, tick=False)


def _principle(framework, number: int) -> Principle:
    return Principle.objects.get(framework=framework, number=number)


def _case_note(person, author, *, occurred_at, evidence, completed_at=None, with_whom="Maggie"):
    """A case note on a contact at `occurred_at`, written that afternoon, with
    `evidence` (principle, text, statements); completed at `completed_at` if given."""
    written = occurred_at.replace(hour=16)
    with _at(written):
        contact = ContactFactory(
            person=person, recorded_by=author, occurred_at=occurred_at, with_whom=with_whom
        )
        note = case_note_save(
            author=author,
            obligation=contact.obligations.get(kind=RecordKind.CASE_NOTE),
            fields={"narrative": "I visited Maggie at home.", "made_decision": False},
            evidence=[
                EvidenceInput(principle=p, evidence=text, statements=list(statements))
                for p, text, statements in evidence
            ],
            options=[],
        )
    if completed_at is not None:
        with _at(completed_at):
            record_complete(record=note, user=author, now=completed_at)
    return note


def margarets_records(person, author) -> dict:
    """The four records of the module docstring, each written at its own time."""
    framework = Framework.objects.get(slug="hertfordshire-connected-lives")
    p = {n: _principle(framework, n) for n in range(1, 11)}
    we_statement = StatementFactory(
        principle=p[1],
        position=90,
        kind=Statement.Kind.WE,
        text="We start from what matters to the person.",
    )
    late = _case_note(
        person,
        author,
        occurred_at=datetime(2026, 11, 18, 11, 0, tzinfo=LONDON),
        evidence=[(p[8], "I rang her GP and the pharmacy about her tablets.", [])],
        completed_at=datetime(2026, 11, 24, 9, 30, tzinfo=LONDON),
        with_whom="Maggie and her GP",
    )
    overdue = _case_note(
        person,
        author,
        occurred_at=datetime(2026, 11, 19, 14, 0, tzinfo=LONDON),
        evidence=[(p[1], "Maggie chose to talk on the phone.", []), (p[2], "", [])],
        with_whom="Maggie's daughter, Grace",
    )
    with _at(datetime(2026, 11, 20, 15, 0, tzinfo=LONDON)):
        assessment = needs_assessment_for(person, author)
    # Since then, the council requires principle 10 of every needs assessment.
    RequiredPrinciple.objects.create(principle=p[10], record_kind=RecordKind.NEEDS_ASSESSMENT)
    on_time = _case_note(
        person,
        author,
        occurred_at=datetime(2026, 11, 23, 10, 0, tzinfo=LONDON),
        evidence=[
            (p[1], "Maggie chose where we met and what we talked about.", [we_statement]),
            (p[6], "I wrote this up the next day and explained my decision to Maggie.", []),
        ],
        completed_at=datetime(2026, 11, 24, 16, 0, tzinfo=LONDON),
    )
    addendum_add(
        record=on_time,
        author=author,
        reason="Corrected the date of the next visit",
        text="The next visit is on 2 December, not 1 December.",
    )
    return {"late": late, "overdue": overdue, "assessment": assessment, "on_time": on_time}


@pytest.fixture
def records(person, practitioner):
    return margarets_records(person, practitioner)


def _labels(entry) -> dict[int, str]:
    return {finding.principle.number: finding.label for finding in entry.findings}


# --- The rule, without a database ---


def _principles(count: int = 4) -> list[Principle]:
    return [Principle(pk=100 + n, number=n, title=f"Principle {n}") for n in range(1, count + 1)]


@pytest.mark.parametrize(
    ("required", "given", "expected"),
    [
        # required, what was ticked ({number: text}), the finding
        (False, None, Finding.NOT_EVIDENCED),
        (False, "How it shaped the visit.", Finding.EVIDENCED),
        (False, "", Finding.NO_EVIDENCE_WRITTEN),
        (False, "   \n ", Finding.NO_EVIDENCE_WRITTEN),
        (True, None, Finding.REQUIRED_NOT_EVIDENCED),
        (True, "", Finding.REQUIRED_NOT_EVIDENCED),  # the strong finding wins
        (True, "How it shaped the visit.", Finding.EVIDENCED),
    ],
)
def test_principle_finding(required, given, expected):
    principle = Principle(pk=7, number=1, title="Independence and citizenship")
    evidence = {} if given is None else {7: EvidenceGiven(text=given)}

    [finding] = principle_findings([principle], evidence, frozenset({7} if required else ()))

    assert finding.finding == expected
    assert finding.is_gap == (
        expected in (Finding.REQUIRED_NOT_EVIDENCED, Finding.NO_EVIDENCE_WRITTEN)
    )
    assert finding.required == required
    assert finding.ticked == (given is not None)


def test_every_principle_of_the_framework_is_read_in_number_order_with_its_statements():
    principles = _principles(4)
    statement = Statement(pk=1, text="We listen.")
    evidence = {
        102: EvidenceGiven(text="  Strengths first.  ", statements=[statement]),
        104: EvidenceGiven(text=""),
    }

    findings = principle_findings(principles, evidence, frozenset({103}))

    assert [(f.principle.number, f.label) for f in findings] == [
        (1, "Not evidenced"),
        (2, "Evidenced"),
        (3, "Required principle not evidenced"),
        (4, "Ticked, but no evidence written"),
    ]
    assert findings[1].evidence == "Strengths first."
    assert list(findings[1].statements) == [statement]


def _obligation(contact_date: date, due: date, completed_on: date | None) -> RecordingObligation:
    return RecordingObligation(
        contact=Contact(), contact_date=contact_date, due_date=due, completed_on=completed_on
    )


@pytest.mark.parametrize(
    ("contact_date", "due", "completed_on", "today", "closures", "label"),
    [
        # Contact Monday, due Wednesday, completed Tuesday.
        (date(2026, 11, 23), date(2026, 11, 25), date(2026, 11, 24), date(2026, 11, 25), (),
         "Completed on time"),
        # Completed at the last moment of the due date is on time.
        (date(2026, 11, 23), date(2026, 11, 25), date(2026, 11, 25), date(2026, 11, 26), (),
         "Completed on time"),
        # Due Friday, completed Tuesday: Monday and Tuesday are late.
        (date(2026, 11, 18), date(2026, 11, 20), date(2026, 11, 24), date(2026, 11, 25), (),
         "Completed 2 working days late"),
        # Completed on the Saturday after a Friday due date: still late, by 1.
        (date(2026, 11, 18), date(2026, 11, 20), date(2026, 11, 21), date(2026, 11, 25), (),
         "Completed 1 working day late"),
        # Due Monday, open on Wednesday.
        (date(2026, 11, 19), date(2026, 11, 23), None, date(2026, 11, 25), (),
         "Overdue by 2 working days"),
        (date(2026, 11, 23), date(2026, 11, 25), None, date(2026, 11, 25), (), "Due today"),
        (date(2026, 11, 24), date(2026, 11, 26), None, date(2026, 11, 25), (), "Due tomorrow"),
        # Christmas: due Wednesday 30 December; New Year's Day is a bank holiday and the
        # council closes on 31 December, so completing on Tuesday 5 January is 2 late.
        (date(2026, 12, 24), date(2026, 12, 30), date(2027, 1, 5), date(2027, 1, 6),
         (date(2026, 12, 31),), "Completed 2 working days late"),
        (date(2026, 12, 24), date(2026, 12, 30), date(2027, 1, 5), date(2027, 1, 6), (),
         "Completed 3 working days late"),
    ],
)  # fmt: skip
def test_timeliness_of_a_record_with_a_clock(
    contact_date, due, completed_on, today, closures, label
):
    calendar = WorkingCalendar(today=today, closure_days=frozenset(closures))

    result = timeliness(_obligation(contact_date, due, completed_on), calendar)

    assert result.tracker_label == label
    assert result.has_clock
    assert (result.contact_date, result.due_date, result.completed_on) == (
        contact_date,
        due,
        completed_on,
    )


def test_a_record_without_a_contact_has_no_clock():
    result = timeliness(None, WorkingCalendar(today=date(2026, 11, 25)))

    assert (
        result.tracker_label == NO_CLOCK == ("No two-working-day clock (not a record of a contact)")
    )
    assert not result.has_clock
    assert result.tracker_state is None


# --- The report on Margaret ---


@pytest.mark.django_db
def test_report_lists_every_record_oldest_first_with_its_clock(person, records):
    report = adherence_report_for(person, today=date(2026, 11, 25))

    assert [entry.record.pk for entry in report.entries] == [
        records["late"].pk,
        records["overdue"].pk,
        records["assessment"].pk,
        records["on_time"].pk,
    ]
    assert [entry.timeliness.tracker_label for entry in report.entries] == [
        "Completed 2 working days late",
        "Overdue by 2 working days",
        "No two-working-day clock (not a record of a contact)",
        "Completed on time",
    ]
    late, overdue, _, on_time = (entry.timeliness for entry in report.entries)
    assert (late.contact_date, late.due_date, late.completed_on) == (
        date(2026, 11, 18),
        date(2026, 11, 20),
        date(2026, 11, 24),
    )
    assert (overdue.contact_date, overdue.due_date, overdue.completed_on) == (
        date(2026, 11, 19),
        date(2026, 11, 23),
        None,
    )
    assert on_time.completed_on == date(2026, 11, 24)
    assert [entry.record.is_draft for entry in report.entries] == [False, True, False, False]


@pytest.mark.django_db
def test_report_reads_each_record_principle_by_principle_with_the_gaps(person, records):
    report = adherence_report_for(person, today=date(2026, 11, 25))
    late, overdue, assessment, on_time = report.entries

    not_evidenced = dict.fromkeys(range(1, 11), "Not evidenced")
    assert _labels(late) == {**not_evidenced, 8: "Evidenced"}
    assert _labels(overdue) == {
        **not_evidenced,
        1: "Evidenced",
        2: "Ticked, but no evidence written",
    }
    assert _labels(assessment) == {
        **not_evidenced,
        2: "Evidenced",
        5: "Evidenced",
        10: "Required principle not evidenced",
    }
    assert _labels(on_time) == {**not_evidenced, 1: "Evidenced", 6: "Evidenced"}

    assert [f.principle.number for f in overdue.gaps] == [2]
    assert [f.principle.number for f in assessment.gaps] == [10]
    assert [f.principle.number for f in assessment.findings if f.required] == [2, 5, 10]
    assert late.gaps == on_time.gaps == []

    principle_1 = on_time.findings[0]
    assert principle_1.evidence == "Maggie chose where we met and what we talked about."
    assert [s.text for s in principle_1.statements] == ["We start from what matters to the person."]
    assert [a.reason for a in on_time.addenda] == ["Corrected the date of the next visit"]
    assert late.addenda == overdue.addenda == assessment.addenda == []


@pytest.mark.django_db
def test_report_summary_counts(person, records):
    report = adherence_report_for(person, today=date(2026, 11, 25))

    assert report.summary == Summary(
        records=4,
        completed=3,
        drafts=1,
        on_time=1,
        completed_late=1,
        overdue=1,
        not_yet_due=0,
        no_clock=1,
        required_not_evidenced=1,
        required_not_evidenced_in_drafts=0,
        records_with_required_not_evidenced=1,
        no_evidence_written=1,
        contacts_not_recorded=0,
    )
    [hertfordshire] = report.frameworks
    assert hertfordshire.records == 4
    assert {
        row.principle.number: (row.evidenced, row.required, row.required_not_evidenced)
        for row in hertfordshire.principles
    } == {
        1: (2, 0, 0),
        2: (1, 1, 0),  # the draft's tick with no evidence does not count
        3: (0, 0, 0),
        4: (0, 0, 0),
        5: (1, 1, 0),
        6: (1, 0, 0),
        7: (0, 0, 0),
        8: (1, 0, 0),
        9: (0, 0, 0),
        10: (0, 1, 1),
    }


@pytest.mark.django_db
def test_a_contact_with_no_record_started_is_reported_on_its_clock(
    quality_client, person, practitioner, records
):
    ContactFactory(
        person=person,
        recorded_by=practitioner,
        occurred_at=datetime(2026, 11, 20, 9, 0, tzinfo=LONDON),
    )

    report = adherence_report_for(person, today=date(2026, 11, 25))

    assert report.summary.records == 4
    assert report.summary.contacts_not_recorded == 1
    [missing] = report.not_recorded
    assert missing.due_date == date(2026, 11, 24)
    assert missing.tracker_label == "Overdue by 1 working day"
    page = quality_client.get(_url(person)).text
    assert "Contacts with no record started</caption>" in page
    assert "Overdue by 1 working day</strong>" in page


@pytest.mark.django_db
def test_a_closure_day_counts_in_how_late_a_record_is(person, records):
    # Closing on Tuesday 24 November: due dates move, and the days late are re-counted.
    closure_day_add(day=date(2026, 11, 24), reason="Staff training day")

    report = adherence_report_for(person, today=date(2026, 11, 25))

    assert [entry.timeliness.tracker_label for entry in report.entries] == [
        "Completed 1 working day late",  # due Fri 20; Mon 23 is the only working day late
        "Overdue by 1 working day",  # due Mon 23; Wed 25 only
        NO_CLOCK,
        "Completed on time",  # now due Thu 26
    ]


@pytest.mark.django_db
def test_each_record_is_read_against_its_own_framework_version(person, practitioner, records):
    ActiveFramework.choose(Framework.objects.get(slug="lancashire-living-better-lives"))
    case_note_for(ContactFactory(person=person, recorded_by=practitioner))

    report = adherence_report_for(person, today=date(2026, 11, 25))

    assert [tally.framework.slug for tally in report.frameworks] == [
        "hertfordshire-connected-lives",
        "lancashire-living-better-lives",
    ]
    assert [len(entry.findings) for entry in report.entries] == [10, 10, 10, 10, 4]
    # The new draft records Monday's visit: due today.
    assert report.entries[-1].timeliness.tracker_label == "Due today"
    assert report.summary.not_yet_due == 1


# --- The page ---


def _url(person) -> str:
    return reverse("dashboards:adherence", args=[person.pk])


def _pdf_url(person) -> str:
    return reverse("dashboards:adherence_pdf", args=[person.pk])


@pytest.mark.django_db
def test_page_shows_the_summary_the_gaps_and_the_clock(quality_client, person, records):
    response = quality_client.get(_url(person))

    assert response.status_code == 200
    page = response.text
    assert f"<title>{TITLE}: Margaret Oyelaran – Practice Record</title>" in page
    assert "4: 3 completed, 1 draft" in page
    assert "Case note (draft), 19 November 2026" in page
    assert "Needs assessment, 20 November 2026" in page
    # The gaps, flagged on the record and in its table.
    assert "Required principle not evidenced: 10. Equity, Equality and Culture." in page
    assert page.count(">Required principle not evidenced</strong>") == 1
    assert "Ticked with no evidence written: 2. Every contact is strength based" in page
    assert page.count(">Ticked, but no evidence written</strong>") == 1
    assert page.count(">Evidenced</strong>") == 6
    assert page.count('<td class="govuk-table__cell">Not evidenced</td>') == 40 - 6 - 2
    # The clock.
    assert "Completed 2 working days late</strong>" in page
    assert "Overdue by 2 working days</strong>" in page
    assert "Completed on time</strong>" in page
    assert "No two-working-day clock (not a record of a contact)" in page
    assert "Monday 23 November 2026" in page  # the overdue draft's due date
    # Evidence, We statements, addenda.
    assert "We start from what matters to the person." in page
    assert "Corrected the date of the next visit" in page
    assert f'href="{_pdf_url(person)}"' in page
    assert f'href="{records["assessment"].get_absolute_url()}"' in page


@pytest.mark.django_db
def test_person_page_links_to_the_report(practitioner_client, person):
    page = practitioner_client.get(person.get_absolute_url()).text

    assert f'<a class="govuk-link" href="{_url(person)}">Principles-adherence report</a>' in page


@pytest.mark.django_db
def test_a_person_with_no_records_has_an_empty_report(quality_client, person):
    page = quality_client.get(_url(person)).text

    assert "4: 3 completed" not in page
    assert "0: 0 completed, 0 drafts" in page
    assert "There are no records on Margaret Oyelaran yet." in page


@pytest.mark.django_db
def test_html_typed_into_a_record_is_text_in_the_page_and_the_pdf(
    quality_client, person, practitioner, records
):
    addendum_add(record=records["late"], author=practitioner, reason=SCRIPT, text=SCRIPT)
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;"

    page = quality_client.get(_url(person)).text
    assert SCRIPT not in page
    assert page.count(escaped) == 2

    html = report_html(adherence_report_for(person, today=date(2026, 11, 25)))
    assert SCRIPT not in html
    assert html.count(escaped) == 2
    assert SCRIPT in _text(quality_client.get(_pdf_url(person)).content)


# --- Who may read it ---


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "restricted", "status"),
    [
        ("practitioner", False, 200),  # Margaret's allocated worker
        ("colleague", False, 200),  # another practitioner in North
        ("manager", False, 200),
        ("quality", False, 200),  # the investigator
        ("outsider", False, 404),  # another team
        ("other_manager", False, 404),
        ("administrator", False, 403),  # reads no records at all
        ("practitioner", True, 200),
        ("manager", True, 200),
        ("colleague", True, 404),
        ("quality", True, 404),
        ("outsider", True, 404),
        ("administrator", True, 403),
    ],
)
def test_who_may_read_the_report(client, request, person, persona, restricted, status):
    person.is_restricted = restricted
    person.save()
    client.force_login(request.getfixturevalue(persona))

    for url in (_url(person), _pdf_url(person)):
        response = client.get(url)
        assert response.status_code == status, url
        if status != 200:
            assert "Margaret" not in response.content.decode()


@pytest.mark.django_db
def test_someone_elses_person_is_not_found(practitioner_client, other_teams_person):
    assert practitioner_client.get(_url(other_teams_person)).status_code == 404
    assert practitioner_client.get(_pdf_url(other_teams_person)).status_code == 404


@pytest.mark.django_db
def test_a_person_who_does_not_exist_is_not_found(quality_client):
    assert quality_client.get(reverse("dashboards:adherence", args=[999999])).status_code == 404


@pytest.mark.django_db
def test_signed_out_is_sent_to_sign_in(client, person):
    response = client.get(_url(person))

    assert response.status_code == 302
    assert response.url.startswith("/sign-in/")


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_report_is_read_only(quality_client, person, method):
    for url in (_url(person), _pdf_url(person)):
        assert getattr(quality_client, method)(url).status_code == 405


# --- The PDF ---


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.django_db
def test_pdf_is_a_tagged_document_with_title_language_and_the_gaps(quality_client, person, records):
    response = quality_client.get(_pdf_url(person))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="adherence-report-HCC-104233-2026-11-25.pdf"'
    )
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == f"{TITLE} – Margaret Oyelaran"
    assert 'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data().decode()
    # Dated the day it is issued, at midnight in London.
    assert reader.metadata["/CreationDate"] == "D:20261125000000+00'00"

    text = _text(pdf)
    pages = len(reader.pages)
    assert f"Page 1 of {pages}" in text
    assert f"Page {pages} of {pages}" in text
    # Every page says whose report it is.
    for page in reader.pages:
        assert "Principles-adherence report: Margaret Oyelaran, HCC-104233" in page.extract_text()
    assert "Margaret Oyelaran" in text
    assert "HCC-104233" in text
    assert "Hertfordshire County Council" in text
    assert "Required principle not evidenced: 10. Equity, Equality and Culture." in text
    assert "Ticked with no evidence written: 2. Every contact is strength based" in text
    assert "Completed 2 working days late" in text
    assert "Overdue by 2 working days" in text
    assert "No two-working-day clock (not a record of a contact)" in text
    assert "Case note (draft), 19 November 2026" in text
    assert "We start from what matters to the person." in text
    assert "Corrected the date of the next visit" in text


@pytest.mark.django_db
def test_two_downloads_on_the_same_day_are_the_same_bytes(client, quality, person, records):
    client.force_login(quality)
    first = client.get(_pdf_url(person)).content
    with _at(NOW + timedelta(hours=13, minutes=59)):  # 23:59 the same day
        client.force_login(quality)  # the morning's session has expired by now
        second = client.get(_pdf_url(person))

    assert second.status_code == 200
    second = second.content
    assert first == second


@pytest.mark.django_db
def test_issue_date_is_the_london_date_late_on_a_summer_evening(quality_client, person):
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    with time_machine.travel(datetime.fromisoformat("2026-06-30T23:30:00+00:00"), tick=False):
        response = quality_client.get(_pdf_url(person))

    assert response["Content-Disposition"] == (
        'attachment; filename="adherence-report-HCC-104233-2026-07-01.pdf"'
    )
    assert "1 July 2026" in _text(response.content)


# --- Query counts ---


def _bulk_records(person, author, count: int) -> None:
    """`count` records of several kinds: case notes, completed and draft, with evidence,
    a We statement and an addendum; a needs assessment; a contact with no record."""
    framework = Framework.objects.get(slug="hertfordshire-connected-lives")
    p1, p2 = _principle(framework, 1), _principle(framework, 2)
    statement = StatementFactory(principle=p1, position=90, kind=Statement.Kind.WE)
    needs_assessment_for(person, author, now=datetime(2026, 11, 2, 9, 0, tzinfo=LONDON))
    ContactFactory(
        person=person, recorded_by=author, occurred_at=datetime(2026, 11, 2, 8, 0, tzinfo=LONDON)
    )
    for n in range(count - 1):
        contact = ContactFactory(
            person=person,
            recorded_by=author,
            occurred_at=datetime(2026, 11, 3, 9, 0, tzinfo=LONDON) + timedelta(hours=n),
        )
        note = case_note_save(
            author=author,
            obligation=contact.obligations.get(kind=RecordKind.CASE_NOTE),
            fields={"narrative": f"Visit {n}.", "made_decision": False},
            evidence=[
                EvidenceInput(principle=p1, evidence="Maggie chose.", statements=[statement]),
                EvidenceInput(principle=p2, evidence="Strengths first."),
            ],
            options=[],
        )
        if n % 2:
            record_complete(record=note, user=author)
            addendum_add(record=note, author=author, reason="A correction", text="Text.")


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 30])
def test_the_report_runs_a_fixed_number_of_queries(
    quality_client, person, practitioner, count, django_assert_max_num_queries
):
    _bulk_records(person, practitioner, count)
    # session, user, user's roles, person, the access log, closure days, records (with
    # author, framework, obligation and contact, authorisation and its manager), the
    # frameworks' principles, evidence, its We statements, addenda with authors,
    # required principles, contacts with no record, active framework (header)
    with django_assert_max_num_queries(14):
        response = quality_client.get(_url(person))
    assert response.status_code == 200
    assert response.text.count("Open the ") == count


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 30])
def test_the_pdf_runs_a_fixed_number_of_queries(
    quality_client, person, practitioner, count, django_assert_max_num_queries
):
    _bulk_records(person, practitioner, count)
    # As the page, without the header's active framework.
    with django_assert_max_num_queries(13):
        response = quality_client.get(_pdf_url(person))
    assert response.status_code == 200


@pytest.mark.django_db
def test_report_is_marked_official_sensitive_at_the_top_and_bottom(quality_client, person, records):
    page = quality_client.get(_url(person)).text
    assert page.count("OFFICIAL-SENSITIVE") == 2
    assert page.index("OFFICIAL-SENSITIVE") < page.index("<h1")
    assert page.rindex("OFFICIAL-SENSITIVE") > page.index("Back to Margaret Oyelaran")

    reader = PdfReader(io.BytesIO(quality_client.get(_pdf_url(person)).content))
    for number, pdf_page in enumerate(reader.pages, start=1):
        text = pdf_page.extract_text()
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert text.count("OFFICIAL-SENSITIVE") == 2, (number, lines[-5:])
        # The top's marking, then the foot's, over the page number.
        assert "OFFICIAL-SENSITIVE" in lines[-2]
        assert lines[-1] == f"Page {number} of {len(reader.pages)}"


@pytest.mark.django_db
def test_no_page_of_the_report_ends_with_a_heading(quality_client, person, records):
    html = report_html(adherence_report_for(person, today=date(2026, 11, 25)))
    headings = {
        " ".join(re.sub(r"<[^>]+>", "", h).split())
        for h in re.findall(r"<(h[23]|caption)[^>]*>(.*?)</\1>", html, re.DOTALL)
        for h in [h[1]]
    }
    reader = PdfReader(io.BytesIO(quality_client.get(_pdf_url(person)).content))

    for number, pdf_page in enumerate(reader.pages[:-1], start=1):
        lines = [line.strip() for line in pdf_page.extract_text().splitlines() if line.strip()]
        # The text layer gives the page's content, then its margin boxes, the top first.
        content = lines[: lines.index("OFFICIAL-SENSITIVE")]
        assert content[-1] not in headings, (number, content[-3:])
