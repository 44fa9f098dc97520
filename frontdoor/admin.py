"""The admin: administrators set how much each kind of work weighs in a caseload. No
request, waiting item or task is here: they are people's content (issue 15, part 2)."""

from django.contrib import admin

from accounts.admin_site import ModelAdmin
from frontdoor.models import WorkloadWeight


@admin.register(WorkloadWeight)
class WorkloadWeightAdmin(ModelAdmin):
    list_display = ["kind", "hours"]
