"""Raises a safeguarding alert when a concern is saved for immediate action
(`frontdoor.services_alerts`). Connected in `FrontdoorConfig.ready`: `assessments` saves
the concern and knows nothing of the front door above it.

A draft's save (`assessments.services.care_act_record_save`, one transaction) sends
`post_save`; a completion `recording.signals.record_completed`, inside its transaction.
Either way the alert and its emails are written in the same transaction as the save."""

from assessments.models import SafeguardingConcern
from frontdoor.services_alerts import safeguarding_alert_raise


def concern_saved(sender, instance: SafeguardingConcern, raw=False, **kwargs) -> None:
    if raw or not instance.immediate_action:  # loaddata; or nothing to alert
        return
    safeguarding_alert_raise(instance)


def concern_completed(sender, record, **kwargs) -> None:
    if isinstance(record, SafeguardingConcern) and record.immediate_action:
        safeguarding_alert_raise(record)
