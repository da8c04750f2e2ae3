from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from . import policies
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


class HistoryInline(admin.TabularInline):
    """Steps and decisions are the request's history: shown, never added, changed or deleted here."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RequestStepInline(HistoryInline):
    model = RequestStep
    fields = ["round", "index", "name", "kind", "assigned_to", "status", "reason", "activated_at", "decided_at"]


class DecisionInline(HistoryInline):
    model = Decision
    fields = ["created_at", "decision", "by", "on_behalf_of", "request_step", "comment"]


@admin.register(Request)
class RequestAdmin(admin.ModelAdmin):
    """Read-only history: requests change state only through the engine's services (the inbox and each process).
    A staff user sees the requests the approval pages would show them (policies.visible_filter)."""

    list_display = ["subject_label", "flow", "applicant", "department", "status", "submitted_at"]
    list_filter = ["status", "flow"]
    search_fields = ["subject_label", "applicant__username", "applicant__first_name", "applicant__last_name"]
    list_select_related = ["flow", "applicant", "department"]
    fields = [
        "content_type",
        "object_id",
        "subject_label",
        "subject_url",
        "flow",
        "applicant",
        "people",
        "department",
        "status",
        "current_step",
        "round",
        "submitted_at",
        "finished_at",
    ]
    readonly_fields = fields
    inlines = [RequestStepInline, DecisionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(policies.visible_filter(request.user))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DelegationAdminForm(forms.ModelForm):
    """The administrator records a delegation under the same rule as the page (policies.can_delegate)."""

    class Meta:
        model = Delegation
        fields = ["from_user", "to_user", "start_date", "end_date", "comment"]

    def clean(self):
        data = super().clean()
        from_user, to_user = data.get("from_user"), data.get("to_user")
        if from_user is not None and to_user is not None:
            verdict = policies.can_delegate(from_user, to_user)
            if not verdict:
                self.add_error("to_user", ValidationError(verdict.reason, code=verdict.code))
        return data


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    form = DelegationAdminForm
    list_display = ["from_user", "to_user", "start_date", "end_date", "comment"]
    search_fields = ["from_user__username", "to_user__username"]
    raw_id_fields = ["from_user", "to_user"]
    list_select_related = ["from_user", "to_user"]
