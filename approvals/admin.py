from django.contrib import admin

from .models import Decision, Delegation, Flow, Request, RequestStep, Step


class StepInline(admin.TabularInline):
    model = Step
    extra = 0
    fields = ["order", "name", "role", "user", "kind", "condition", "skip_if_already_in_chain"]
    raw_id_fields = ["user"]
    ordering = ["order", "pk"]


@admin.register(Flow)
class FlowAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "process", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name", "process"]
    inlines = [StepInline]


class RequestStepInline(admin.TabularInline):
    model = RequestStep
    extra = 0
    can_delete = False
    fields = ["round", "index", "name", "kind", "assigned_to", "status", "reason", "activated_at", "decided_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    can_delete = False
    fields = ["created_at", "decision", "by", "on_behalf_of", "request_step", "comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Request)
class RequestAdmin(admin.ModelAdmin):
    """Read-only: requests change state only through the engine's services (the inbox and each process)."""

    list_display = ["subject_label", "flow", "applicant", "department", "status", "submitted_at"]
    list_filter = ["status", "flow"]
    search_fields = ["subject_label", "applicant__username", "applicant__first_name", "applicant__last_name"]
    list_select_related = ["flow", "applicant", "department"]
    readonly_fields = [
        "content_type",
        "object_id",
        "subject_label",
        "subject_url",
        "flow",
        "applicant",
        "department",
        "status",
        "current_step",
        "round",
        "submitted_at",
        "finished_at",
    ]
    inlines = [RequestStepInline, DecisionInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["from_user", "to_user", "start_date", "end_date", "comment"]
    search_fields = ["from_user__username", "to_user__username"]
    raw_id_fields = ["from_user", "to_user"]
    list_select_related = ["from_user", "to_user"]
