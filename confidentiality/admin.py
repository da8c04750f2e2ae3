"""Admin: the policy row is edited here; the register is read-only and, for every user (superusers included),
holds only the documents the one rule lets them reach (`documents_visible_to`): a change URL of any other
document answers 404 like the pages."""

from django.contrib import admin

from .models import (
    AccessRequest,
    ConfidentialityEvent,
    Copy,
    Destruction,
    Disclosure,
    Document,
    Grant,
    Handover,
    Issue,
    Policy,
    ReproductionRequest,
)
from .selectors import documents_visible_to, events_visible_to


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ("__str__", "top_secret_files_allowed", "default_loan_days", "max_grant_days")

    def has_add_permission(self, request):
        return not Policy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class RegisterAdmin(admin.ModelAdmin):
    """Read-only, scoped by the one rule whatever the user's flags."""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(document__in=documents_visible_to(request.user))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(RegisterAdmin):
    list_display = ("number", "title", "level", "owning_department", "status", "declassify_on")
    list_filter = ("level", "status")
    search_fields = ("number", "title")
    exclude = ("file",)

    def get_queryset(self, request):
        return documents_visible_to(request.user).select_related("owning_department")


@admin.register(Copy)
class CopyAdmin(RegisterAdmin):
    list_display = ("document", "number", "kind", "status", "holder")
    list_select_related = ("document", "holder")


@admin.register(Issue)
class IssueAdmin(RegisterAdmin):
    list_display = ("document", "copy", "recipient", "issued_at", "return_due", "acknowledged_at", "returned_at")
    list_select_related = ("document", "copy", "recipient")


@admin.register(AccessRequest)
class AccessRequestAdmin(RegisterAdmin):
    list_display = ("__str__", "applicant", "until", "status")


@admin.register(Grant)
class GrantAdmin(RegisterAdmin):
    list_display = ("__str__", "user", "valid_from", "valid_until", "ended_at")


@admin.register(ReproductionRequest)
class ReproductionRequestAdmin(RegisterAdmin):
    list_display = ("__str__", "applicant", "kind", "copies", "status")


@admin.register(Disclosure)
class DisclosureAdmin(RegisterAdmin):
    list_display = ("__str__", "applicant", "recipient_organisation", "status")


@admin.register(Destruction)
class DestructionAdmin(RegisterAdmin):
    list_display = ("__str__", "listed_on", "destroyed_at", "destroyed_by", "witness")


@admin.register(Handover)
class HandoverAdmin(admin.ModelAdmin):
    list_display = ("__str__", "from_keeper", "to_keeper", "from_signed_at", "to_signed_at")
    exclude = ("inventory",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ConfidentialityEvent)
class ConfidentialityEventAdmin(RegisterAdmin):
    list_display = ("at", "kind", "actor", "document", "copy", "person", "detail")
    list_filter = ("kind",)

    def get_queryset(self, request):
        return events_visible_to(request.user)
