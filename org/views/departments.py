"""Department pages: the tree with headcount, one department with its sections and positions, HR create/edit.
Reads go through the scoped selectors (out of scope → 404); writes through org.services."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from core.access import require_department_scope, require_hr
from core.forms import apply_errors, submit_helper
from employees.forms import EMPLOYEES, DepartmentChoiceField, EmployeeNumberField
from employees.models import EmployeeStatus
from printing.render import pdf_response, render_pdf

from .. import services
from ..chart import org_chart as org_chart_nodes
from ..models import Department, Position
from ..selectors import departments_visible_to

ORG_CHART_TITLE = "组织架构图"

ACTIVE_EMPLOYEES = ~Q(employees__status=EmployeeStatus.SEPARATED)


class DepartmentForm(forms.ModelForm):
    parent = DepartmentChoiceField(
        queryset=Department.objects.order_by("path"), required=False, label=gettext_lazy("Parent department")
    )
    head = EmployeeNumberField(required=False, label=gettext_lazy("Head (部门主管), employee number"))
    manager = EmployeeNumberField(required=False, label=gettext_lazy("Manager (部门经理), employee number"))

    class Meta:
        model = Department
        fields = ["code", "name", "parent", "head", "manager", "is_active", "sort_order"]
        help_texts = {"is_active": gettext_lazy("Close a department by clearing this; nothing is deleted.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["head"].queryset = self.fields["manager"].queryset = EMPLOYEES.rows(user).active()
        if self.instance.pk:
            # Not below itself: its own subtree is not offered (the service refuses it too).
            self.fields["parent"].queryset = Department.objects.exclude(path__startswith=self.instance.path).order_by(
                "path"
            )
        self.helper = submit_helper(_("Save"))


def department_list(request):
    require_department_scope(request.user)
    departments = list(
        departments_visible_to(request.user)
        .select_related("head", "manager")
        .annotate(headcount=Count("employees", filter=ACTIVE_EMPLOYEES))
        .order_by("path")
    )
    # Headcount including sections: sum over the subtree, from the rows already loaded.
    for dept in departments:
        dept.subtree_headcount = sum(d.headcount for d in departments if d.path.startswith(dept.path))
    return render(request, "org/department_list.html", {"departments": departments})


def department_detail(request, pk):
    require_department_scope(request.user)
    visible = departments_visible_to(request.user)
    department = get_object_or_404(visible.select_related("head", "manager", "parent"), pk=pk)
    sections = (
        visible.filter(parent=department)
        .select_related("head", "manager")
        .annotate(headcount=Count("employees", filter=ACTIVE_EMPLOYEES))
        .order_by("sort_order", "code")
    )
    positions = (
        Position.objects.filter(department=department).with_headcount().with_open_requisitions().order_by("code")
    )
    headcount = department.employees.exclude(status=EmployeeStatus.SEPARATED).count()
    return render(
        request,
        "org/department_detail.html",
        {"department": department, "sections": sections, "positions": positions, "headcount": headcount},
    )


def department_create(request):
    require_hr(request.user)
    form = DepartmentForm(request.POST or None, initial={"parent": request.GET.get("parent")}, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            department = services.department_create(**form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Department %(name)s created.") % {"name": department.name})
            return redirect(department)
    return render(request, "org/department_form.html", {"form": form, "department": None})


def department_edit(request, pk):
    require_hr(request.user)
    department = get_object_or_404(Department, pk=pk)
    form = DepartmentForm(request.POST or None, instance=department, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.department_update(department=Department.objects.get(pk=pk), **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(department)
    return render(request, "org/department_form.html", {"form": form, "department": department})


@require_GET
def org_chart(request):
    require_department_scope(request.user)
    return render(request, "org/org_chart.html", {"nodes": org_chart_nodes(request.user)})


@require_GET
def org_chart_pdf(request):
    require_department_scope(request.user)
    pdf = render_pdf(
        template="org/pdf/org_chart.html",
        context={"nodes": org_chart_nodes(request.user)},
        title=ORG_CHART_TITLE,
        form_number="OC",
        request=request,
    )
    return pdf_response(pdf, f"{ORG_CHART_TITLE}.pdf")
