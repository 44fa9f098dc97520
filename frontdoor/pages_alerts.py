"""Alerts that cannot wait on other apps' pages (`config.page_parts`), added in
`FrontdoorConfig.ready`."""

from django.utils import timezone

from accounts.access import alert_visibility
from frontdoor.models import SafeguardingAlert


def home_alerts_part(user, limit: int) -> dict:
    """Home, for a team manager: the safeguarding alerts of their teams that no manager
    has marked seen, oldest first (one query; none for anyone else)."""
    if not user.is_team_manager:
        return {"safeguarding_alerts": [], "alerts_today": None}
    alerts = (
        SafeguardingAlert.objects.open()
        .filter(alert_visibility(user))
        .select_related("record__person", "raised_by", "team")
        .order_by("raised_at", "pk")
    )
    return {"safeguarding_alerts": list(alerts[:limit]), "alerts_today": timezone.localdate()}
