"""Forms for HR: the employee record and its personnel file. Rules live in the models and services."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import roles
from core.access import require_department_scope
from core.forms import DATE, submit_helper
from core.pickers import PickerSource
from core.validators import id_number_birth_date, validate_document_upload, validate_id_number
from core.widgets import CompactModelChoiceField, PickerField
from org.forms import POSITIONS
from org.models import Department, Position

from . import policies
from .models import (
    EMPLOYEE_RECORD_FIELDS,
    DocumentKind,
    Employee,
    EmployeeStatus,
    JobChangeKind,
    LabourContract,
    ProtectedPeriod,
)
from .selectors import employees_visible_to

INDENT = "\u3000"  # an ideographic space per tree level


def pickable_users(user):
    """Active logins the user may choose: every one for company-wide roles, else those of the people in scope."""
    users = get_user_model().objects.filter(is_active=True)
    if user.sees_all_departments:
        return users
    return users.filter(Q(employee__in=employees_visible_to(user)) | Q(pk=user.pk))


# People picked by search (core.pickers): the user's scope, by number or name; 403 for users without a scope.
EMPLOYEES = PickerSource(
    url_name="employees:pick_employees",
    rows=employees_visible_to,
    check=require_department_scope,
    search_fields=("number", "name", "phone"),
    pinyin="",
    label=lambda e: f"{e.number} {e.name} · {e.department.name}",
    ordering=("number",),
    select_related=("department",),
    filters={"active": lambda qs: qs.active()},
    keys=("pk", "number"),
    placeholder=_("Type a name, pinyin, employee number or phone…"),
)
USERS = PickerSource(
    url_name="employees:pick_users",
    rows=pickable_users,
    check=require_department_scope,
    search_fields=("username", "first_name", "last_name", "employee__name", "employee__number"),
    pinyin="employee__",
    label=lambda u: f"{u} ({u.username})" if str(u) != u.username else u.username,
    ordering=("username",),
    filters={"hr": lambda qs: qs.filter(groups__name__in=roles.HR_ROLES).distinct()},
    keys=("pk", "username"),
    placeholder=_("Type a name or user name…"),
)


class DepartmentChoiceField(CompactModelChoiceField):
    """Departments in tree order, indented by depth (options from one values_list query, see core.widgets)."""

    label_fields = ("depth", "code", "name")

    def label_from_values(self, depth, code, name):
        return f"{INDENT * depth}{code} {name}"

    def label_from_instance(self, obj):
        return self.label_from_values(obj.depth, obj.code, obj.name)


class PositionPickerField(PickerField):
    """A position picked by search, for a filter that passes only the field's options (django-filter)."""

    def __init__(self, **kwargs):
        super().__init__(POSITIONS, **kwargs)


class EmployeeNumberField(PickerField):
    """A current employee picked by search (name or number); the form submits the employee number."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Employee.objects.active())
        kwargs.setdefault("to_field_name", "number")
        kwargs.setdefault("error_messages", {"invalid_choice": _("No current employee has this number.")})
        super().__init__(EMPLOYEES, only=("active",), **kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return Employee.objects.filter(pk=value).values_list("number", flat=True).first() or ""
        return super().prepare_value(value)


def department_field(**kwargs) -> DepartmentChoiceField:
    return DepartmentChoiceField(
        queryset=Department.objects.filter(is_active=True).order_by("path"), label=_("Department"), **kwargs
    )


def position_field(**kwargs) -> PickerField:
    return PickerField(
        POSITIONS, only=("active",), queryset=Position.objects.filter(is_active=True), label=_("Position"), **kwargs
    )


class EmployeeForm(forms.ModelForm):
    """Create (all fields) or edit an employee. On edit, salary and post change through their own flows, and the
    ID number is editable only by users cleared for secret HR data."""

    department = department_field()
    position = position_field(forward={"department": "department"})
    manager = EmployeeNumberField(required=False, label=_("Manager (employee number)"))
    user = PickerField(
        USERS,
        queryset=get_user_model().objects.filter(is_active=True),
        to_field_name="username",
        required=False,
        label=_("Login account (user name)"),
        error_messages={"invalid_choice": _("No active login account has this user name.")},
    )

    class Meta:
        model = Employee
        fields = [
            "number",
            "name",
            "gender",
            "id_number",
            "birth_date",
            *EMPLOYEE_RECORD_FIELDS,
            "user",
            "base_salary",
        ]
        widgets = {
            "birth_date": DATE,
            "hire_date": DATE,
            "separated_on": DATE,
            "dispatch_start": DATE,
            "dispatch_end": DATE,
        }
        help_texts = {"number": _("Leave blank to number automatically.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        editing = self.instance.pk is not None
        # The pickers offer the user's scope only (core.pickers).
        self.fields["manager"].queryset = employees_visible_to(user).active()
        self.fields["user"].queryset = pickable_users(user)
        if "position" in self.fields:
            self.fields["position"].queryset = POSITIONS.rows(user).filter(is_active=True)
        self.fields["number"].required = False
        self.fields["birth_date"].required = False
        self.fields["birth_date"].help_text = _("Taken from the ID number when left blank.")
        if editing:
            for name in ("number", "department", "position", "base_salary"):
                del self.fields[name]
            if not user.sees_secret_hr_data:
                del self.fields["id_number"]
            if self.instance.user_id:
                self.initial["user"] = self.instance.user.username
        # Separation is offboarding's: its case sets the status and the separation date on the last day.
        del self.fields["separated_on"]
        self.fields["status"].choices = [c for c in self.fields["status"].choices if c[0] != EmployeeStatus.SEPARATED]
        self.helper = submit_helper(_("Save"))

    def clean_id_number(self):
        value = (self.cleaned_data.get("id_number") or "").strip().upper()
        validate_id_number(value)
        return value

    def clean(self):
        data = super().clean()
        if "birth_date" in self.fields and not data.get("birth_date"):
            if data.get("id_number"):
                data["birth_date"] = id_number_birth_date(data["id_number"])
                self.instance.birth_date = data["birth_date"]
            elif "id_number" not in self.errors:
                self.add_error("birth_date", _("This field is required."))
        return data


class LabourContractForm(forms.ModelForm):
    class Meta:
        model = LabourContract
        fields = ["number", "contract_type", "start_date", "end_date", "probation_months", "signed_on", "renews"]
        widgets = {"start_date": DATE, "end_date": DATE, "signed_on": DATE}

    def __init__(self, *args, employee: Employee, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.instance.employee = employee
        self.fields["renews"].queryset = employee.contracts.all()
        self.helper = submit_helper(_("Save contract"))

    def clean_renews(self):
        """Only a contract the user may renew (not open-ended, not renewed or ended already): said on the field."""
        renews = self.cleaned_data.get("renews")
        if renews is not None:
            verdict = policies.can_renew_contract(self.user, renews)
            if not verdict:
                raise forms.ValidationError(verdict.reason, code=verdict.code)
        return renews


class ContractSignForm(forms.Form):
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE, initial=timezone.localdate)


class ProtectedPeriodForm(forms.ModelForm):
    """A situation of LCL art. 42 (the contract is not left to expire while it lasts)."""

    class Meta:
        model = ProtectedPeriod
        fields = ["reason", "start_date", "end_date", "note"]
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save"))


class DocumentUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=_("File"),
        validators=[validate_document_upload],
        help_text=_("PDF, JPG or PNG."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Upload"))


class SalaryChangeForm(forms.Form):
    new_salary = forms.DecimalField(
        label=_("New salary (monthly, yuan)"), max_digits=10, decimal_places=2, min_value=0.01
    )
    effective_date = forms.DateField(label=_("Effective date"), widget=DATE, initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Record salary change"))


class JobChangeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=JobChangeKind.choices)
    effective_date = forms.DateField(label=_("Effective date"), widget=DATE, initial=timezone.localdate)
    to_department = department_field()
    to_position = position_field(forward={"department": "to_department"})
    reason = forms.CharField(label=_("Reason"), max_length=300)
    new_salary = forms.DecimalField(
        label=_("New salary (monthly, yuan)"),
        max_digits=10,
        decimal_places=2,
        min_value=0.01,
        required=False,
        help_text=_("Leave blank when the salary does not change; a change prints a 调薪单 when it takes effect."),
    )
    comment = forms.CharField(
        label=_("Comment for the approvers"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user, salary: bool = True, **kwargs):
        """salary: whether the user may propose a salary (secret); without clearance the field is left out."""
        super().__init__(*args, **kwargs)
        self.fields["to_department"].label = _("To department")
        self.fields["to_position"].label = _("To position")
        self.fields["to_position"].queryset = POSITIONS.rows(user).filter(is_active=True)
        if not salary:
            del self.fields["new_salary"]
        self.helper = submit_helper(_("Submit for approval"))

    def clean(self):
        data = super().clean()
        dept, pos = data.get("to_department"), data.get("to_position")
        if dept and pos and pos.department_id != dept.pk:
            self.add_error("to_position", _("The position belongs to another department."))
        return data
