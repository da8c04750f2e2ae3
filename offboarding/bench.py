"""Benchmark pages of offboarding (see benchmarks/registry.py for the convention)."""

from django.db.models import Count
from django.urls import reverse

from benchmarks.registry import Page, list_pages
from employees.selectors import employee_for_user, employees_visible_to

from . import policies, services
from .models import CaseStatus, ExitInterview, SeparationCase
from .selectors import cases_visible_to, items_for, open_items_for, uses_case_list


def pages(user) -> list[Page]:
    if not user.is_authenticated:
        return []
    found: list[Page] = _own_pages(user)
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
            Page("Export: turnover report (xlsx)", reverse("offboarding:report_xlsx"), "pdf"),
            Page("Notice on paper form", reverse("offboarding:resign_on_paper"), "form"),
        ]
        person = employees_visible_to(user).active().exclude(user=user).order_by("pk").first()
        if person is not None:
            found.append(Page("Post-employment terms form", reverse("offboarding:terms", args=[person.pk]), "form"))
        found += _case_form_pages(user, cases)
    if policies.can_decide_separation(user):
        found.append(Page("Company separation form", reverse("offboarding:decide"), "form"))
    confirmed = cases.filter(status=CaseStatus.CONFIRMED).exclude(employee__user=user).order_by("-pk").first()
    if confirmed is not None and policies.can_record_interview(
        user, confirmed, has_interview=ExitInterview.objects.filter(case=confirmed).exists()
    ):
        found.append(Page("Exit interview form", reverse("offboarding:interview", args=[confirmed.pk]), "form"))
    return found


def _own_pages(user) -> list[Page]:
    """The employee's own notice form (a returned notice: the resubmit form)."""
    employee = employee_for_user(user)
    if employee is None:
        return []
    has_open = services._has_open_case(employee)
    if policies.can_resign(user, employee, has_open_case=has_open):
        return [Page("Resignation notice form (own)", reverse("offboarding:resign"), "form")]
    returned = SeparationCase.objects.filter(employee=employee, status=CaseStatus.RETURNED).order_by("-pk").first()
    if returned is not None and policies.can_resubmit(user, returned):
        return [Page("Resignation resubmit form (own)", reverse("offboarding:resubmit", args=[returned.pk]), "form")]
    return []


def _case_form_pages(user, cases) -> list[Page]:
    """HR's forms on a case, each on the latest case its policy allows."""
    found: list[Page] = []
    recent = list(cases.exclude(employee__user=user).select_related("employee").order_by("-pk")[:100])
    for label, name, allowed in (
        ("Off-classified-post form (脱密期)", "offboarding:off_classified", policies.can_record_off_classified),
        ("Social insurance and file transfer form", "offboarding:transfer", policies.can_record_transfer),
        ("Rehire eligibility form", "offboarding:rehire", policies.can_mark_rehire),
        (
            "Non-compete decision form",
            "offboarding:noncompete",
            lambda user, case: policies.can_decide_noncompete(
                user, case, has_noncompete=bool((terms := services.terms_of(case.employee)) and terms.noncompete)
            ),
        ),
    ):
        case = next((case for case in recent if allowed(user, case)), None)
        if case is not None:
            found.append(Page(label, reverse(name, args=[case.pk]), "form"))
    return found
