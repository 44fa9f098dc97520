"""factory-boy factories for every model, with fixed defaults (no random choices)."""

from datetime import date, datetime

import factory
from django.contrib.auth.models import Group

from accounts.models import Team, TeamMembership, User
from accounts.roles import Role
from principles.models import (
    ActiveFramework,
    Framework,
    Principle,
    ReadingConfirmation,
    Statement,
)
from recording.deadlines import LONDON
from recording.models import Contact, Person, RecordKind
from recording.services import case_note_save, contact_record

PASSWORD = "correct-horse-battery-staple"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Team {n}")
    slug = factory.Sequence(lambda n: f"team-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Member{n}")
    job_title = "Social worker"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted: Role | None, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))
        if create:
            self.save()


class TeamMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMembership

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    is_manager = False


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    slug = factory.Sequence(lambda n: f"framework-{n}")
    council = "Testshire County Council"
    title = "Test Practice Principles"
    version = "1"
    effective_date = date(2025, 4, 1)
    source_document = "Testshire County Council: practice principles"
    introduction = "Why these principles matter."


class PrincipleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Principle

    framework = factory.SubFactory(FrameworkFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda p: f"Principle number {p.number}")
    text = "We work with people.\n\nWe listen."


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    principle = factory.SubFactory(PrincipleFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = Statement.Kind.WE
    text = "We start from what matters to the person."


class ReadingConfirmationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReadingConfirmation

    user = factory.SubFactory(UserFactory)
    principle = factory.SubFactory(PrincipleFactory)
    read_on = date(2026, 11, 16)


def active_framework_with_principles(count: int = 3, **framework_fields) -> Framework:
    framework = FrameworkFactory(**framework_fields)
    for number in range(1, count + 1):
        PrincipleFactory(framework=framework, number=number)
    ActiveFramework.choose(framework)
    return framework


# --- The case record ---


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person Number{n}")
    date_of_birth = date(1948, 5, 17)
    council_reference = factory.Sequence(lambda n: f"HCC-{100000 + n}")
    team = factory.SubFactory(TeamFactory)


class ContactFactory(factory.django.DjangoModelFactory):
    """A contact with its case-note obligation, made by the service as in the app."""

    class Meta:
        model = Contact

    person = factory.SubFactory(PersonFactory)
    occurred_at = datetime(2026, 11, 23, 10, 0, tzinfo=LONDON)
    method = Contact.Method.VISIT
    with_whom = "The person and their daughter"
    recorded_by = factory.SubFactory(UserFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return contact_record(**kwargs)


def case_note_for(contact, *, author=None, narrative="We talked about going home.", **fields):
    """A draft case note for `contact`'s obligation, through the service: with its
    narrative and no decision made, it is ready to complete."""
    obligation = contact.obligations.get(kind=RecordKind.CASE_NOTE)
    return case_note_save(
        author=author or contact.recorded_by,
        obligation=obligation,
        fields={"narrative": narrative, "made_decision": False, **fields},
        evidence=[],
        options=[],
    )
