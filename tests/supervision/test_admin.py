"""Supervision is not in the admin: a session is private to the supervisor, the
practitioner and the practitioner's managers (issue 15, part 2)."""

import pytest
from django.urls import reverse

from supervision.models import SupervisionSession
from tests.factories import UserFactory
from tests.supervision.factories import session_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(principles, manager, practitioner):
    return session_for(manager, practitioner)


def test_supervision_is_not_in_the_admin_even_for_a_superuser(session, client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:index")).status_code == 200
    for url in [
        "/admin/supervision/supervisionsession/",
        f"/admin/supervision/supervisionsession/{session.pk}/change/",
        f"/admin/supervision/supervisionsession/{session.pk}/delete/",
    ]:
        assert client.get(url).status_code == 404, url
    assert SupervisionSession.objects.filter(pk=session.pk).exists()


def test_administrators_do_not_see_supervision(session, administrator_client):
    url = f"/admin/supervision/supervisionsession/{session.pk}/change/"
    assert administrator_client.get(url).status_code == 404
