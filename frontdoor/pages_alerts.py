"""Alerts that cannot wait on other apps' pages (`config.page_parts`), added in
`FrontdoorConfig.ready`."""

from django.utils import timezone

from accounts.access import alert_visibility
from frontdoor.models import SafeguardingAlert


def home_alerts_part(user, limit: int) -> dict:
    """Home, for a team manager: the safeguarding alerts of their teams that no manager
    has marked seen, oldest first (one query; none for anyone else): up to `limit`,
    saying when more wait, so none is hidden unsaid."""
    if not user.is_team_manager:
        return {"safeguarding_alerts": [], "alerts_today": None, "alerts_more": False}
    alerts = (
        SafeguardingAlert.objects.open()
        .filter(alert_visibility(user))
        .select_related("record__person", "raised_by", "team")
        .order_by("raised_at", "pk")
    )
    shown = list(alerts[: limit + 1])
    return {
        "safeguarding_alerts": shown[:limit],
        "alerts_more": len(shown) > limit,
        "alerts_today": timezone.localdate(),
    }
