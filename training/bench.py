"""Benchmark pages of training (see benchmarks/registry.py for the convention)."""

from django.db.models import Count
from django.urls import reverse

from benchmarks.registry import Page, list_pages
from employees.selectors import employee_for_user, employees_visible_to
from org.selectors import departments_visible_to

from .models import (
    EDITABLE_PLAN_STATUSES,
    CompetenceReview,
    DevelopmentPlan,
    ExternalStatus,
    ExternalTraining,
    NeedStatus,
    SessionStatus,
)
from .policies import can_edit_external, can_edit_plan
from .selectors import needs_visible_to, plans_visible_to, sessions_visible_to, uses_department_pages


def pages(user) -> list[Page]:
    if not user.is_authenticated:
        return []
    found: list[Page] = []
    sessions = sessions_visible_to(user)
    if uses_department_pages(user):
        found += [
            Page("Training: competence matrix", reverse("training:matrix"), "list"),
            Page("PDF: competence matrix (岗位能力矩阵表)", reverse("training:matrix_pdf"), "pdf"),
            *list_pages(
                "Training needs",
                "training:need_list",
                total=needs_visible_to(user).count(),
                filters={"status": NeedStatus.OPEN},
                search="培训",
            ),
            *list_pages(
                "Training sessions",
                "training:session_list",
                total=sessions.count(),
                filters={"status": SessionStatus.HELD},
                search="培训",
            ),
            Page("Training plans list", reverse("training:plan_list"), "list"),
            Page("Training: certificates list", reverse("training:certificate_list"), "list"),
            Page("Training: special posts without a certificate", reverse("training:certificate_missing"), "list"),
            Page("Training: mentoring list", reverse("training:mentoring_list"), "list"),
            Page("Training: external training list", reverse("training:external_list"), "list"),
            Page("Training: quality awareness due", reverse("training:awareness_due"), "list"),
            Page("Training: yearly competence forms", reverse("training:review_list"), "list"),
            Page(
                "PDF: post skill analysis (岗位技能分析表)",
                reverse("training:department_form_pdf", args=["analysis"]),
                "pdf",
            ),
            Page(
                "PDF: competence result (员工能力评价表)",
                reverse("training:department_form_pdf", args=["result"]),
                "pdf",
            ),
            Page("Training: new session form", reverse("training:session_create"), "form")
            if user.is_hr
            else Page("Training: need request form", reverse("training:need_create"), "form"),
        ]
        biggest = sessions.annotate(n=Count("participants")).order_by("-n", "pk").first()
        if biggest is not None:
            found += [
                Page("Training session detail (most participants)", biggest.get_absolute_url(), "detail"),
                Page("PDF: sign-in sheet (培训签到记录表)", reverse("training:signin_pdf", args=[biggest.pk]), "pdf"),
                Page("PDF: assessment (专业培训考核表)", reverse("training:assessment_pdf", args=[biggest.pk]), "pdf"),
            ]
        plan = plans_visible_to(user).order_by("-year").first()
        if plan is not None:
            found += [
                Page("Training plan detail", plan.get_absolute_url(), "detail"),
                Page("PDF: annual training plan (年度培训计划表)", reverse("training:plan_pdf", args=[plan.pk]), "pdf"),
            ]
        devplan = DevelopmentPlan.objects.filter(status__in=EDITABLE_PLAN_STATUSES).order_by("-year").first()
        if devplan is not None and user.sees_all_departments and can_edit_plan(user, devplan):
            found.append(
                Page(
                    "Training: HR development plan edit form",
                    reverse("training:devplan_edit", args=[devplan.pk]),
                    "form",
                )
            )
        review = (
            CompetenceReview.objects.filter(
                status__in=EDITABLE_PLAN_STATUSES, department__in=departments_visible_to(user)
            )
            .order_by("-year")
            .first()
        )
        if review is not None and can_edit_plan(user, review):
            found.append(
                Page(
                    "Training: competence evaluation edit form",
                    reverse("training:review_edit", args=[review.pk]),
                    "form",
                )
            )
        external = (
            ExternalTraining.objects.filter(
                status__in=(ExternalStatus.DRAFT, ExternalStatus.RETURNED), employee__in=employees_visible_to(user)
            )
            .order_by("-pk")
            .first()
        )
        if external is not None and can_edit_external(user, external):
            found.append(
                Page(
                    "Training: external training edit form",
                    reverse("training:external_edit", args=[external.pk]),
                    "form",
                )
            )
        person = employees_visible_to(user).annotate(n=Count("training_participations")).order_by("-n", "pk").first()
    else:
        person = employee_for_user(user)
    if person is not None:
        found += [
            Page("Training history (most sessions)", reverse("training:history", args=[person.pk]), "detail"),
            Page(
                "Training competence of an employee",
                reverse("training:employee_competence", args=[person.pk]),
                "detail",
            ),
            Page("PDF: training history (员工培训履历表)", reverse("training:history_pdf", args=[person.pk]), "pdf"),
        ]
    return found
