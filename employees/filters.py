"""The employee list's filters (django-filter). Choices are limited to what the user may see."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DATE
from org.models import Department
from org.selectors import departments_visible_to, positions_visible_to

from .forms import DepartmentChoiceField, PositionPickerField
from .labour_law import written_contract_overdue_before
from .models import EmployeeStatus, EmploymentType
from .selectors import without_signed_contract


class DepartmentFilter(django_filters.ModelChoiceFilter):
    field_class = DepartmentChoiceField


class PositionFilter(django_filters.ModelChoiceFilter):
    field_class = PositionPickerField


CONTRACT_FILTER_CHOICES = [
    ("pending", _("Missing or not signed")),
    ("overdue", _("Missing or not signed after the one-month deadline")),
]
ACTIVE = "active"


class EmployeeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    department = DepartmentFilter(
        queryset=Department.objects.none(), method="in_subtree", label=_("Department (with its sections)")
    )
    position = PositionFilter(queryset=None, label=_("Position"))
    status = django_filters.ChoiceFilter(
        choices=[(ACTIVE, _("Active (not separated)")), *EmployeeStatus.choices], method="by_status", label=_("Status")
    )
    employment_type = django_filters.ChoiceFilter(choices=EmploymentType.choices, label=_("Employment type"))
    contract = django_filters.ChoiceFilter(
        choices=CONTRACT_FILTER_CHOICES, method="by_contract", label=_("Labour contract")
    )
    hired_from = django_filters.DateFilter(
        field_name="hire_date", lookup_expr="gte", label=_("Hired from"), widget=DATE
    )
    hired_to = django_filters.DateFilter(field_name="hire_date", lookup_expr="lte", label=_("Hired to"), widget=DATE)
    ordering = django_filters.OrderingFilter(
        fields=(
            ("number", "number"),
            ("name", "name"),
            ("department__path", "department"),
            ("position__title", "position"),
            ("hire_date", "hire_date"),
            ("status", "status"),
        ),
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not user.sees_secret_hr_data:
            # Contract data is secret: the filter exists only for those who may see it.
            del self.filters["contract"]
        self.filters["department"].queryset = departments_visible_to(user).order_by("path")
        self.filters["position"].queryset = (
            positions_visible_to(user).select_related("department").order_by("department__path", "code")
        )

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(number__icontains=value) | Q(phone__icontains=value))

    def by_status(self, queryset, name, value):
        return queryset.active() if value == ACTIVE else queryset.filter(status=value)

    def in_subtree(self, queryset, name, department):
        return queryset.filter(department__path__startswith=department.path)

    def by_contract(self, queryset, name, value):
        """People who need a written labour contract and have none signed (LCL arts. 10, 82); "overdue": past
        the deadline of one calendar month from the start."""
        if value not in ("pending", "overdue"):
            return queryset
        pending = without_signed_contract(queryset)
        if value == "overdue":
            pending = pending.filter(hire_date__lt=written_contract_overdue_before(timezone.localdate()))
        return pending
