"""The principles-adherence report for one person, as a page and as a PDF (SPEC 5).

Who may read it: whoever may read the person's records. A person out of the user's
scope is a 404 (`recording.access_queries.get_person_for_user`); a role that reads no records
at all (an administrator only) is refused outright.
"""

from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.access import may_read_records
from assessments.pdf import filename_safe, html_to_pdf
from dashboards.adherence import AdherenceReport, adherence_report_for
from recording.access_log import What, record_access
from recording.access_queries import get_person_for_user
from recording.deadlines import LONDON
from recording.models import Person

TITLE = "Principles-adherence report"
# The report gathers everything about one person for an investigation: under the
# Government Security Classifications it is OFFICIAL, handled as OFFICIAL-SENSITIVE,
# and says so at the top and bottom of the page and of every printed page.
MARKING = "OFFICIAL-SENSITIVE"


def _readable_person(request: HttpRequest, person_id: int) -> Person:
    if not may_read_records(request.user):
        raise PermissionDenied("Your role cannot read people's records.")
    return get_person_for_user(request.user, person_id)


def _report(person: Person) -> AdherenceReport:
    return adherence_report_for(person, today=timezone.localdate(timezone=LONDON))


@require_GET
def report(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _readable_person(request, person_id)
    record_access(request, person, What.ADHERENCE_PAGE)
    return render(
        request,
        "dashboards/adherence.html",
        {"person": person, "report": _report(person), "title": TITLE, "marking": MARKING},
    )


def report_filename(person: Person, issued: date) -> str:
    """For example `adherence-report-HCC-104233-2026-11-25.pdf`: the council's
    reference, never the person's name (as `assessments.pdf.copy_filename`)."""
    return f"adherence-report-{filename_safe(person.council_reference)}-{issued:%Y-%m-%d}.pdf"


def report_html(report: AdherenceReport) -> str:
    """The report as the PDF's HTML. It is dated the day it is issued, and nothing else
    in it varies: the same records on the same day give the same bytes."""
    issued = datetime.combine(report.today, time(0), tzinfo=LONDON).isoformat(timespec="seconds")
    with timezone.override(LONDON):
        return render_to_string(
            "dashboards/adherence_pdf.html",
            {
                "report": report,
                "person": report.person,
                "title": TITLE,
                "marking": MARKING,
                "issued": issued,
                # The copy's stylesheet (assessments/pdf/copy.css), in normal print.
                "large_print": False,
            },
        )


@require_GET
def report_pdf(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _readable_person(request, person_id)
    record_access(request, person, What.ADHERENCE_PDF)
    report = _report(person)
    response = HttpResponse(html_to_pdf(report_html(report)), content_type="application/pdf")
    filename = report_filename(person, report.today)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
