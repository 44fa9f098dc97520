"""Supervision in the admin: read-only, and only for superusers (no role is given its
permissions: a session is private to the supervisor, practitioner and team managers)."""

import pytest
from django.urls import reverse

from supervision.models import SupervisionSession
from tests.factories import UserFactory
from tests.supervision.factories import session_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(principles, manager, practitioner):
    return session_for(manager, practitioner)


def test_a_superuser_reads_a_session_but_cannot_change_it(session, client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    changelist = client.get(reverse("admin:supervision_supervisionsession_changelist"))
    assert changelist.status_code == 200
    assert "Alice Adams" in changelist.text
    page = client.get(reverse("admin:supervision_supervisionsession_change", args=[session.pk]))
    assert page.status_code == 200
    assert "We talked about how Margaret chose where we met." in page.text
    assert 'type="submit"' not in page.text.split('id="content-main"', 1)[1].split("</form>")[0]
    assert client.get(reverse("admin:supervision_supervisionsession_add")).status_code == 403
    delete = reverse("admin:supervision_supervisionsession_delete", args=[session.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert SupervisionSession.objects.filter(pk=session.pk).exists()


def test_administrators_do_not_see_supervision(session, administrator_client):
    url = reverse("admin:supervision_supervisionsession_change", args=[session.pk])
    assert administrator_client.get(url).status_code == 403
