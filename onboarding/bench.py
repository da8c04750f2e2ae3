"""Benchmark pages of onboarding (see benchmarks/registry.py for the convention)."""

from django.db.models import Count
from django.urls import reverse

from benchmarks.registry import Page, list_pages
from employees.selectors import employee_for_user
from offboarding.models import SeparationCase, SeparationType

from . import policies
from .models import Conversion, OnboardingCase, OnboardingTask, ProbationStatus, SelfReport
from .selectors import cases_visible_to, hires_without_case, uses_case_list


def pages(user) -> list[Page]:
    if not user.is_authenticated:
        return []
    found = _own_pages(user)
    if not uses_case_list(user):
        return found
    return found + _case_pages(user)


def _own_pages(user) -> list[Page]:
    """The employee's own case (onboarding:my_case redirects there), the self-report form while the probation runs."""
    me = employee_for_user(user)
    case = me and OnboardingCase.objects.filter(employee=me).order_by("-start_date").first()
    if not case:
        return []
    found = [Page("My onboarding case", case.get_absolute_url(), "detail")]
    if policies.can_self_report(user, case):
        found.append(
            Page("Self-report form (试用转正工作报告)", reverse("onboarding:self_report", args=[case.pk]), "form")
        )
    return found


def _case_pages(user) -> list[Page]:
    cases = cases_visible_to(user)
    # The heaviest case page: the one with the most history.
    heaviest = cases.annotate(n=Count("events")).order_by("-n", "pk").first()
    if heaviest is None:
        return []
    found = [
        *list_pages(
            "Onboarding cases",
            "onboarding:case_list",
            total=cases.count(),
            filters={"probation": ProbationStatus.RUNNING},
            search=heaviest.employee.name[:1],
        ),
        Page("Onboarding case detail (most history)", heaviest.get_absolute_url(), "detail"),
    ]
    conversion = Conversion.objects.filter(case__in=cases).select_related("case").order_by("-created_at", "-pk").first()
    if conversion is not None:
        case = conversion.case
        found += [
            Page(
                "PDF: probation review (员工试用期评估表)",
                reverse("onboarding:review_pdf", args=[case.pk, conversion.review_id]),
                "pdf",
            ),
            Page(
                "PDF: conversion approval (员工试用考核转正审批表)",
                reverse("onboarding:conversion_pdf", args=[case.pk, conversion.pk]),
                "pdf",
            ),
        ]
        if user.sees_secret_hr_data:
            found.append(
                Page(
                    "PDF: salary adjustment (调薪单)",
                    reverse("onboarding:salary_slip_pdf", args=[case.pk, conversion.pk]),
                    "pdf",
                )
            )
    report = SelfReport.objects.filter(case__in=cases).order_by("-pk").first()
    if report is not None:
        found.append(
            Page(
                "PDF: self-report (试用转正工作报告)",
                reverse("onboarding:self_report_pdf", args=[report.case_id]),
                "pdf",
            )
        )
    termination = (
        SeparationCase.objects.filter(separation_type=SeparationType.PROBATION, employee__onboarding_cases__in=cases)
        .order_by("-created_at", "-pk")
        .first()
    )
    if termination is not None:
        termination.case_id = cases.filter(employee_id=termination.employee_id).order_by("-pk").first().pk
        found.append(
            Page(
                "PDF: termination in probation (试用期解除劳动合同审批表)",
                reverse("onboarding:termination_pdf", args=[termination.case_id, termination.pk]),
                "pdf",
            )
        )
    safety = (
        OnboardingTask.objects.filter(case__in=cases, code="safety_education", status=OnboardingTask.Status.OPEN)
        .order_by("pk")
        .first()
    )
    if safety is not None and (user.is_hr or policies.can_record_safety_education(user, safety.case)):
        found.append(
            Page(
                "Three-level safety education (三级安全教育) form",
                reverse("onboarding:safety_education_record", args=[safety.case_id]),
                "form",
            )
        )
    if user.sees_secret_hr_data:
        unsigned = (
            cases.filter(contract_type__gt="", employee__contracts__isnull=True)
            .exclude(status=OnboardingCase.Status.CLOSED)
            .order_by("pk")
            .first()
        )
        if unsigned is not None:
            found.append(
                Page(
                    "Labour contract from the offer (劳动合同) form",
                    reverse("onboarding:contract_record", args=[unsigned.pk]),
                    "form",
                )
            )
    return found + _form_pages(user, cases)


def _form_pages(user, cases) -> list[Page]:
    """The form pages of onboarding and probation (the secret ones for cleared HR)."""
    found: list[Page] = []
    hire = hires_without_case(user).first()
    if hire is not None and user.sees_secret_hr_data:
        found.append(Page("Onboarding start form", reverse("onboarding:case_start", args=[hire.pk]), "form"))
    others = cases.exclude(employee__user=user)
    tasks = OnboardingTask.objects.filter(case__in=others, status=OnboardingTask.Status.OPEN)
    candidates = (tasks if user.is_hr else tasks.filter(owner=user)).select_related("case__employee").order_by("-pk")
    task = next((task for task in candidates[:50] if policies.can_complete_task(user, task)), None)
    if task is not None:
        found.append(Page("Task done form", reverse("onboarding:task_complete", args=[task.case_id, task.pk]), "form"))
    # Each form on a case its policy allows (the latest review decides which of extend / convert / terminate).
    running = list(
        others.filter(probation_status=ProbationStatus.RUNNING)
        .select_related("employee__position")
        .order_by("-pk")[:50]
    )
    for label, name, allowed in (
        ("Probation review form", "onboarding:review_create", policies.can_review),
        ("Probation extension form", "onboarding:probation_extend", policies.can_extend),
        ("Probation termination form", "onboarding:probation_terminate", policies.can_terminate),
        ("Conversion form (调薪单)", "onboarding:conversion_create", policies.can_convert),
    ):
        case = next((case for case in running if allowed(user, case)), None)
        if case is not None:
            found.append(Page(label, reverse(name, args=[case.pk]), "form"))
    return found
