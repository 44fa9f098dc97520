import pytest
from django.core.management import CommandError, call_command

from accounts.models import Team, TeamMembership, User
from accounts.roles import Role
from principles.models import ActiveFramework, ReadingConfirmation


def test_demo_data_has_a_login_per_role_and_loads_twice_the_same(principles, settings):
    settings.DEBUG = True
    call_command("load_demo_data", verbosity=0)
    counts = [m.objects.count() for m in (User, Team, TeamMembership, ReadingConfirmation)]
    call_command("load_demo_data", verbosity=0)
    assert [m.objects.count() for m in (User, Team, TeamMembership, ReadingConfirmation)] == counts
    for role in Role:
        assert User.objects.filter(groups__name=role).exists()
    assert ActiveFramework.current().slug == "hertfordshire-connected-lives"


def test_demo_data_refuses_to_run_with_debug_off(principles, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing"):
        call_command("load_demo_data", verbosity=0)
