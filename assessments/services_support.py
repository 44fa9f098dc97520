"""A support's CLD service details on an authorised care and support plan (issue 18,
part 2). The plan the person was given never changes (`recording.models.Record`); what
the return needs about the service it became -- its type, component, delivery, CQC
location, costs, when it started and when and why it ended -- is set or corrected here,
by a conditional UPDATE of the support row, kept in its history."""

import hashlib
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.access import may_change_service
from assessments.models import Authorisation, PlanSupport
from config.money import pounds
from recording.history import history_rows_add

# What the service page changes: never the need, how it is met, the provider or the
# weekly cost the person was given.
SERVICE_DETAIL_FIELDS = (
    "service_type",
    "service_component",
    "delivery_mechanism",
    "provider_cqc_location_id",
    "unit_cost",
    "cost_frequency",
    "planned_units_per_week",
    "start_date",
    "end_date",
    "end_outcome",
)
NOT_AUTHORISED = "The plan is not authorised: change its supports in the plan's draft"
CHANGED_MEANWHILE = (
    "Someone else changed this service's details since you opened the page. Check them "
    "as they are now, then make your change again."
)


class ServiceChangedError(Exception):
    """The support changed since the user saw it: nothing was saved."""


def service_state(support: PlanSupport) -> str:
    """A short fingerprint of the support's service details as the user saw them."""
    text = "\x1f".join(str(getattr(support, name)) for name in SERVICE_DETAIL_FIELDS)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def is_on_authorised_plan(support: PlanSupport) -> bool:
    return Authorisation.objects.filter(
        record_id=support.plan_id, decision=Authorisation.Decision.AUTHORISED
    ).exists()


@transaction.atomic
def support_service_change(
    *, support: PlanSupport, user, values: dict, seen: str, today: date | None = None
) -> PlanSupport:
    """Set or correct the service details of `support` (an authorised plan's) to
    `values` (some of `SERVICE_DETAIL_FIELDS`), if they are still as the user saw them
    (`seen`: `service_state`). Refuses (ValidationError, field -> message) what no
    support may say (`PlanSupport.service_errors`), and costs whose weekly cost is not
    the one the plan authorised; raises `ServiceChangedError` when someone else changed
    them first (one of two users at once wins)."""
    if not may_change_service(user, support):
        raise PermissionError("Only someone who records changes a service's details.")
    if not is_on_authorised_plan(support):
        raise ValidationError(NOT_AUTHORISED)
    current = PlanSupport.objects.get(pk=support.pk)
    if service_state(current) != seen:
        raise ServiceChangedError(CHANGED_MEANWHILE)
    changed = PlanSupport(
        **{f.attname: getattr(current, f.attname) for f in PlanSupport._meta.concrete_fields}
    )
    for name in SERVICE_DETAIL_FIELDS:
        if name in values:
            setattr(changed, name, values[name])
    changed.planned_units_per_week = changed.units_for_return()
    errors = {**changed.missing_errors("the service"), **changed.service_errors(today=today)}
    cost = changed.cost_per_week()
    costs_given = changed.unit_cost is not None or bool(changed.cost_frequency)
    if (
        costs_given
        and current.weekly_cost is not None
        and cost is not None
        and cost != current.weekly_cost
        and "unit_cost" not in errors
    ):
        errors["unit_cost"] = (
            f"These costs come to {pounds(cost)} a week, but the authorised plan says "
            f"{pounds(current.weekly_cost)} a week. To change what the support costs, "
            "revise the plan"
        )
    if errors:
        raise ValidationError(errors)
    update = {name: getattr(changed, name) for name in SERVICE_DETAIL_FIELDS}
    if current.weekly_cost is None and cost is not None:
        update["weekly_cost"] = cost  # a support authorised without a cost gets one
    as_seen = {name: getattr(current, name) for name in SERVICE_DETAIL_FIELDS}
    if not PlanSupport.objects.filter(pk=current.pk, **as_seen).update(**update):
        raise ServiceChangedError(CHANGED_MEANWHILE)
    saved = PlanSupport.objects.get(pk=current.pk)
    reason = "Service ended" if saved.end_date and not current.end_date else "Service details"
    history_rows_add([saved], reason=reason, user=user)
    return saved
