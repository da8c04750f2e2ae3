"""Pages of certificates, mentoring, external training, the quality-awareness check and the yearly post
competence evaluation. Same shape as views.py: scoped rows (→ 404), policies (→ 403), one service call."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from approvals.selectors import chain_for
from audit.services import Access, access_log
from core.access import require_department_scope
from core.files import private_download
from core.forms import apply_errors
from core.pagination import IdPaginator
from employees.selectors import employee_for_user, employees_visible_to
from org.selectors import departments_visible_to

from . import policies, services
from .forms import (
    AwarenessForm,
    CertificateForm,
    CertificateTypeForm,
    ExternalCompleteForm,
    ExternalForm,
    MentoringForm,
    ReviewForm,
    SignOffForm,
)
from .models import (
    AwarenessCheck,
    Certificate,
    CertificateType,
    CompetenceReview,
    ExternalStatus,
    ExternalTraining,
    Mentoring,
)
from .selectors import uses_department_pages
from .views import PAGE_SIZE, _employee


def _file_response(request, field, name, obj):
    return private_download(
        field, filename=name, log=lambda: access_log(by=request.user, access=Access.DOWNLOAD, obj=obj, detail=name)
    )


# --- certificates ----------------------------------------------------------------------------------------------


def certificates_visible_to(user):
    return Certificate.objects.filter(employee__in=employees_visible_to(user))


def certificate_list(request):
    qs = certificates_visible_to(request.user).select_related("employee__department", "type")
    today = timezone.localdate()
    params = request.GET
    if params.get("expiring"):
        qs = qs.filter(expires_on__gte=today, expires_on__lte=today + datetime.timedelta(days=60))
    if params.get("expired"):
        qs = qs.filter(expires_on__lt=today)
    if q := params.get("q", "").strip():
        qs = qs.filter(Q(employee__name__icontains=q) | Q(employee__number__icontains=q) | Q(number__icontains=q))
    page = IdPaginator(qs.order_by("expires_on", "pk"), PAGE_SIZE).get_page(params.get("page"))
    return render(
        request,
        "training/certificate_list.html",
        {"page_obj": page, "today": today, "can_manage": policies.can_manage(request.user)},
    )


def special_posts_without_certificate(request):
    """People on posts that require a certificate type and hold no valid certificate of it."""
    require_department_scope(request.user)
    today = timezone.localdate()
    rows = []
    types = CertificateType.objects.filter(positions__isnull=False).distinct().prefetch_related("positions")
    for certificate_type in types:
        valid = Certificate.objects.filter(employee=OuterRef("pk"), type=certificate_type, issued_on__lte=today).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=today)
        )
        people = (
            employees_visible_to(request.user)
            .active()
            .filter(position__in=certificate_type.positions.all())
            .filter(~Exists(valid))
            .select_related("department", "position")
        )
        rows += [(person, certificate_type) for person in people]
    return render(request, "training/certificate_missing.html", {"rows": rows})


def certificate_create(request):
    policies.can_manage(request.user).enforce()
    form = CertificateForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        scan = data.pop("scan_upload")
        try:
            services.certificate_create(by=request.user, scan=scan, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Certificate recorded."))
            return redirect("training:certificate_list")
    return render(request, "training/form.html", {"form": form, "title": _("Post certificate (上岗证 / 资格证书)")})


def certificate_scan(request, pk):
    certificate = get_object_or_404(certificates_visible_to(request.user), pk=pk)
    if not certificate.scan:
        raise Http404
    return _file_response(request, certificate.scan, certificate.scan_name, certificate)


def certificate_types(request):
    require_department_scope(request.user)
    form = CertificateTypeForm(request.POST or None)
    if request.method == "POST":
        policies.can_manage(request.user).enforce()
        if form.is_valid():
            form.save()
            messages.success(request, _("Certificate type saved."))
            return redirect("training:certificate_types")
    return render(
        request,
        "training/certificate_types.html",
        {
            "types": CertificateType.objects.prefetch_related("positions"),
            "form": form,
            "can_manage": policies.can_manage(request.user),
        },
    )


# --- mentoring -------------------------------------------------------------------------------------------------


def mentorings_visible_to(user):
    return Mentoring.objects.filter(Q(employee__in=employees_visible_to(user)) | Q(mentor__user=user))


def mentoring_list(request):
    qs = mentorings_visible_to(request.user).select_related("employee__department", "mentor")
    page = IdPaginator(qs.order_by("-starts_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "training/mentoring_list.html", {"page_obj": page, "can_assign": uses_department_pages(request.user)}
    )


def mentoring_create(request):
    require_department_scope(request.user)
    form = MentoringForm(request.POST or None, user=request.user, initial={"employee": request.GET.get("employee")})
    if request.method == "POST" and form.is_valid():
        try:
            services.mentoring_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Mentor assigned."))
            return redirect("training:mentoring_list")
    return render(request, "training/form.html", {"form": form, "title": _("Mentoring (师带徒 / 带教)")})


def mentoring_sign_off(request, pk):
    mentoring = get_object_or_404(mentorings_visible_to(request.user).select_related("mentor", "employee"), pk=pk)
    policies.can_sign_off_mentoring(request.user, mentoring).enforce()
    form = SignOffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.mentoring_sign_off(
            mentoring=mentoring,
            by=request.user,
            goals_met=form.cleaned_data["goals_met"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Signed off."))
        return redirect("training:mentoring_list")
    return render(
        request, "training/form.html", {"form": form, "title": f"{mentoring.employee.name} · {mentoring.goals[:40]}"}
    )


# --- external training -----------------------------------------------------------------------------------------


def externals_visible_to(user):
    return ExternalTraining.objects.filter(employee__in=employees_visible_to(user))


def external_list(request):
    qs = externals_visible_to(request.user).select_related("employee__department")
    if request.GET.get("status") in ExternalStatus.values:
        qs = qs.filter(status=request.GET["status"])
    page = IdPaginator(qs.order_by("-starts_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/external_list.html", {"page_obj": page, "statuses": ExternalStatus.choices})


def external_create(request):
    form = ExternalForm(request.POST or None, user=request.user)
    if not uses_department_pages(request.user):
        mine = employee_for_user(request.user)
        if mine is None:
            raise PermissionDenied
        form.fields["employee"].queryset = form.fields["employee"].queryset.filter(pk=mine.pk)
    if request.method == "POST" and form.is_valid():
        training = form.save(commit=False)
        training.created_by = request.user
        try:
            training.full_clean()
            training.save()
            services.external_submit(training=training, by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The external training request is sent for approval."))
            return redirect(training)
    return render(
        request, "training/form.html", {"form": form, "title": _("External training request (外出培训申请表)")}
    )


def external_edit(request, pk):
    """The edit page of a draft or a returned request (外出培训申请表): saved and sent (again) for approval. A
    returned one is changed only by whoever sent it, as the plans' edit pages (policies.can_edit_external)."""
    training = get_object_or_404(externals_visible_to(request.user).select_related("employee"), pk=pk)
    policies.can_edit_external(request.user, training).enforce()
    form = ExternalForm(request.POST or None, instance=training, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.EXTERNAL_EDITABLE_FIELDS}
        try:
            with transaction.atomic():  # changed and sent, or neither
                training = services.external_save(training=training, by=request.user, **fields)
                services.external_submit(training=training, by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The external training request is sent for approval."))
            return redirect(training)
    return render(
        request, "training/form.html", {"form": form, "title": _("External training request (外出培训申请表)")}
    )


def external_detail(request, pk):
    training = get_object_or_404(externals_visible_to(request.user).select_related("employee__department"), pk=pk)
    can_complete = policies.can_complete_external(request.user, training)
    form = ExternalCompleteForm(request.POST or None, request.FILES or None) if can_complete else None
    if request.method == "POST":
        can_complete.enforce()
        if form.is_valid():
            services.external_complete(
                training=training,
                by=request.user,
                report=form.cleaned_data["report"],
                passed=form.cleaned_data["passed"],
                certificate=form.cleaned_data["certificate"],
            )
            messages.success(request, _("Report attached; the training is in the history."))
            return redirect(training)
    return render(
        request,
        "training/external_detail.html",
        {
            "training": training,
            "form": form,
            "chain": chain_for(training),
            "can_submit": policies.can_submit_external(request.user, training),
            "can_edit": policies.can_edit_external(request.user, training),
        },
    )


@require_POST
def external_resubmit(request, pk):
    training = get_object_or_404(externals_visible_to(request.user), pk=pk)
    try:
        services.external_submit(training=training, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(training)


def external_certificate(request, pk):
    training = get_object_or_404(externals_visible_to(request.user), pk=pk)
    if not training.certificate_file:
        raise Http404
    return _file_response(request, training.certificate_file, training.certificate_name, training)


# --- quality awareness -----------------------------------------------------------------------------------------


def awareness_due(request):
    """员工意识: who has no confirmed check this year."""
    require_department_scope(request.user)
    year = timezone.localdate().year
    done = AwarenessCheck.objects.filter(employee=OuterRef("pk"), year=year, passed=True)
    qs = employees_visible_to(request.user).active().filter(~Exists(done)).select_related("department", "position")
    page = IdPaginator(qs.order_by("department__path", "number"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/awareness_due.html", {"page_obj": page, "year": year})


def awareness_record(request, pk):
    employee = _employee(request.user, pk)
    policies.can_rate(request.user, employee).enforce()
    form = AwarenessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.awareness_record(
            employee=employee, year=timezone.localdate().year, by=request.user, **form.cleaned_data
        )
        messages.success(request, _("Quality awareness recorded."))
        return redirect("training:awareness_due")
    return render(
        request,
        "training/form.html",
        {"form": form, "title": _("Quality awareness (员工意识)") + f" · {employee.name}"},
    )


# --- post competence evaluation --------------------------------------------------------------------------------


def review_list(request):
    require_department_scope(request.user)
    reviews = CompetenceReview.objects.filter(department__in=departments_visible_to(request.user)).select_related(
        "department"
    )
    return render(
        request, "training/review_list.html", {"reviews": reviews, "departments": departments_visible_to(request.user)}
    )


def review_create(request, department_pk):
    require_department_scope(request.user)
    department = get_object_or_404(departments_visible_to(request.user), pk=department_pk)
    form = ReviewForm(request.POST or None, initial={"year": timezone.localdate().year})
    return _review_form(request, department, form)


def review_edit(request, pk):
    """The same page for a draft and for an evaluation returned for changes: saved and sent (again)."""
    review = _review(request, pk)
    policies.can_edit_plan(request.user, review).enforce()
    form = ReviewForm(request.POST or None, initial={"year": review.year, "conclusion": review.conclusion})
    form.fields["year"].disabled = True
    return _review_form(request, review.department, form)


def _review_form(request, department, form):
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_save(department=department, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The evaluation is sent for approval."))
            return redirect(review)
    return render(
        request,
        "training/form.html",
        {"form": form, "title": _("Post competence evaluation (岗位胜任评价表)") + f" · {department.name}"},
    )


def _review(request, pk) -> CompetenceReview:
    require_department_scope(request.user)
    return get_object_or_404(
        CompetenceReview.objects.filter(department__in=departments_visible_to(request.user)).select_related(
            "department"
        ),
        pk=pk,
    )


def review_detail(request, pk):
    review = _review(request, pk)
    return render(
        request,
        "training/review_detail.html",
        {"review": review, "chain": chain_for(review), "can_edit": policies.can_edit_plan(request.user, review)},
    )
