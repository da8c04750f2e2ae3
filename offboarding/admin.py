"""Admin: the handover template and the post-employment terms are edited here (the terms through their model
clean, like the page); cases and everything recorded on them are read-only — their states change only through
the services, which run the labour-law checks."""

from django.contrib import admin

from core.admin import ReadOnlyScopedAdmin, ScopedAdminMixin

from .models import CaseEvent, ExitInterview, HandoverItem, HandoverTemplateItem, PostEmploymentTerms, SeparationCase
from .selectors import cases_visible_to


@admin.register(HandoverTemplateItem)
class HandoverTemplateItemAdmin(admin.ModelAdmin):
    list_display = ("title", "party", "mandatory", "order", "is_active")
    list_filter = ("party", "is_active")
    list_editable = ("mandatory", "order", "is_active")


@admin.register(PostEmploymentTerms)
class PostEmploymentTermsAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("employee", "secrecy_notice_months", "noncompete", "noncompete_months", "agreed_on")
    raw_id_fields = ("employee",)
    secret_fields = ("noncompete_monthly_compensation",)

    def scope(self, request, queryset):
        return (
            queryset.filter(employee__in=cases_visible_to(request.user).values("employee"))
            if not (request.user.is_hr)
            else queryset
        )


@admin.register(SeparationCase)
class SeparationCaseAdmin(ReadOnlyScopedAdmin):
    list_display = ("employee", "separation_type", "status", "notice_on", "last_day")
    list_filter = ("separation_type", "status")
    search_fields = ("employee__name", "employee__number")
    secret_fields = ("monthly_wage", "compensation_amount", "compensation_months")

    def scope(self, request, queryset):
        return queryset.filter(pk__in=cases_visible_to(request.user).values("pk"))


@admin.register(HandoverItem)
class HandoverItemAdmin(ReadOnlyScopedAdmin):
    list_display = ("case", "party", "title", "mandatory", "done_at", "done_by")
    list_filter = ("party",)

    def scope(self, request, queryset):
        return queryset.filter(case__in=cases_visible_to(request.user).values("pk"))


@admin.register(ExitInterview)
class ExitInterviewAdmin(ReadOnlyScopedAdmin):
    list_display = ("case", "held_on", "main_reason", "would_rejoin")

    def scope(self, request, queryset):
        return queryset.filter(case__in=cases_visible_to(request.user).values("pk"))


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyScopedAdmin):
    list_display = ("case", "action", "by", "at")

    def scope(self, request, queryset):
        return queryset.filter(case__in=cases_visible_to(request.user).values("pk"))
