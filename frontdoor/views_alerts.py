"""Alerts that cannot wait: a manager marks a safeguarding alert seen (issue 17, part 7).
The alert itself is shown on Home (`frontdoor.pages_alerts`)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import alert_visibility
from frontdoor.models import SafeguardingAlert
from frontdoor.services_alerts import safeguarding_alert_acknowledge


@require_POST
def alert_acknowledge(request: HttpRequest, alert_id: int) -> HttpResponse:
    """ "I have seen this": records who and when, and the alert leaves Home. Only the
    managers of the alert's team may (`accounts.access.may_acknowledge_alert`); to anyone
    else the alert does not exist."""
    alert = get_object_or_404(
        SafeguardingAlert.objects.filter(alert_visibility(request.user)).select_related(
            "record__person"
        ),
        pk=alert_id,
    )
    reference = alert.record.person.council_reference
    if safeguarding_alert_acknowledge(alert, user=request.user):
        messages.success(request, f"You marked the safeguarding alert for {reference} as seen.")
    else:
        when = timezone.localtime(alert.acknowledged_at)
        by = "you" if alert.acknowledged_by_id == request.user.pk else alert.acknowledged_by
        messages.info(
            request,
            f"The safeguarding alert for {reference} was already marked seen by {by} "
            f"at {when:%H:%M} on {when.day} {when:%B}.",
        )
    return redirect("home")
