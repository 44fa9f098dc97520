"""The parts of recording's pages that apps above recording fill in (`config.page_parts`):
the Care Act records are the `assessments` app's, the access log the `audit` app's."""

from django.utils import timezone

from config.page_parts import PageParts
from recording.models import RecordingObligation

# A person's page, for (request, person).
person_page = PageParts("a person's page")
# My recording and a member's, for (member, visible: the people the viewer may see, today).
recording_page = PageParts("My recording")
# My recording only, for (user, visible): what is theirs alone to see.
my_recording_page = PageParts("My recording of one's own")
# Team recording, for (people, records: theirs, today).
team_recording_page = PageParts("Team recording")


def home_recording_part(user, limit: int) -> dict:
    """Home, for someone who records: how many of their records are overdue."""
    overdue = (
        RecordingObligation.objects.overdue_on(timezone.localdate()).filter(owner=user).count()
    )
    return {"overdue": overdue}
