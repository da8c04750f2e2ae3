"""Admin: skills and the competence standards are edited here; everything else is read-only (states change only
through the services and the approval engine), scoped to the reader's departments."""

from django.contrib import admin

from core.admin import ScopedAdminMixin
from employees.selectors import employees_visible_to

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


class ReadOnlyAdmin(ScopedAdminMixin, admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ByEmployeeAdmin(ReadOnlyAdmin):
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
class SessionAdmin(ReadOnlyAdmin):
    list_display = ("course", "starts_at", "place", "status")
    list_filter = ("status",)
    exclude = ("checkin_code",)

    def scope(self, request, queryset):
        return queryset.filter(pk__in=sessions_visible_to(request.user).values("pk"))


@admin.register(TrainingPlan)
class TrainingPlanAdmin(ReadOnlyAdmin):
    list_display = ("year", "title", "status")
