"""The access log in the admin: administrators read it; nobody adds, changes or
deletes a row (the model refuses too)."""

from django.contrib import admin

from audit.models import AccessEvent
from recording.admin import ReadOnlyAdmin


@admin.register(AccessEvent)
class AccessEventAdmin(ReadOnlyAdmin):
    list_display = ["when", "user", "person", "what", "refused", "path"]
    list_filter = ["what", "refused"]
    list_select_related = ["user", "person"]
    search_fields = ["person__name", "person__council_reference", "user__username"]
    date_hierarchy = "when"
    readonly_fields = ["when", "user", "person", "what", "path", "refused"]
