"""The demo data set: teams, one login per role, reading confirmations in every state,
the case record (`recording.demo`), the Care Act records (`assessments.demo`),
supervision (`supervision.demo`), and the front door, waiting lists, caseloads and tasks
(`frontdoor.demo`).

Idempotent: running it again updates the same rows and resets the demo passwords.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import Team, TeamMembership, User
from accounts.roles import Role
from assessments.demo import demo_care_act_load
from frontdoor.demo import demo_front_door_load
from principles.models import ActiveFramework, CouncilContact, Framework
from principles.services import reading_confirmation_record
from recording.demo import demo_carers_load, demo_case_records_load
from recording.models import Record
from returns.demo import demo_quality_gaps_load
from supervision.demo import demo_supervision_load

DEMO_PASSWORD = "practice-demo-2026"  # noqa: S105 -- printed to the person running the demo


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    job_title: str
    role: Role
    team: str | None
    manages: bool = False
    reads: str = "none"  # "all", "some" or "none" of the active framework's principles
    work_phone: str = ""
    capacity_hours: int = 37  # hours a week for casework


TEAMS = ["North Adult Care Team", "Hospital Discharge Team"]

# Each council's contact details for the copies, by framework slug (the council's name
# comes from its framework). Made-up: Ofcom's drama numbers and example.org.
COUNCIL_CONTACTS = {
    "hertfordshire-connected-lives": {
        "service": "Adult Care Services",
        "address": "County Hall\nPegs Lane\nHertford\nSG13 8DE",
        "phone": "01632 960 001",
        "phone_hours": "Monday to Friday, 8am to 6pm",
        "email": "adult.care@herts.example.org",
        "la_code": "919",
    },
    "lancashire-living-better-lives": {
        "service": "Adult Social Care",
        "address": "County Hall\nFishergate\nPreston\nPR1 8XJ",
        "phone": "01632 960 002",
        "phone_hours": "Monday to Friday, 9am to 5pm",
        "email": "social.care@lancashire.example.org",
        "la_code": "888",
    },
}

USERS = [
    DemoUser(
        "pat",
        "Pat",
        "Okafor",
        "Social worker",
        Role.PRACTITIONER,
        TEAMS[0],
        work_phone="01632 960 417",
        capacity_hours=30,  # four days a week; her caseload is well over it
    ),
    DemoUser(
        "sam",
        "Sam",
        "Whitfield",
        "Occupational therapist",
        Role.PRACTITIONER,
        TEAMS[0],
        reads="all",
    ),
    DemoUser(
        "riley",
        "Riley",
        "Brennan",
        "Community care assessor",
        Role.PRACTITIONER,
        TEAMS[0],
        reads="some",
    ),
    DemoUser(
        "morgan",
        "Morgan",
        "Achebe",
        "Team manager",
        Role.TEAM_MANAGER,
        TEAMS[0],
        manages=True,
        reads="all",
    ),
    DemoUser("olly", "Olly", "Turner", "Social worker", Role.PRACTITIONER, TEAMS[1]),
    DemoUser("quinn", "Quinn", "Hale", "Head of service", Role.QUALITY, None, reads="all"),
    DemoUser("ada", "Ada", "Lovell", "Service administrator", Role.ADMINISTRATOR, None),
]


@transaction.atomic
def demo_data_load(*, framework_slug: str) -> list[DemoUser]:
    framework = Framework.objects.filter(slug=framework_slug).order_by("-effective_date").first()
    if framework is None:
        raise ValueError(f"Load the principles fixtures first: no framework {framework_slug!r}.")
    ActiveFramework.choose(framework)

    teams = {}
    for name in TEAMS:
        slug = name.lower().replace(" ", "-")
        teams[name], _ = Team.objects.update_or_create(slug=slug, defaults={"name": name})

    for slug, contact in COUNCIL_CONTACTS.items():
        for council in Framework.objects.filter(slug=slug).values_list("council", flat=True):
            CouncilContact.objects.update_or_create(council=council, defaults=contact)

    principles = list(framework.principles.all())
    today = timezone.localdate()
    for spec in USERS:
        user, _ = User.objects.update_or_create(
            username=spec.username,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "job_title": spec.job_title,
                "email": f"{spec.username}@example.org",
                "work_phone": spec.work_phone,
                "is_staff": spec.role == Role.ADMINISTRATOR,
                "is_active": True,
                "capacity_hours": spec.capacity_hours,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=spec.role)])
        if spec.team:
            TeamMembership.objects.update_or_create(
                user=user, team=teams[spec.team], defaults={"is_manager": spec.manages}
            )
        chosen = {"all": principles, "some": principles[:3], "none": []}[spec.reads]
        reading_confirmation_record(
            user=user, principles=chosen, read_on=today - timedelta(days=7), receipt=False
        )
    demo_case_records_load(today=today)
    demo_care_act_load(today=today)
    demo_supervision_load(today=today)
    demo_front_door_load(today=today)
    demo_carers_load()
    demo_quality_gaps_load(today=today)  # issue 18: the team with deliberate CLD gaps
    _started_before_completed()
    return USERS


def _started_before_completed() -> None:
    """The demo completes records on days in the past, but each was created as it
    loaded: start those a few days before they were completed, as a practitioner would
    have (the statutory return's events start when the record was started)."""
    Record.objects.filter(completed_at__lt=F("created_at")).update(
        created_at=F("completed_at") - timedelta(days=3)
    )
