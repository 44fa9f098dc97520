"""Adding a person and changing their details (issue 17, part 1): the form's refusals,
each with its message next to the field and nothing typed lost; the generated council
reference; who may restrict; the duplicate warning; the history; the value lists."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from config import cld
from recording.models import Person
from recording.people import next_council_reference
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

NEW = reverse("recording:person_new")


def _data(team, /, **changes) -> dict:
    data = {
        "name": "Rosa Delgado",
        "preferred_name": "",
        "date_of_birth_0": "14",
        "date_of_birth_1": "7",
        "date_of_birth_2": "1950",
        "nhs_number": "",
        "council_reference": "",
        "team": team.pk,
        "client_type": cld.ClientType.SERVICE_USER,
        "postcode": "",
    }
    data.update(changes)
    return data


def _errors(response) -> dict:
    form = response.context["form"]
    return {name: list(errors) for name, errors in form.errors.items()}


# --- Adding ---


def test_a_practitioner_adds_a_person_with_a_made_reference(practitioner_client, team):
    response = practitioner_client.post(
        NEW,
        _data(
            team,
            nhs_number="943 476 5919",
            postcode="sg13 8de",
            gender=cld.Gender.FEMALE,
            ethnicity=cld.Ethnicity.WHITE_IRISH,
            accommodation_status=cld.AccommodationStatus.TENANT_SOCIAL,
            gp_practice_code="a81001",
        ),
    )
    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == person.get_absolute_url()
    assert person.council_reference == "PR-000001"
    assert person.nhs_number == "9434765919"
    assert person.postcode == "SG13 8DE"
    assert person.gp_practice_code == "A81001"
    assert person.team == team
    assert not person.is_restricted
    assert person.history.get().history_user.username == "alice"

    page = practitioner_client.get(person.get_absolute_url()).content.decode()
    assert "943 476 5919" in page
    assert "Tenant of the council or a housing association" in page
    assert reverse("recording:person_edit", args=[person.pk]) in page


def test_dashes_in_the_nhs_number_are_taken_out(practitioner_client, team):
    practitioner_client.post(NEW, _data(team, nhs_number="943-476-5919"))
    assert Person.objects.get().nhs_number == "9434765919"


def test_made_references_follow_the_highest(team):
    PersonFactory(council_reference="PR-000041", team=team)
    PersonFactory(council_reference="PR-000009", team=team)
    PersonFactory(council_reference="HCC-999999", team=team)
    assert next_council_reference() == "PR-000042"


def test_a_typed_council_reference_is_kept_and_must_be_unique(practitioner_client, team):
    PersonFactory(council_reference="HCC-5", team=team)
    response = practitioner_client.post(NEW, _data(team, council_reference="HCC-5"))
    assert _errors(response) == {
        "council_reference": ["Another person already has this council reference"]
    }
    practitioner_client.post(NEW, _data(team, council_reference=" HCC-6 "))
    assert Person.objects.filter(council_reference="HCC-6").exists()


# fmt: off
REFUSED = [
    ({"nhs_number": "943 476 5918"}, "nhs_number",
     "Enter a valid NHS number: the last digit does not match the others. Check each digit "
     "against the person's letter or NHS app"),
    ({"nhs_number": "94347659"}, "nhs_number",
     "Enter an NHS number of 10 digits, like 943 476 5919"),
    ({"name": ""}, "name", "Enter the person’s full name"),
    ({"date_of_birth_2": ""}, "date_of_birth", "Enter the date of birth"),
    ({"date_of_birth_0": "31", "date_of_birth_1": "2"}, "date_of_birth",
     "Date of birth must be a real date"),
    ({"postcode": "SG13"}, "postcode", "Enter a real postcode, like SG13 8DE"),
    ({"gp_practice_code": "81001"}, "gp_practice_code",
     "Enter the GP practice code as a letter and 5 numbers, like A81001"),
    ({"email": "rosa-at-example"}, "email", "Enter an email address like name@example.com"),
    ({"date_of_death_0": "1", "date_of_death_1": "1", "date_of_death_2": "1949"},
     "date_of_death", "The date of death must be the same as or after the date of birth"),
    ({"ethnicity": "White"}, "ethnicity",
     "Select a valid choice. White is not one of the available choices."),
]
# fmt: on


@pytest.mark.parametrize(("changes", "field", "message"), REFUSED)
def test_refused_with_a_message_next_to_the_field(
    practitioner_client, team, changes, field, message
):
    response = practitioner_client.post(NEW, _data(team, **changes))
    assert response.status_code == 200
    assert _errors(response) == {field: [message]}
    assert not Person.objects.exists()
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Rosa Delgado" in page or field == "name"  # nothing typed is lost


@pytest.mark.parametrize("field", ["date_of_birth", "date_of_death"])
def test_a_date_in_the_future_is_refused(practitioner_client, team, field):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = practitioner_client.post(
        NEW,
        _data(
            team,
            **{
                f"{field}_0": tomorrow.day,
                f"{field}_1": tomorrow.month,
                f"{field}_2": tomorrow.year,
            },
        ),
    )
    subject = "The date of birth" if field == "date_of_birth" else "The date of death"
    assert _errors(response)[field] == [f"{subject} must be today or in the past"]
    assert not Person.objects.exists()


def test_another_teams_id_is_refused(practitioner_client, team, other_team):
    response = practitioner_client.post(NEW, _data(team, team=other_team.pk))
    assert _errors(response) == {"team": ["Select one of your teams"]}
    assert not Person.objects.exists()


def test_what_is_typed_is_shown_escaped(practitioner_client, team):
    script = "<script>alert(1)</script>"
    response = practitioner_client.post(
        NEW, _data(team, name=script, communication_needs=script, nhs_number="1")
    )
    page = response.content.decode()
    assert script not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_practitioner_cannot_restrict_even_by_a_crafted_post(practitioner_client, team):
    page = practitioner_client.get(NEW).content.decode()
    assert "is_restricted" not in page
    practitioner_client.post(NEW, _data(team, is_restricted="on"))
    assert not Person.objects.get().is_restricted


def test_a_manager_restricts_a_person_of_their_team(manager_client, team):
    assert "is_restricted" in manager_client.get(NEW).content.decode()
    manager_client.post(NEW, _data(team, is_restricted="on"))
    assert Person.objects.get().is_restricted


def test_a_manager_cannot_restrict_in_a_team_they_only_belong_to(manager, team, other_team):
    from django.test import Client

    from tests.factories import TeamMembershipFactory

    TeamMembershipFactory(user=manager, team=other_team)  # a member, not its manager
    client = Client()
    client.force_login(manager)
    response = client.post(NEW, _data(team, team=other_team.pk, is_restricted="on"))
    assert list(_errors(response)) == ["is_restricted"]
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?next=/my-recording/", "/my-recording/"),
        ("?next=https://evil.example/", None),
        ("?then=request", "request"),
    ],
)
def test_where_adding_goes_next(practitioner_client, team, query, expected):
    response = practitioner_client.post(NEW + query, _data(team))
    person = Person.objects.get()
    if expected == "request":
        try:
            expected = reverse("frontdoor:request_new", args=[person.pk])
        except Exception:  # the front door's request pages are another area's
            expected = person.get_absolute_url()
    assert response["Location"] == (expected or person.get_absolute_url())


def test_the_people_list_offers_adding_to_those_who_may(practitioner_client, quality_client, team):
    people = reverse("recording:person_list")
    assert NEW in practitioner_client.get(people).content.decode()
    assert NEW not in quality_client.get(people).content.decode()


# --- The duplicate warning ---


@pytest.fixture
def margaret(team, practitioner):
    return PersonFactory(
        name="Margaret Smith",
        date_of_birth=date(1950, 7, 14),
        council_reference="HCC-77",
        nhs_number="9434765919",
        team=team,
        allocated_worker=practitioner,
    )


def test_a_possible_duplicate_is_listed_until_confirmed(practitioner_client, team, margaret):
    typed = _data(team, name="Peggy Smith", address="1 High Street")
    response = practitioner_client.post(NEW, typed)
    assert response.status_code == 200
    assert list(_errors(response)) == ["different_person"]
    page = response.content.decode()
    assert "This may be someone already on the record" in page
    assert f'href="{margaret.get_absolute_url()}"' in page
    assert "HCC-77" in page and "14 July 1950" in page and "North Adult Care Team" in page
    assert "1 High Street" in page  # nothing typed is lost
    assert Person.objects.count() == 1

    response = practitioner_client.post(NEW, {**typed, "different_person": "on"})
    assert response.status_code == 302
    assert Person.objects.filter(name="Peggy Smith").exists()


def test_a_match_the_user_may_not_see_is_never_named(outsider_client, other_team, margaret):
    margaret.name = "Margaret <b>Smith</b>"
    margaret.save()
    response = outsider_client.post(
        NEW, _data(other_team, name="Peggy Smith", nhs_number="943 476 5919")
    )
    page = response.content.decode()
    assert "A person you cannot see matches these details: ask your manager" in page
    for detail in ("Margaret", "HCC-77", "14 July 1950", "North Adult Care Team"):
        assert detail not in page
    assert margaret.get_absolute_url() not in page


def test_editing_warns_when_the_nhs_number_is_someone_elses(practitioner_client, team, margaret):
    rosa = PersonFactory(name="Rosa Delgado", team=team, council_reference="HCC-78")
    edit = reverse("recording:person_edit", args=[rosa.pk])
    data = _data(team, council_reference="HCC-78", nhs_number="9434765919")
    response = practitioner_client.post(edit, data)
    assert "Another person has this NHS number" in response.content.decode()
    rosa.refresh_from_db()
    assert rosa.nhs_number == ""
    practitioner_client.post(edit, {**data, "different_person": "on"})
    rosa.refresh_from_db()
    assert rosa.nhs_number == "9434765919"


# --- Changing ---


def test_changes_are_kept_in_the_history_readably(practitioner_client, team, margaret):
    edit = reverse("recording:person_edit", args=[margaret.pk])
    form = practitioner_client.get(edit)
    assert form.context["form"].initial["nhs_number"] == "943 476 5919"
    response = practitioner_client.post(
        edit,
        _data(
            team,
            name="Margaret Smith",
            council_reference="HCC-77",
            nhs_number="943 476 5919",
            primary_support_reason=cld.PrimarySupportReason.MEMORY,
        ),
    )
    assert response.status_code == 302
    margaret.refresh_from_db()
    assert margaret.primary_support_reason == cld.PrimarySupportReason.MEMORY
    assert margaret.date_of_birth == date(1950, 7, 14)
    history = practitioner_client.get(reverse("recording:person_history", args=[margaret.pk]))
    page = history.content.decode()
    assert "Primary support reason" in page
    assert "Support with memory and cognition" in page
    assert "943 476 5919" in page  # as created, formatted


def test_the_edit_page_is_in_the_access_log(practitioner_client, margaret):
    from audit.models import AccessEvent

    practitioner_client.get(reverse("recording:person_edit", args=[margaret.pk]))
    assert AccessEvent.objects.filter(person=margaret, refused=False).exists()


# --- The value lists (issue 17, part 8) ---

CLD_FIELDS = {
    "gender": cld.Gender,
    "gender_same_as_birth": cld.GenderSameAsBirth,
    "ethnicity": cld.Ethnicity,
    "client_type": cld.ClientType,
    "primary_support_reason": cld.PrimarySupportReason,
    "accommodation_status": cld.AccommodationStatus,
    "employment_status": cld.EmploymentStatus,
    "has_unpaid_carer": cld.HasUnpaidCarer,
    # Issue 18: the health-condition flags and the funding status.
    "autism": cld.HealthCondition,
    "visual_impairment": cld.HealthCondition,
    "hearing_impairment": cld.HealthCondition,
    "dementia": cld.HealthCondition,
    "client_funding_status": cld.ClientFundingStatus,
}


@pytest.mark.parametrize("name", CLD_FIELDS)
def test_each_cld_field_offers_config_clds_list(name):
    field = Person._meta.get_field(name)
    assert field.choices == CLD_FIELDS[name].choices
    assert max(len(value) for value in CLD_FIELDS[name].values) <= field.max_length


def test_every_person_field_with_choices_is_a_cld_field():
    with_choices = {f.name for f in Person._meta.concrete_fields if f.choices}
    assert with_choices == set(CLD_FIELDS)


def test_release_2_values_dhsc_names():
    """A few values as DHSC's Release 2 tables spell them (DataS-DHSC/ASC-CLD-LA-Dashboard)."""
    assert "Tenant: Private landlord" in cld.AccommodationStatus.values
    assert "Not in paid employment: Seeking work" in cld.EmploymentStatus.values
    assert "Social support: Support to unpaid carer" in cld.PrimarySupportReason.values
    assert cld.ClientType.values == ["Service user", "Unpaid carer"]
    for renames in cld.RELEASE_1_TO_2.values():
        assert not set(renames) & set(renames.values())


def test_a_reference_taken_at_the_same_moment_is_given_up_for_the_next(team, monkeypatch):
    """Two people added at once are both given PR-000001: the second save fails the
    unique constraint in its own savepoint and takes the next number."""
    from recording import people

    PersonFactory(council_reference="PR-000001", team=team)  # the other save, first
    offered = iter(["PR-000001"])
    real = people.next_council_reference
    monkeypatch.setattr(people, "next_council_reference", lambda: next(offered, None) or real())
    rosa = people.person_save(Person(name="Rosa", date_of_birth=date(1950, 1, 1), team=team))
    assert rosa.council_reference == "PR-000002"
    assert Person.objects.count() == 2


def test_a_change_saved_meanwhile_is_not_overwritten_unseen(
    practitioner_client, manager, team, margaret
):
    edit = reverse("recording:person_edit", args=[margaret.pk])
    seen = practitioner_client.get(edit).context["form"].initial["version"]
    # Bob changes the phone number while Alice has the form open.
    margaret.phone = "01992 555 123"
    margaret._history_user = manager
    margaret.save()
    typed = _data(team, name="Margaret Smith", council_reference="HCC-77", address="9 New Road")
    response = practitioner_client.post(edit, {**typed, "version": seen})
    form = response.context["form"]
    assert form.non_field_errors() == [
        f"Bob Baker changed these details (phone) at "
        f"{timezone.localtime(margaret.history.latest().history_date):%H:%M} while you were "
        "changing them. What you entered is below, not saved: check it against their "
        "changes, then save again"
    ]
    page = response.content.decode()
    assert "9 New Road" in page
    assert f'type="hidden" name="version" value="{form["version"].value()}"' in page
    margaret.refresh_from_db()
    assert margaret.address == ""
    # Saving again, after a look, goes through: the form now holds the new version.
    response = practitioner_client.post(edit, {**typed, "version": form["version"].value()})
    assert response.status_code == 302
    margaret.refresh_from_db()
    assert margaret.address == "9 New Road"


def test_an_edit_keeps_what_the_form_does_not_change(practitioner_client, colleague, margaret):
    """The allocated worker is another page's: an edit neither sets nor undoes it."""
    edit = reverse("recording:person_edit", args=[margaret.pk])
    seen = practitioner_client.get(edit).context["form"].initial["version"]
    Person.objects.filter(pk=margaret.pk).update(allocated_worker=colleague)
    practitioner_client.post(
        edit,
        _data(margaret.team, name="Margaret Smith", council_reference="HCC-77", version=seen),
    )
    margaret.refresh_from_db()
    assert margaret.allocated_worker == colleague
