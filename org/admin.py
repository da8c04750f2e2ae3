"""Admin for the organisation. Departments and positions import/export by code; non-superusers see their scope."""

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from core.spreadsheets import SpreadsheetAdminMixin
from imports.admin import ImportLimitsAdminMixin

from . import policies, services
from .forms import JobDescriptionForm
from .models import Company, Department, JobDescription, Position
from .resources import DepartmentResource, PositionResource
from .selectors import scope_department_ids


class UserResourceKwargsMixin(ImportLimitsAdminMixin, SpreadsheetAdminMixin):
    """Import needs add and change permission, export view permission; the resources get the requesting user,
    to apply scope and secrecy per user; unreadable files are answered in words; files within the import limits,
    too big ones sent to the HR import page (imports/)."""

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {**super().get_resource_kwargs(request, *args, **kwargs), "user": request.user}

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "form_prefix", "doc_version"]

    def has_add_permission(self, request):
        # One company (legal entity).
        return super().has_add_permission(request) and not Company.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Department)
class DepartmentAdmin(UserResourceKwargsMixin, ImportExportModelAdmin):
    resource_classes = [DepartmentResource]
    list_display = ["code", "name", "parent", "head", "manager", "is_active", "depth"]
    list_filter = ["is_active", "depth"]
    search_fields = ["code", "name"]
    list_select_related = ["parent", "head", "manager"]
    autocomplete_fields = ["parent", "head", "manager"]
    ordering = ["path"]

    def get_queryset(self, request):
        ids = scope_department_ids(request.user)
        qs = super().get_queryset(request)
        return qs if ids is None or request.user.is_superuser else qs.filter(pk__in=ids)

    def save_model(self, request, obj, form, change):
        """Through the services: the tree path of the department and a moved subtree stay right."""
        fields = {name: form.cleaned_data[name] for name in form.cleaned_data}
        if change:
            services.department_update(department=Department.objects.get(pk=obj.pk), **fields)
        else:
            obj.pk = services.department_create(**fields).pk

    def has_delete_permission(self, request, obj=None):
        # Close a department (active off); deleting would lose its history.
        return False


@admin.register(Position)
class PositionAdmin(UserResourceKwargsMixin, ImportExportModelAdmin):
    resource_classes = [PositionResource]
    list_display = [
        "code",
        "title",
        "department",
        "category",
        "authorised_headcount",
        "is_special",
        "is_key",
        "is_active",
    ]
    list_filter = ["category", "is_special", "is_key", "is_quality_relevant", "is_active"]
    search_fields = ["code", "title", "department__name", "department__code"]
    list_select_related = ["department"]
    autocomplete_fields = ["department"]

    def get_queryset(self, request):
        # R&D decides special posts company-wide, so it sees every post (as on the positions pages).
        ids = scope_department_ids(request.user)
        qs = super().get_queryset(request)
        if ids is None or request.user.is_superuser or policies.can_set_special_post(request.user):
            return qs
        return qs.filter(department_id__in=ids)

    def get_readonly_fields(self, request, obj=None):
        """The authorised headcount and the special-post designation are decided by their owners (org.policies)."""
        readonly = list(super().get_readonly_fields(request, obj))
        if not policies.can_change_authorised_headcount(request.user):
            readonly.append("authorised_headcount")
        if not policies.can_set_special_post(request.user):
            readonly += ["is_special", "special_basis", "special_basis_note"]
        if obj is not None and not obj.is_active and not services.has_approved_job_description(obj):
            # Activated by the approval of its first job description, not here.
            readonly.append("is_active")
        return readonly

    def has_add_permission(self, request):
        # A new position is created with its job description and approved (HR manager → GM) on the positions page.
        return False

    def save_model(self, request, obj, form, change):
        """Through the service, which asks the same policies and validates as every other path."""
        fields = {name: form.cleaned_data[name] for name in form.cleaned_data}
        services.position_update(position=obj, by=request.user, **fields)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class DraftJobDescriptionForm(JobDescriptionForm):
    """The position page's form (the duties rule on the form) without its note to the approvers."""

    comment = None


@admin.register(JobDescription)
class JobDescriptionAdmin(admin.ModelAdmin):
    form = DraftJobDescriptionForm
    list_display = ["position", "version", "status", "created_by", "created_at", "approved_at"]
    list_filter = ["status"]
    search_fields = ["position__code", "position__title"]
    list_select_related = ["position", "created_by"]
    autocomplete_fields = ["position"]
    # Versions are written on the position page and approved through the engine: an approved (or pending, or
    # rejected) version is the record of what was approved (or asked) and never changes (org.policies); only a
    # draft's text is editable here, saved through the service.
    readonly_fields = ["position", "version", "status", "approved_at", "created_by", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is None or not policies.can_edit_job_description_version(request.user, obj):
            readonly += list(services.JD_FIELDS)
        return readonly

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        """A draft through the service: the same duties rule and validation as on the position page."""
        fields = {name: form.cleaned_data[name] for name in services.JD_FIELDS if name in form.cleaned_data}
        services.job_description_draft_update(jd=obj, by=request.user, **fields)

    def get_queryset(self, request):
        ids = scope_department_ids(request.user)
        qs = super().get_queryset(request)
        return qs if ids is None or request.user.is_superuser else qs.filter(position__department_id__in=ids)

    def has_delete_permission(self, request, obj=None):
        return False
