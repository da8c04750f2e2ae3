"""Admin: the induction template is edited here; cases and everything recorded on them are read-only (their
states change only through the services and the approval engine — `policies.can_change_in_admin`)."""

from django.contrib import admin

from . import policies
from .models import (
    CaseEvent,
    Conversion,
    OnboardingCase,
    OnboardingTask,
    ProbationReview,
    SafetyEducation,
    TaskTemplate,
)


@admin.register(TaskTemplate)
class TaskTemplateAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "category",
        "kind",
        "owner_role",
        "due_days",
        "mandatory",
        "special_post_only",
        "is_active",
    )
    list_filter = ("category", "kind", "is_active")
    list_editable = ("due_days", "mandatory", "is_active")
    ordering = ("order", "pk")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return bool(policies.can_change_in_admin(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return bool(policies.can_change_in_admin(request.user, obj))


class TaskInline(admin.TabularInline):
    model = OnboardingTask
    fields = ("title", "owner", "due_date", "status", "done_on", "institution", "fit_for_post")
    readonly_fields = fields
    extra = 0
    can_delete = False


class SafetyInline(admin.TabularInline):
    model = SafetyEducation
    fields = ("level", "held_on", "hours", "trainer", "recorded_by")
    readonly_fields = fields
    extra = 0
    can_delete = False


class EventInline(admin.TabularInline):
    model = CaseEvent
    fields = ("at", "action", "by", "comment")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(OnboardingCase)
class OnboardingCaseAdmin(ReadOnlyAdmin):
    list_display = ("employee", "start_date", "status", "probation_status", "probation_end")
    list_filter = ("status", "probation_status")
    search_fields = ("employee__name", "employee__number")
    list_select_related = ("employee",)
    inlines = [TaskInline, SafetyInline, EventInline]


@admin.register(ProbationReview)
class ProbationReviewAdmin(ReadOnlyAdmin):
    list_display = ("case", "recommendation", "conditions_met", "submitted_at")
    list_select_related = ("case__employee",)


@admin.register(Conversion)
class ConversionAdmin(ReadOnlyAdmin):
    list_display = ("case", "status", "effective_date", "created_at")
    list_filter = ("status",)
    list_select_related = ("case__employee",)
