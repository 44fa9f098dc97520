from django.contrib import admin

from principles.models import (
    ActiveFramework,
    CouncilContact,
    Framework,
    Principle,
    ProfessionalStandard,
    ReadingConfirmation,
    RequiredPrinciple,
    Statement,
)


class ProfessionalStandardInline(admin.TabularInline):
    model = ProfessionalStandard
    extra = 0


class PrincipleInline(admin.TabularInline):
    model = Principle
    fields = ["number", "title"]
    show_change_link = True
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["title", "council", "version", "effective_date"]
    list_filter = ["council"]
    search_fields = ["title", "council"]
    inlines = [PrincipleInline, ProfessionalStandardInline]


class StatementInline(admin.TabularInline):
    model = Statement
    extra = 0


@admin.register(Principle)
class PrincipleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "framework"]
    list_filter = ["framework"]
    list_select_related = ["framework"]
    search_fields = ["title", "text"]
    inlines = [StatementInline]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "label", "principle"]
    list_filter = ["kind", "principle__framework"]
    list_select_related = ["principle__framework"]
    search_fields = ["text", "label"]


@admin.register(ProfessionalStandard)
class ProfessionalStandardAdmin(admin.ModelAdmin):
    list_display = ["title", "profession", "framework"]
    list_filter = ["framework"]


@admin.register(ActiveFramework)
class ActiveFrameworkAdmin(admin.ModelAdmin):
    """The one framework this deployment works to."""

    list_display = ["framework", "chosen_at"]

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and not ActiveFramework.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReadingConfirmation)
class ReadingConfirmationAdmin(admin.ModelAdmin):
    list_display = ["user", "principle", "read_on", "recorded_at"]
    list_filter = ["principle__framework", "read_on"]
    list_select_related = ["user", "principle__framework"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]
    date_hierarchy = "read_on"


@admin.register(RequiredPrinciple)
class RequiredPrincipleAdmin(admin.ModelAdmin):
    """Which principles each kind of record must evidence before it can be completed."""

    list_display = ["record_kind", "principle", "framework"]
    list_filter = ["record_kind", "principle__framework"]
    list_select_related = ["principle__framework"]
    autocomplete_fields = ["principle"]

    @admin.display(ordering="principle__framework")
    def framework(self, obj: RequiredPrinciple):
        return obj.principle.framework


@admin.register(CouncilContact)
class CouncilContactAdmin(admin.ModelAdmin):
    """The council's address, phone and email printed on the person's copies."""

    list_display = ["council", "phone", "email"]
    search_fields = ["council"]
