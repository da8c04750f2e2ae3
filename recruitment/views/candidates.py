"""Candidates: HR's pool (list, add with duplicate check, edit, import with a dry-run preview) and the
candidate page, which department heads see for candidates of their own department's applications."""

import csv
import io
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db.models import OuterRef
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from audit.services import Access, access_log
from core.access import require_hr
from core.forms import apply_errors
from core.pagination import IdPaginator
from core.pickers import picker_view
from core.queries import subquery_count
from core.spreadsheets import xlsx_download
from imports.labels import labelled_export
from imports.services import import_job_start, runs_in_background
from printing.render import content_disposition

from .. import policies, services
from ..forms import CANDIDATES, CandidateFilterForm, CandidateForm, CandidateImportForm
from ..models import Application, Candidate
from ..resources import COLUMNS, CandidateResource
from ..selectors import applications_visible_to, candidates_visible_to
from ..services.candidates import candidate_resume_access_log, rehire_warning
from ..services.imports import candidates_import, dataset_from_upload

IMPORT_SESSION_KEY = "recruitment_candidate_import"

# The candidate picker's search (core.pickers): HR only, anonymised candidates left out.
pick_candidates = picker_view(CANDIDATES)


def _candidates(request):
    """The candidate pool as the list's filter narrows it (name, phone, e-mail, pinyin; channel; education; pool)."""
    require_hr(request.user)
    form = CandidateFilterForm(request.GET or None)
    qs = candidates_visible_to(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if q := data["q"].strip():
            digits = services.normalise_phone(q)
            by_phone = qs.filter(phone__contains=digits) if digits else qs.none()
            qs = CANDIDATES.search(qs, q) | by_phone
        if data["source_channel"]:
            qs = qs.filter(source_channel=data["source_channel"])
        if data["education"]:
            qs = qs.filter(education=data["education"])
        if data["pool"]:
            qs = qs.filter(talent_pool_consent=data["pool"] == "yes")
    return form, qs


@require_GET
def candidate_list(request):
    form, qs = _candidates(request)
    qs = qs.annotate(
        application_count=subquery_count(Application.objects.filter(candidate=OuterRef("pk")), "candidate")
    ).order_by("-created_at", "-pk")
    page = IdPaginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request, "recruitment/candidate_list.html", {"form": form, "page_obj": page, "candidates": page.object_list}
    )


# Columns above the reader's clearance are not exported (as on the candidate page, where they are masked).
SECRET_COLUMNS = ("id_number", "expected_salary")


@require_GET
def candidate_export(request):
    """The filtered pool as .xlsx in the reader's words (姓名, 性别 男, 学历 本科 …), the titles the import reads back;
    anonymised candidates left out, the ID number and expected salary only for readers cleared for secret HR data;
    logged."""
    form, qs = _candidates(request)
    qs = qs.not_anonymised().order_by("-created_at", "-pk")
    exclude = () if request.user.sees_secret_hr_data else SECRET_COLUMNS
    dataset = labelled_export(CandidateResource(user=request.user), qs, exclude=exclude)
    return xlsx_download(request, dataset, filename=_("candidates"), model=Candidate, detail=", ".join(dataset.headers))


def candidate_create(request):
    """Add a candidate: consent recorded, resume checked, duplicates on phone / e-mail / ID number refused."""
    require_hr(request.user)
    form = CandidateForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            candidate = services.candidate_create(
                by=request.user,
                consent_given=form.cleaned_data["consent_given"],
                resume=form.cleaned_data.get("resume_upload"),
                **form.service_fields(),
            )
        except ValidationError as error:
            _resume_errors_to_upload(error)
            apply_errors(form, error)
        else:
            messages.success(request, _("Candidate %(name)s added.") % {"name": candidate.name})
            return redirect(candidate)
    return render(request, "recruitment/candidate_form.html", {"form": form})


def _resume_errors_to_upload(error: ValidationError) -> None:
    if hasattr(error, "error_dict") and "resume" in error.error_dict:
        error.error_dict["resume_upload"] = error.error_dict.pop("resume")


def candidate_update(request, pk):
    require_hr(request.user)
    candidate = get_object_or_404(candidates_visible_to(request.user), pk=pk)
    policies.can_edit_candidate(request.user, candidate).enforce()
    form = CandidateForm(request.POST or None, request.FILES or None, instance=candidate, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_update(
                candidate=candidate,
                by=request.user,
                resume=form.cleaned_data.get("resume_upload"),
                **form.service_fields(),
            )
        except ValidationError as error:
            _resume_errors_to_upload(error)
            apply_errors(form, error)
        else:
            messages.success(request, _("Candidate saved."))
            return redirect(candidate)
    return render(request, "recruitment/candidate_form.html", {"form": form, "candidate": candidate})


@require_GET
def candidate_detail(request, pk):
    candidate = get_object_or_404(candidates_visible_to(request.user).select_related("created_by"), pk=pk)
    applications = (
        applications_visible_to(request.user)
        .filter(candidate=candidate)
        .select_related("requisition__position", "requisition__department")
        .order_by("-applied_on")
    )
    if request.user.sees_secret_hr_data and candidate.id_number:  # the page shows the full ID number
        access_log(by=request.user, access=Access.VIEW, obj=candidate, detail=_("ID number"))
    return render(
        request,
        "recruitment/candidate_detail.html",
        {
            "candidate": candidate,
            "applications": applications,
            "can_edit": policies.can_edit_candidate(request.user, candidate),
            "rehire_warning": rehire_warning(candidate.id_number) if request.user.is_hr else "",
        },
    )


@require_GET
def candidate_resume(request, pk):
    """The resume, always as a download with its checked content type (never rendered inline)."""
    candidate = get_object_or_404(candidates_visible_to(request.user), pk=pk)
    if not candidate.resume:
        raise Http404
    try:
        handle = candidate.resume.open("rb")
    except FileNotFoundError:
        raise Http404
    candidate_resume_access_log(candidate=candidate, by=request.user)
    response = FileResponse(handle, content_type=candidate.resume_content_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition(
        candidate.resume_name or Path(candidate.resume.name).name, inline=False
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


def candidate_import(request):
    """Import candidates: upload → preview of every row's problems → confirm; nothing is written unless all
    rows are valid. The uploaded file waits in the private storage between preview and confirm. A file of more
    than HRMS_IMPORT_BACKGROUND_ROWS rows goes to an import job instead (checked and imported by tasks)."""
    require_hr(request.user)
    storage = storages["private"]
    form = CandidateImportForm(request.POST or None, request.FILES or None)
    report = None
    pending = request.session.get(IMPORT_SESSION_KEY)
    if request.method == "POST" and "confirm" in request.POST:
        if not pending or not storage.exists(pending["path"]):
            messages.error(request, _("The checked file has expired; please upload it again."))
            return redirect("recruitment:candidate_import")
        with storage.open(pending["path"], "rb") as handle:
            upload = ContentFile(handle.read(), name=pending["name"])
        try:
            report = candidates_import(dataset=dataset_from_upload(upload), by=request.user, dry_run=False)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("recruitment:candidate_import")
        storage.delete(pending["path"])
        del request.session[IMPORT_SESSION_KEY]
        if report.written:
            messages.success(request, _("%(n)s candidates imported.") % {"n": report.total})
            return redirect("recruitment:candidate_list")
        messages.error(request, _("Nothing was imported: the file has problems."))
        form = CandidateImportForm()
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            dataset = dataset_from_upload(upload)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if runs_in_background(len(dataset)):  # a big file: checked and imported by a task (imports/)
                job = import_job_start(kind="candidates", upload=upload, by=request.user, dataset=dataset)
                return redirect(job)
            report = candidates_import(dataset=dataset, by=request.user, dry_run=True)
            if pending and storage.exists(pending["path"]):
                storage.delete(pending["path"])
            request.session.pop(IMPORT_SESSION_KEY, None)
            if report.ok:
                upload.seek(0)
                ext = Path(upload.name).suffix.lower()
                path = storage.save(f"imports/candidates/{uuid.uuid4().hex}{ext}", ContentFile(upload.read()))
                request.session[IMPORT_SESSION_KEY] = {"path": path, "name": upload.name}
    return render(
        request,
        "recruitment/candidate_import.html",
        {
            "form": form,
            "report": report,
            "columns": COLUMNS.items(),
            "ready": report is not None and report.ok and not report.written,
            "background_rows": settings.HRMS_IMPORT_BACKGROUND_ROWS,
        },
    )


@require_GET
def candidate_import_template(request):
    """An empty CSV with the expected columns and one example row."""
    require_hr(request.user)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(list(COLUMNS))
    writer.writerow(
        [
            "张三",
            "男",
            "13900000000",
            "zhangsan@example.com",
            "",
            "本科",
            "同济大学 机械工程",
            "3年冲压工艺",
            "8000",
            "网上招聘",
            "否",
            "是",
        ]
    )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition("candidates-template.csv", inline=False)
    return response
