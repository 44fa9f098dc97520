import re

from crispy_forms_gds.templatetags.crispy_forms_gds import field_errors
from django import forms, template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from config import money
from config.submission_keys import KEY_FIELD, new_key, submitted_key

register = template.Library()

_STRONG = re.compile(r"\*\*(.+?)\*\*")
_EM = re.compile(r"\*(.+?)\*")


@register.filter
def source_emphasis(text: str) -> str:
    """Show the seed documents' **bold** and *italic* marks as emphasis; escape the rest."""
    html = escape(text)
    html = _STRONG.sub(r"<strong>\1</strong>", html)
    html = _EM.sub(r"<em>\1</em>", html)
    return mark_safe(html)  # noqa: S308 -- escaped above; only <strong>/<em> added


@register.filter
def error_summary_links(bound_field) -> list[tuple[str, str]]:
    """(anchor id, message) pairs for the error summary, each pointing at an element that
    exists: the first radio or checkbox of a choice field, the day input of a date."""
    widget = bound_field.field.widget
    links = []
    for field_id, errors in field_errors(bound_field):
        if field_id == bound_field.auto_id:
            if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                field_id = f"{field_id}_1"
            elif isinstance(widget, forms.MultiWidget):
                field_id = f"{field_id}_0"
        links.extend((field_id, error) for error in errors)
    return links


@register.simple_tag(takes_context=True)
def submission_key(context) -> str:
    """The hidden key of a form that creates something (`accounts.once`): the one it was
    sent with when shown again with errors, else a new one (`config.submission_keys`)."""
    request = context.get("request")
    key = (submitted_key(request) if request is not None else "") or new_key()
    return format_html('<input type="hidden" name="{}" value="{}">', KEY_FIELD, key)


@register.filter
def pounds(amount) -> str:
    """An amount of money as the PDFs show it: £1,234.50."""
    return money.pounds(amount)


@register.filter
def part_of(part: int, whole: int) -> str:
    """ "3 of 4"; "none" when there is nothing to count, rather than "0 of 0"."""
    if not whole:
        return "none"
    return f"{part:,} of {whole:,}"
