"""The admin: administrators keep the closure days and people's allocation. Records are
read-only here -- they are written in the service, and a completed one never changes."""

from django.contrib import admin

from config.admin_site import ModelAdmin
from recording.models import (
    Addendum,
    CaseNote,
    ClosureDay,
    Contact,
    DecisionOption,
    Person,
    PrincipleEvidence,
    ProvisionalCarePackage,
    RecordingObligation,
)
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


@admin.register(Person)
class PersonAdmin(ModelAdmin):
    list_display = ["name", "council_reference", "date_of_birth", "team", "allocated_worker"]
    list_filter = ["team", "is_restricted"]
    search_fields = ["name", "preferred_name", "council_reference"]
    list_select_related = ["team", "allocated_worker"]
    autocomplete_fields = ["allocated_worker"]

    def has_delete_permission(self, request, obj=None):
        return False  # people's records are kept


class ReadOnlyAdmin(ModelAdmin):
    """Records are written in the service: here they can be read, never changed."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EvidenceInline(admin.TabularInline):
    model = PrincipleEvidence
    fields = ["principle", "evidence"]
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OptionInline(EvidenceInline):
    model = DecisionOption
    fields = ["position", "option", "why_not_appropriate"]


class AddendumInline(EvidenceInline):
    model = Addendum
    fields = ["created_at", "author", "reason", "text"]
    readonly_fields = fields


@admin.register(CaseNote)
class CaseNoteAdmin(ReadOnlyAdmin):
    list_display = ["person", "author", "status", "created_at", "completed_at"]
    list_filter = ["status"]
    list_select_related = ["person", "author"]
    search_fields = ["person__name", "person__council_reference"]
    inlines = [EvidenceInline, OptionInline, AddendumInline]


@admin.register(ProvisionalCarePackage)
class ProvisionalCarePackageAdmin(ReadOnlyAdmin):
    list_display = ["person", "author", "status", "provider", "weekly_cost", "completed_at"]
    list_filter = ["status"]
    list_select_related = ["person", "author"]
    inlines = [EvidenceInline, AddendumInline]


@admin.register(Contact)
class ContactAdmin(ReadOnlyAdmin):
    list_display = ["person", "occurred_at", "method", "recorded_by"]
    list_select_related = ["person", "recorded_by"]


@admin.register(RecordingObligation)
class RecordingObligationAdmin(ReadOnlyAdmin):
    list_display = ["contact", "kind", "owner", "contact_date", "due_date", "completed_on"]
    list_filter = ["kind"]
    list_select_related = ["contact__person", "owner"]
