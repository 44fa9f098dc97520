from django.contrib import admin, messages
from django.template.defaultfilters import pluralize
from django.utils import timezone

from accounts.admin_site import ModelAdmin
from principles.models import (
    ActiveFramework,
    CitedPrinciple,
    CouncilContact,
    Framework,
    Principle,
    ProfessionalStandard,
    ReadingConfirmation,
    RequiredPrinciple,
    Statement,
)
from principles.services import framework_version_copy


def _in_use(request, framework_id) -> bool:
    """Whether the framework version is in use, asked once per request per version."""
    if framework_id is None:
        return False
    known = request.__dict__.setdefault("_frameworks_in_use", {})
    if framework_id not in known:
        known[framework_id] = Framework.objects.filter(pk=framework_id).in_use().exists()
    return known[framework_id]


class FixedOnceInUse:
    """A version in use is read-only here: every field shown read-only, no principle or
    statement added or removed, no delete, and a message saying so. The models refuse
    the change too (`refuse_change_in_use`), below the admin."""

    def framework_id_of(self, obj) -> int | None:
        raise NotImplementedError

    def is_fixed(self, request, obj) -> bool:
        return obj is not None and _in_use(request, self.framework_id_of(obj))

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and not self.is_fixed(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not self.is_fixed(request, obj)


class FixedOnceInUseInline(FixedOnceInUse):
    """An inline's `obj` is its parent: nothing is added under a version in use."""

    def has_add_permission(self, request, obj=None) -> bool:
        return super().has_add_permission(request, obj) and not self.is_fixed(request, obj)


class FixedOnceInUseAdmin(FixedOnceInUse, ModelAdmin):
    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, admin.utils.unquote(object_id))
        if obj is not None and self.is_fixed(request, obj) and request.method == "GET":
            uses = Framework.objects.get(pk=self.framework_id_of(obj)).use_count()
            messages.warning(
                request,
                f"This version is in use by {uses} record{pluralize(uses)}: "
                "create a new version to change it (Copy as a new version, in the list "
                "of frameworks).",
            )
        return super().change_view(request, object_id, form_url, extra_context)


class ProfessionalStandardInline(FixedOnceInUseInline, admin.TabularInline):
    model = ProfessionalStandard
    extra = 0

    def framework_id_of(self, obj) -> int | None:
        return obj.pk


class PrincipleInline(FixedOnceInUseInline, admin.TabularInline):
    model = Principle
    fields = ["number", "title"]
    show_change_link = True
    extra = 0

    def framework_id_of(self, obj) -> int | None:
        return obj.pk


@admin.register(Framework)
class FrameworkAdmin(FixedOnceInUseAdmin):
    list_display = ["title", "council", "version", "effective_date"]
    list_filter = ["council"]
    search_fields = ["title", "council"]
    inlines = [PrincipleInline, ProfessionalStandardInline]
    actions = ["copy_as_new_version"]

    def framework_id_of(self, obj) -> int | None:
        return obj.pk

    @admin.action(description="Copy as a new version", permissions=["add"])
    def copy_as_new_version(self, request, queryset):
        for framework in queryset:
            copy = framework_version_copy(framework=framework, effective_date=timezone.localdate())
            self.message_user(
                request,
                f"{copy} is a new version, not yet in use: change it, then choose it "
                "as the active framework.",
                messages.SUCCESS,
            )


class StatementInline(FixedOnceInUseInline, admin.TabularInline):
    model = Statement
    extra = 0

    def framework_id_of(self, obj) -> int | None:
        return obj.framework_id


@admin.register(Principle)
class PrincipleAdmin(FixedOnceInUseAdmin):
    list_display = ["__str__", "framework"]
    list_filter = ["framework"]
    list_select_related = ["framework"]
    search_fields = ["title", "text"]
    inlines = [StatementInline]

    def framework_id_of(self, obj) -> int | None:
        return obj.framework_id


@admin.register(Statement)
class StatementAdmin(FixedOnceInUseAdmin):
    list_display = ["text", "kind", "label", "principle"]
    list_filter = ["kind", "principle__framework"]
    list_select_related = ["principle__framework"]
    search_fields = ["text", "label"]

    def framework_id_of(self, obj) -> int | None:
        return obj.principle.framework_id


@admin.register(ProfessionalStandard)
class ProfessionalStandardAdmin(FixedOnceInUseAdmin):
    list_display = ["title", "profession", "framework"]
    list_filter = ["framework"]

    def framework_id_of(self, obj) -> int | None:
        return obj.framework_id


@admin.register(ActiveFramework)
class ActiveFrameworkAdmin(ModelAdmin):
    """The one framework this deployment works to."""

    list_display = ["framework", "chosen_at"]

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and not ActiveFramework.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReadingConfirmation)
class ReadingConfirmationAdmin(ModelAdmin):
    list_display = ["user", "principle", "read_on", "recorded_at"]
    list_filter = ["principle__framework", "read_on"]
    list_select_related = ["user", "principle__framework"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]
    date_hierarchy = "read_on"


@admin.register(RequiredPrinciple)
class RequiredPrincipleAdmin(ModelAdmin):
    """Which principles each kind of record must evidence before it can be completed."""

    list_display = ["record_kind", "principle", "framework"]
    list_filter = ["record_kind", "principle__framework"]
    list_select_related = ["principle__framework"]
    autocomplete_fields = ["principle"]

    @admin.display(ordering="principle__framework")
    def framework(self, obj: RequiredPrinciple):
        return obj.principle.framework


@admin.register(CitedPrinciple)
class CitedPrincipleAdmin(ModelAdmin):
    """Which principle each framework version names for a rule its hints quote."""

    list_display = ["purpose", "principle", "framework"]
    list_filter = ["framework", "purpose"]
    list_select_related = ["principle", "framework"]
    autocomplete_fields = ["principle"]


@admin.register(CouncilContact)
class CouncilContactAdmin(ModelAdmin):
    """The council's address, phone and email printed on the person's copies."""

    list_display = ["council", "la_code", "phone", "email"]
    search_fields = ["council"]
