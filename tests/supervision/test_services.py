"""Recording a supervision session: what the service writes, and what it refuses even
when a form has been bypassed."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from principles.models import ActiveFramework, Framework
from recording.deadlines import LONDON
from supervision.models import PrincipleReflection, SupervisionSession
from supervision.services import ReflectionInput, supervision_session_record
from tests.factories import PersonFactory, active_framework_with_principles
from tests.supervision.factories import session_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _wednesday():
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=False):
        yield


def _record(supervisor, practitioner, **overrides):
    framework = ActiveFramework.current()
    arguments = {
        "supervisor": supervisor,
        "practitioner": practitioner,
        "held_on": date(2026, 11, 24),
        "reflections": [
            ReflectionInput(principle=framework.principles.get(number=1), notes="Notes")
        ],
        "agreed_actions": "Actions",
        **overrides,
    }
    return supervision_session_record(**arguments)


def test_a_manager_records_a_session_with_a_member_of_their_team(
    principles, manager, practitioner, person
):
    session = supervision_session_record(
        supervisor=manager,
        practitioner=practitioner,
        held_on=date(2026, 11, 24),
        cases=[person],
        reflections=[
            ReflectionInput(
                principle=principles.principles.get(number=2),
                notes="  Margaret's plan starts from what she can do.  ",
            ),
            ReflectionInput(principle=principles.principles.get(number=1), notes="Her choice."),
        ],
        agreed_actions="  Alice to arrange the review.\n",
    )
    session.refresh_from_db()
    assert session.supervisor == manager
    assert session.practitioner == practitioner
    assert session.held_on == date(2026, 11, 24)
    assert session.framework == principles
    assert list(session.cases.all()) == [person]
    assert session.agreed_actions == "Alice to arrange the review."
    assert [(r.principle.number, r.notes) for r in session.reflections.all()] == [
        (1, "Her choice."),
        (2, "Margaret's plan starts from what she can do."),
    ]


def test_today_is_allowed_and_the_session_keeps_its_principles_version(
    principles, manager, practitioner
):
    session = _record(manager, practitioner, held_on=date(2026, 11, 25))
    ActiveFramework.choose(Framework.objects.get(slug="lancashire-living-better-lives"))
    session.refresh_from_db()
    assert session.framework == principles
    assert session.reflections.get().principle.framework == principles


@pytest.mark.parametrize(
    "who",
    [
        "outsider",  # a practitioner in another team
        "manager",  # themselves
        "other_manager",  # another team's manager
    ],
)
def test_only_members_of_the_managers_teams_can_be_supervised(principles, request, manager, who):
    with pytest.raises(PermissionDenied):
        _record(manager, request.getfixturevalue(who))
    assert not SupervisionSession.objects.exists()


def test_a_practitioner_cannot_record_supervision(principles, practitioner, colleague):
    with pytest.raises(PermissionDenied):
        _record(practitioner, colleague)


def test_a_deactivated_member_cannot_be_supervised(principles, manager, practitioner):
    practitioner.is_active = False
    practitioner.save()
    with pytest.raises(PermissionDenied):
        _record(manager, practitioner)


def test_a_future_date_is_refused(principles, manager, practitioner):
    with pytest.raises(ValidationError) as error:
        _record(manager, practitioner, held_on=date(2026, 11, 26))
    assert error.value.message_dict == {
        "held_on": ["The date of the session must be today or in the past"]
    }
    assert not SupervisionSession.objects.exists()


def test_at_least_one_principle_is_reflected_on(principles, manager, practitioner):
    with pytest.raises(ValidationError, match="Select at least one principle you reflected on"):
        _record(manager, practitioner, reflections=[])


def test_notes_and_agreed_actions_are_required(principles, manager, practitioner):
    principle = principles.principles.get(number=1)
    with pytest.raises(ValidationError) as error:
        _record(manager, practitioner, reflections=[ReflectionInput(principle, "   ")])
    assert "notes" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _record(manager, practitioner, agreed_actions=" \n ")
    assert "agreed_actions" in error.value.message_dict
    # Nothing half-written is left behind.
    assert not SupervisionSession.objects.exists()
    assert not PrincipleReflection.objects.exists()


def test_a_principle_of_another_version_is_refused(principles, manager, practitioner):
    lancashire = Framework.objects.get(slug="lancashire-living-better-lives")
    with pytest.raises(ValidationError) as error:
        _record(
            manager,
            practitioner,
            reflections=[ReflectionInput(lancashire.principles.get(number=1), "Notes")],
        )
    assert "principle" in error.value.message_dict
    assert not SupervisionSession.objects.exists()


def test_a_principle_is_reflected_on_once(principles, manager, practitioner):
    principle = principles.principles.get(number=1)
    with pytest.raises(ValidationError):
        _record(
            manager,
            practitioner,
            reflections=[ReflectionInput(principle, "One"), ReflectionInput(principle, "Two")],
        )


def test_a_case_the_manager_cannot_see_is_refused(
    principles, manager, practitioner, other_teams_person
):
    with pytest.raises(ValidationError) as error:
        _record(manager, practitioner, cases=[other_teams_person])
    assert error.value.message_dict == {"cases": ["Select only people whose records you can see"]}


def test_a_restricted_person_of_the_managers_team_can_be_discussed(
    principles, manager, colleague, team, practitioner
):
    restricted = PersonFactory(team=team, allocated_worker=practitioner, is_restricted=True)
    session = _record(manager, colleague, cases=[restricted])
    assert list(session.cases.all()) == [restricted]


def test_without_an_active_framework_nothing_is_recorded(manager, practitioner):
    active_framework_with_principles(1)
    ActiveFramework.objects.all().delete()
    with pytest.raises(ValueError, match="active framework"):
        supervision_session_record(
            supervisor=manager,
            practitioner=practitioner,
            held_on=date(2026, 11, 24),
            reflections=[],
            agreed_actions="Actions",
        )


def test_the_database_refuses_supervising_yourself(principles, manager, practitioner):
    session = session_for(manager, practitioner)
    session.practitioner = manager
    with pytest.raises(ValidationError, match="no_supervising_yourself"):
        session.full_clean()
