"""Who may see and change the Care Act records: every page taking an object, from every
persona, for a restricted and an unrestricted person. The rules are the case record's
(tests/recording/test_access.py); on top, only a manager of the person's team
authorises, and never their own record. Expectations are written out by hand."""

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import SafeguardingConcern
from assessments.services import care_act_record_start
from recording.models import Person, RecordKind
from tests.assessments.factories import care_plan_for, eligibility_for, needs_assessment_for

pytestmark = pytest.mark.django_db

PERSONAS = (
    "practitioner",
    "colleague",
    "manager",
    "outsider",
    "other_manager",
    "quality",
    "administrator",
)

# fmt: off
UNRESTRICTED = {
    #                      prac  coll  mgr   out   omgr  qual  admin
    "start":              (200,  200,  200,  404,  404,  403,  404),
    "record, awaiting":   (200,  200,  200,  404,  404,  200,  404),
    "edit, draft":        (200,  403,  403,  404,  404,  403,  404),
    "edit, awaiting":     (409,  409,  409,  404,  404,  403,  404),
    "authorise":          (403,  403,  200,  404,  404,  403,  404),
    "copy_given, plan":   (200,  200,  200,  404,  404,  403,  404),
    "pdf, plan":          (200,  200,  200,  404,  404,  200,  404),
}
RESTRICTED = {
    #                      prac  coll  mgr   out   omgr  qual  admin
    "start":              (200,  404,  200,  404,  404,  404,  404),
    "record, awaiting":   (200,  404,  200,  404,  404,  404,  404),
    "edit, draft":        (200,  404,  403,  404,  404,  404,  404),
    "edit, awaiting":     (409,  404,  409,  404,  404,  404,  404),
    "authorise":          (403,  404,  200,  404,  404,  404,  404),
    "copy_given, plan":   (200,  404,  200,  404,  404,  404,  404),
    "pdf, plan":          (200,  404,  200,  404,  404,  404,  404),
}
# fmt: on


@pytest.fixture
def world(
    person, practitioner, colleague, manager, outsider, other_manager, quality, administrator
):
    awaiting = eligibility_for(needs_assessment_for(person, practitioner), practitioner)
    approved = eligibility_for(
        needs_assessment_for(person, practitioner), practitioner, authorised_by=manager
    )
    plan = care_plan_for(approved, practitioner, authorised_by=manager)
    draft = care_act_record_start(kind=RecordKind.SAFEGUARDING, person=person, author=practitioner)
    users = {name: value for name, value in locals().items() if name in PERSONAS}
    urls = {
        "start": reverse("assessments:start", args=[person.pk]),
        "record, awaiting": reverse("assessments:record", args=[awaiting.pk]),
        "edit, draft": reverse("assessments:edit", args=[draft.pk]),
        "edit, awaiting": reverse("assessments:edit", args=[awaiting.pk]),
        "authorise": reverse("assessments:authorise", args=[awaiting.pk]),
        "copy_given, plan": reverse("assessments:copy_given", args=[plan.pk]),
        "pdf, plan": reverse("assessments:pdf", args=[plan.pk]),
    }
    return users, urls


@pytest.mark.parametrize("restricted", [False, True], ids=["unrestricted", "restricted"])
@pytest.mark.parametrize("page", list(UNRESTRICTED))
def test_get_access_matrix(world, person, page, restricted):
    users, urls = world
    Person.objects.filter(pk=person.pk).update(is_restricted=restricted)
    expected = dict(zip(PERSONAS, (RESTRICTED if restricted else UNRESTRICTED)[page], strict=True))
    actual = {}
    for persona in PERSONAS:
        client = Client()
        client.force_login(users[persona])
        response = client.get(urls[page])
        actual[persona] = response.status_code
        if response.status_code == 404:
            assert "Margaret" not in response.content.decode()
    assert actual == expected


def test_a_colleagues_post_to_a_draft_changes_nothing(world, person):
    users, urls = world
    client = Client()
    client.force_login(users["colleague"])
    response = client.post(urls["edit, draft"], {"concern": "Not mine to write"})
    assert response.status_code == 403
    assert not SafeguardingConcern.objects.filter(concern="Not mine to write").exists()
