"""Admin: read-only. Sheets, cycles, templates and plans change only through the pages' services (their steps
are recorded and locked sheets audited); the grade table is HR's page. Rows are the reader's scope. Peer
feedback is not in the admin: who answered what is never shown."""

from django.contrib import admin

from core.admin import ReadOnlyScopedAdmin

from .models import Cycle, GradeBand, ImprovementPlan, KpiTemplate, Sheet, SheetItem, SheetStep
from .selectors import plans_visible_to, sheets_visible_to, templates_visible_to


class ItemInline(admin.TabularInline):
    model = SheetItem
    fields = ("order", "name", "unit", "target", "floor", "weight", "rule", "self_actual", "actual", "score")
    readonly_fields = fields
    extra = 0
    can_delete = False


class StepInline(admin.TabularInline):
    model = SheetStep
    fields = ("kind", "by", "at", "comment")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Sheet)
class SheetAdmin(ReadOnlyScopedAdmin):
    list_display = ("employee", "cycle", "department", "status", "total", "grade", "calibrated_grade")
    list_filter = ("status", "cycle")
    search_fields = ("employee__name", "employee__number")
    list_select_related = ("employee", "cycle", "department")
    raw_id_fields = ("employee", "department", "position", "template", "salary_change", "job_change")
    inlines = [ItemInline, StepInline]

    def scope(self, request, queryset):
        return queryset.filter(pk__in=sheets_visible_to(request.user).values("pk"))


@admin.register(Cycle)
class CycleAdmin(ReadOnlyScopedAdmin):
    list_display = ("name", "period_type", "start_date", "end_date", "status")
    list_filter = ("status", "period_type")


@admin.register(KpiTemplate)
class KpiTemplateAdmin(ReadOnlyScopedAdmin):
    list_display = ("name", "position", "category", "version", "is_current")
    list_filter = ("is_current", "category")

    def scope(self, request, queryset):
        return queryset.filter(pk__in=templates_visible_to(request.user).values("pk"))


@admin.register(GradeBand)
class GradeBandAdmin(ReadOnlyScopedAdmin):
    list_display = ("grade", "min_score", "forced_share", "needs_plan")


@admin.register(ImprovementPlan)
class ImprovementPlanAdmin(ReadOnlyScopedAdmin):
    list_display = ("sheet", "owner", "due_date", "status")
    list_filter = ("status",)
    raw_id_fields = ("sheet", "owner")

    def scope(self, request, queryset):
        return queryset.filter(pk__in=plans_visible_to(request.user).values("pk"))
