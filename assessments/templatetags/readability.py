"""`{% readability_hint form.field %}`: the reading ease score under a narrative field.

It scores the field's current value (the submitted text when a form is shown again, the
saved draft on a fresh page), so the score shows without JavaScript after a save.
"""

from django import template
from django.forms import BoundField

from config.readability import readability_hint as hint_for

register = template.Library()


@register.inclusion_tag("assessments/partials/readability_hint.html")
def readability_hint(field: BoundField) -> dict:
    value = field.value()
    return {"field": field, "message": hint_for(value if isinstance(value, str) else "")}
