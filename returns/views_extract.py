"""The CLD extract's page (`returns:extract`): administrators and quality staff choose a
quarter end and download the file. Anyone else is refused (403).

Each download is written to the access log as one event without a person
(`What.CLD_EXTRACT`: the file holds everyone), its address carrying the period, so
administrators see who took the extract and when on the access log page."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.access import may_download_extract
from audit.models import AccessEvent
from recording.access_log import What
from returns.events import la_code
from returns.extract import extract_filename, stream_extract
from returns.forms_extract import ExtractForm


@require_http_methods(["GET", "POST"])
def extract(request: HttpRequest) -> HttpResponse:
    if not may_download_extract(request.user):
        raise PermissionDenied("Only administrators and quality staff download the CLD extract.")
    today = timezone.localdate()
    code = la_code()
    form = ExtractForm(request.POST if request.method == "POST" else None, today=today)
    if request.method == "POST" and form.is_valid():
        period_end = form.cleaned_data["period_end"]
        AccessEvent.objects.create(
            when=timezone.now(),
            user=request.user,
            person=None,
            what=What.CLD_EXTRACT,
            path=f"{request.path}?period_end={period_end.isoformat()}",
        )
        response = StreamingHttpResponse(
            stream_extract(period_end), content_type="text/csv; charset=utf-8"
        )
        filename = extract_filename(code, period_end)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "returns/extract.html", {"form": form, "la_code": code})
