"""Logins in the Django admin (superusers): the same rules as the login pages — accounts.policies decides whether
a login's roles, clearance and state may be changed by this admin user (not their own, not above their rank)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from . import policies
from .models import User

ACCESS_FIELDS = ("is_active", "is_staff", "is_superuser", "groups", "user_permissions", "clearance")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "first_name", "last_name", "email", "clearance", "is_active", "is_superuser")
    list_filter = ("is_active", "is_superuser", "clearance", "groups")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("HR system"), {"fields": ("clearance", "must_change_password", "language")}),
    )

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if obj is not None and not policies.can_change_access(request.user, obj):
            return (*readonly, *ACCESS_FIELDS)
        return readonly
