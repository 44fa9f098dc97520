"""The enquiry a completed safeguarding concern leads to (issue 18, part 6): the rules of
a concluded enquiry, the form, and who may record or read it."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from assessments.models import SafeguardingConcern, SafeguardingEnquiry
from assessments.services_enquiry import (
    EnquiryConcludedError,
    EnquiryConflictError,
    enquiry_save,
)
from audit.models import AccessEvent
from config import sac
from recording.deadlines import LONDON
from recording.models import Person
from tests.assessments.factories import (
    enquiry_for,
    needs_assessment_for,
    safeguarding_concern_for,
)
from tests.fuzz.kit import has_field_error

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)
S42 = SafeguardingEnquiry.Decision.S42

CONCLUDED_FIELDS = {
    "outcome_of_concern": S42,
    "started_on": date(2026, 11, 2),
    "concluded_on": date(2026, 11, 20),
    "location": sac.RiskLocation.OWN_HOME,
    "asked_outcomes": sac.AskedOutcomes.EXPRESSED,
    "outcomes_achieved": sac.OutcomesAchieved.PARTLY,
    "action_and_result": sac.ActionAndResult.RISK_ACTION,
    "risk_outcome": sac.RiskOutcome.REDUCED,
    "lacked_capacity": True,
    "advocate_supported": True,
}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def concern(person, practitioner):
    return safeguarding_concern_for(person, practitioner, now=datetime(2026, 11, 1, tzinfo=LONDON))


def _errors(concern, user, **fields) -> dict:
    fields = {**CONCLUDED_FIELDS, **fields}
    risk_types = fields.pop("risk_types", [sac.RiskType.FINANCIAL])
    sources = fields.pop("sources", [sac.SourceOfRisk.KNOWN])
    with pytest.raises(ValidationError) as refused:
        enquiry_save(
            concern=concern, user=user, fields=fields, risk_types=risk_types, sources=sources
        )
    return {name: messages[0] for name, messages in refused.value.message_dict.items()}


# --- The rules (the model's clean, through the service) ---


def test_a_concluded_enquiry_needs_every_answer_each_named(concern, practitioner):
    errors = _errors(
        concern,
        practitioner,
        location="",
        asked_outcomes="",
        outcomes_achieved="",
        action_and_result="",
        risk_outcome="",
        lacked_capacity=None,
        advocate_supported=None,
        risk_types=[],
        sources=[],
    )
    assert errors == {
        "risk_types": "Select the types of abuse or neglect",
        "location": "Select where the risk was",
        "sources": "Select the sources of risk",
        "asked_outcomes": "Select whether the person was asked what outcomes they wanted",
        "action_and_result": "Select the action taken and its result",
        "lacked_capacity": "Select whether the person lacked capacity",
    }
    assert not SafeguardingEnquiry.objects.exists()


def test_outcomes_achieved_and_risk_outcome_are_asked_only_when_they_apply(concern, practitioner):
    # Expressed outcomes, action on a risk, lacked capacity: each needs its follow-up.
    errors = _errors(
        concern, practitioner, outcomes_achieved="", risk_outcome="", advocate_supported=None
    )
    assert set(errors) == {"outcomes_achieved", "risk_outcome", "advocate_supported"}
    # ... and a follow-up that does not apply is refused.
    errors = _errors(
        concern,
        practitioner,
        asked_outcomes=sac.AskedOutcomes.NOT_EXPRESSED,
        action_and_result=sac.ActionAndResult.NO_RISK_NO_ACTION,
        lacked_capacity=False,
    )
    assert errors == {
        "outcomes_achieved": "Only say whether outcomes were achieved when the person "
        "expressed outcomes",
        "risk_outcome": "Only give the risk outcome when a risk was identified and action taken",
        "advocate_supported": "Only say whether they were supported when the person lacked "
        "capacity",
    }


def test_dates_conclusion_before_start_and_future_dates_are_refused(concern, practitioner):
    assert _errors(concern, practitioner, concluded_on=date(2026, 11, 1)) == {
        "concluded_on": "The enquiry cannot conclude before it started"
    }
    assert _errors(concern, practitioner, started_on=None, concluded_on=None) == {
        "started_on": "Enter the date the enquiry started"
    }
    assert _errors(concern, practitioner, started_on=date(2026, 11, 26), concluded_on=None) == {
        "started_on": "The date the enquiry started must be today or in the past"
    }
    assert _errors(concern, practitioner, concluded_on=date(2026, 12, 1)) == {
        "concluded_on": "The date the enquiry concluded must be today or in the past"
    }


def test_no_enquiry_needs_a_reason_and_keeps_no_enquiry_details(concern, practitioner):
    errors = _errors(concern, practitioner, outcome_of_concern="none", no_enquiry_reason=" ")
    assert errors == {"no_enquiry_reason": "Enter why there was no enquiry"}
    enquiry = enquiry_save(
        concern=concern,
        user=practitioner,
        fields={**CONCLUDED_FIELDS, "outcome_of_concern": "none", "no_enquiry_reason": "Resolved"},
        risk_types=[sac.RiskType.PHYSICAL],
    )
    enquiry.refresh_from_db()
    assert (enquiry.started_on, enquiry.location, enquiry.lacked_capacity) == (None, "", None)
    assert not enquiry.risk_type_rows.exists()


def test_an_open_enquiry_saves_as_it_goes_then_concludes_and_is_never_changed(
    concern, practitioner, colleague
):
    opened = enquiry_save(
        concern=concern,
        user=practitioner,
        fields={"outcome_of_concern": S42, "started_on": date(2026, 11, 2)},
        risk_types=[sac.RiskType.FINANCIAL, sac.RiskType.FINANCIAL],
    )
    assert opened.version == 1 and opened.chosen_risk_types() == ["financial"]
    with pytest.raises(EnquiryConflictError):  # a form shown before that save
        enquiry_save(concern=concern, user=colleague, fields=CONCLUDED_FIELDS, version=None)
    concluded = enquiry_save(
        concern=concern,
        user=colleague,
        fields=CONCLUDED_FIELDS,
        risk_types=[sac.RiskType.FINANCIAL, sac.RiskType.PSYCHOLOGICAL],
        sources=[sac.SourceOfRisk.KNOWN],
        version=1,
    )
    assert concluded.is_concluded and concluded.version == 2
    assert sorted(concluded.chosen_risk_types()) == ["financial", "psychological"]
    with pytest.raises(EnquiryConcludedError):
        enquiry_save(concern=concern, user=practitioner, fields=CONCLUDED_FIELDS, version=2)
    assert SafeguardingEnquiry.history.filter(concern=concern).count() == 2
    assert SafeguardingConcern.objects.get(pk=concern.pk).is_completed  # the concern unchanged


def test_a_draft_concern_has_no_enquiry(person, practitioner):
    draft = safeguarding_concern_for(person, practitioner, completed=False)
    with pytest.raises(ValidationError):
        enquiry_save(concern=draft, user=practitioner, fields=CONCLUDED_FIELDS)


# --- The page ---


def _form(**data) -> dict:
    form = {
        "outcome_of_concern": "s42",
        "started_on_0": "2",
        "started_on_1": "11",
        "started_on_2": "2026",
    }
    return {**form, **data}


def _url(concern) -> str:
    return reverse("assessments:enquiry", args=[concern.pk])


def test_a_practitioner_records_then_concludes_an_enquiry(practitioner_client, concern):
    assert practitioner_client.get(_url(concern)).status_code == 200
    saved = practitioner_client.post(_url(concern), _form(risk_types=["financial"]))
    assert saved.status_code == 302 and saved["Location"] == concern.get_absolute_url()
    enquiry = SafeguardingEnquiry.objects.get(concern=concern)
    assert not enquiry.is_concluded
    # Concluding without the outcomes: refused, each next to its field, nothing lost.
    refused = practitioner_client.post(
        _url(concern),
        _form(
            version="1",
            risk_types=["financial"],
            concluded_on_0="20",
            concluded_on_1="11",
            concluded_on_2="2026",
        ),
    )
    assert refused.status_code == 400
    for field in ("location", "sources", "asked_outcomes", "action_and_result"):
        assert has_field_error(refused.text, f"id_{field}"), field
    assert "Select the types of abuse or neglect" not in refused.text
    assert 'value="20"' in refused.text
    assert not SafeguardingEnquiry.objects.get(concern=concern).is_concluded
    concluded = practitioner_client.post(
        _url(concern),
        _form(
            version="1",
            risk_types=["financial", "psychological"],
            sources=["known"],
            location="own_home",
            asked_outcomes="expressed",
            outcomes_achieved="fully",
            action_and_result="risk_action",
            risk_outcome="removed",
            lacked_capacity="no",
            concluded_on_0="20",
            concluded_on_1="11",
            concluded_on_2="2026",
        ),
    )
    assert concluded.status_code == 302
    enquiry = SafeguardingEnquiry.objects.get(concern=concern)
    assert enquiry.is_concluded and enquiry.risk_outcome == "removed"
    # The concern's page shows it; the enquiry page no longer offers the form.
    page = practitioner_client.get(concern.get_absolute_url()).text
    assert "Financial or material abuse, Psychological abuse" in page
    assert "Update the enquiry" not in page
    again = practitioner_client.get(_url(concern))
    assert "cannot be changed" in again.text and 'name="outcome_of_concern"' not in again.text
    assert practitioner_client.post(_url(concern), _form()).status_code == 302
    assert SafeguardingEnquiry.objects.get(concern=concern).version == 2


def test_a_stale_form_is_told_of_the_other_save(practitioner_client, manager_client, concern):
    practitioner_client.post(_url(concern), _form())
    manager_client.post(_url(concern), _form(version="1", location="own_home"))
    stale = practitioner_client.post(_url(concern), _form(version="1", location="other"))
    assert stale.status_code == 409
    assert "Someone else saved this enquiry" in stale.text
    assert SafeguardingEnquiry.objects.get(concern=concern).location == "own_home"


def test_viewing_the_enquiry_is_in_the_access_log(quality_client, concern, practitioner):
    enquiry_for(concern, practitioner, started_on=date(2026, 11, 2))
    page = quality_client.get(_url(concern))
    assert page.status_code == 200 and "<textarea" not in page.text
    assert AccessEvent.objects.filter(person=concern.person, what="record_page").exists()


def test_only_a_completed_safeguarding_concern_has_an_enquiry_page(
    practitioner_client, person, practitioner
):
    draft = safeguarding_concern_for(person, practitioner, completed=False)
    assessment = needs_assessment_for(person, practitioner)
    assert practitioner_client.get(_url(draft)).status_code == 404
    assert practitioner_client.get(_url(assessment)).status_code == 404


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
#                   prac  coll  mgr  out  omgr  qual admin
GET_UNRESTRICTED = (200,  200,  200, 404, 404,  200, 404)
GET_RESTRICTED =   (200,  404,  200, 404, 404,  404, 404)
POST_UNRESTRICTED = (302, 302,  302, 404, 404,  403, 404)
POST_RESTRICTED =  (302,  404,  302, 404, 404,  404, 404)
# fmt: on


@pytest.mark.parametrize("restricted", [False, True], ids=["unrestricted", "restricted"])
def test_who_may_read_and_record_the_enquiry(
    concern,
    restricted,
    practitioner,
    colleague,
    manager,
    outsider,
    other_manager,
    quality,
    administrator,
):
    Person.objects.filter(pk=concern.person_id).update(is_restricted=restricted)
    users = dict(
        zip(
            PERSONAS,
            (practitioner, colleague, manager, outsider, other_manager, quality, administrator),
            strict=True,
        )
    )
    got, posted = {}, {}
    for name, user in users.items():
        client = Client()
        client.force_login(user)
        got[name] = client.get(_url(concern)).status_code
        SafeguardingEnquiry.objects.filter(concern=concern).delete()
        posted[name] = client.post(_url(concern), _form()).status_code
    assert tuple(got.values()) == (GET_RESTRICTED if restricted else GET_UNRESTRICTED)
    assert tuple(posted.values()) == (POST_RESTRICTED if restricted else POST_UNRESTRICTED)
