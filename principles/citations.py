"""Which principle a hint, caption or document quotes for a rule, from the framework's
own data: never a council's name or a principle's number written into a template or
code. With no principle named for a purpose, the text reads without a reference."""

from django.db.models import Subquery

from principles.models import ActiveFramework, CitedPrinciple, Framework, Principle

Purpose = CitedPrinciple.Purpose


def cited_principles(framework: Framework | None = None) -> dict[str, Principle]:
    """Purpose -> the principle `framework` (by default the active one) names for it, in
    one query."""
    rows = CitedPrinciple.objects.select_related("principle")
    if framework is None:
        active = ActiveFramework.objects.filter(pk=1).values("framework")[:1]
        rows = rows.filter(framework=Subquery(active))
    else:
        rows = rows.filter(framework=framework)
    return {row.purpose: row.principle for row in rows}


def citation(principle: Principle | None) -> str:
    """How a principle is quoted: "Principle 6: Timely and Defensible Decision making and
    recording", in the council's own words; "" for none."""
    if principle is None:
        return ""
    return f"Principle {principle.number}: {principle.title}"


def cite(text: str, principle: Principle | None) -> str:
    """`text` with the principle quoted in brackets before its full stop, or `text` as it
    is when there is none; the quotation alone when `text` is empty."""
    quoted = citation(principle)
    if not quoted:
        return text
    if not text:
        return quoted
    stem, stop = (text[:-1], ".") if text.endswith(".") else (text, "")
    return f"{stem} ({quoted}){stop}"


def citing(form_field, purpose: str):
    """Mark a form field whose hint quotes the principle named for `purpose`; the form
    fills it in with `cite_in_help_texts`."""
    form_field.cites = Purpose(purpose)
    return form_field


def cite_in_help_texts(fields, framework: Framework | None = None) -> None:
    """Quote, in the hint of each of `fields` marked by `citing`, the principle
    `framework` (by default the active one) names for it: one query, none when no field
    is marked."""
    marked = [f for f in fields.values() if getattr(f, "cites", None)]
    if not marked:
        return
    cited = cited_principles(framework)
    for form_field in marked:
        form_field.help_text = cite(form_field.help_text, cited.get(form_field.cites))
