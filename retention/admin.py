from django.contrib import admin

from . import policies
from .models import RetentionConfirmation, RetentionPolicy


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(admin.ModelAdmin):
    """The retention table: administrators change the periods; the record types come with the system."""

    list_display = ("name", "months", "counted_from", "action_label", "basis", "updated_at")
    fields = ("record_type", "name", "months", "counted_from", "basis")
    readonly_fields = ("record_type",)

    @admin.display(description=RetentionConfirmation._meta.get_field("action").verbose_name)
    def action_label(self, obj):
        return obj.get_action_display()

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return bool(policies.can_edit_table(request.user))

    def has_view_permission(self, request, obj=None):
        return request.user.is_staff

    def has_module_permission(self, request):
        return request.user.is_staff


@admin.register(RetentionConfirmation)
class RetentionConfirmationAdmin(admin.ModelAdmin):
    list_display = ("record_type", "action", "count", "confirmed_by", "confirmed_at")
    list_filter = ("record_type",)
    list_select_related = ("confirmed_by",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_staff

    def has_module_permission(self, request):
        return request.user.is_staff
