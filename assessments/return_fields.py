"""What an assessment's or a review's form asks for the statutory return (issue 18, part
1): the CLD fields of its event, with the answers that fit the record and labels in
plain English. The stored values are DHSC's own spellings (`config.cld`); only the
labels are ours.

Pure functions and constants (no queries): the record forms (`assessments.forms`), the
return-details page (`assessments.forms_return`) and its service
(`assessments.services_return`) share them.
"""

from collections.abc import Iterable

from assessments.models import RETURN_FIELDS, ReviewProgress
from config import cld
from recording.models import Contact, RecordKind

HEADING = "For the statutory return"
HINT = (
    "The council sends this to the Department of Health and Social Care each quarter. "
    "It is not in the person's copy."
)

Outcome = cld.EventOutcome

# What can follow an assessment: support planning, reablement, a further assessment,
# hospital, or no further action for a reason. A service's ending ("support ended")
# and "continuation of support" are a service's and a review's outcomes.
ASSESSMENT_OUTCOMES = [
    (
        Outcome.SUPPORT_PLANNING,
        "Support planning or services (the eligibility decision and a care and support plan)",
    ),
    (Outcome.REABLEMENT, "Reablement or other short-term support to regain independence"),
    (Outcome.ASSESSMENT, "A further assessment, or a reassessment"),
    (Outcome.HOSPITAL, "The person was admitted to hospital"),
    (Outcome.NFA_INFORMATION, "No further action: information, advice or signposting given"),
    (Outcome.NFA_OTHER_LA_SERVICE, "No further action: referred to another council service"),
    (Outcome.NFA_NHS, "No further action: referred to the NHS or NHS-funded care"),
    (
        Outcome.NFA_SELF_FUNDED,
        "No further action: the person pays for their own care, or is in the 12-week "
        "property disregard",
    ),
    (Outcome.NFA_MOVED, "No further action: another council is responsible"),
    (Outcome.NFA_DECLINED, "No further action: the person declined support"),
    (Outcome.NFA_DECEASED, "No further action: the person died"),
    (Outcome.NFA_OTHER_REASON, "No further action: no services offered, for another reason"),
    (Outcome.NFA_OTHER, "No further action: another reason"),
]

# What can follow a review: the support carries on, changes, ends, or a reassessment.
REVIEW_OUTCOMES = [
    (Outcome.CONTINUATION, "The support carries on"),
    (Outcome.SUPPORT_PLANNING, "New or changed support: back to support planning"),
    (Outcome.REABLEMENT, "Reablement or other short-term support"),
    (Outcome.ASSESSMENT, "A reassessment"),
    (Outcome.HOSPITAL, "The person was admitted to hospital"),
    (Outcome.NFA_ENDED_PLANNED, "The support ends, as planned"),
    (Outcome.NFA_ENDED_OTHER, "The support ends, for another reason"),
    (Outcome.NFA_DECLINED, "The person declined further support"),
    (Outcome.NFA_SELF_FUNDED, "The person now pays for their own care"),
    (Outcome.NFA_NHS, "Referred to the NHS or NHS-funded care"),
    (Outcome.NFA_MOVED, "Another council is now responsible"),
    (Outcome.NFA_DECEASED, "The person died"),
    (Outcome.NFA_OTHER, "No further action: another reason"),
]

ASSESSMENT_TYPES = [
    (cld.AssessmentType.SHORT_TERM, cld.AssessmentType.SHORT_TERM.label),
    (cld.AssessmentType.LONG_TERM, cld.AssessmentType.LONG_TERM.label),
]
CARERS_ASSESSMENT_TYPES = [(cld.AssessmentType.UNPAID_CARER, cld.AssessmentType.UNPAID_CARER.label)]

REVIEW_REASONS = [
    (cld.ReviewReason.PLANNED, "Planned: the scheduled review of long-term support"),
    (cld.ReviewReason.UNPLANNED, "Unplanned: something changed"),
    (cld.ReviewReason.SHORT_TERM, "A review of short-term support, such as reablement"),
]

# The questions, by field ("{noun}": assessment or review).
QUESTIONS = {
    "assessment_type": "Which assessment was this?",
    "method": "How was the {noun} done?",
    "outcome": "What happens next?",
    "review_reason": "Why did the review take place?",
    "outcomes_achieved": "Were the outcomes in the plan achieved?",
}


def question(kind: str, name: str) -> str:
    noun = "review" if kind == RecordKind.REVIEW else "assessment"
    return QUESTIONS[name].format(noun=noun)


def return_choices(kind: str) -> dict[str, list[tuple[str, str]]]:
    """The answers each statutory-return field of a record of `kind` offers."""
    if kind == RecordKind.REVIEW:
        return {
            "review_reason": REVIEW_REASONS,
            "method": list(cld.MethodOfContact.choices),
            "outcomes_achieved": list(cld.ReviewOutcomesAchieved.choices),
            "outcome": REVIEW_OUTCOMES,
        }
    types = CARERS_ASSESSMENT_TYPES if kind == RecordKind.CARERS_ASSESSMENT else ASSESSMENT_TYPES
    return {
        "assessment_type": types,
        "method": list(cld.MethodOfContact.choices),
        "outcome": ASSESSMENT_OUTCOMES,
    }


def field_names(kind: str) -> tuple[str, ...]:
    return RETURN_FIELDS.get(kind, ())


# How a contact's method reads as the method of an assessment or review.
METHOD_OF_CONTACT = {
    Contact.Method.VISIT: cld.MethodOfContact.FACE_TO_FACE,
    Contact.Method.OFFICE: cld.MethodOfContact.FACE_TO_FACE,
    Contact.Method.HOSPITAL: cld.MethodOfContact.FACE_TO_FACE,
    Contact.Method.PHONE: cld.MethodOfContact.TELEPHONE,
    Contact.Method.VIDEO: cld.MethodOfContact.VIDEO,
}


def method_suggested(contact_method: str | None) -> str | None:
    """The method the record's contact suggests (a visit was face to face), if any."""
    return METHOD_OF_CONTACT.get(contact_method) if contact_method else None


def outcomes_achieved_suggested(progress: Iterable[str]) -> str | None:
    """What the progress against each of the plan's outcomes suggests: all achieved is
    fully, some achieved or partly is partially, none is not achieved. Outcomes no
    longer wanted, and those not answered, do not count; with none left, nothing."""
    counted = [p for p in progress if p and p != ReviewProgress.Progress.NO_LONGER]
    if not counted:
        return None
    if all(p == ReviewProgress.Progress.ACHIEVED for p in counted):
        return cld.ReviewOutcomesAchieved.FULLY
    if any(
        p in (ReviewProgress.Progress.ACHIEVED, ReviewProgress.Progress.PARTLY) for p in counted
    ):
        return cld.ReviewOutcomesAchieved.PARTLY
    return cld.ReviewOutcomesAchieved.NOT_ACHIEVED
