from django import template

from principles.citations import Purpose, citation, cited_principles
from principles.models import Framework

register = template.Library()


@register.simple_tag(takes_context=True)
def cite_principle(context, purpose: str, framework: Framework | None = None) -> str:
    """ " (Principle 6: …)", the principle `framework` (by default the active one) names
    for `purpose`, with its leading space; "" when it names none. Written straight after
    the words it supports: `two working days{% cite_principle "timely_recording" %}.`"""
    if purpose not in Purpose.values:
        raise template.TemplateSyntaxError(f"No such purpose for a principle: {purpose!r}")
    if framework is not None:
        cited = cited_principles(framework)
    else:
        cited = context.get("cited_principles")
        if cited is None:  # rendered without a request, as an email is
            cited = cited_principles()
    quoted = citation(cited.get(purpose))
    return f" ({quoted})" if quoted else ""
