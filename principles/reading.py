"""Whether a member of staff has confirmed reading a framework version.

A version counts as read when every one of its principles has a confirmation; a
confirmation of an old version's principle never counts for a new version, because
the new version's principles are different rows.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadingStatus:
    principles_read: int
    principles_total: int

    @property
    def is_confirmed(self) -> bool:
        return self.principles_total > 0 and self.principles_read >= self.principles_total

    @property
    def is_partial(self) -> bool:
        return 0 < self.principles_read < self.principles_total

    @property
    def label(self) -> str:
        if self.is_confirmed:
            return "Confirmed"
        if self.is_partial:
            return f"{self.principles_read} of {self.principles_total} principles"
        return "Not confirmed"


def reading_status(*, principles_read: int, principles_total: int) -> ReadingStatus:
    return ReadingStatus(principles_read=principles_read, principles_total=principles_total)
