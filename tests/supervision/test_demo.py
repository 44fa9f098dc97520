from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from supervision.models import SupervisionSession


def test_the_demo_has_morgans_sessions_with_pat_and_sam_once(principles, settings, client):
    settings.DEBUG = True
    call_command("load_demo_data", verbosity=0)
    call_command("load_demo_data", verbosity=0)
    sessions = SupervisionSession.objects.order_by("held_on")
    assert [(s.supervisor.username, s.practitioner.username) for s in sessions] == [
        ("morgan", "pat"),
        ("morgan", "sam"),
    ]
    assert all(s.reflections.exists() for s in sessions)
    client.force_login(User.objects.get(username="pat"))
    html = client.get(reverse("supervision:session_list")).text
    assert sessions[0].get_absolute_url() in html
    assert sessions[1].get_absolute_url() not in html
