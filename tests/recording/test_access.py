"""Who may see and change what on the case record (issue 4, "Access").

The rules: practitioners see the people of their own teams; a restricted person only
their allocated worker and that team's managers; quality staff read everyone who is not
restricted, and write nothing; a person out of scope is a 404 that does not reveal their
name. Only a draft's author changes it; a completed record's edit page is a 409 that
changes nothing. The team recording pages are for team managers (their own teams'
members) and quality staff (everyone). Every view is tried from the wrong role and the
wrong team.

The expectations are written out by hand in the tables below, from those rules, and
never computed by the code under test.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from recording.models import (
    Addendum,
    CaseNote,
    Contact,
    Person,
    ProvisionalCarePackage,
    Record,
    RecordingObligation,
)
from recording.services import record_complete
from tests.factories import (
    ContactFactory,
    PersonFactory,
    case_note_for,
)

# Marked, so pytest-django runs these with the other database tests, before the
# browser tests' flushes.
pytestmark = pytest.mark.django_db

# The personas, in the order of the tables' columns.
PERSONAS = (
    "practitioner",  # prac: Alice, in North, Margaret's allocated worker
    "colleague",  # coll: Erin, a second practitioner in North, not the allocated worker
    "manager",  # mgr: Bob, manages North
    "outsider",  # out: Charlie, a practitioner in the Hospital Discharge team
    "other_manager",  # omgr: Dana, manages the Hospital Discharge team
    "quality",  # qual: Quentin, quality and head of service
    "administrator",  # admin: Ada, administrator, in no team
)


@dataclass(frozen=True)
class Redirect:
    """A 302 to another page of the tables."""

    to: str

    def __repr__(self) -> str:
        return f"302 to {self.to!r}"


TO_EDIT = Redirect("record_edit, draft")
TO_DRAFT = Redirect("record, draft")
TO_DONE = Redirect("record, done")

# What a GET of each page gives each persona. The pages' objects: Margaret (the `person`
# fixture); her contact with no case note yet (case_note_new, package_new); Alice's
# draft case note ("draft") and Alice's completed case note ("done"), each on a contact
# of its own; Alice herself (member_recording).
#
# fmt: off
UNRESTRICTED = {
    #                        prac      coll      mgr       out       omgr      qual      admin
    "person":               (200,      200,      200,      404,      404,      200,      404),
    "contact_new":          (200,      200,      200,      404,      404,      403,      404),
    "case_note_new":        (200,      200,      200,      404,      404,      403,      404),
    "case_note_new, draft": (TO_EDIT,  TO_EDIT,  TO_EDIT,  404,      404,      403,      404),
    "case_note_new, done":  (TO_DONE,  TO_DONE,  TO_DONE,  404,      404,      403,      404),
    "package_new":          (200,      200,      200,      404,      404,      403,      404),
    "record, draft":        (200,      200,      200,      404,      404,      200,      404),
    "record, done":         (200,      200,      200,      404,      404,      200,      404),
    "record_edit, draft":   (200,      403,      403,      404,      404,      403,      404),
    "record_edit, done":    (409,      409,      409,      404,      404,      409,      404),
    "addendum_new, done":   (200,      200,      200,      404,      404,      403,      404),
    "addendum_new, draft":  (TO_DRAFT, TO_DRAFT, TO_DRAFT, 404,      404,      403,      404),
    "member_recording":     (403,      403,      200,      403,      404,      200,      403),
    # Issue 7: the history pages read like the pages they are the history of; the log
    # of who viewed a person is for their team's managers and administrators.
    "person_history":       (200,      200,      200,      404,      404,      200,      404),
    "record_history, draft": (200,     200,      200,      404,      404,      200,      404),
    "record_history, done": (200,      200,      200,      404,      404,      200,      404),
    "person_access_log":    (403,      403,      200,      403,      404,      403,      200),
    # Issue 6: the adherence report, for the roles that read records.
    "adherence":            (200,      200,      200,      404,      404,      200,      403),
    "adherence_pdf":        (200,      200,      200,      404,      404,      200,      403),
}
RESTRICTED = {
    #                        prac      coll      mgr       out       omgr      qual      admin
    "person":               (200,      404,      200,      404,      404,      404,      404),
    "contact_new":          (200,      404,      200,      404,      404,      404,      404),
    "case_note_new":        (200,      404,      200,      404,      404,      404,      404),
    "case_note_new, draft": (TO_EDIT,  404,      TO_EDIT,  404,      404,      404,      404),
    "case_note_new, done":  (TO_DONE,  404,      TO_DONE,  404,      404,      404,      404),
    "package_new":          (200,      404,      200,      404,      404,      404,      404),
    "record, draft":        (200,      404,      200,      404,      404,      404,      404),
    "record, done":         (200,      404,      200,      404,      404,      404,      404),
    "record_edit, draft":   (200,      404,      403,      404,      404,      404,      404),
    "record_edit, done":    (409,      404,      409,      404,      404,      404,      404),
    "addendum_new, done":   (200,      404,      200,      404,      404,      404,      404),
    "addendum_new, draft":  (TO_DRAFT, 404,      TO_DRAFT, 404,      404,      404,      404),
    # Restriction is about people, not staff: the team pages do not change.
    "member_recording":     (403,      403,      200,      403,      404,      200,      403),
    "person_history":       (200,      404,      200,      404,      404,      404,      404),
    "record_history, draft": (200,     404,      200,      404,      404,      404,      404),
    "record_history, done": (200,      404,      200,      404,      404,      404,      404),
    "person_access_log":    (403,      403,      200,      403,      404,      403,      200),
    "adherence":            (200,      404,      200,      404,      404,      404,      403),
    "adherence_pdf":        (200,      404,      200,      404,      404,      404,      403),
}
# fmt: on
EXPECTED = {False: UNRESTRICTED, True: RESTRICTED}

# What identifies the person (the `person` fixture): never on a page they are out of scope for.
IDENTIFIERS = ("Margaret Oyelaran", "Maggie", "HCC-104233")


@dataclass
class World:
    users: dict
    person: Person
    draft: CaseNote
    completed: CaseNote
    urls: dict

    def client(self, persona: str) -> Client:
        client = Client()
        client.force_login(self.users[persona])
        return client


@pytest.fixture
def world(
    person, practitioner, colleague, manager, outsider, other_manager, quality, administrator
) -> World:
    """Margaret (allocated to Alice in North) with a contact that has no case note yet,
    one with Alice's draft case note and one with Alice's completed case note."""
    fresh = ContactFactory(person=person, recorded_by=practitioner)
    draft_contact = ContactFactory(person=person, recorded_by=practitioner)
    draft = case_note_for(draft_contact, narrative="Margaret wants to go home.")
    completed_contact = ContactFactory(person=person, recorded_by=practitioner)
    completed = case_note_for(completed_contact, narrative="Margaret went home.")
    record_complete(record=completed, user=practitioner)
    users = {
        "practitioner": practitioner,
        "colleague": colleague,
        "manager": manager,
        "outsider": outsider,
        "other_manager": other_manager,
        "quality": quality,
        "administrator": administrator,
    }
    urls = {
        "person": reverse("recording:person", args=[person.pk]),
        "contact_new": reverse("recording:contact_new", args=[person.pk]),
        "case_note_new": reverse("recording:case_note_new", args=[fresh.pk]),
        "case_note_new, draft": reverse("recording:case_note_new", args=[draft_contact.pk]),
        "case_note_new, done": reverse("recording:case_note_new", args=[completed_contact.pk]),
        "package_new": reverse("recording:package_new", args=[fresh.pk]),
        "record, draft": reverse("recording:record", args=[draft.pk]),
        "record, done": reverse("recording:record", args=[completed.pk]),
        "record_edit, draft": reverse("recording:record_edit", args=[draft.pk]),
        "record_edit, done": reverse("recording:record_edit", args=[completed.pk]),
        "addendum_new, done": reverse("recording:addendum_new", args=[completed.pk]),
        "addendum_new, draft": reverse("recording:addendum_new", args=[draft.pk]),
        "member_recording": reverse("recording:member_recording", args=[practitioner.pk]),
        "person_history": reverse("recording:person_history", args=[person.pk]),
        "record_history, draft": reverse("recording:record_history", args=[draft.pk]),
        "record_history, done": reverse("recording:record_history", args=[completed.pk]),
        "person_access_log": reverse("audit:person", args=[person.pk]),
        "adherence": reverse("dashboards:adherence", args=[person.pk]),
        "adherence_pdf": reverse("dashboards:adherence_pdf", args=[person.pk]),
    }
    return World(users=users, person=person, draft=draft, completed=completed, urls=urls)


def restrict(world: World, restricted: bool) -> None:
    Person.objects.filter(pk=world.person.pk).update(is_restricted=restricted)


def outcome(world: World, response):
    """The response's status, or which page of the tables a 302 goes to."""
    if response.status_code == 302:
        pages = {url: page for page, url in world.urls.items()}
        return Redirect(pages.get(response["Location"], response["Location"]))
    return response.status_code


def snapshot(world: World) -> dict:
    """Everything a write to the case record could change."""
    return {
        "contacts": Contact.objects.count(),
        "obligations": list(
            RecordingObligation.objects.values_list("pk", "completed_at").order_by("pk")
        ),
        "records": list(
            Record.objects.values_list("pk", "status", "updated_at", "completed_at").order_by("pk")
        ),
        "narratives": list(CaseNote.objects.values_list("pk", "narrative").order_by("pk")),
        "packages": ProvisionalCarePackage.objects.count(),
        "addenda": Addendum.objects.count(),
    }


# --- 1 and 2. Every page taking an object, from every persona ---


@pytest.mark.parametrize("restricted", [False, True], ids=["unrestricted", "restricted"])
@pytest.mark.parametrize("page", list(UNRESTRICTED))
def test_get_access_matrix(world, page, restricted):
    restrict(world, restricted)
    expected = dict(zip(PERSONAS, EXPECTED[restricted][page], strict=True))
    actual = {}
    for persona in PERSONAS:
        response = world.client(persona).get(world.urls[page])
        actual[persona] = outcome(world, response)
        if response.status_code == 404:
            # Out of scope reveals nothing, not even who the person is.
            content = response.content.decode()
            assert not [text for text in IDENTIFIERS if text in content], (persona, page)
    assert actual == expected


@pytest.mark.parametrize("persona", ["colleague", "outsider", "quality", "administrator"])
def test_a_restricted_persons_404_does_not_name_them(world, persona):
    restrict(world, True)
    response = world.client(persona).get(world.urls["person"])
    assert response.status_code == 404
    content = response.content.decode()
    assert "Page not found" in content
    for text in IDENTIFIERS:
        assert text not in content


# --- 3. Writes from the wrong team or the wrong role change nothing ---


def _contact_data() -> dict:
    yesterday = timezone.localdate() - timedelta(days=1)
    return {
        "contact_date_0": yesterday.day,
        "contact_date_1": yesterday.month,
        "contact_date_2": yesterday.year,
        "contact_time": "9:30",
        "method": Contact.Method.PHONE,
        "with_whom": "Margaret's daughter, Jo",
    }


# Valid form data for each page: the practitioner's POST of it is saved (the control).
POST_DATA = {
    "contact_new": _contact_data,
    "case_note_new": lambda: {
        "narrative": "Written by someone who may not.",
        "option_rows": "2",
        "action": "save",
    },
    "package_new": lambda: {"what": "Four calls a day.", "action": "save"},
    "record_edit, draft": lambda: {
        "narrative": "Changed by someone who may not.",
        "option_rows": "2",
        "action": "save",
        "version": "1",  # the draft's version, as its form carries it
    },
    "record_edit, done": lambda: {
        "narrative": "Changed after completion.",
        "option_rows": "2",
        "action": "save",
    },
    "addendum_new, done": lambda: {
        "reason": "A correction",
        "text": "Margaret's daughter is called Jo.",
    },
}

# fmt: off
FORBIDDEN_POSTS = [
    # persona          page                   restricted  status
    ("outsider",      "contact_new",         False,      404),
    ("other_manager", "contact_new",         False,      404),
    ("administrator", "contact_new",         False,      404),
    ("quality",       "contact_new",         False,      403),
    ("colleague",     "contact_new",         True,       404),
    ("quality",       "contact_new",         True,       404),
    ("outsider",      "case_note_new",       False,      404),
    ("quality",       "case_note_new",       False,      403),
    ("colleague",     "case_note_new",       True,       404),
    ("outsider",      "package_new",         False,      404),
    ("quality",       "package_new",         False,      403),
    ("colleague",     "package_new",         True,       404),
    ("outsider",      "addendum_new, done",  False,      404),
    ("quality",       "addendum_new, done",  False,      403),
    ("colleague",     "addendum_new, done",  True,       404),
    ("manager",       "record_edit, draft",  False,      403),
    ("colleague",     "record_edit, draft",  False,      403),
    ("quality",       "record_edit, draft",  False,      403),
    ("outsider",      "record_edit, draft",  False,      404),
    ("manager",       "record_edit, draft",  True,       403),
    ("colleague",     "record_edit, draft",  True,       404),
    ("practitioner",  "record_edit, done",   False,      409),
    ("manager",       "record_edit, done",   False,      409),
    ("quality",       "record_edit, done",   False,      409),
    ("outsider",      "record_edit, done",   False,      404),
]
# fmt: on


@pytest.mark.parametrize(("persona", "page", "restricted", "status"), FORBIDDEN_POSTS)
def test_a_forbidden_post_changes_nothing(world, persona, page, restricted, status):
    restrict(world, restricted)
    before = snapshot(world)
    response = world.client(persona).post(world.urls[page], POST_DATA[page]())
    assert response.status_code == status
    assert snapshot(world) == before
    if status == 404:
        content = response.content.decode()
        assert not [text for text in IDENTIFIERS if text in content]


@pytest.mark.parametrize(
    "page",
    [
        "contact_new",
        "case_note_new",
        "package_new",
        "record_edit, draft",
        "addendum_new, done",
    ],
)
def test_the_allocated_worker_post_is_saved(world, page):
    """The control: the data the forbidden POSTs send is valid, and saved when allowed."""
    before = snapshot(world)
    response = world.client("practitioner").post(world.urls[page], POST_DATA[page]())
    assert response.status_code == 302
    assert snapshot(world) != before


def test_completing_someone_elses_draft_is_refused(world):
    data = {**POST_DATA["record_edit, draft"](), "action": "complete", "made_decision": "no"}
    before = snapshot(world)
    response = world.client("manager").post(world.urls["record_edit, draft"], data)
    assert response.status_code == 403
    assert snapshot(world) == before
    world.draft.refresh_from_db()
    assert world.draft.is_draft


# --- 4. The person list and its search ---


@pytest.fixture
def people(person, other_teams_person, practitioner, outsider, team, other_team) -> dict:
    """Four people: in North and in Hospital Discharge, restricted and not."""
    return {
        "margaret": person,
        "rosa": PersonFactory(
            name="Rosa Whitfield",
            council_reference="HCC-300001",
            team=team,
            allocated_worker=practitioner,
            is_restricted=True,
        ),
        "harold": other_teams_person,
        "ivy": PersonFactory(
            name="Ivy Castellano",
            council_reference="HCC-300002",
            team=other_team,
            allocated_worker=outsider,
            is_restricted=True,
        ),
    }


# fmt: off
LIST_SEES = {
    # Margaret: North; Rosa: North, restricted, allocated to Alice;
    # Harold: Hospital Discharge; Ivy: Hospital Discharge, restricted, allocated to Charlie.
    "practitioner":  {"margaret", "rosa"},
    "colleague":     {"margaret"},
    "manager":       {"margaret", "rosa"},
    "outsider":      {"harold", "ivy"},
    "other_manager": {"harold", "ivy"},
    "quality":       {"margaret", "harold"},
    "administrator": set(),
}
# fmt: on


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_person_list_shows_exactly_the_people_in_scope(world, people, persona):
    client = world.client(persona)
    response = client.get(reverse("recording:person_list"))
    assert response.status_code == 200
    listed = {key for key, p in people.items() if p in response.context["page"].object_list}
    assert listed == LIST_SEES[persona]
    # The results: what follows the search form (whose hint gives an example reference).
    search_and_results = response.content.decode().partition('role="search"')[2]
    results = search_and_results.partition("</form>")[2]
    shown = {
        key for key, p in people.items() if p.name in results or p.council_reference in results
    }
    assert shown == LIST_SEES[persona]
    if not LIST_SEES[persona]:
        assert "There is no one allocated to your teams yet." in results


@pytest.mark.parametrize("persona", PERSONAS)
def test_search_does_not_find_people_out_of_scope(world, people, persona):
    client = world.client(persona)
    url = reverse("recording:person_list")

    def found(query) -> set:
        response = client.get(url, {"q": query})
        assert response.status_code == 200
        # The query is echoed on the page, so look at the results, not the page.
        return {key for key, p in people.items() if p in response.context["page"].object_list}

    # Every word of a search is looked for, so one search names all four people.
    assert found("Maggie Whitfield Harold Castellano") == LIST_SEES[persona]
    by_reference = {key: found(p.council_reference) for key, p in people.items()}
    assert by_reference == {key: {key} if key in LIST_SEES[persona] else set() for key in people}


# --- The team recording pages ---


@pytest.mark.parametrize(
    ("persona", "status", "members_shown"),
    [
        ("practitioner", 403, set()),
        ("colleague", 403, set()),
        ("outsider", 403, set()),
        ("administrator", 403, set()),
        ("manager", 200, {"practitioner", "colleague", "manager"}),
        ("other_manager", 200, {"outsider", "other_manager"}),
        ("quality", 200, {"practitioner", "colleague", "manager", "outsider", "other_manager"}),
    ],
)
def test_team_recording_shows_only_the_teams_overseen(world, persona, status, members_shown):
    response = world.client(persona).get(reverse("recording:team_recording"))
    assert response.status_code == status
    content = response.content.decode()
    shown = {
        name
        for name, user in world.users.items()
        if reverse("recording:member_recording", args=[user.pk]) in content
    }
    assert shown == members_shown


def test_a_manager_cannot_open_a_member_of_another_team(world):
    client = world.client("manager")
    outsider = world.users["outsider"]
    response = client.get(reverse("recording:member_recording", args=[outsider.pk]))
    assert response.status_code == 404
    # A user in no team at all is not found either.
    quality = world.users["quality"]
    assert client.get(reverse("recording:member_recording", args=[quality.pk])).status_code == 404


@pytest.mark.parametrize(
    ("persona", "restricted", "named"),
    [
        ("manager", False, True),
        ("manager", True, True),
        ("quality", False, True),
        # Quality staff do not read restricted people: Alice's page must not name one.
        ("quality", True, False),
    ],
)
def test_a_members_recording_names_only_people_the_viewer_may_see(
    world, persona, restricted, named
):
    """Alice's recording lists her draft and her open case note for Margaret, by name."""
    restrict(world, restricted)
    response = world.client(persona).get(world.urls["member_recording"])
    assert response.status_code == 200
    content = response.content.decode()
    assert ("Margaret Oyelaran" in content) is named
    assert (world.person.get_absolute_url() in content) is named


# --- 5. Signed out, and the wrong HTTP method ---


def test_every_page_needs_signing_in(world):
    urls = {
        **world.urls,
        "person_list": reverse("recording:person_list"),
        "my_recording": reverse("recording:my_recording"),
        "team_recording": reverse("recording:team_recording"),
    }
    client = Client()
    before = snapshot(world)
    for page, url in urls.items():
        for method in ("get", "post"):
            response = getattr(client, method)(url, POST_DATA.get(page, dict)())
            assert response.status_code == 302, (page, method)
            assert response["Location"].startswith("/sign-in/?next="), (page, method)
    assert snapshot(world) == before


@pytest.mark.parametrize(
    ("url_name", "method"),
    [
        ("person", "post"),
        ("record, done", "post"),
        ("member_recording", "post"),
        ("contact_new", "put"),
        ("record_edit, draft", "delete"),
        ("addendum_new, done", "patch"),
    ],
)
def test_the_wrong_method_is_405(world, url_name, method):
    # The method is refused before the view runs: no access check, no write.
    before = snapshot(world)
    response = getattr(world.client("manager"), method)(world.urls[url_name])
    assert response.status_code == 405
    assert snapshot(world) == before


@pytest.mark.parametrize(
    "name", ["recording:person_list", "recording:my_recording", "recording:team_recording"]
)
def test_the_list_pages_are_get_only(world, name):
    assert world.client("manager").post(reverse(name)).status_code == 405
