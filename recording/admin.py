"""The admin: administrators keep the closure days.

No page about people or their records is here (issue 15, part 2): administrators manage
frameworks, teams, users, closure days and rules, not case content. People, contacts
and records are seen only in the service, where who may see whom is applied and every
view is written to the access log."""

from django.contrib import admin

from accounts.admin_site import ModelAdmin
from recording.models import ClosureDay
from recording.services import closure_day_add, closure_day_change, closure_day_remove


@admin.register(ClosureDay)
class ClosureDayAdmin(ModelAdmin):
    list_display = ["date", "reason"]
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        # Through the services, so the due dates the day moves are re-evaluated.
        if change:
            original = ClosureDay.objects.get(pk=obj.pk)
            obj.date, new_date = original.date, obj.date
            closure_day_change(closure=obj, day=new_date, reason=obj.reason)
        else:
            saved = closure_day_add(day=obj.date, reason=obj.reason)
            obj.pk = saved.pk

    def delete_model(self, request, obj):
        closure_day_remove(closure=obj)

    def delete_queryset(self, request, queryset):
        for closure in queryset:
            closure_day_remove(closure=closure)
