"""Job change pages (员工变动): HR submits one for approval, sees it and its chain, edits it after a return.

The employee is fetched through the scoped selector (out of scope → 404); the policies answer who may act (403).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from approvals.selectors import chain_for, latest_request_for
from core.forms import apply_errors

from . import jobchange_services as services
from . import policies
from .forms import JobChangeForm
from .models import JobChange
from .selectors import employees_visible_to, job_changes_visible_to


def _employee(user, pk):
    return get_object_or_404(employees_visible_to(user).select_related("department", "position"), pk=pk)


def _change(user, pk, change_pk) -> JobChange:
    employee = _employee(user, pk)
    return get_object_or_404(
        job_changes_visible_to(user, employee).select_related(
            "employee", "from_department", "from_position", "to_department", "to_position", "created_by"
        ),
        pk=change_pk,
    )


def job_change_create(request, pk):
    employee = _employee(request.user, pk)
    policies.can_submit_job_change(request.user, employee).enforce()
    salary = bool(policies.can_change_salary(request.user))
    form = JobChangeForm(request.POST or None, user=request.user, salary=salary)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.job_change_submit(employee=employee, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Job change submitted for approval."))
            return redirect(change)
    return render(request, "employees/jobchange_form.html", {"form": form, "employee": employee, "change": None})


def job_change_detail(request, pk, change_pk):
    change = _change(request.user, pk, change_pk)
    request_ = latest_request_for(change)
    return render(
        request,
        "employees/jobchange_detail.html",
        {
            "change": change,
            "employee": change.employee,
            "chain": chain_for(change),
            "approval_request": request_,
            "sees_salary": bool(policies.can_see_salary(request.user)),
            "can_edit": bool(policies.can_edit_job_change(request.user, change)),
        },
    )


def job_change_edit(request, pk, change_pk):
    change = _change(request.user, pk, change_pk)
    policies.can_edit_job_change(request.user, change).enforce()
    salary = bool(policies.can_change_salary(request.user))
    initial = {
        "kind": change.kind,
        "effective_date": change.effective_date,
        "to_department": change.to_department,
        "to_position": change.to_position,
        "reason": change.reason,
        "new_salary": change.new_salary,
    }
    form = JobChangeForm(request.POST or None, initial=initial, user=request.user, salary=salary)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if not salary:
            # Without clearance the proposed salary is neither shown nor changed.
            data["new_salary"] = change.new_salary
        try:
            change = services.job_change_update(change=change, by=request.user, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Job change sent again for approval."))
            return redirect(change)
    return render(
        request, "employees/jobchange_form.html", {"form": form, "employee": change.employee, "change": change}
    )
