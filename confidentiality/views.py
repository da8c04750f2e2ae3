"""Pages of the register. Every document is fetched through `documents_visible_to` (out of reach → 404, never a
403 that would confirm it exists); actions ask the policy of the action; views stay thin."""

import datetime

import tablib
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from approvals.policies import can_view as can_view_request
from approvals.selectors import chain_for, latest_request_for
from core.forms import apply_errors
from core.pagination import IdPaginator
from core.pickers import picker_view
from core.spreadsheets import xlsx_download
from printing.render import pdf_response

from . import policies, services
from .forms import (
    DOCUMENTS,
    PEOPLE,
    AccessRequestForm,
    DestructionForm,
    DisclosureForm,
    DocumentForm,
    ExtendForm,
    HandoverForm,
    IssueForm,
    LogFilterForm,
    ReproductionForm,
    RevokeForm,
    UploadForm,
)
from .models import (
    AccessRequest,
    ConfidentialityEvent,
    Copy,
    Destruction,
    Disclosure,
    Document,
    DocumentStatus,
    EventKind,
    Grant,
    Handover,
    Issue,
    Policy,
    ReproductionRequest,
)
from .selectors import (
    can_read_document,
    documents_visible_to,
    events_visible_to,
    is_keeper,
    search_documents,
)

PAGE_SIZE = 25
EXPORT_LIMIT = 10000

pick_people = picker_view(PEOPLE)
pick_documents = picker_view(DOCUMENTS)


def _document(user, pk) -> Document:
    return get_object_or_404(documents_visible_to(user).select_related("owning_department"), pk=pk)


def _page(request, qs):
    return IdPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


# --- register ---------------------------------------------------------------------------------------------


@require_GET
def document_list(request):
    user = request.user
    qs = search_documents(user, request.GET.get("q", ""))
    level = request.GET.get("level", "")
    if level.isdigit():
        qs = qs.filter(level=int(level))
    if request.GET.get("status") in DocumentStatus.values:
        qs = qs.filter(status=request.GET["status"])
    return render(
        request,
        "confidentiality/document_list.html",
        {
            "page_obj": _page(request, qs.order_by("-registered_at", "-pk")),
            "levels": Document._meta.get_field("level").choices,
            "statuses": DocumentStatus.choices,
            "can_register": policies.can_register(user).allowed,
        },
    )


def document_detail(request, pk):
    user = request.user
    document = _document(user, pk)
    keeper = is_keeper(user)
    owner = policies.is_owner(user, document)
    copies = list(document.copies.select_related("holder").order_by("number"))
    issues = list(
        document.issues.select_related("copy", "recipient", "issued_by", "checked_in_by").order_by("-issued_at")
    )
    if not keeper:
        issues = [issue for issue in issues if issue.recipient_id == user.pk]
    grants = list(document.grants.select_related("user").order_by("-granted_at")) if keeper or owner else []
    return render(
        request,
        "confidentiality/document_detail.html",
        {
            "document": document,
            "copies": copies,
            "issues": issues,
            "grants": grants,
            "keeper": keeper,
            "owner": owner,
            "chain": chain_for(document),
            "can_edit": policies.can_edit(user, document).allowed,
            "can_upload": policies.can_upload(user, document),
            "can_issue": policies.can_issue(user, document).allowed,
            "can_extend": policies.can_extend(user, document).allowed,
            "can_reproduce": policies.can_request_reproduction(user, document).allowed,
            "upload_form": UploadForm(),
            "extend_form": ExtendForm(),
            "revoke_form": RevokeForm(),
            "today": timezone.localdate(),
        },
    )


def document_create(request):
    policies.can_register(request.user).enforce()
    form = DocumentForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "upload"}
        try:
            document = services.document_register(by=request.user, upload=form.cleaned_data.get("upload"), **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Registered; the level waits for confirmation by the owning department."))
            return redirect(document)
    return render(request, "confidentiality/form.html", {"form": form, "title": _("Register a classified document")})


def document_edit(request, pk):
    document = _document(request.user, pk)
    policies.can_edit(request.user, document).enforce()
    form = DocumentForm(request.POST or None, instance=document, user=request.user)
    del form.fields["upload"]
    if request.method == "POST" and form.is_valid():
        try:
            services.document_update(document=document, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(document)
    return render(
        request,
        "confidentiality/form.html",
        {"form": form, "title": _("Edit the register entry"), "document": document},
    )


@require_POST
def document_upload(request, pk):
    document = _document(request.user, pk)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_attach_file(document=document, upload=form.cleaned_data["upload"], by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The file is stored encrypted."))
    else:
        messages.error(request, _("Choose a PDF file."))
    return redirect(document)


@require_GET
def document_file(request, pk):
    document = _document(request.user, pk)
    if not document.file:
        raise Http404
    download = request.GET.get("download") == "1"
    pdf = services.document_read_file(document=document, user=request.user, download=download)
    return pdf_response(pdf, f"{document.number}.pdf", inline=not download)


@require_POST
def document_extend(request, pk):
    document = _document(request.user, pk)
    form = ExtendForm(request.POST)
    if form.is_valid():
        try:
            services.document_extend(
                document=document, by=request.user, declassify_on=form.cleaned_data["declassify_on"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The classification period is extended."))
    return redirect(document)


# --- copies -----------------------------------------------------------------------------------------------


def _copy(user, pk) -> Copy:
    return get_object_or_404(
        Copy.objects.filter(document__in=documents_visible_to(user)).select_related("document"), pk=pk
    )


def copy_issue(request, pk):
    copy = _copy(request.user, pk)
    document = copy.document
    policies.can_issue(request.user, document).enforce()
    initial = {
        "return_due": document.return_deadline
        or timezone.localdate() + datetime.timedelta(days=Policy.get().default_loan_days)
    }
    form = IssueForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.copy_issue(copy=copy, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Copy No. %(n)s issued.") % {"n": copy.number})
            return redirect(document)
    return render(
        request,
        "confidentiality/form.html",
        {"form": form, "title": _("Issue copy No. %(n)s") % {"n": copy.number}, "document": document},
    )


@require_POST
def copy_return(request, pk):
    copy = _copy(request.user, pk)
    try:
        services.return_copy(copy=copy, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Copy No. %(n)s checked in.") % {"n": copy.number})
    return redirect(copy.document)


@require_POST
def issue_acknowledge(request, pk):
    issue = get_object_or_404(Issue.objects.filter(recipient=request.user), pk=pk)
    services.issue_acknowledge(issue=issue, by=request.user)
    messages.success(request, _("You signed for copy No. %(n)s.") % {"n": issue.copy.number})
    return redirect("confidentiality:my_copies")


@require_GET
def my_copies(request):
    issues = (
        Issue.objects.filter(recipient=request.user, returned_at__isnull=True)
        .select_related("copy", "document", "issued_by")
        .order_by("return_due", "pk")
    )
    grants = (
        Grant.objects.filter(user=request.user, ended_at__isnull=True, valid_until__gte=timezone.localdate())
        .select_related("document")
        .order_by("valid_until")
    )
    return render(
        request,
        "confidentiality/my_copies.html",
        {"issues": issues, "grants": grants, "today": timezone.localdate()},
    )


@require_GET
def issue_list(request):
    """The distribution register across documents (records keeper): copies out, overdue first."""
    policies.can_view_log(request.user).enforce()
    qs = Issue.objects.filter(document__in=documents_visible_to(request.user)).select_related(
        "copy", "document", "recipient", "issued_by"
    )
    if request.GET.get("open"):
        qs = qs.filter(returned_at__isnull=True)
    if request.GET.get("overdue"):
        qs = qs.filter(returned_at__isnull=True, return_due__lt=timezone.localdate())
    return render(
        request,
        "confidentiality/issue_list.html",
        {"page_obj": _page(request, qs.order_by("-issued_at", "-pk")), "today": timezone.localdate()},
    )


# --- access requests and grants ---------------------------------------------------------------------------


def access_request_create(request):
    form = AccessRequestForm(request.POST or None, initial={"number": request.GET.get("number", "")})
    if request.method == "POST" and form.is_valid():
        try:
            access = services.access_request_submit(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your request is on its way to the approver."))
            return redirect(access)
    return render(request, "confidentiality/form.html", {"form": form, "title": _("Ask for access to a document")})


def _visible_subject(user, model, pk):
    """A request of the register: its applicant, whoever sees its approval, or a keeper reaching the document."""
    subject = get_object_or_404(model.objects.select_related("document__owning_department", "applicant"), pk=pk)
    if subject.applicant_id == user.pk:
        return subject
    if is_keeper(user) and can_read_document(user, subject.document):
        return subject
    approval = latest_request_for(subject)
    if approval is not None and can_view_request(user, approval):
        return subject
    raise Http404


def _subject_page(request, subject, template, extra=None):
    return render(
        request,
        template,
        {
            "subject": subject,
            "document": subject.document,
            "readable": can_read_document(request.user, subject.document),
            "chain": chain_for(subject),
            "approval": latest_request_for(subject),
            **(extra or {}),
        },
    )


@require_GET
def access_request_detail(request, pk):
    access = _visible_subject(request.user, AccessRequest, pk)
    grant = Grant.objects.filter(request=access).first()
    return _subject_page(request, access, "confidentiality/access_request_detail.html", {"grant": grant})


@require_GET
def access_request_list(request):
    user = request.user
    qs = AccessRequest.objects.select_related("document", "applicant")
    if is_keeper(user):
        qs = qs.filter(Q(document__in=documents_visible_to(user)) | Q(applicant=user))
    else:
        qs = qs.filter(applicant=user)
    return render(
        request,
        "confidentiality/access_request_list.html",
        {"page_obj": _page(request, qs.order_by("-created_at", "-pk")), "keeper": is_keeper(user)},
    )


@require_POST
def grant_revoke(request, pk):
    grant = get_object_or_404(
        Grant.objects.filter(document__in=documents_visible_to(request.user)).select_related("document"), pk=pk
    )
    form = RevokeForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.grant_revoke(grant=grant, by=request.user, reason=reason)
    messages.success(request, _("The grant is revoked."))
    return redirect(grant.document)


# --- print/copy/excerpt and disclosure --------------------------------------------------------------------


def reproduction_create(request, pk):
    document = _document(request.user, pk)
    policies.can_request_reproduction(request.user, document).enforce()
    form = ReproductionForm(
        request.POST or None, initial={"return_due": timezone.localdate() + datetime.timedelta(days=14)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            subject = services.reproduction_submit(document=document, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your request is on its way to the approver."))
            return redirect(subject)
    title = _("Ask to print, copy or excerpt")
    return render(request, "confidentiality/form.html", {"form": form, "title": title, "document": document})


@require_GET
def reproduction_detail(request, pk):
    subject = _visible_subject(request.user, ReproductionRequest, pk)
    return _subject_page(request, subject, "confidentiality/reproduction_detail.html")


def disclosure_create(request, pk):
    document = _document(request.user, pk)
    policies.can_request_disclosure(request.user, document).enforce()
    form = DisclosureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            subject = services.disclosure_submit(document=document, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your request is on its way to the general manager."))
            return redirect(subject)
    title = _("Ask to provide to an outside party (对外提供)")
    return render(request, "confidentiality/form.html", {"form": form, "title": title, "document": document})


@require_GET
def disclosure_detail(request, pk):
    subject = _visible_subject(request.user, Disclosure, pk)
    return _subject_page(request, subject, "confidentiality/disclosure_detail.html")


# --- destruction and handover -----------------------------------------------------------------------------


def _destructions(user):
    policies.can_view_log(user).enforce()
    return Destruction.objects.filter(document__in=documents_visible_to(user)).select_related(
        "document", "destroyed_by", "witness"
    )


@require_GET
def destruction_list(request):
    qs = _destructions(request.user).order_by("destroyed_at", "-listed_on", "-pk")
    return render(request, "confidentiality/destruction_list.html", {"page_obj": _page(request, qs)})


def destruction_record(request, pk):
    destruction = get_object_or_404(_destructions(request.user), pk=pk)
    policies.can_record_destruction(request.user, destruction).enforce()
    form = DestructionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.destruction_record(destruction=destruction, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The destruction is recorded."))
            return redirect("confidentiality:destruction_list")
    title = _("Record the destruction of %(number)s") % {"number": destruction.document.number}
    return render(request, "confidentiality/form.html", {"form": form, "title": title})


def _handovers(user):
    return Handover.objects.filter(Q(from_keeper=user) | Q(to_keeper=user)).select_related("from_keeper", "to_keeper")


def handover_list(request):
    form = HandoverForm(request.POST or None, user=request.user) if is_keeper(request.user) else None
    if request.method == "POST":
        policies.can_register(request.user).enforce()
        if form.is_valid():
            try:
                handover = services.handover_create(by=request.user, to_keeper=form.cleaned_data["to_keeper"])
            except ValidationError as error:
                apply_errors(form, error)
            else:
                return redirect(handover)
    handovers = _handovers(request.user).order_by("-created_at")[:50]
    return render(request, "confidentiality/handover_list.html", {"handovers": handovers, "form": form})


def handover_detail(request, pk):
    handover = get_object_or_404(_handovers(request.user), pk=pk)
    if request.method == "POST":
        services.handover_sign(handover=handover, by=request.user)
        messages.success(request, _("You signed the handover."))
        return redirect(handover)
    return render(
        request,
        "confidentiality/handover_detail.html",
        {"handover": handover, "can_sign": policies.can_sign_handover(request.user, handover).allowed},
    )


# --- access log -------------------------------------------------------------------------------------------


def _filtered_events(request):
    policies.can_view_log(request.user).enforce()
    form = LogFilterForm(request.GET or None, user=request.user)
    qs = events_visible_to(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            qs = qs.filter(kind=data["kind"])
        if data["document"]:
            qs = qs.filter(document=data["document"])
        if data["person"]:
            qs = qs.filter(Q(actor__username=data["person"]) | Q(person__username=data["person"]))
        if data["since"]:
            qs = qs.filter(at__date__gte=data["since"])
        if data["until"]:
            qs = qs.filter(at__date__lte=data["until"])
    return form, qs.order_by("-at", "-pk")


@require_GET
def access_log_page(request):
    form, qs = _filtered_events(request)
    return render(
        request,
        "confidentiality/access_log.html",
        {"form": form, "page_obj": _page(request, qs), "export_limit": EXPORT_LIMIT},
    )


@require_GET
def access_log_export(request):
    form, qs = _filtered_events(request)
    rows = list(qs[:EXPORT_LIMIT])
    headers = [
        _("Time"),
        _("Event"),
        _("By"),
        _("Document number"),
        _("Title"),
        _("Level"),
        _("Copy"),
        _("Concerning"),
        _("Detail"),
    ]
    dataset = tablib.Dataset(headers=headers, title=_("Access log")[:31])
    for row in rows:
        document = row.document
        dataset.append(
            [
                timezone.localtime(row.at).strftime("%Y-%m-%d %H:%M:%S"),
                row.get_kind_display(),
                str(row.actor or ""),
                document.number if document else "",
                document.title if document else "",
                document.get_level_display() if document else "",
                row.copy.number if row.copy else "",
                str(row.person or ""),
                row.detail,
            ]
        )
    filters = ", ".join(f"{key}={value}" for key, value in request.GET.items() if value and key != "page")
    services.event(EventKind.EXPORTED, actor=request.user, detail=_("%(n)s rows of the access log") % {"n": len(rows)})
    return xlsx_download(
        request, dataset, filename="涉密文件访问日志", model=ConfidentialityEvent, detail=filters or _("all")
    )
