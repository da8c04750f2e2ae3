"""Admin: skills and the competence standards are edited here; everything else is read-only (states change only
through the services and the approval engine), scoped to the reader's departments."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin import ReadOnlyScopedAdmin
from employees.selectors import employees_visible_to

from . import policies, services
from .forms import SessionCancelForm
from .models import CompetenceStandard, Participant, Session, Skill, SkillRating, TrainingNeed, TrainingPlan
from .selectors import sessions_visible_to


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ("name", "description", "is_active")
    search_fields = ("name",)


@admin.register(CompetenceStandard)
class CompetenceStandardAdmin(admin.ModelAdmin):
    list_display = ("position", "skill", "required_level")
    list_filter = ("required_level",)
    autocomplete_fields = ("skill",)
    raw_id_fields = ("position",)


class ByEmployeeAdmin(ReadOnlyScopedAdmin):
    def scope(self, request, queryset):
        return queryset.filter(employee__in=employees_visible_to(request.user))


@admin.register(SkillRating)
class SkillRatingAdmin(ByEmployeeAdmin):
    list_display = ("employee", "skill", "level", "rated_on", "rated_by")
    list_select_related = ("employee", "skill", "rated_by")


@admin.register(TrainingNeed)
class TrainingNeedAdmin(ByEmployeeAdmin):
    list_display = ("employee", "topic", "source", "status", "created_at")
    list_filter = ("status", "source")
    list_select_related = ("employee",)


@admin.register(Participant)
class ParticipantAdmin(ByEmployeeAdmin):
    list_display = ("session", "employee", "attended", "score", "passed", "failure_action")
    list_select_related = ("session", "employee")


@admin.register(Session)
class SessionAdmin(ReadOnlyScopedAdmin):
    """Read-only; the one change here is cancelling, through the same policy and service as the session page."""

    list_display = ("course", "starts_at", "place", "status", "cancel_reason")
    list_filter = ("status",)
    exclude = ("checkin_code",)
    actions = ["cancel_sessions"]

    def scope(self, request, queryset):
        return queryset.filter(pk__in=sessions_visible_to(request.user).values("pk"))

    def has_cancel_permission(self, request):
        return bool(policies.can_manage(request.user))

    @admin.action(description=gettext_lazy("Cancel the selected sessions"), permissions=["cancel"])
    def cancel_sessions(self, request, queryset):
        """Asks for the reason first; each session is then cancelled by the service (which asks the policy)."""
        form = SessionCancelForm(request.POST if "reason" in request.POST else None)
        if not form.is_valid():
            return TemplateResponse(
                request,
                "admin/training/session_cancel.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Cancel the selected sessions"),
                    "form": form,
                    "sessions": queryset,
                    "opts": self.model._meta,
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                },
            )
        done = 0
        for session in queryset:
            try:
                services.session_cancel(session=session, by=request.user, reason=form.cleaned_data["reason"])
            except (PermissionDenied, ValidationError) as error:
                reason = getattr(error, "reason", None) or " ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"{session}: {reason}", messages.WARNING)
            else:
                done += 1
        self.message_user(request, _("%(n)s session(s) cancelled.") % {"n": done}, messages.SUCCESS)
        return None


@admin.register(TrainingPlan)
class TrainingPlanAdmin(ReadOnlyScopedAdmin):
    list_display = ("year", "title", "status")
