"""Admin: the induction template is edited here; cases are read-only (their statuses change only through
the services and the approval engine)."""

from django.contrib import admin

from .models import CaseEvent, Conversion, OnboardingCase, OnboardingTask, TaskTemplate


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
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TaskInline(admin.TabularInline):
    model = OnboardingTask
    fields = ("title", "owner", "due_date", "status", "done_on")
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
    inlines = [TaskInline, EventInline]


@admin.register(Conversion)
class ConversionAdmin(ReadOnlyAdmin):
    list_display = ("case", "status", "effective_date", "created_at")
    list_filter = ("status",)
    list_select_related = ("case__employee",)
