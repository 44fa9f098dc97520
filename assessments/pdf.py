"""The person's copy of their needs assessment, eligibility determination and care and
support plan as a PDF (SPEC 4; Herts P5: the person is given a copy).

The copy is HTML rendered by a Django template (autoescaped: whatever was typed in a
field is text, never markup) and laid out by WeasyPrint as a tagged PDF/UA-1 document
with a title and language. The same completed record always gives the same bytes: the
document dates are the record's own (completion, authorisation), the file identifier
is derived from the HTML, and nothing else in WeasyPrint's output varies between runs
(its font subset tags are a hash of the font description).
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from fnmatch import fnmatchcase

import weasyprint
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint.urls import URLFetcher

from assessments.models import (
    Achievement,
    Authorisation,
    CarePlan,
    CarersAssessment,
    EligibilityDetermination,
    NeedsAssessment,
)
from assessments.rules import pounds
from config.kinds import COPY_KINDS
from principles.models import CouncilContact
from recording.deadlines import LONDON
from recording.models import Addendum, PrincipleEvidence, Record, RecordKind

# What the copy is called, in the person's words, and in its file name.
TITLES = {
    RecordKind.NEEDS_ASSESSMENT: "Your needs assessment",
    RecordKind.CARERS_ASSESSMENT: "Your carer's assessment",
    RecordKind.ELIGIBILITY: "Your eligibility decision",
    RecordKind.CARE_PLAN: "Your care and support plan",
}
NAMES = {
    RecordKind.NEEDS_ASSESSMENT: "assessment",
    RecordKind.CARERS_ASSESSMENT: "assessment",
    RecordKind.ELIGIBILITY: "decision",
    RecordKind.CARE_PLAN: "plan",
}
FILE_STEMS = {
    RecordKind.NEEDS_ASSESSMENT: "needs-assessment",
    RecordKind.CARERS_ASSESSMENT: "carers-assessment",
    RecordKind.ELIGIBILITY: "eligibility-determination",
    RecordKind.CARE_PLAN: "care-and-support-plan",
}

# The recorded answers, said to the person ("you") rather than about them.
ACHIEVEMENT_FOR_YOU = {
    Achievement.ACHIEVES: "You can do this without help.",
    Achievement.UNABLE: "You cannot do this without help.",
    Achievement.PAIN: "You can do this, but it causes you a lot of pain, distress or worry.",
    Achievement.ENDANGERS: (
        "You can do this, but it puts your health or safety, or other people's, at risk."
    ),
    Achievement.LONGER: "You can do this, but it takes you much longer than expected.",
}
CAPACITY_FOR_YOU = {
    NeedsAssessment.Capacity.NO_DOUBT: (
        "We had no reason to doubt that you can make your own decisions about your care "
        "and support."
    ),
    NeedsAssessment.Capacity.HAS_CAPACITY: (
        "We checked, and you can make your own decisions about your care and support."
    ),
    NeedsAssessment.Capacity.LACKS_CAPACITY: (
        "We checked, and found that you cannot make some decisions about your care and "
        "support yourself just now. These decisions will be made in your best interests, "
        "with you and the people who know you well."
    ),
}
ADVOCACY_FOR_YOU = {
    NeedsAssessment.Advocacy.NOT_NEEDED: "You did not need an independent advocate.",
    NeedsAssessment.Advocacy.REFERRED: (
        "We asked an independent advocate to help you take part and have your say."
    ),
    NeedsAssessment.Advocacy.NOT_REFERRED: (
        "You needed help to take part, but we did not refer you to an independent advocate."
    ),
}
DECISION_FOR_YOU = {
    EligibilityDetermination.Decision.ELIGIBLE: (
        "You are eligible for care and support from the council."
    ),
    EligibilityDetermination.Decision.NOT_ELIGIBLE: (
        "You are not eligible for care and support from the council."
    ),
}
CARER_ELIGIBLE_FOR_YOU = "You are eligible for support from the council as a carer."
YES_NO = {True: "Yes", False: "No", None: "Not decided"}

# The record form fields whose text each copy prints for the person to read (`*` is a
# row's number or an outcome): the forms' hints say so (`is_in_copy`).
COPIED_FIELDS = {
    RecordKind.NEEDS_ASSESSMENT: (
        *NeedsAssessment.NARRATIVE_FIELDS,
        "outcome_*_needs",
        "risk_*_risk",
        "risk_*_persons_view",
        "risk_*_benefit",
        "risk_*_mitigation",
        "principle_*_evidence",
    ),
    RecordKind.CARERS_ASSESSMENT: (*CarersAssessment.NARRATIVE_FIELDS, "principle_*_evidence"),
    RecordKind.ELIGIBILITY: (*EligibilityDetermination.NARRATIVE_FIELDS, "principle_*_evidence"),
    RecordKind.CARE_PLAN: (
        *CarePlan.NARRATIVE_FIELDS,
        "outcome_*_statement",
        "support_*_need",
        "support_*_how_met",
        "support_*_provider",
        "principle_*_evidence",
    ),
}
FOR_THE_PERSON = "Write this to the person: they will get a copy."


def is_in_copy(kind: str, field_name: str) -> bool:
    """Whether the person's copy prints what is typed in this field of the record form."""
    return any(fnmatchcase(field_name, pattern) for pattern in COPIED_FIELDS.get(kind, ()))


def issue_date(record: Record) -> date:
    """The date printed on the copy: the day a manager authorised the determination or
    plan, or, when it is not authorised, the day it was completed (London time)."""
    authorisation = _authorisation(record)
    if authorisation is not None and authorisation.is_authorised:
        return authorisation.decided_at.astimezone(LONDON).date()
    if record.completed_at is None:
        raise ValueError(f"{record} is a draft: only a completed record has a copy.")
    return record.completed_at.astimezone(LONDON).date()


@dataclass(frozen=True)
class Correction:
    """A corrected copy: its issue number, the date it was issued and the date of the
    copy it replaces, printed on it."""

    issue_number: int
    issued_on: date
    replaces_issued_on: date


def filename_safe(reference: str) -> str:
    """A council reference as a part of a file name: ASCII letters, digits and hyphens."""
    reference = "".join(c if c.isascii() and c.isalnum() else "-" for c in reference)
    return "-".join(part for part in reference.split("-") if part)


def copy_filename(
    record: Record, *, large_print: bool, correction: Correction | None = None
) -> str:
    """For example `care-and-support-plan-HCC-104233-2026-11-27-large-print.pdf`, or
    `…-2026-12-02-issue-2.pdf` for a corrected copy: the council's reference, never the
    person's name."""
    reference = filename_safe(_reference(record))
    issued_on = correction.issued_on if correction else issue_date(record)
    issue = f"-issue-{correction.issue_number}" if correction else ""
    suffix = "-large-print" if large_print else ""
    return f"{FILE_STEMS[record.kind]}-{reference}-{issued_on:%Y-%m-%d}{issue}{suffix}.pdf"


def copy_html(record: Record, *, large_print: bool, correction: Correction | None = None) -> str:
    """The copy as HTML: `assessments/pdf/<kind>.html`, with the record's rows loaded."""
    record = _load(record)
    context = _context(record, large_print=large_print, correction=correction)
    with timezone.override(LONDON):
        return render_to_string(f"assessments/pdf/{record.kind}.html", context)


def render_copy(
    record: Record, *, large_print: bool = False, correction: Correction | None = None
) -> bytes:
    """The person's copy of a completed assessment, determination or plan as PDF bytes;
    the same record gives the same bytes. What the person was given is the stored
    `IssuedCopy` (`assessments.services.copy_issue`), never a new render."""
    return html_to_pdf(copy_html(record, large_print=large_print, correction=correction))


class _NoFetching(URLFetcher):
    """The copy is self-contained (styles inline, system fonts): nothing is fetched, so
    nothing typed into a record could make the server reach out."""

    def fetch(self, url, headers=None):
        raise ValueError(f"The PDF copy fetches nothing: {url}")


# WeasyPrint 70 can fail an assertion of its own laying out a table whose last row is
# kept with its totals (`break-before: avoid` on rows) when a row is most of a page
# tall. The copy is then laid out once more without that one preference, marked in
# copy.css, rather than not at all.
KEEP_TOGETHER = re.compile(r"/\* keep-together \*/.*?/\* end keep-together \*/", re.DOTALL)


def html_to_pdf(html: str) -> bytes:
    """Lay out a copy's HTML as a tagged PDF/UA-1 document. The file identifier is a hash
    of the HTML (WeasyPrint writes none by default), so the bytes depend on it alone."""
    try:
        return _write_pdf(html)
    except AssertionError:
        relaxed = KEEP_TOGETHER.sub("", html)
        if relaxed == html:
            raise
        return _write_pdf(relaxed)


def _write_pdf(html: str) -> bytes:
    identifier = hashlib.sha256(html.encode()).hexdigest()[:32].encode()
    return weasyprint.HTML(string=html, url_fetcher=_NoFetching()).write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=identifier
    )


# --- Loading and context ---


def _reference(record: Record) -> str:
    return record.person.council_reference


def _authorisation(record: Record) -> Authorisation | None:
    """The manager's decision on a determination or plan, if any (`_load` fetches it
    once for the copy)."""
    if not record.needs_authorisation:
        return None
    if hasattr(record, "_copy_authorisation"):
        return record._copy_authorisation
    return Authorisation.objects.select_related("decided_by").filter(record_id=record.pk).first()


def _load(record: Record) -> Record:
    """The record as its own kind with everything the copy shows, in a few queries."""
    if record.kind not in COPY_KINDS:
        raise ValueError(f"There is no person's copy of a {record.get_kind_display().lower()}.")
    if not record.is_completed:
        raise ValueError(f"{record} is a draft: only a completed record has a copy.")
    evidence = Prefetch(
        "evidence",
        queryset=PrincipleEvidence.objects.select_related("principle").order_by(
            "principle__number"
        ),
    )
    common = ["person", "framework", "author"]
    addenda = Prefetch("addenda", queryset=Addendum.objects.order_by("created_at", "pk"))
    if record.kind == RecordKind.NEEDS_ASSESSMENT:
        queryset = NeedsAssessment.objects.select_related(*common).prefetch_related(
            "outcomes", "risks", evidence, addenda
        )
    elif record.kind == RecordKind.CARERS_ASSESSMENT:
        queryset = CarersAssessment.objects.select_related(*common).prefetch_related(
            evidence, addenda
        )
    elif record.kind == RecordKind.ELIGIBILITY:
        queryset = EligibilityDetermination.objects.select_related(
            *common, "assessment"
        ).prefetch_related(evidence, addenda)
    else:
        queryset = CarePlan.objects.select_related(
            *common, "eligibility__assessment"
        ).prefetch_related("outcomes", "supports", evidence, addenda)
    loaded = queryset.get(pk=record.pk)
    loaded._copy_authorisation = _authorisation(loaded)
    return loaded


def _w3c(moment: datetime) -> str:
    return moment.astimezone(LONDON).isoformat(timespec="seconds")


def _context(record: Record, *, large_print: bool, correction: Correction | None) -> dict:
    authorisation = _authorisation(record)
    modified = authorisation.decided_at if authorisation else record.completed_at
    title = TITLES[record.kind]
    context = {
        "record": record,
        "person": record.person,
        "framework": record.framework,
        "author": record.author,
        "title": title,
        "name": NAMES[record.kind],
        "large_print": large_print,
        "issue_date": correction.issued_on if correction else issue_date(record),
        "correction": correction,
        "completed_on": record.completed_at.astimezone(LONDON).date(),
        "needs_authorisation": record.needs_authorisation,
        "authorisation": authorisation,
        "authorised_on": authorisation.decided_at.astimezone(LONDON).date()
        if authorisation
        else None,
        # Fixed document dates make the PDF reproducible (WeasyPrint otherwise writes none).
        "created": _w3c(record.completed_at),
        "modified": _w3c(modified),
        "evidence": list(record.evidence.all()),
        "addenda": list(record.addenda.all()),
        "council_contact": CouncilContact.for_framework(record.framework),
    }
    if record.kind == RecordKind.NEEDS_ASSESSMENT:
        context.update(_assessment_context(record))
    elif record.kind == RecordKind.CARERS_ASSESSMENT:
        context.update({"assessment": record})
    elif record.kind == RecordKind.ELIGIBILITY:
        context.update(_eligibility_context(record))
    else:
        context.update(_plan_context(record))
    return context


def _assessment_context(assessment: NeedsAssessment) -> dict:
    return {
        "assessment": assessment,
        "outcomes": [
            {
                "label": row.get_outcome_display(),
                "needs": row.needs,
                "achievement": ACHIEVEMENT_FOR_YOU.get(row.achievement, ""),
            }
            for row in assessment.outcomes.all()
        ],
        "risks": list(assessment.risks.all()),
        "capacity": CAPACITY_FOR_YOU.get(assessment.mental_capacity, ""),
        "advocacy": ADVOCACY_FOR_YOU.get(assessment.advocacy, ""),
    }


def _eligibility_context(determination: EligibilityDetermination) -> dict:
    return {
        "determination": determination,
        "what_matters": determination.assessment.what_matters,
        "decision": CARER_ELIGIBLE_FOR_YOU
        if determination.is_for_carer
        and determination.decision == EligibilityDetermination.Decision.ELIGIBLE
        else DECISION_FOR_YOU.get(determination.decision, "We have not decided yet."),
        "is_eligible": determination.decision == EligibilityDetermination.Decision.ELIGIBLE,
        "from_impairment": YES_NO[determination.needs_from_impairment],
        "wellbeing_significant": YES_NO[determination.wellbeing_significant],
        "outcomes_not_achieved": determination.outcomes_not_achieved_display(),
        "for_carer": determination.is_for_carer,
    }


def _plan_context(plan: CarePlan) -> dict:
    money = plan.money()
    return {
        "plan": plan,
        "what_matters": plan.eligibility.assessment.what_matters,
        "outcomes": list(plan.outcomes.all()),
        "supports": [
            {
                "need": support.need,
                "how_met": support.how_met,
                "provider": support.provider,
                "cost": pounds(support.weekly_cost)
                if support.weekly_cost is not None
                else "Not known yet",
            }
            for support in plan.supports.all()
        ],
        "total_cost": pounds(money.total_cost),
        "personal_budget": pounds(plan.personal_budget)
        if plan.personal_budget is not None
        else "Not set yet",
        "top_up": pounds(money.top_up) if plan.top_up else "",
        "over_budget": pounds(money.over_budget) if money.over_budget else "",
    }
