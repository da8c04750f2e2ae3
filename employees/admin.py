"""Admin for people. Non-superusers see only their scope; secret fields and records need secret clearance;
employees are never deleted; the history rows (salary, job changes) are read-only here. The admin cannot
bypass the rules: what may be changed is what `policies` allows (a separated employee's record is read-only),
fields with a flow of their own (salary, post, status, the decision not to renew) are read-only, and every
save runs the models' validation (`full_clean`), imports included."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from audit.admin import ExportAccessLogMixin
from core.security import MASK, mask_id_number
from org.admin import UserResourceKwargsMixin

from . import policies
from .models import Employee, JobChange, LabourContract, PersonnelDocument, ProtectedPeriod, SalaryChange
from .resources import EmployeeResource, LabourContractResource
from .selectors import employees_visible_to

SECRET_FIELDS = ("id_number", "base_salary")
# Changed only through their own flows on the employee page and in the processes: the number is the key, the
# salary a 调薪单, the post a job change, the status onboarding, probation and separation.
OWN_FLOW_FIELDS = ("number", "department", "position", "status", "separated_on")


class ScopedEmployeeDataAdmin(admin.ModelAdmin):
    """Rows of employees' data: scoped to the employees the user may see; delete is off (history is kept)."""

    employee_lookup = "employee"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{f"{self.employee_lookup}__in": employees_visible_to(request.user)})

    def has_delete_permission(self, request, obj=None):
        return False


class SecretEmployeeDataAdmin(ScopedEmployeeDataAdmin):
    """Contracts, personnel files and salary are secret (秘密): only for users cleared for secret HR data."""

    def _cleared(self, request) -> bool:
        return request.user.is_authenticated and request.user.sees_secret_hr_data

    def has_module_permission(self, request):
        return self._cleared(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._cleared(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return self._cleared(request) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._cleared(request) and super().has_change_permission(request, obj)


class AddAskingPolicy:
    """An admin whose add form asks `add_policy(user, employee)` for the chosen employee (e.g. no new contract for
    a separated employee): the refusal is the form's error, as on the employee page."""

    add_policy = None

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            return form
        policy, user = type(self).add_policy, request.user

        def clean(self):
            data = form.clean(self)
            employee = data.get("employee")
            verdict = policy(user, employee) if employee is not None else None
            if verdict is not None and not verdict:
                raise ValidationError(verdict.reason, code=verdict.code)
            return data

        # A class made for this request by ModelAdmin.get_form: nothing shared is changed.
        return type(form.__name__, (form,), {"clean": clean})


@admin.register(Employee)
class EmployeeAdmin(ExportAccessLogMixin, UserResourceKwargsMixin, ImportExportModelAdmin):
    resource_classes = [EmployeeResource]
    list_display = ["number", "name", "department", "position", "employment_type", "status", "hire_date"]
    list_filter = ["status", "employment_type", "gender", "education", "department"]
    search_fields = ["number", "name", "phone", "email"]
    list_select_related = ["department", "position"]
    autocomplete_fields = ["department", "position", "manager"]
    raw_id_fields = ["user"]
    date_hierarchy = "hire_date"
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if request.user.is_superuser else qs & employees_visible_to(request.user)

    def get_exclude(self, request, obj=None):
        if request.user.sees_secret_hr_data:
            return super().get_exclude(request, obj)
        return SECRET_FIELDS

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            readonly += OWN_FLOW_FIELDS
            if request.user.sees_secret_hr_data:
                readonly.append("base_salary")
            else:
                readonly += ["masked_id_number", "masked_base_salary"]
        return readonly

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or bool(policies.can_edit_employee(request.user, obj))

    @admin.display(description=_("ID number (居民身份证号)"))
    def masked_id_number(self, obj):
        return mask_id_number(obj.id_number)

    @admin.display(description=_("base salary (monthly, yuan)"))
    def masked_base_salary(self, obj):
        return MASK if obj.base_salary is not None else ""

    def has_add_permission(self, request):
        # A new employee has an ID number, which only cleared users may enter here.
        return request.user.sees_secret_hr_data and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        # Employees are never hard-deleted (spec 01).
        return False

    def has_import_permission(self, request):
        return request.user.sees_secret_hr_data and super().has_import_permission(request)


@admin.register(LabourContract)
class LabourContractAdmin(
    AddAskingPolicy, ExportAccessLogMixin, UserResourceKwargsMixin, ImportExportModelAdmin, SecretEmployeeDataAdmin
):
    """Contracts are validated by `LabourContract.clean()` on every save here and in the import (art. 19
    probation, no overlap, the signing date); not renewing has its own flow on the employee page (art. 42)."""

    resource_classes = [LabourContractResource]
    add_policy = staticmethod(policies.can_add_contract)
    list_display = ["number", "employee", "contract_type", "start_date", "end_date", "signed_on"]
    list_filter = ["contract_type", ("signed_on", admin.EmptyFieldListFilter)]
    search_fields = ["number", "employee__number", "employee__name"]
    list_select_related = ["employee"]
    autocomplete_fields = ["employee"]
    raw_id_fields = ["renews"]
    date_hierarchy = "start_date"

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "not_renewed_on", "not_renewed_reason"]
        if obj is not None:
            readonly += ["employee", "renews"]
        return readonly

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or bool(policies.can_edit_contract(request.user, obj))


@admin.register(ProtectedPeriod)
class ProtectedPeriodAdmin(AddAskingPolicy, SecretEmployeeDataAdmin):
    add_policy = staticmethod(policies.can_edit_personnel_file)
    list_display = ["employee", "reason", "start_date", "end_date", "created_by"]
    list_filter = ["reason"]
    search_fields = ["employee__number", "employee__name"]
    list_select_related = ["employee", "created_by"]
    autocomplete_fields = ["employee"]
    raw_id_fields = ["created_by"]

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or bool(policies.can_edit_personnel_file(request.user, obj.employee))


@admin.register(PersonnelDocument)
class PersonnelDocumentAdmin(SecretEmployeeDataAdmin):
    """Uploads go through the employee page (content and size checks); here the files are listed and downloaded
    only through the permission-checked view, never by a storage URL."""

    list_display = ["employee", "kind", "original_name", "size", "uploaded_by", "uploaded_at", "download"]
    list_filter = ["kind"]
    search_fields = ["employee__number", "employee__name", "original_name"]
    list_select_related = ["employee", "uploaded_by"]
    exclude = ["file"]
    readonly_fields = ["employee", "original_name", "content_type", "size", "uploaded_by", "uploaded_at", "download"]

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or bool(policies.can_edit_personnel_file(request.user, obj.employee))

    @admin.display(description=_("download"))
    def download(self, obj):
        url = reverse("employees:document_download", args=[obj.employee_id, obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("download"))

    def has_add_permission(self, request):
        return False


@admin.register(SalaryChange)
class SalaryChangeAdmin(SecretEmployeeDataAdmin):
    list_display = ["employee", "effective_date", "previous_salary", "new_salary", "reason", "created_by"]
    search_fields = ["employee__number", "employee__name", "reason"]
    list_select_related = ["employee", "created_by"]
    date_hierarchy = "effective_date"

    # Salary history is entered as a 调薪单 on the employee page, which also updates the current salary.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(JobChange)
class JobChangeAdmin(ScopedEmployeeDataAdmin):
    list_display = ["employee", "kind", "effective_date", "from_department", "to_department", "to_position", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["employee__number", "employee__name", "reason"]
    list_select_related = ["employee", "from_department", "to_department", "to_position"]
    date_hierarchy = "effective_date"

    # A job change goes through its approval and moves the employee on its date; it is entered on the employee page.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
