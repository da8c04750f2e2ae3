"""Printed forms of recruitment (spec 03/10): 人员增补申请表, 面试评价表 (all rounds) and the offer letter."""

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from approvals.selectors import chain_for
from audit.services import Access, access_log
from core.security import SecrecyLevel
from printing.render import pdf_response, render_pdf

from . import policies
from .models import Evaluation, Interview, Offer
from .selectors import applications_visible_to, position_headcount, requisitions_visible_to

REQUISITION_TITLE = "人员增补申请表"
REQUISITION_FORM_CODE = "RQ"
EVALUATION_TITLE = "面试评价表"
EVALUATION_FORM_CODE = "IE"
OFFER_TITLE = "录用通知书"
OFFER_FORM_CODE = "OL"


@require_GET
def requisition_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    requisition = get_object_or_404(
        requisitions_visible_to(request.user).select_related(
            "department__parent", "position", "job_description", "requested_by"
        ),
        pk=pk,
    )
    headcount = None
    if requisition.authorised_at_submit is None:
        headcount = position_headcount(requisition.position, exclude=requisition)
    pdf = render_pdf(
        template="recruitment/pdf/requisition.html",
        context={
            "requisition": requisition,
            "live": headcount,
            "live_over": bool(headcount and headcount.exceeded_by(requisition.headcount)),
        },
        title=REQUISITION_TITLE,
        form_number=REQUISITION_FORM_CODE,
        classification=SecrecyLevel.INTERNAL,
        approval_chain=chain_for(requisition),
        request=request,
    )
    return pdf_response(pdf, f"{REQUISITION_TITLE}-{requisition.number}.pdf")


@require_GET
def evaluation_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Every round of one application, each interviewer's scores, checks and recommendation."""
    application = get_object_or_404(
        applications_visible_to(request.user).select_related(
            "candidate", "requisition__position", "requisition__department"
        ),
        pk=pk,
    )
    interviews = list(
        application.interviews.exclude(status=Interview.Status.CANCELLED)
        .prefetch_related(
            "interviewers",
            Prefetch("evaluations", queryset=Evaluation.objects.select_related("evaluator", "interview")),
        )
        .order_by("scheduled_at")
    )
    offer = Offer.objects.filter(application=application).first()
    pdf = render_pdf(
        template="recruitment/pdf/evaluation.html",
        context={
            "application": application,
            "candidate": application.candidate,
            "interviews": interviews,
            "viewer": request.user,
        },
        title=EVALUATION_TITLE,
        form_number=EVALUATION_FORM_CODE,
        classification=SecrecyLevel.INTERNAL,
        approval_chain=chain_for(offer) if offer else [],
        request=request,
    )
    if request.user.sees_secret_hr_data and application.candidate.id_number:  # the full ID number is on the form
        access_log(by=request.user, access=Access.PRINT, obj=application.candidate, detail=EVALUATION_TITLE)
    return pdf_response(pdf, f"{EVALUATION_TITLE}-{application.candidate.name}.pdf")


@require_GET
def offer_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The offer letter (录用通知书) to send once the hire is approved: post, start date, salary, probation and the
    conditions of employment. It shows the salary, so it is marked secret and its reading is audit-logged."""
    application = get_object_or_404(
        applications_visible_to(request.user).select_related(
            "candidate", "requisition__position", "requisition__department"
        ),
        pk=pk,
    )
    offer = get_object_or_404(Offer, application=application)
    policies.can_send_offer(request.user, offer).enforce()
    pdf = render_pdf(
        template="recruitment/pdf/offer_letter.html",
        context={
            "offer": offer,
            "application": application,
            "candidate": application.candidate,
            "requisition": application.requisition,
        },
        title=OFFER_TITLE,
        form_number=OFFER_FORM_CODE,
        classification=SecrecyLevel.SECRET,
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, obj=offer, detail=OFFER_TITLE)
    return pdf_response(pdf, f"{OFFER_TITLE}-{application.candidate.name}.pdf")
