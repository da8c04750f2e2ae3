"""Benchmark pages of people (see benchmarks/registry.py for the convention)."""

from django.db import models
from django.db.models import Count
from django.urls import reverse

from benchmarks.registry import Page, list_pages
from org.selectors import departments_visible_to

from . import jobchange_policies
from .models import OPEN_JOB_CHANGE_STATUSES, EmployeeStatus, JobChange, SalaryChange
from .selectors import employees_visible_to


def pages(user) -> list[Page]:
    employees = employees_visible_to(user)
    # The employee with the longest history: the heaviest detail page.
    employee = (
        employees.annotate(history=Count("salary_changes", distinct=True) + Count("job_changes", distinct=True))
        .order_by("-history", "pk")
        .first()
    )
    if employee is None:
        return []
    department = departments_visible_to(user).annotate(people=Count("employees")).order_by("-people", "pk").first()
    return [
        *list_pages(
            "Employees",
            "employees:employee_list",
            total=employees.count(),
            filters={"department": department.pk, "status": EmployeeStatus.REGULAR},
            search="王",
        ),
        Page(
            "Employees list, written contract overdue (LCL art. 82)",
            f"{reverse('employees:employee_list')}?contract=overdue",
            "list",
        ),
        Page("Employee detail (longest history)", reverse("employees:employee_detail", args=[employee.pk]), "detail"),
        Page(
            "PDF: employee registration (员工资料登记表)",
            reverse("employees:employee_registration_pdf", args=[employee.pk]),
            "pdf",
        ),
        Page("PDF: CV (员工履历表)", reverse("employees:employee_cv_pdf", args=[employee.pk]), "pdf"),
        *_job_change_pages(user, employees, employee),
    ]


def _job_change_pages(user, employees, employee) -> list[Page]:
    """The job change form (HR), a job change's page with its chain, and a 调薪单 (cleared readers)."""
    found = []
    candidate = (
        employees.active()
        .exclude(job_changes__status__in=OPEN_JOB_CHANGE_STATUSES)
        .annotate(changes=Count("job_changes"))
        .order_by("-changes", "pk")
        .first()
    )
    if candidate is not None and jobchange_policies.can_submit_job_change(user, candidate, has_open_change=False):
        url = reverse("employees:job_change_create", args=[candidate.pk])
        found.append(Page("Job change form (员工变动)", url, "detail"))
    change = (
        JobChange.objects.filter(employee__in=employees)
        .order_by(models.Case(models.When(status__in=OPEN_JOB_CHANGE_STATUSES, then=0), default=1), "-pk")
        .first()
    )
    if change is not None:
        found.append(Page("Job change detail (员工变动)", change.get_absolute_url(), "detail"))
    if jobchange_policies.can_see_salary(user):
        slip = SalaryChange.objects.filter(employee=employee).order_by("-effective_date", "-pk").first()
        if slip is not None:
            found.append(
                Page(
                    "PDF: salary adjustment (调薪单)",
                    reverse("employees:salary_slip_pdf", args=[employee.pk, slip.pk]),
                    "pdf",
                )
            )
    return found
