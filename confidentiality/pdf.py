"""Printed forms of the register (spec 08/10): 文件发放登记表 (the distribution register of one document),
涉密文件借阅审批表 (an access request with its approval chain) and 涉密文件销毁登记表 (the destruction register).
Each print is logged as an access of the register."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_GET

from approvals.selectors import chain_for
from audit.services import Access, access_log
from printing.render import pdf_response, render_pdf

from . import policies
from .models import AccessRequest, Destruction
from .selectors import can_read_document, documents_visible_to, is_keeper

DISTRIBUTION_TITLE = "文件发放登记表"
DISTRIBUTION_CODE = "SM-FF"
ACCESS_TITLE = "涉密文件借阅审批表"
ACCESS_CODE = "SM-JY"
DESTRUCTION_TITLE = "涉密文件销毁登记表"
DESTRUCTION_CODE = "SM-XH"


@require_GET
def distribution_register_pdf(request, pk):
    document = get_object_or_404(documents_visible_to(request.user).select_related("owning_department"), pk=pk)
    if not is_keeper(request.user):
        raise Http404
    issues = document.issues.select_related("copy", "recipient", "issued_by", "checked_in_by").order_by(
        "copy__number", "issued_at"
    )
    pdf = render_pdf(
        template="confidentiality/pdf/distribution_register.html",
        context={"document": document, "issues": issues},
        title=DISTRIBUTION_TITLE,
        form_number=DISTRIBUTION_CODE,
        classification=document.level,
        approval_chain=[],
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, obj=document, detail=DISTRIBUTION_TITLE)
    return pdf_response(pdf, f"{DISTRIBUTION_TITLE}-{document.number}.pdf")


@require_GET
def access_request_pdf(request, pk):
    from .views import _visible_subject

    access = _visible_subject(request.user, AccessRequest, pk)
    pdf = render_pdf(
        template="confidentiality/pdf/access_request.html",
        context={"access": access, "readable": can_read_document(request.user, access.document)},
        title=ACCESS_TITLE,
        form_number=ACCESS_CODE,
        classification=access.document.level,
        approval_chain=chain_for(access),
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, obj=access, detail=ACCESS_TITLE)
    return pdf_response(pdf, f"{ACCESS_TITLE}-{access.pk}.pdf")


@require_GET
def destruction_register_pdf(request):
    policies.can_view_log(request.user).enforce()
    year = request.GET.get("year", "")
    entries = Destruction.objects.filter(document__in=documents_visible_to(request.user)).select_related(
        "document__owning_department", "destroyed_by", "witness"
    )
    if year.isdigit():
        entries = entries.filter(listed_on__year=int(year))
    entries = list(entries.order_by("listed_on", "document__number")[:2000])
    top = max((entry.document.level for entry in entries), default=None)
    pdf = render_pdf(
        template="confidentiality/pdf/destruction_register.html",
        context={"entries": entries, "year": year, "today": timezone.localdate()},
        title=DESTRUCTION_TITLE,
        form_number=DESTRUCTION_CODE,
        classification=top,
        approval_chain=[],
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, model=Destruction, count=len(entries), detail=DESTRUCTION_TITLE)
    return pdf_response(pdf, f"{DESTRUCTION_TITLE}.pdf")
