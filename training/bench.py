"""Benchmark pages of training (see benchmarks/registry.py for the convention)."""

from django.db.models import Count
from django.urls import reverse

from benchmarks.registry import Page, list_pages
from employees.selectors import employee_for_user, employees_visible_to
from org.selectors import departments_visible_to, positions_visible_to

from . import policies
from .models import (
    EDITABLE_PLAN_STATUSES,
    CompetenceReview,
    DevelopmentPlan,
    ExternalStatus,
    ExternalTraining,
    Mentoring,
    NeedStatus,
    SessionStatus,
    TrainingPlan,
)
from .policies import can_edit_external, can_edit_plan
from .selectors import needs_visible_to, plans_visible_to, sessions_visible_to, uses_department_pages
from .views_records import externals_visible_to


def pages(user) -> list[Page]:
    if not user.is_authenticated:
        return []
    found: list[Page] = _record_pages(user)
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
        found += _department_pages(user)
        biggest = sessions.annotate(n=Count("participants")).order_by("-n", "pk").first()
        if biggest is not None:
            found += [
                Page("Training session detail (most participants)", biggest.get_absolute_url(), "detail"),
                Page("PDF: sign-in sheet (培训签到记录表)", reverse("training:signin_pdf", args=[biggest.pk]), "pdf"),
                Page("PDF: assessment (专业培训考核表)", reverse("training:assessment_pdf", args=[biggest.pk]), "pdf"),
            ]
            if policies.can_edit_session(user, biggest):
                found.append(
                    Page("Training: scores form", reverse("training:session_scores", args=[biggest.pk]), "form")
                )
            attended = biggest.participants.filter(attended=True).select_related("employee").order_by("pk")[:50]
            participant = next((p for p in attended if policies.can_evaluate_application(user, p)), None)
            if participant is not None:
                url = reverse("training:application_evaluate", args=[biggest.pk, participant.pk])
                found.append(Page("Training: application evaluation form", url, "form"))
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
        if person is not None and policies.can_rate(user, person):
            found.append(
                Page("Training: quality awareness form", reverse("training:awareness_record", args=[person.pk]), "form")
            )
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


def _record_pages(user) -> list[Page]:
    """Every user's: the check-in form, an external training request and its page, the mentor's sign-off."""
    found = [
        Page("Training: check-in form", reverse("training:checkin_any"), "form"),
        Page("Training: external training request form", reverse("training:external_create"), "form"),
    ]
    session = sessions_visible_to(user).filter(status=SessionStatus.SCHEDULED).order_by("-pk").first()
    if session is not None:
        found.append(
            Page("Training: check-in form (a session)", reverse("training:checkin", args=[session.pk]), "form")
        )
    external = externals_visible_to(user).order_by("-pk").first()
    if external is not None:
        found.append(
            Page(
                "Training: external training detail", reverse("training:external_detail", args=[external.pk]), "detail"
            )
        )
    mentoring = (
        Mentoring.objects.filter(mentor__user=user, signed_off_at__isnull=True)
        .select_related("mentor", "employee")
        .order_by("-pk")
        .first()
    )
    if mentoring is not None and policies.can_sign_off_mentoring(user, mentoring):
        url = reverse("training:mentoring_sign_off", args=[mentoring.pk])
        found.append(Page("Training: mentoring sign-off form", url, "form"))
    return found


def _department_pages(user) -> list[Page]:
    """The catalogues, the development plans, the competence forms, the xlsx matrix and HR's new-record forms."""
    found = [
        Page("Training: skills catalogue", reverse("training:skill_list"), "list"),
        Page("Training: certificate types", reverse("training:certificate_types"), "list"),
        Page("Training: mentoring form, new", reverse("training:mentoring_create"), "form"),
        Page("Export: competence matrix (xlsx)", reverse("training:matrix_xlsx"), "pdf"),
    ]
    position = positions_visible_to(user).annotate(n=Count("employees")).order_by("-n", "pk").first()
    if position is not None:
        url = reverse("training:position_standards", args=[position.pk])
        found.append(Page("Training: competence standards of a position (most people)", url, "form"))
    department = departments_visible_to(user).annotate(n=Count("employees")).order_by("-n", "pk").first()
    if department is not None:
        url = reverse("training:review_create", args=[department.pk])
        found.append(Page("Training: competence evaluation form, new", url, "form"))
    review = (
        CompetenceReview.objects.filter(department__in=departments_visible_to(user))
        .annotate(n=Count("department__employees"))
        .order_by("-n", "-year", "pk")
        .first()
    )
    if review is not None:
        found += [
            Page(
                "Training: competence evaluation detail", reverse("training:review_detail", args=[review.pk]), "detail"
            ),
            Page(
                "PDF: competence evaluation (岗位胜任评价表)", reverse("training:review_pdf", args=[review.pk]), "pdf"
            ),
        ]
    if user.sees_all_departments:
        found.append(Page("Training: development plans", reverse("training:devplan_list"), "list"))
        devplan = DevelopmentPlan.objects.order_by("-year", "-pk").first()
        if devplan is not None:
            url = reverse("training:devplan_detail", args=[devplan.pk])
            found.append(Page("Training: development plan detail", url, "detail"))
    if policies.can_manage(user):
        found += [
            Page("Training: development plan form, new", reverse("training:devplan_create"), "form"),
            Page("Training: annual plan form, new", reverse("training:plan_create"), "form"),
            Page("Training: certificate form, new", reverse("training:certificate_create"), "form"),
        ]
    plan = next(
        (
            p
            for p in TrainingPlan.objects.filter(status__in=EDITABLE_PLAN_STATUSES).order_by("-year", "-pk")[:10]
            if can_edit_plan(user, p)
        ),
        None,
    )
    if plan is not None:
        found.append(
            Page("Training: plan item form, new", reverse("training:plan_item_create", args=[plan.pk]), "form")
        )
        item = plan.items.order_by("pk").first()
        if item is not None:
            url = reverse("training:plan_item_edit", args=[plan.pk, item.pk])
            found.append(Page("Training: plan item form, edit", url, "form"))
    return found
