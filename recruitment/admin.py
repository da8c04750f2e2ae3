from django.contrib import admin
from django.db import models
from import_export.admin import ExportMixin

from .models import (
    Application,
    Candidate,
    Evaluation,
    Event,
    Interview,
    Offer,
    PlanChannel,
    RecruitmentPlan,
    Requisition,
)
from .resources import CandidateResource


class ReadOnlyStatusMixin:
    """Statuses change only through the services (and the approval engine), never in the admin."""

    readonly_fields = ("status",)


@admin.register(Requisition)
class RequisitionAdmin(ReadOnlyStatusMixin, admin.ModelAdmin):
    list_display = ("number", "department", "position", "headcount", "filled_count", "status", "created_at")
    list_filter = ("status", "reason", "urgency")
    search_fields = ("number", "position__title", "department__name")
    list_select_related = ("department", "position")
    autocomplete_fields = ("position", "department")
    raw_id_fields = ("job_description", "requested_by")
    readonly_fields = (
        "status",
        "is_new_position",
        "filled_count",
        "over_headcount",
        "submitted_at",
        "approved_at",
        "closed_at",
    )


class PlanChannelInline(admin.TabularInline):
    model = PlanChannel
    extra = 0


@admin.register(RecruitmentPlan)
class RecruitmentPlanAdmin(admin.ModelAdmin):
    list_display = ("requisition", "owner", "start_date", "end_date", "budget")
    inlines = [PlanChannelInline]
    autocomplete_fields = ("requisition",)
    raw_id_fields = ("owner", "updated_by")


@admin.register(Candidate)
class CandidateAdmin(ExportMixin, admin.ModelAdmin):
    resource_classes = [CandidateResource]
    list_display = ("name", "source_channel", "education", "talent_pool_consent", "anonymised_at", "created_at")
    list_filter = ("source_channel", "talent_pool_consent")
    search_fields = ("name", "phone", "email")
    exclude = ("resume",)
    raw_id_fields = ("created_by",)
    readonly_fields = ("resume_name", "privacy_notice_at", "anonymised_at")


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("candidate", "requisition", "stage", "applied_on")
    list_filter = ("stage",)
    list_select_related = ("candidate", "requisition__position")
    autocomplete_fields = ("candidate", "requisition")
    raw_id_fields = ("created_by",)
    readonly_fields = ("stage", "stage_changed_at")


@admin.register(Interview)
class InterviewAdmin(ReadOnlyStatusMixin, admin.ModelAdmin):
    list_display = ("application", "round", "scheduled_at", "status")
    list_filter = ("round", "status")
    # Logins by id (the users have no admin to search them in): a select of every user does not scale.
    raw_id_fields = ("application", "interviewers", "created_by")
    # A meeting link typed without a scheme is an https one (as on the interview form).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ("interview", "evaluator", "recommendation", "submitted_at")
    raw_id_fields = ("interview", "evaluator")


@admin.register(Offer)
class OfferAdmin(ReadOnlyStatusMixin, admin.ModelAdmin):
    list_display = ("number", "application", "status", "start_date", "probation_months")
    list_filter = ("status",)
    autocomplete_fields = ("employee",)
    raw_id_fields = ("application", "created_by")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("at", "action", "requisition", "application", "actor")
    list_filter = ("action",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
