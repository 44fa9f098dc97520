"""One row of the CLD extract, as `returns.events` makes it and the extract and the
data-quality page read it."""

from dataclasses import dataclass

from config.cld import EXTRACT_COLUMNS


class Source:
    """What in the record an event row comes from (`CldRow.source`)."""

    REQUEST = "request"  # frontdoor.SupportRequest (source_id: its pk)
    ASSESSMENT = "assessment"  # assessments.NeedsAssessment or CarersAssessment (Record pk)
    SERVICE = "service"  # assessments.PlanSupport (its pk)
    REVIEW = "review"  # assessments.Review (Record pk)


@dataclass(frozen=True, slots=True)
class CldRow:
    """`values` holds every column of `EXTRACT_COLUMNS` as the text written to the file
    ("" for blank); the rest says where the row came from, for the data-quality page's
    links and its counts per team."""

    values: dict[str, str]
    person_id: int
    team_id: int
    source: str
    source_id: int

    def as_list(self) -> list[str]:
        return [self.values[column] for column in EXTRACT_COLUMNS]
