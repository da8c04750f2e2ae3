"""The audit trail in the admin site: read-only for everyone (no add, change or delete, not even as a cascade from
another admin page), and an export mixin that writes the ACCESS entry of every admin export."""

from auditlog.admin import LogEntryAdmin as AuditlogLogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin

from .policies import can_view_trail
from .services import Access, access_log


class LogEntryAdmin(AuditlogLogEntryAdmin):
    # The trail is read by the HR manager and auditors (audit.policies), not by any staff user given the permission.
    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or bool(can_view_trail(request.user))

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    # django-auditlog lets another admin page delete entries as a cascade (its `delete_related`); here never.
    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


admin.site.unregister(LogEntry)
admin.site.register(LogEntry, LogEntryAdmin)


class ExportAccessLogMixin:
    """For an ExportMixin admin of secret data: each export is an ACCESS entry (who, how many rows, which columns)."""

    def get_data_for_export(self, request, queryset, **kwargs):
        data = super().get_data_for_export(request, queryset, **kwargs)
        access_log(
            by=request.user,
            access=Access.EXPORT,
            model=self.model,
            count=len(data),
            detail=", ".join(data.headers or []),
        )
        return data
