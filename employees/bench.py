"""Benchmark pages of people (see benchmarks/registry.py for the convention)."""

from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode

from benchmarks.registry import Page, list_pages
from org.selectors import departments_visible_to, scope_department_ids

from . import policies
from .models import OPEN_JOB_CHANGE_STATUSES, EmployeeStatus, JobChange, JobChangeStatus, SalaryChange
from .selectors import employee_for_user, employees_visible_to


def pages(user) -> list[Page]:
    return _own_pages(user) + _people_pages(user)


def _own_pages(user) -> list[Page]:
    """Self-service (员工自助): every user who is an employee; their newest contract printed."""
    me = employee_for_user(user)
    if me is None:
        return []
    found = [
        Page("My profile", reverse("employees:my_profile"), "detail"),
        Page("My overview (self-service)", reverse("employees:my_overview"), "detail"),
        Page("My contact details change form", reverse("employees:my_contact_change"), "form"),
    ]
    contract = me.contracts.order_by("-start_date", "-pk").first()
    if contract is not None:
        found.append(
            Page(
                "PDF: my labour contract copy",
                reverse("employees:my_contract_pdf", args=[contract.pk]),
                "pdf",
            )
        )
    return found


def _people_pages(user) -> list[Page]:
    ids = scope_department_ids(user)
    if ids is not None and not ids:  # an employee has only their own pages (core.access.require_department_scope)
        return []
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
            filters={"department": department.pk, "status": EmployeeStatus.REGULAR} if department else None,
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
        *_form_pages(user, employees),
        # The pickers' searches (core.pickers) as a user types a surname.
        Page(
            "Employee picker, search",
            f"{reverse('employees:pick_employees')}?{urlencode({'q': '王', 'only': 'active'})}",
            "list",
        ),
        Page("Login picker, search", f"{reverse('employees:pick_users')}?{urlencode({'q': '王'})}", "list"),
        *([Page("Contact change requests", reverse("employees:contact_change_list"), "list")] if user.is_hr else []),
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
    if candidate is not None and policies.can_submit_job_change(user, candidate, has_open_change=False):
        url = reverse("employees:job_change_create", args=[candidate.pk])
        found.append(Page("Job change form", url, "form"))
    change = (
        JobChange.objects.filter(employee__in=employees)
        .order_by(models.Case(models.When(status__in=OPEN_JOB_CHANGE_STATUSES, then=0), default=1), "-pk")
        .first()
    )
    if change is not None:
        found.append(Page("Job change detail (员工变动)", change.get_absolute_url(), "detail"))
    editable = JobChange.objects.filter(employee__in=employees, status=JobChangeStatus.RETURNED).order_by("-pk")
    change = next((c for c in editable.select_related("employee")[:30] if policies.can_edit_job_change(user, c)), None)
    if change is not None:
        url = reverse("employees:job_change_edit", args=[change.employee_id, change.pk])
        found.append(Page("Job change form, edit", url, "form"))
    if policies.can_see_salary(user):
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
