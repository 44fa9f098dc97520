from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.admin_site import ModelAdmin
from accounts.models import Team, TeamMembership, User


class TeamMembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 1
    autocomplete_fields = ["team"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [TeamMembershipInline]
    list_display = ["username", "first_name", "last_name", "job_title", "is_active"]
    list_filter = ["is_active", "groups", "teams"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("Work", {"fields": ["job_title", "work_phone", "capacity_hours"]}),
    )


class TeamMemberInline(admin.TabularInline):
    model = TeamMembership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Team)
class TeamAdmin(ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TeamMemberInline]
