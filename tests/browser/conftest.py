import pytest
from django.apps import apps

from accounts.roles import sync_role_groups


@pytest.fixture(autouse=True)
def _roles(transactional_db):
    # Browser tests use a live server, so their database is flushed after each test,
    # which empties the role groups the data migration made; make them again.
    sync_role_groups(apps)
