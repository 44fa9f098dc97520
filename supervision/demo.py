"""Demo supervision: Morgan, who manages the North team, has held two reflective
supervision sessions, with Pat and with Sam, about people on the demo case record
(`recording.demo`). Written through the service, like real use; loaded once."""

from datetime import date, timedelta

from accounts.models import User
from principles.models import ActiveFramework
from recording.demo import PRINCIPLE_FOR_THEME
from recording.models import Person
from supervision.models import SupervisionSession
from supervision.services import ReflectionInput, supervision_session_record


def demo_supervision_load(*, today: date) -> None:
    """Needs the demo logins, teams and people (`demo.data`, `recording.demo`)."""
    users = {u.username: u for u in User.objects.filter(username__in=["morgan", "pat", "sam"])}
    morgan = users["morgan"]
    if SupervisionSession.objects.filter(supervisor=morgan).exists():
        return  # already loaded
    framework = ActiveFramework.current()
    numbers = PRINCIPLE_FOR_THEME[framework.slug]
    principles = {p.number: p for p in framework.principles.all()}
    people = {
        p.council_reference: p
        for p in Person.objects.filter(council_reference__in=["HCC-104211", "HCC-104218"])
    }

    supervision_session_record(
        supervisor=morgan,
        practitioner=users["pat"],
        held_on=today - timedelta(days=21),
        cases=people.values(),
        reflections=[
            ReflectionInput(
                principle=principles[numbers["independence"]],
                notes="Pat talked through how Dot chose where and when they met, and how "
                "she led the conversation about staying at home.",
            ),
            ReflectionInput(
                principle=principles[numbers["safeguarding"]],
                notes="We talked about Tariq's falls: how he stays safe while he carries on "
                "working from home, with the least restriction he is happy with.",
            ),
        ],
        agreed_actions="Pat to offer Tariq an Urdu interpreter for the financial "
        "assessment, by the end of next week.\n\nMorgan to find a place on the strengths-"
        "based practice workshop for Pat.",
    )
    supervision_session_record(
        supervisor=morgan,
        practitioner=users["sam"],
        held_on=today - timedelta(days=6),
        reflections=[
            ReflectionInput(
                principle=principles[numbers["culture"]],
                notes="Sam reflected on asking people what matters to them about who they "
                "are before talking about equipment.",
            ),
        ],
        agreed_actions="Sam to share the home adaptations checklist at the next team meeting.",
    )
