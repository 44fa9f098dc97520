"""The Care Act records in the admin: read-only, like every record (they are written
through the services, and a completed one never changes)."""

from django.contrib import admin

from assessments.models import (
    AssessedOutcome,
    AssessmentRisk,
    Authorisation,
    CarePlan,
    CopyGenerated,
    CopyGiven,
    EligibilityDetermination,
    IssuedCopy,
    NeedsAssessment,
    PlanOutcome,
    PlanSupport,
    Review,
    ReviewProgress,
    SafeguardingConcern,
)
from recording.admin import AddendumInline, EvidenceInline, ReadOnlyAdmin


class _Rows(EvidenceInline):
    fields = None


class OutcomeInline(_Rows):
    model = AssessedOutcome


class RiskInline(_Rows):
    model = AssessmentRisk


class PlanOutcomeInline(_Rows):
    model = PlanOutcome


class PlanSupportInline(_Rows):
    model = PlanSupport


class ProgressInline(_Rows):
    model = ReviewProgress


class CareActAdmin(ReadOnlyAdmin):
    list_display = ["person", "author", "status", "created_at", "completed_at"]
    list_filter = ["status"]
    list_select_related = ["person", "author"]
    search_fields = ["person__name", "person__council_reference"]


@admin.register(NeedsAssessment)
class NeedsAssessmentAdmin(CareActAdmin):
    inlines = [OutcomeInline, RiskInline, EvidenceInline, AddendumInline]


@admin.register(EligibilityDetermination)
class EligibilityDeterminationAdmin(CareActAdmin):
    inlines = [EvidenceInline, AddendumInline]


@admin.register(CarePlan)
class CarePlanAdmin(CareActAdmin):
    inlines = [PlanOutcomeInline, PlanSupportInline, EvidenceInline, AddendumInline]


@admin.register(Review)
class ReviewAdmin(CareActAdmin):
    inlines = [ProgressInline, EvidenceInline, AddendumInline]


@admin.register(SafeguardingConcern)
class SafeguardingConcernAdmin(CareActAdmin):
    list_display = [*CareActAdmin.list_display, "immediate_action"]
    list_filter = ["status", "immediate_action"]
    inlines = [EvidenceInline, AddendumInline]


@admin.register(Authorisation)
class AuthorisationAdmin(ReadOnlyAdmin):
    list_display = ["record", "decision", "decided_by", "decided_at"]
    list_select_related = ["record__person", "decided_by"]


@admin.register(CopyGiven)
class CopyGivenAdmin(ReadOnlyAdmin):
    list_display = ["record", "given_on", "channel", "format", "language", "recorded_by"]
    list_select_related = ["record__person", "recorded_by"]


@admin.register(CopyGenerated)
class CopyGeneratedAdmin(ReadOnlyAdmin):
    list_display = ["record", "large_print", "generated_by", "generated_at"]
    list_select_related = ["record__person", "generated_by"]


@admin.register(IssuedCopy)
class IssuedCopyAdmin(ReadOnlyAdmin):
    """What each person was issued, without the PDF's bytes (download it from the record)."""

    list_display = ["record", "issue_number", "variant", "issued_on", "issued_by", "sha256"]
    list_select_related = ["record__person", "issued_by"]
    exclude = ["pdf"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("pdf")
