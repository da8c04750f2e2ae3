"""The admin keeps to the pages' rules for staff who are not superusers: the rows their pages show (the app's scoped
selectors) and no secret field unless they are cleared for secret HR data (spec 01/08)."""

from django.contrib import admin


class ScopedAdminMixin:
    """For a ModelAdmin: `scope(request, queryset)` narrows the rows; `secret_fields` are left out of the form, the
    list and the search for readers without clearance."""

    secret_fields: tuple[str, ...] = ()

    def scope(self, request, queryset):
        return queryset

    def _hides_secrets(self, request) -> bool:
        return not request.user.is_superuser and not request.user.sees_secret_hr_data

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else self.scope(request, queryset)

    def get_exclude(self, request, obj=None):
        excluded = list(super().get_exclude(request, obj) or ())
        return [*excluded, *self.secret_fields] if self._hides_secrets(request) else excluded or None

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return [f for f in fields if f not in self.secret_fields] if self._hides_secrets(request) else fields

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return [f for f in readonly if f not in self.secret_fields] if self._hides_secrets(request) else readonly

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        return [f for f in shown if f not in self.secret_fields] if self._hides_secrets(request) else shown

    def get_search_fields(self, request):
        fields = super().get_search_fields(request)
        if not self._hides_secrets(request):
            return fields
        return [f for f in fields if f.lstrip("=^@").split("__")[-1] not in self.secret_fields]


__all__ = ["ScopedAdminMixin", "admin"]


class ReadOnlyScopedAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Records whose states change only through their services (which run the rules): the admin shows the rows the
    reader's pages show and nothing more — no add, change or delete, not even for a superuser."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
