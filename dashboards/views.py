"""The compliance dashboards (SPEC 5): one view for the pages, one for the CSV exports.
The figures are in `figures.py`; who sees what in `accounts.access.dashboard_scope`."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.access import dashboard_scope
from dashboards.figures import DASHBOARDS, Dashboard
from dashboards.forms import DashboardFilterForm
from dashboards.tables import csv_response
from recording.views import working_calendar


def _dashboard(request: HttpRequest, slug: str, *, full: bool) -> tuple[Dashboard, object]:
    if slug not in DASHBOARDS:
        raise Http404("No such dashboard.")
    dashboard_class = DASHBOARDS[slug]
    calendar = working_calendar()
    form = DashboardFilterForm(
        request.GET,
        scope=dashboard_scope(request.user),
        today=calendar.today,
        dates=dashboard_class.uses_dates,
        kinds=dashboard_class.uses_kinds,
    )
    dashboard = dashboard_class(
        form.filters(), calendar, page=request.GET.get("page", 1), full=full
    )
    return dashboard, form


@require_GET
def dashboard(request: HttpRequest, slug: str = "timeliness") -> HttpResponse:
    dashboard, form = _dashboard(request, slug, full=False)
    filters = dashboard.filters
    return render(
        request,
        f"dashboards/{dashboard.slug}.html",
        {
            "dashboard": dashboard,
            "dashboards": list(DASHBOARDS.values()),
            "form": form,
            "filters": filters,
            "tables": dashboard.tables(),
            "query": filters.query_string(),
            "headline": dashboard.headline() if hasattr(dashboard, "headline") else None,
        },
    )


@require_GET
def table_csv(request: HttpRequest, slug: str, table: str) -> HttpResponse:
    dashboard, _form = _dashboard(request, slug, full=True)
    if table not in dashboard.TABLES:
        raise Http404("No such table.")
    built = dashboard.table(table)
    if built is None:
        raise Http404("This table is not part of your dashboard.")
    return csv_response(built, dashboard.filters.filename(dashboard.slug, table))
