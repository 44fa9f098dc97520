"""The supervision pages in the browser's words: a manager records a session and sees it;
the practitioner sees their own; every bad input the issue names is refused next to its
field, with nothing typed lost."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from principles.models import ActiveFramework
from recording.deadlines import LONDON
from supervision.models import PrincipleReflection, SupervisionSession
from tests.factories import PersonFactory
from tests.supervision.factories import session_for

pytestmark = pytest.mark.django_db

NEW = reverse("supervision:session_new")
LIST = reverse("supervision:session_list")


@pytest.fixture(autouse=True)
def _wednesday():
    # Autouse, so it starts before the signed-in clients are made.
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=False):
        yield


def _data(practitioner, **overrides) -> dict:
    data = {
        "practitioner": str(practitioner.pk),
        "held_on_0": "24",
        "held_on_1": "11",
        "held_on_2": "2026",
        "principle_2": "on",
        "principle_2_evidence": "Alice started Margaret's plan from what she can do.",
        "agreed_actions": "Alice to book the review with Margaret's son.",
    }
    return {**data, **overrides}


def _main(html: str) -> str:
    """The page's main content, without the header (which names who is signed in)."""
    return html.split('id="main-content"', 1)[1].split("</main>", 1)[0]


def _error_next_to(html: str, field_id: str, message: str) -> bool:
    """The message is inside the field's form group, marked as in error."""
    opening = f'<div id="div_{field_id}" class="govuk-form-group govuk-form-group--error">'
    if opening not in html:
        return False
    return message in html.split(opening, 1)[1].split('<div id="div_id_', 1)[0]


# --- Recording a session ---


def test_the_form_offers_the_managers_team_and_its_people(
    principles,
    manager_client,
    manager,
    practitioner,
    colleague,
    outsider,
    person,
    other_teams_person,
):
    html = _main(manager_client.get(NEW).text)
    assert "Record a supervision session" in html
    assert "Alice Adams" in html and "Erin Evans" in html
    assert "Bob Baker" not in html  # never themselves
    assert "Charlie Clarke" not in html  # another team
    assert "Margaret Oyelaran" in html
    assert "HCC-104233, allocated to Alice Adams" in html
    assert "Harold Pennington" not in html
    assert "1. Independence and citizenship" in html
    assert "Notes on principle 1" in html


def test_a_manager_records_a_session_and_sees_it(
    principles, manager_client, manager, practitioner, person
):
    response = manager_client.post(NEW, _data(practitioner, cases=[str(person.pk)]))
    session = SupervisionSession.objects.get()
    assert response.status_code == 302
    assert response.url == session.get_absolute_url()
    assert session.supervisor == manager
    assert session.practitioner == practitioner
    assert session.held_on == date(2026, 11, 24)
    assert session.framework == principles
    assert list(session.cases.all()) == [person]
    assert [r.principle.number for r in session.reflections.all()] == [2]

    detail = manager_client.get(response.url)
    assert "Supervision session with Alice Adams recorded." in detail.text
    assert "Tuesday 24 November 2026" in detail.text
    assert "Alice started Margaret&#x27;s plan from what she can do." in detail.text
    assert "2. Every contact is strength based and risk positive" in detail.text
    assert "Alice to book the review with Margaret&#x27;s son." in detail.text
    assert "Margaret Oyelaran" in detail.text

    listed = manager_client.get(LIST).text
    assert "24 November 2026" in listed
    assert "Alice Adams" in listed
    assert "2. Every contact is strength based and risk positive" in listed


def test_nothing_ticked_asks_for_a_principle_and_keeps_what_was_typed(
    principles, manager_client, practitioner
):
    data = _data(practitioner, principle_2="", principle_2_evidence="")
    response = manager_client.post(NEW, data)
    html = response.text
    assert response.status_code == 200
    assert "<title>Error: Record a supervision session" in html
    assert html.count("Select at least one principle you reflected on") == 2  # summary, field
    assert '<a href="#id_principle_1">Select at least one principle you reflected on</a>' in html
    assert 'id="principles-error"' in html
    assert "Alice to book the review with Margaret&#x27;s son." in html
    assert 'value="24"' in html and 'value="2026"' in html
    assert not SupervisionSession.objects.exists()


def test_a_ticked_principle_needs_its_notes(principles, manager_client, practitioner):
    response = manager_client.post(NEW, _data(practitioner, principle_2_evidence="  "))
    html = response.text
    message = "Enter your notes on principle 2, Every contact is strength based and risk positive"
    assert f'<a href="#id_principle_2_evidence">{message}</a>' in html
    assert _error_next_to(html, "id_principle_2_evidence", message)
    assert "Select at least one principle" not in html
    assert not SupervisionSession.objects.exists()


def test_notes_on_a_principle_not_ticked_are_kept_and_questioned(
    principles, manager_client, practitioner
):
    response = manager_client.post(
        NEW, _data(practitioner, principle_3_evidence="We did not get to this.")
    )
    html = response.text
    assert "Select principle 3 if you reflected on it, or remove your notes on it" in html
    assert 'aria-describedby="id_principle_3-error"' in html
    assert "We did not get to this." in html
    assert not SupervisionSession.objects.exists()


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("26", "11", "2026", "The date of the session must be today or in the past"),
        ("31", "11", "2026", "Date of the session must be a real date"),
        ("", "", "", "Enter the date of the session"),
    ],
)
def test_the_date_must_be_real_and_not_in_the_future(
    principles, manager_client, practitioner, day, month, year, message
):
    response = manager_client.post(
        NEW, _data(practitioner, held_on_0=day, held_on_1=month, held_on_2=year)
    )
    assert f'<a href="#id_held_on_0">{message}</a>' in response.text
    assert _error_next_to(response.text, "id_held_on", message)
    assert not SupervisionSession.objects.exists()


def test_a_practitioner_of_another_team_is_refused(
    principles, manager_client, practitioner, outsider
):
    response = manager_client.post(NEW, _data(outsider))
    assert '<a href="#id_practitioner_1">Select someone in a team you manage</a>' in response.text
    assert _error_next_to(response.text, "id_practitioner", "Select someone in a team you manage")
    assert not SupervisionSession.objects.exists()


def test_the_manager_cannot_choose_themselves(principles, manager_client, manager, practitioner):
    response = manager_client.post(NEW, _data(manager))
    assert "Select someone in a team you manage" in response.text
    assert not SupervisionSession.objects.exists()


def test_a_person_of_another_team_cannot_be_discussed(
    principles, manager_client, practitioner, other_teams_person
):
    response = manager_client.post(NEW, _data(practitioner, cases=[str(other_teams_person.pk)]))
    assert "Select only people in the teams you manage" in response.text
    assert "Harold Pennington" not in response.text
    assert not SupervisionSession.objects.exists()


def test_missing_answers_are_asked_for(principles, manager_client, practitioner):
    response = manager_client.post(NEW, {"practitioner": "", "agreed_actions": ""})
    html = response.text
    for message in (
        "Select who you supervised",
        "Enter the date of the session",
        "Select at least one principle you reflected on",
        "Enter the actions you agreed",
    ):
        assert message in html
    # The summary lists them in page order.
    positions = [
        html.index(f">{m}</a>")
        for m in (
            "Select who you supervised",
            "Enter the date of the session",
            "Select at least one principle you reflected on",
            "Enter the actions you agreed",
        )
    ]
    assert positions == sorted(positions)


def test_what_is_typed_is_shown_escaped(principles, manager_client, manager, practitioner):
    script = "<script>alert('x')</script>"
    response = manager_client.post(
        NEW, _data(practitioner, agreed_actions=script, principle_2_evidence="", principle_1="on")
    )
    assert script not in response.text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in response.text

    session = session_for(manager, practitioner, notes=script, agreed_actions=script)
    detail = manager_client.get(session.get_absolute_url()).text
    assert script not in detail
    assert detail.count("&lt;script&gt;") == 2


def test_a_manager_with_nobody_to_supervise_is_told_why(principles, other_manager, client):
    client.force_login(other_manager)
    response = client.get(NEW)
    assert response.status_code == 200
    assert "You do not manage a team with anyone else in it yet" in response.text


def test_without_an_active_framework_the_form_is_not_found(manager_client, practitioner):
    ActiveFramework.objects.all().delete()
    assert manager_client.get(NEW).status_code == 404


# --- Who gets what ---


@pytest.mark.parametrize("client_name", ["practitioner_client", "quality_client"])
def test_only_team_managers_record_supervision(principles, request, client_name, practitioner):
    client = request.getfixturevalue(client_name)
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, _data(practitioner)).status_code == 403
    assert not SupervisionSession.objects.exists()


@pytest.mark.parametrize("persona", ["outsider", "colleague", "quality", "other_manager"])
def test_someone_outside_gets_not_found(
    principles, request, client, persona, manager, practitioner
):
    session = session_for(manager, practitioner)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(session.get_absolute_url()).status_code == 404
    assert "Alice Adams" not in client.get(LIST).text


def test_a_practitioner_sees_their_own_supervision_only(
    principles, practitioner_client, manager, practitioner, colleague
):
    mine = session_for(manager, practitioner, held_on=date(2026, 11, 2))
    newer = session_for(manager, practitioner, held_on=date(2026, 11, 23), numbers=(4,))
    theirs = session_for(manager, colleague, held_on=date(2026, 11, 24))
    html = practitioner_client.get(LIST).text
    assert '<h1 class="govuk-heading-l">Your supervision</h1>' in html
    assert mine.get_absolute_url() in html and newer.get_absolute_url() in html
    assert theirs.get_absolute_url() not in html
    assert "Erin Evans" not in html
    assert "Record a supervision session" not in html
    # Newest first.
    assert html.index("23 November 2026") < html.index("2 November 2026")
    assert practitioner_client.get(mine.get_absolute_url()).status_code == 200
    assert practitioner_client.get(theirs.get_absolute_url()).status_code == 404


def test_a_practitioner_with_no_sessions_is_told_so(principles, practitioner_client):
    html = practitioner_client.get(LIST).text
    assert "No supervision sessions have been recorded with you yet." in html


def test_the_manager_sees_their_teams_sessions_newest_first(
    principles, manager_client, manager, practitioner, colleague
):
    session_for(manager, practitioner, held_on=date(2026, 11, 2))
    session_for(manager, colleague, held_on=date(2026, 11, 24))
    html = manager_client.get(LIST).text
    assert '<h1 class="govuk-heading-l">Supervision</h1>' in html
    assert "Record a supervision session" in html
    assert html.index("Erin Evans") < html.index("Alice Adams")


def test_a_restricted_person_discussed_is_hidden_from_who_cannot_see_them(
    principles, manager, colleague, practitioner, team, client
):
    restricted = PersonFactory(
        name="Rosa Restricted", team=team, allocated_worker=practitioner, is_restricted=True
    )
    open_person = PersonFactory(name="Olive Open", team=team)
    session = session_for(manager, colleague, cases=[restricted, open_person])
    client.force_login(colleague)
    html = client.get(session.get_absolute_url()).text
    assert "Olive Open" in html
    assert "Rosa Restricted" not in html
    client.force_login(manager)
    assert "Rosa Restricted" in client.get(session.get_absolute_url()).text


@pytest.mark.parametrize(
    ("method", "url_name"),
    [("post", "list"), ("post", "detail"), ("put", "new"), ("delete", "detail")],
)
def test_the_wrong_method_is_refused(
    principles, manager_client, manager, practitioner, method, url_name
):
    session = session_for(manager, practitioner)
    url = {"list": LIST, "new": NEW, "detail": session.get_absolute_url()}[url_name]
    assert getattr(manager_client, method)(url).status_code == 405


@pytest.mark.parametrize(
    ("client_name", "shown"),
    [
        ("manager_client", True),
        ("practitioner_client", True),
        ("quality_client", False),
        ("administrator_client", False),
    ],
)
def test_supervision_is_in_the_navigation_of_managers_and_practitioners(
    principles, request, client_name, shown
):
    html = request.getfixturevalue(client_name).get("/").text
    assert (f'href="{LIST}"' in html) is shown


# --- The list runs a fixed number of queries ---


def _bulk_sessions(manager, practitioner, person, count: int) -> None:
    framework = ActiveFramework.current()
    principles = list(framework.principles.order_by("number")[:2])
    sessions = SupervisionSession.objects.bulk_create(
        SupervisionSession(
            supervisor=manager,
            practitioner=practitioner,
            held_on=date(2026, 1, 1 + n % 28),
            framework=framework,
            agreed_actions=f"Action {n}",
        )
        for n in range(count)
    )
    PrincipleReflection.objects.bulk_create(
        PrincipleReflection(session=session, principle=principle, notes="Notes")
        for session in sessions
        for principle in principles
    )
    SupervisionSession.cases.through.objects.bulk_create(
        SupervisionSession.cases.through(supervisionsession_id=s.pk, person_id=person.pk)
        for s in sessions
    )


@pytest.mark.parametrize("count", [3, 300])
@pytest.mark.parametrize("client_name", ["manager_client", "practitioner_client"])
def test_the_list_runs_a_fixed_number_of_queries(
    principles,
    request,
    manager,
    practitioner,
    person,
    count,
    client_name,
    django_assert_max_num_queries,
):
    _bulk_sessions(manager, practitioner, person, count)
    client = request.getfixturevalue(client_name)
    # session, user, roles, active framework (header), count of sessions (pages),
    # one page of sessions with practitioner and supervisor, their reflections with
    # principles
    with django_assert_max_num_queries(7):
        response = client.get(LIST)
    assert response.text.count("Every contact is strength based") == min(count, 25)
