"""The Safeguarding Adults Collection's page and CSV (issue 18, part 6): SG1 and SG2 for
a financial year, for administrators, quality staff and team managers
(`accounts.access.may_see_safeguarding_return`). Counts only: no person is named, so
nothing is written in the access log."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.access import may_see_safeguarding_return
from config.past_dates import local_today
from returns.sac import csv_rows, parse_year, recent_years, sac_tables


def _year_or_error(request: HttpRequest):
    if not may_see_safeguarding_return(request.user):
        raise PermissionDenied("The safeguarding return is for managers and quality staff.")
    today = local_today()
    try:
        return parse_year(request.GET.get("year"), today=today), None
    except ValueError as error:
        return None, str(error)


def _page(request: HttpRequest, year, error: str, *, status: int = 200) -> HttpResponse:
    today = local_today()
    context = {
        "year": year,
        "error": error,
        "typed_year": request.GET.get("year", ""),
        "years": recent_years(today),
        "sac": sac_tables(year) if year else None,
    }
    return render(request, "returns/sac/safeguarding.html", context, status=status)


@require_GET
def safeguarding(request: HttpRequest) -> HttpResponse:
    year, error = _year_or_error(request)
    return _page(request, year, error, status=400 if error else 200)


@require_GET
def safeguarding_csv(request: HttpRequest) -> HttpResponse:
    year, error = _year_or_error(request)
    if error:
        return _page(request, None, error, status=400)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sac-{year.short}.csv"'
    writer = csv.writer(response)
    for row in csv_rows(sac_tables(year)):
        writer.writerow(row)
    return response
