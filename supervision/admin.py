"""Supervision in the admin: read-only, like the records. No role's group is given these
permissions (a session is private to the supervisor, the practitioner and the
practitioner's team managers), so only superusers see them here."""

from django.contrib import admin

from recording.admin import EvidenceInline, ReadOnlyAdmin
from supervision.models import PrincipleReflection, SupervisionSession


class ReflectionInline(EvidenceInline):
    model = PrincipleReflection
    fields = ["principle", "notes"]


@admin.register(SupervisionSession)
class SupervisionSessionAdmin(ReadOnlyAdmin):
    list_display = ["held_on", "practitioner", "supervisor", "framework", "created_at"]
    list_select_related = ["practitioner", "supervisor", "framework"]
    date_hierarchy = "held_on"
    inlines = [ReflectionInline]
