"""Benchmark pages of the satisfaction survey (see benchmarks/registry.py for the convention)."""

from django.db.models import Count
from django.urls import reverse

from benchmarks.registry import Page, list_pages

from . import policies
from .models import SurveyStatus, SurveyTemplate
from .selectors import open_invitations, surveys_visible_to


def pages(user) -> list[Page]:
    if not user.is_authenticated:
        return []
    surveys = surveys_visible_to(user)
    found = list_pages("Satisfaction surveys", "survey:list", total=surveys.count())
    if policies.can_manage_templates(user):
        found.append(Page("Survey templates", reverse("survey:template_list"), "list"))
        template = SurveyTemplate.objects.annotate(n=Count("questions")).order_by("-n", "pk").first()
        if template is not None:
            found.append(Page("Survey template form", reverse("survey:template_edit", args=[template.pk]), "form"))
        found += [
            Page("New survey form", reverse("survey:create"), "form"),
            Page("New survey template form", reverse("survey:template_create"), "form"),
        ]
        draft = surveys.filter(status=SurveyStatus.DRAFT).order_by("-pk").first()
        if draft is not None and policies.can_edit_survey(user, draft):
            found.append(Page("Survey form, edit (draft)", reverse("survey:edit", args=[draft.pk]), "form"))
    invitation = open_invitations(user).first()
    if invitation is not None:
        found.append(Page("Survey answer form", reverse("survey:answer", args=[invitation.survey_id]), "form"))
    # The heaviest results: the closed survey with the most answers.
    heaviest = (
        surveys.filter(status__in=[SurveyStatus.CLOSED, SurveyStatus.PUBLISHED])
        .annotate(n=Count("responses"))
        .order_by("-n", "pk")
        .first()
    )
    if heaviest is not None and policies.can_view_results(user, heaviest):
        if policies.can_view_participation(user, heaviest):
            found.append(Page("Survey detail (participation)", heaviest.get_absolute_url(), "detail"))
        found += [
            Page("Survey results (most answers)", reverse("survey:results", args=[heaviest.pk]), "detail"),
            Page(
                "PDF: satisfaction survey summary (员工满意度调查表总结报告)",
                reverse("survey:report_pdf", args=[heaviest.pk]),
                "pdf",
            ),
        ]
        if policies.can_write_report(user, heaviest):
            found.append(Page("Survey report form", reverse("survey:report_edit", args=[heaviest.pk]), "form"))
    return found
