"""Benchmark pages of people (see benchmarks/registry.py for the convention)."""

from django.db.models import Count
from django.urls import reverse

from benchmarks.registry import Page, list_pages
from org.selectors import departments_visible_to

from .models import EmployeeStatus
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
    ]
