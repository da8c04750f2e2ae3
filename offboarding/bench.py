"""Benchmark pages of offboarding (see benchmarks/registry.py for the convention)."""

from django.db.models import Count
from django.urls import reverse

from benchmarks.registry import Page, list_pages

from . import policies
from .models import CaseStatus, ExitInterview
from .selectors import cases_visible_to, items_for, open_items_for, uses_case_list


def pages(user) -> list[Page]:
    if not user.is_authenticated:
        return []
    found: list[Page] = []
    if items_for(user).exists():
        found.append(Page("Handover tasks", reverse("offboarding:tasks"), "list"))
        item = open_items_for(user).order_by("pk").first()
        if item is not None and policies.can_tick(user, item):
            found.append(Page("Handover tick form", reverse("offboarding:tick", args=[item.pk]), "form"))
    if not uses_case_list(user):
        return found
    cases = cases_visible_to(user)
    heaviest = cases.annotate(n=Count("handover_items")).order_by("-n", "-pk").first()
    if heaviest is None:
        return found
    found += [
        *list_pages(
            "Separation cases",
            "offboarding:case_list",
            total=cases.count(),
            filters={"status": CaseStatus.COMPLETED},
            search=heaviest.employee.name[:1],
        ),
        Page("Separation case detail", heaviest.get_absolute_url(), "detail"),
        Page("PDF: handover checklist (离职交接清单)", reverse("offboarding:handover_pdf", args=[heaviest.pk]), "pdf"),
    ]
    resignation = cases.filter(separation_type="resignation").order_by("-pk").first()
    if resignation is not None:
        found.append(
            Page(
                "PDF: resignation form (员工离职申请表)",
                reverse("offboarding:notice_pdf", args=[resignation.pk]),
                "pdf",
            )
        )
    separated = cases.filter(status__in=[CaseStatus.SEPARATED, CaseStatus.COMPLETED]).order_by("-pk").first()
    if separated is not None and policies.can_print_certificate(user, separated):
        found.append(
            Page("PDF: certificate (离职证明)", reverse("offboarding:certificate_pdf", args=[separated.pk]), "pdf")
        )
    interview = ExitInterview.objects.filter(case__in=cases).exclude(case__employee__user=user).order_by("-pk").first()
    if interview is not None:
        found.append(
            Page("PDF: exit interview record", reverse("offboarding:interview_pdf", args=[interview.case_id]), "pdf")
        )
    if user.is_hr:
        found += [
            Page("Turnover report", reverse("offboarding:report"), "list"),
            Page("Notice on paper form", reverse("offboarding:resign_on_paper"), "form"),
        ]
    if policies.can_decide_separation(user):
        found.append(Page("Company separation form", reverse("offboarding:decide"), "form"))
    confirmed = cases.filter(status=CaseStatus.CONFIRMED).exclude(employee__user=user).order_by("-pk").first()
    if confirmed is not None and policies.can_record_interview(
        user, confirmed, has_interview=ExitInterview.objects.filter(case=confirmed).exists()
    ):
        found.append(Page("Exit interview form", reverse("offboarding:interview", args=[confirmed.pk]), "form"))
    return found
