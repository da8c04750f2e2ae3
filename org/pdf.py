"""Printed forms of the organisation: the job description (岗位职位说明书, spec 01/10)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from approvals.selectors import chain_for
from core.security import SecrecyLevel
from printing.render import pdf_response, render_pdf

from .models import JobDescription
from .selectors import positions_visible_to

JOB_DESCRIPTION_TITLE = "岗位职位说明书"
JOB_DESCRIPTION_FORM_CODE = "JD"


@require_GET
def job_description_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """One version of a job description, printable by whoever may see its position (404 otherwise)."""
    jd = get_object_or_404(
        JobDescription.objects.filter(position__in=positions_visible_to(request.user)).select_related(
            "position__department__parent"
        ),
        pk=pk,
    )
    pdf = render_pdf(
        template="org/pdf/job_description.html",
        context={"jd": jd},
        title=JOB_DESCRIPTION_TITLE,
        form_number=JOB_DESCRIPTION_FORM_CODE,
        classification=SecrecyLevel.INTERNAL,
        approval_chain=chain_for(jd),
        request=request,
    )
    return pdf_response(pdf, f"{JOB_DESCRIPTION_TITLE}-{jd.position.code}-v{jd.version}.pdf")
