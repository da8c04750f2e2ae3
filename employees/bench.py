"""Benchmark pages of people (see benchmarks/registry.py for the convention)."""

from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode

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
        Page("Employee detail (longest history)", reverse("employees:employee_detail", args=[employee.pk]), "detail"),
        Page(
            "PDF: employee registration (员工资料登记表)",
            reverse("employees:employee_registration_pdf", args=[employee.pk]),
            "pdf",
        ),
        *_form_pages(user, employees),
        # The pickers' searches (core.pickers) as a user types a surname.
        Page(
            "Employee picker, search",
            f"{reverse('employees:pick_employees')}?{urlencode({'q': '王', 'only': 'active'})}",
            "list",
        ),
        Page("Login picker, search", f"{reverse('employees:pick_users')}?{urlencode({'q': '王'})}", "list"),
    ]


def _form_pages(user, employees) -> list[Page]:
    """The form pages (new and edit) with their pickers (core.pickers): HR's, the secret ones for cleared HR.
    Edited: a current employee with a manager and a login (the pickers then show their chosen option)."""
    current = employees.active().order_by("pk")
    employee = current.filter(manager__isnull=False, user__isnull=False).first() or current.first()
    if not user.is_hr or employee is None:
        return []
    found = [
        Page("Employee form, new", reverse("employees:employee_create"), "form"),
        Page("Employee form, edit", reverse("employees:employee_edit", args=[employee.pk]), "form"),
        Page("Job change form", reverse("employees:job_change_create", args=[employee.pk]), "form"),
    ]
    if user.sees_secret_hr_data:
        found += [
            Page(label, reverse(f"employees:{name}", args=[employee.pk]), "form")
            for label, name in (
                ("Labour contract form", "contract_add"),
                ("Protected period form", "protected_period_add"),
                ("Personnel document form", "document_upload"),
                ("Salary change form (调薪单)", "salary_change_create"),
            )
        ]
    return found
