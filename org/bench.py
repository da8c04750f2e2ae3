"""Benchmark pages of the organisation (see benchmarks/registry.py for the convention)."""

from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode

from benchmarks.registry import Page, list_pages

from .models import JobDescription
from .selectors import departments_visible_to, positions_visible_to


def pages(user) -> list[Page]:
    departments = departments_visible_to(user)
    biggest = departments.annotate(people=Count("employees")).order_by("-people", "pk").first()
    if biggest is None:
        return []
    positions = positions_visible_to(user)
    position = positions.annotate(people=Count("employees")).order_by("-people", "pk").first()
    found = [
        *list_pages("Departments", "org:department_list", total=departments.count(), search=biggest.name[:2]),
        *list_pages(
            "Positions",
            "org:position_list",
            total=positions.count(),
            filters={"department": biggest.pk},
            search=position.title[:2] if position else "",
        ),
        Page("Department detail (biggest)", reverse("org:department_detail", args=[biggest.pk]), "detail"),
        Page("Organisation chart", reverse("org:org_chart"), "detail"),
        Page("PDF: organisation chart (组织架构图)", reverse("org:org_chart_pdf"), "pdf"),
        # The xlsx exports are measured as "pdf": a file rendered whole, budgeted by time.
        Page("Export: departments (xlsx)", reverse("org:department_export"), "pdf"),
        Page("Export: positions (xlsx)", reverse("org:position_export"), "pdf"),
    ]
    if position is not None:
        search = f"{reverse('org:pick_positions')}?{urlencode({'q': position.title[:2], 'only': 'active'})}"
        found.append(Page("Position picker, search", search, "list"))
        found.append(Page("Position detail", reverse("org:position_detail", args=[position.pk]), "detail"))
        description = (
            JobDescription.objects.filter(position=position, status=JobDescription.Status.APPROVED)
            .order_by("-version")
            .first()
        )
        if description is not None:
            found.append(
                Page(
                    "PDF: job description (岗位职位说明书)",
                    reverse("org:job_description_pdf", args=[description.pk]),
                    "pdf",
                )
            )
    if user.is_hr:
        # The form pages (new and edit), with their pickers (core.pickers).
        found += [
            Page("Department form, new", reverse("org:department_create"), "form"),
            Page("Department form, edit (biggest)", reverse("org:department_edit", args=[biggest.pk]), "form"),
            Page("Position form, new", reverse("org:position_create"), "form"),
        ]
        if position is not None:
            found.append(Page("Job description form", reverse("org:job_description_edit", args=[position.pk]), "form"))
    return found
