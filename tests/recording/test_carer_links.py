"""An unpaid carer's cared-for adults and hours caring (issue 18, part 3):
`recording:carer_links`, `recording.carers`."""

import pytest
from django.urls import reverse

from config import cld
from recording.carers import CarerLinkError, carer_link_add, carer_link_remove
from recording.models import CarerLink, Person
from tests.factories import PersonFactory


@pytest.fixture
def carer(person):
    """Maggie's daughter, an unpaid carer in North."""
    return PersonFactory(
        name="Grace Oyelaran",
        council_reference="HCC-104234",
        team=person.team,
        client_type=cld.ClientType.CARER,
    )


def _url(carer):
    return reverse("recording:carer_links", args=[carer.pk])


def _add(client, carer, text):
    return client.post(_url(carer), {"action": "add", "add-reference": text})


def _error(response) -> str:
    return response.content.decode()


def test_a_practitioner_links_a_carer_by_reference_and_records_hours(
    practitioner_client, carer, person
):
    response = _add(practitioner_client, carer, "hcc-104233")
    assert response.status_code == 302
    link = CarerLink.objects.get(carer=carer)
    assert (link.cared_for, link.position) == (person, 1)
    response = practitioner_client.post(_url(carer), {"action": "hours", "hours-hours": "35"})
    assert response.status_code == 302
    carer.refresh_from_db()
    assert carer.hours_caring_per_week == 35
    page = practitioner_client.get(reverse("recording:person", args=[carer.pk])).content.decode()
    assert "Cares for" in page and "Margaret Oyelaran" in page and "35 hours caring a week" in page
    theirs = practitioner_client.get(reverse("recording:person", args=[person.pk]))
    assert (
        "Unpaid carers" in theirs.content.decode() and "Grace Oyelaran" in theirs.content.decode()
    )


def test_a_name_search_offers_the_people_the_user_may_see(
    practitioner_client, carer, person, other_teams_person
):
    response = _add(practitioner_client, carer, "Margaret")
    assert response.status_code == 200
    assert "People who match" in response.content.decode()
    response = practitioner_client.post(
        _url(carer), {"action": "add_person", "add-reference": "Margaret", "person": person.pk}
    )
    assert response.status_code == 302
    assert list(carer.cares_for.values_list("cared_for", flat=True)) == [person.pk]
    # Someone in another team is not found, by name, reference or id.
    assert "No person with that reference" in _error(_add(practitioner_client, carer, "Harold"))
    assert "No person with that reference" in _error(_add(practitioner_client, carer, "HCC-200001"))
    response = practitioner_client.post(
        _url(carer),
        {"action": "add_person", "add-reference": "x", "person": other_teams_person.pk},
    )
    assert "No person with that reference" in _error(response)
    assert carer.cares_for.count() == 1


def test_each_refusal_is_next_to_the_field(practitioner_client, carer, person, team):
    assert "cannot be linked to themselves" in _error(
        _add(practitioner_client, carer, "HCC-104234")
    )
    _add(practitioner_client, carer, "HCC-104233")
    assert "already linked to Margaret" in _error(_add(practitioner_client, carer, "HCC-104233"))
    for n in range(2):
        PersonFactory(council_reference=f"HCC-30000{n}", team=team)
        _add(practitioner_client, carer, f"HCC-30000{n}")
    assert carer.cares_for.count() == 3
    PersonFactory(council_reference="HCC-300009", team=team)
    response = _add(practitioner_client, carer, "HCC-300009")
    assert "already has 3 adults" in _error(response)
    with pytest.raises(CarerLinkError, match="already has 3"):
        carer_link_add(
            carer=carer, cared_for=Person.objects.get(council_reference="HCC-300009"), user=None
        )
    for hours in ("169", "-1", "lots"):
        response = practitioner_client.post(_url(carer), {"action": "hours", "hours-hours": hours})
        assert response.status_code == 200
        assert "from 0 to 168" in _error(response)
        assert 'class="govuk-error-summary' in _error(response)


def test_a_person_who_is_not_a_carer_is_refused_with_the_way_to_change_it(
    practitioner_client, person, carer
):
    response = _add(practitioner_client, person, "HCC-104234")
    assert response.status_code == 200
    page = _error(response)
    assert "is not an unpaid carer" in page
    assert reverse("recording:person_edit", args=[person.pk]) + "#id_client_type" in page
    assert not CarerLink.objects.exists()


def test_removing_closes_up_the_places_and_keeps_the_history(
    practitioner_client, practitioner, carer, person, team
):
    others = [PersonFactory(council_reference=f"HCC-40000{n}", team=team) for n in range(2)]
    for cared_for in [person, *others]:
        carer_link_add(carer=carer, cared_for=cared_for, user=practitioner)
    response = practitioner_client.post(_url(carer), {"action": "remove", "position": "1"})
    assert response.status_code == 302
    links = list(CarerLink.objects.filter(carer=carer).order_by("position"))
    assert [(link.cared_for, link.position) for link in links] == [(others[0], 1), (others[1], 2)]
    kinds = list(CarerLink.history.order_by("history_id").values_list("history_type", flat=True))
    assert kinds.count("+") == 3 and kinds.count("-") == 1 and kinds.count("~") == 2
    reasons = set(carer.history.values_list("history_change_reason", flat=True))
    assert {"Cares for: HCC-104233 added", "Cares for: HCC-104233 removed"} <= reasons
    assert carer.history.filter(history_user=practitioner).exists()


def test_a_stale_remove_says_someone_changed_it(practitioner, carer, person):
    with pytest.raises(CarerLinkError, match="Someone else changed"):
        carer_link_remove(carer=carer, position=1, user=practitioner)


def test_two_adds_at_once_never_exceed_three(monkeypatch, practitioner, carer, person, team):
    """Both read two links; the other user's add lands first: the unique place refuses
    this one, with a clear message, and the carer still has three."""
    cared = [PersonFactory(team=team) for _ in range(3)]
    carer_link_add(carer=carer, cared_for=person, user=practitioner)
    carer_link_add(carer=carer, cared_for=cared[0], user=practitioner)
    original = CarerLink.save

    def save_after_the_other(link, *args, **kwargs):
        CarerLink.objects.bulk_create([CarerLink(carer=carer, cared_for=cared[1], position=3)])
        monkeypatch.setattr(CarerLink, "save", original)
        return original(link, *args, **kwargs)

    monkeypatch.setattr(CarerLink, "save", save_after_the_other)
    with pytest.raises(CarerLinkError, match="Someone else changed who Grace"):
        carer_link_add(carer=carer, cared_for=cared[2], user=practitioner)
    # (The other add ran inside this one's transaction here, so it is undone with it.)
    assert not CarerLink.objects.filter(cared_for=cared[2]).exists()


def test_two_users_one_after_the_other_the_second_is_told(
    practitioner_client, manager_client, carer, person, team
):
    for n in range(2):
        PersonFactory(council_reference=f"HCC-50000{n}", team=team)
    _add(practitioner_client, carer, "HCC-104233")
    _add(practitioner_client, carer, "HCC-500000")
    assert _add(manager_client, carer, "HCC-500001").status_code == 302
    PersonFactory(council_reference="HCC-500002", team=team)
    response = _add(practitioner_client, carer, "HCC-500002")
    assert response.status_code == 200
    assert "already has 3 adults" in _error(response)


def test_the_database_refuses_a_fourth_place_and_a_second_link(carer, person, team):
    from django.db import IntegrityError, transaction

    CarerLink.objects.create(carer=carer, cared_for=person, position=1)
    for values in ({"cared_for": person, "position": 2}, {"cared_for": carer, "position": 2}):
        with pytest.raises(IntegrityError), transaction.atomic():
            CarerLink.objects.create(carer=carer, **values)
    other = PersonFactory(team=team)
    with pytest.raises(IntegrityError), transaction.atomic():
        CarerLink.objects.create(carer=carer, cared_for=other, position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        CarerLink.objects.create(carer=carer, cared_for=other, position=4)


# --- Who may ---


def test_quality_staff_read_but_never_change(quality_client, carer, person):
    CarerLink.objects.create(carer=carer, cared_for=person, position=1)
    page = quality_client.get(_url(carer))
    assert page.status_code == 200 and "Margaret Oyelaran" in page.content.decode()
    assert "Add this adult" not in page.content.decode()
    assert _add(quality_client, carer, "HCC-104233").status_code == 403
    response = quality_client.post(_url(carer), {"action": "hours", "hours-hours": "3"})
    assert response.status_code == 403


def test_another_team_and_an_administrator_get_not_found(
    outsider_client, administrator_client, carer
):
    assert outsider_client.get(_url(carer)).status_code == 404
    assert _add(outsider_client, carer, "HCC-104233").status_code == 404
    assert administrator_client.get(_url(carer)).status_code == 404


def test_a_restricted_carer_is_only_for_their_worker_and_managers(
    practitioner, colleague, manager_client, carer, person
):
    from django.test import Client

    Person.objects.filter(pk=carer.pk).update(is_restricted=True, allocated_worker=practitioner)
    client = Client()
    client.force_login(colleague)
    assert client.get(_url(carer)).status_code == 404
    assert manager_client.get(_url(carer)).status_code == 200
    assert _add(manager_client, carer, "HCC-104233").status_code == 302


def test_a_restricted_cared_for_adult_is_not_named_to_others(
    practitioner, colleague, carer, person
):
    from django.test import Client

    CarerLink.objects.create(carer=carer, cared_for=person, position=1)
    Person.objects.filter(pk=person.pk).update(is_restricted=True)
    client = Client()
    client.force_login(colleague)
    page = client.get(_url(carer)).content.decode()
    assert "Margaret" not in page and "Someone you do not have access to" in page
    assert (
        "Margaret" not in client.get(reverse("recording:person", args=[carer.pk])).content.decode()
    )


def test_the_page_logs_the_access(practitioner_client, carer):
    from audit.models import AccessEvent

    practitioner_client.get(_url(carer))
    assert AccessEvent.objects.filter(person=carer).exists()


def test_the_page_runs_a_fixed_number_of_queries(
    practitioner_client, practitioner, carer, person, team, django_assert_max_num_queries
):
    for cared_for in [person, *(PersonFactory(team=team) for _ in range(2))]:
        carer_link_add(carer=carer, cared_for=cared_for, user=practitioner)
    with django_assert_max_num_queries(14):
        response = practitioner_client.get(_url(carer))
    assert response.text.count(">Remove<") == 3


# --- The person's health flags and funding (the person form) ---


def test_the_health_flags_and_funding_are_asked_saved_and_shown(practitioner_client, person):
    edit = reverse("recording:person_edit", args=[person.pk])
    form = practitioner_client.get(edit).content.decode()
    assert "Health and funding (for the statutory return)" in form
    for name in ("autism", "visual_impairment", "hearing_impairment", "dementia"):
        assert f'id="id_{name}"' in form  # the data-quality page's anchor
    assert 'id="id_client_funding_status"' in form and 'id="id_client_type"' in form
    data = {
        "name": person.name,
        "date_of_birth_0": "2",
        "date_of_birth_1": "3",
        "date_of_birth_2": "1941",
        "council_reference": person.council_reference,
        "team": person.team_id,
        "client_type": cld.ClientType.SERVICE_USER,
        "autism": "No",
        "visual_impairment": "Yes",
        "hearing_impairment": "Unknown",
        "dementia": "No",
        "client_funding_status": "Joint client and social care funded",
        "version": person.history.latest("history_id").history_id,
    }
    assert practitioner_client.post(edit, data).status_code == 302
    person.refresh_from_db()
    assert (person.visual_impairment, person.hearing_impairment) == ("Yes", "Unknown")
    assert person.client_funding_status == cld.ClientFundingStatus.JOINT
    page = practitioner_client.get(reverse("recording:person", args=[person.pk])).content.decode()
    assert "Funded jointly by the person and the council" in page
    response = practitioner_client.post(edit, {**data, "dementia": "Maybe", "version": ""})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
