"""Self-service pages (我的): the employee's own contracts (a copy as PDF, LCL art. 16), salary history, documents,
a request to change their contact details, and a copy of their personal data (PIPL art. 45). Everything is found
through the logged-in user's own record; another person's is never reachable here. HR confirms the requests."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from audit.services import Access, access_log
from core.access import require_hr
from core.files import private_download
from core.forms import apply_errors
from core.pagination import IdPaginator
from printing.render import pdf_response, render_pdf

from . import self_service, services
from .models import CONTACT_FIELDS, ContactChangeRequest
from .selectors import employee_for_user, employees_visible_to

CONTRACT_COPY_TITLE = "劳动合同（员工留存）"
CONTRACT_COPY_FORM_CODE = "LC"


class ContactChangeForm(forms.ModelForm):
    class Meta:
        model = ContactChangeRequest
        fields = CONTACT_FIELDS


class DecisionForm(forms.Form):
    comment = forms.CharField(label=gettext_lazy("Comment"), required=False, max_length=200)


def _me(request):
    me = employee_for_user(request.user)
    if me is None:
        raise Http404
    return me


@require_GET
def my_overview(request):
    me = employee_for_user(request.user)
    if me is None:
        return render(request, "employees/no_profile.html", status=404)
    return render(
        request,
        "employees/my_overview.html",
        {
            "me": me,
            "contracts": me.contracts.all(),
            "salary_changes": me.salary_changes.all(),
            "documents": me.documents.all(),
            "pending_change": me.contact_changes.filter(status=ContactChangeRequest.Status.PENDING).first(),
            "recent_changes": me.contact_changes.all()[:5],
        },
    )


@require_GET
def my_contract_pdf(request, contract_pk):
    me = _me(request)
    contract = get_object_or_404(me.contracts.all(), pk=contract_pk)
    pdf = render_pdf(
        template="employees/pdf/contract_copy.html",
        context={"employee": me, "contract": contract},
        title=CONTRACT_COPY_TITLE,
        form_number=CONTRACT_COPY_FORM_CODE,
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, obj=me, detail=CONTRACT_COPY_TITLE)
    return pdf_response(pdf, f"{CONTRACT_COPY_TITLE}-{contract.number}.pdf")


@require_GET
def my_document_download(request, document_pk):
    me = _me(request)
    document = get_object_or_404(me.documents.all(), pk=document_pk)
    return private_download(
        document.file,
        filename=document.original_name,
        content_type=document.content_type,
        log=lambda: services.document_access_log(document=document, by=request.user),
    )


def my_contact_change(request):
    me = _me(request)
    initial = {name: getattr(me, name) for name in CONTACT_FIELDS}
    form = ContactChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            self_service.contact_change_request(employee=me, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your change was sent to HR, who will confirm it."))
            return redirect("employees:my_overview")
    return render(request, "employees/my_contact_change.html", {"form": form, "me": me})


@require_POST
def my_data_copy(request):
    me = _me(request)
    content = self_service.personal_data_copy(employee=me, by=request.user)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="my-data-{timezone.localdate():%Y%m%d}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- HR: the requests to confirm ---------------------------------------------------------------------------


@require_GET
def contact_change_list(request):
    require_hr(request.user)
    changes = ContactChangeRequest.objects.filter(
        status=ContactChangeRequest.Status.PENDING, employee__in=employees_visible_to(request.user)
    ).select_related("employee__department")
    page = IdPaginator(changes, 25).get_page(request.GET.get("page"))
    return render(request, "employees/contact_change_list.html", {"page_obj": page, "form": DecisionForm()})


@require_POST
def contact_change_decide(request, pk):
    require_hr(request.user)
    change = get_object_or_404(
        ContactChangeRequest.objects.filter(employee__in=employees_visible_to(request.user)), pk=pk
    )
    form = DecisionForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        self_service.contact_change_decide(
            change=change, by=request.user, confirm=request.POST.get("decision") == "confirm", comment=comment
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("employees:contact_change_list")
