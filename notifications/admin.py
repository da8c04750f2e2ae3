from django.contrib import admin

from .models import EmailOptOut, Notification, ReminderDelivery


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written by the system: administrators look, they do not edit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["title", "recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind", ("read_at", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["title", "recipient__username", "recipient__first_name", "recipient__last_name"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["kind", "recipient", "content_type", "object_id", "due_date", "created_at"]
    list_filter = ["kind", "due_date"]
    search_fields = ["recipient__username", "object_id"]
    list_select_related = ["recipient", "content_type"]
    raw_id_fields = ["notification"]


@admin.register(EmailOptOut)
class EmailOptOutAdmin(admin.ModelAdmin):
    list_display = ["user", "kind"]
    list_filter = ["kind"]
    search_fields = ["user__username"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
