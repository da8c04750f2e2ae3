"""Admin of oversight: read-only for staff (states change only through the services), every changelist scoped by
the same selectors as the pages, so a classified meeting beyond the reader's clearance is not there either."""

from django.contrib import admin

from core.admin import ScopedAdminMixin

from . import policies
from .models import (
    Attendee,
    CorrectiveAction,
    Handout,
    Incident,
    Inspection,
    Medium,
    MediumLoan,
    Meeting,
    Responsibility,
    Reward,
    VenueCheck,
)
from .selectors import incidents_visible_to, inspections_visible_to, media_visible_to, meetings_visible_to


class ReadOnlyAdmin(ScopedAdminMixin, admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return policies.can_change_in_admin(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return policies.can_change_in_admin(request.user, obj)


class MeetingScoped(ReadOnlyAdmin):
    def scope(self, request, queryset):
        return queryset.filter(meeting__in=meetings_visible_to(request.user))


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("number", "title", "level", "starts_at", "organiser", "status")
    list_filter = ("status", "level")
    search_fields = ("number", "title")
    list_select_related = ("organiser",)

    def scope(self, request, queryset):
        return queryset.filter(pk__in=meetings_visible_to(request.user).values("pk"))


@admin.register(Attendee)
class AttendeeAdmin(MeetingScoped):
    list_display = ("meeting", "user", "invited_at")
    list_select_related = ("meeting", "user")


@admin.register(VenueCheck)
class VenueCheckAdmin(MeetingScoped):
    list_display = ("meeting", "stage", "passed", "checked_by", "checked_at")
    list_select_related = ("meeting", "checked_by")


@admin.register(Handout)
class HandoutAdmin(MeetingScoped):
    list_display = ("meeting", "number", "recipient", "issued_at", "collected_at")
    list_select_related = ("meeting", "recipient")


@admin.register(Incident)
class IncidentAdmin(ReadOnlyAdmin):
    list_display = ("number", "status", "found_on", "reported_by", "reported_at")
    list_filter = ("status",)
    search_fields = ("number",)
    list_select_related = ("reported_by",)

    def scope(self, request, queryset):
        return queryset.filter(pk__in=incidents_visible_to(request.user).values("pk"))


class IncidentScoped(ReadOnlyAdmin):
    list_select_related = ("incident", "person")

    def scope(self, request, queryset):
        return queryset.filter(incident__in=incidents_visible_to(request.user))


@admin.register(Responsibility)
class ResponsibilityAdmin(IncidentScoped):
    list_display = ("incident", "person", "severity", "warning", "penalty", "dismissal")


@admin.register(Reward)
class RewardAdmin(IncidentScoped):
    list_display = ("incident", "person", "amount", "decided_on")


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ("planned_on", "kind", "holiday", "status", "done_on")
    list_filter = ("status", "kind")

    def scope(self, request, queryset):
        return queryset.filter(pk__in=inspections_visible_to(request.user).values("pk"))


@admin.register(CorrectiveAction)
class CorrectiveActionAdmin(ReadOnlyAdmin):
    list_display = ("inspection", "owner", "due_on", "closed_on")
    list_select_related = ("inspection", "owner")

    def scope(self, request, queryset):
        return queryset.filter(inspection__in=inspections_visible_to(request.user))


@admin.register(Medium)
class MediumAdmin(ReadOnlyAdmin):
    list_display = ("serial", "kind", "level", "department", "custodian", "status")
    list_filter = ("status", "kind", "level")
    search_fields = ("serial",)
    list_select_related = ("department", "custodian")

    def scope(self, request, queryset):
        return queryset.filter(pk__in=media_visible_to(request.user).values("pk"))


@admin.register(MediumLoan)
class MediumLoanAdmin(ReadOnlyAdmin):
    list_display = ("medium", "holder", "issued_at", "due_back", "returned_at")
    list_select_related = ("medium", "holder")

    def scope(self, request, queryset):
        return queryset.filter(medium__in=media_visible_to(request.user))
