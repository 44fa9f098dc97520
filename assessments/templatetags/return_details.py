"""The statutory-return details of an assessment or review on its page (issue 18)."""

from django import template

from accounts.access import may_change_return_details
from assessments.models import RETURN_FIELDS
from assessments.return_fields import question, return_choices

register = template.Library()


@register.inclusion_tag("assessments/partials/return_summary.html")
def return_details_summary(record, user) -> dict:
    """Each CLD field of the record with its answer, and whether `user` may change them
    (a completed record; a draft's form asks for them)."""
    names = RETURN_FIELDS.get(record.kind, ())
    offered = return_choices(record.kind) if names else {}
    rows = [
        {
            "name": name,
            "question": question(record.kind, name),
            # As the form said it; an answer it does not offer, as the list does.
            "answer": dict(offered[name]).get(
                getattr(record, name), getattr(record, f"get_{name}_display")()
            ),
        }
        for name in names
    ]
    return {
        "record": record,
        "rows": rows,
        "can_change": bool(names) and may_change_return_details(user, record),
    }
