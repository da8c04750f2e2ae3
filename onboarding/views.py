"""Onboarding pages. Cases are fetched through the scoped selector (out of scope → 404); HR writes, the
department reviews, the employee reads their own case and writes their own self-report. Views stay thin:
access check, form, one service call, a message, a redirect."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from approvals.selectors import chain_for
from core.forms import apply_errors
from employees.labour_law import CONTRACT_FIRST_REMINDER_DAYS, default_probation_months
from employees.models import NO_LABOUR_CONTRACT_TYPES, ContractType, Employee, EmployeeStatus
from employees.selectors import employee_for_user
from offboarding.selectors import cases_visible_to as separation_cases_visible_to

from . import policies, services
from .forms import (
    CaseStartForm,
    ContractRecordForm,
    ConversionForm,
    ExtensionForm,
    RegistrationForm,
    ReviewForm,
    SafetyEducationForm,
    SelfReportForm,
    TaskCompleteForm,
    TerminationForm,
)
from .models import (
    OPEN_PROBATION,
    Conversion,
    OnboardingCase,
    OnboardingTask,
    ProbationStatus,
    RegistrationLink,
    SafetyLevel,
    SelfReport,
)
from .selectors import (
    case_list_for,
    cases_visible_to,
    checklist_for,
    hires_without_case,
    probation_terminations,
    uses_case_list,
    with_registration_state,
)

PAGE_SIZE = 25
ENDING_SOON_DAYS = 14


def _case(user, pk, queryset=None) -> OnboardingCase:
    return get_object_or_404(
        (queryset if queryset is not None else cases_visible_to(user)).select_related(
            "employee__department", "employee__position", "employee__user", "offer", "created_by"
        ),
        pk=pk,
    )


def case_list(request):
    user = request.user
    if not uses_case_list(user):
        mine = employee_for_user(user)
        case = mine and OnboardingCase.objects.filter(employee=mine).order_by("-start_date").first()
        if case is None:
            raise Http404
        return redirect(case)
    qs = case_list_for(user)
    params = request.GET
    q = params.get("q", "").strip()
    if q:
        qs = qs.filter(Q(employee__name__icontains=q) | Q(employee__number__icontains=q))
    if params.get("status") in OnboardingCase.Status.values:
        qs = qs.filter(status=params["status"])
    if params.get("probation") in ProbationStatus.values:
        qs = qs.filter(probation_status=params["probation"])
    today = timezone.localdate()
    if params.get("ending"):
        qs = qs.filter(
            probation_status__in=OPEN_PROBATION,
            probation_end__gte=today,
            probation_end__lte=today + datetime.timedelta(days=ENDING_SOON_DAYS),
        )
    contract_alert = today - datetime.timedelta(days=CONTRACT_FIRST_REMINDER_DAYS)
    if params.get("contract") == "unsigned":
        qs = (
            qs.filter(contract_signed=False, start_date__lte=contract_alert)
            .exclude(employee__employment_type__in=NO_LABOUR_CONTRACT_TYPES)
            .exclude(employee__status=EmployeeStatus.SEPARATED)
        )
    page = Paginator(qs.order_by("-start_date", "-pk"), PAGE_SIZE).get_page(params.get("page"))
    return render(
        request,
        "onboarding/case_list.html",
        {
            "page_obj": page,
            "statuses": OnboardingCase.Status.choices,
            "probation_statuses": ProbationStatus.choices,
            "hires": list(hires_without_case(user)[:20]),
            "contract_alert": contract_alert,
            "today": today,
        },
    )


def case_start(request, employee_pk):
    """A direct hire (employee created in the employees UI with status onboarding) gets a case here."""
    policies.can_start_case(request.user).enforce()
    employee = get_object_or_404(hires_without_case(request.user), pk=employee_pk)
    initial = {
        "agreed_salary": employee.base_salary,
        "contract_type": ContractType.FIXED,
        "contract_months": 36,
        # The company's policy for the post (frontline 1 month, staff up to 3), never above the legal cap.
        "probation_months": default_probation_months(
            employee.position.category, contract_type=ContractType.FIXED, contract_months=36
        ),
    }
    form = CaseStartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_start(employee=employee, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Onboarding of %(name)s started.") % {"name": employee.name})
            return redirect(case)
    return render(request, "onboarding/case_start.html", {"form": form, "employee": employee})


def my_case(request):
    mine = employee_for_user(request.user)
    case = mine and OnboardingCase.objects.filter(employee=mine).order_by("-start_date").first()
    if case is None:
        raise Http404
    return redirect(case)


def case_detail(request, pk):
    user = request.user
    case = _case(user, pk, with_registration_state(cases_visible_to(user)))
    employee = case.employee
    own = employee.user_id == user.pk
    tasks = list(case.tasks.select_related("owner", "done_by"))
    signed = services.contract_signed(employee)
    conversions = list(case.conversions.select_related("created_by", "salary_change").order_by("-created_at"))
    latest_conversion = conversions[0] if conversions else None
    reviews = list(case.reviews.select_related("reviewer"))
    review = reviews[0] if reviews else None
    checklist = checklist_for(employee)
    today = timezone.localdate()
    is_hr = user.is_hr and not own
    safety = {row.level: row for row in case.safety_education.select_related("recorded_by")}
    for task in tasks:
        task.case = case
        task.tickable = bool(policies.can_complete_task(user, task))
    terminations = list(probation_terminations(case).select_related("created_by"))
    context = {
        "case": case,
        "employee": employee,
        "own": own,
        "today": today,
        "tasks": tasks,
        "contract_signed": signed,
        "checklist": checklist,
        "missing": [row["kind"] for row in checklist if row["mandatory"] and row["document"] is None],
        "reviews": reviews,
        "self_report": SelfReport.objects.filter(case=case).first() if case.is_staff_grade else None,
        "extensions": list(case.extensions.select_related("recorded_by")),
        "conversions": conversions,
        "latest_conversion": latest_conversion,
        "chain": chain_for(latest_conversion) if latest_conversion else [],
        "terminations": terminations,
        "termination": terminations[0] if terminations else None,
        # The separation case page, for whoever offboarding lets see it.
        "termination_visible": bool(terminations)
        and separation_cases_visible_to(user).filter(pk=terminations[0].pk).exists(),
        "termination_chain": chain_for(terminations[0]) if terminations else [],
        "safety_levels": [(level, label, safety.get(level)) for level, label in SafetyLevel.choices],
        "events": list(case.events.select_related("by")),
        "is_hr": is_hr,
        "registration_status": RegistrationLink.Status(case.registration_status).label
        if is_hr and case.registration_status
        else "",
        "sees_secret": user.sees_secret_hr_data,
        "can_tick": any(t.tickable for t in tasks),
        "can_refresh": policies.can_refresh_case(user, case),
        "can_review": policies.can_review(user, case),
        "can_self_report": policies.can_self_report(user, case),
        "can_convert": policies.can_convert(user, case, review),
        "can_resubmit": latest_conversion is not None and policies.can_resubmit_conversion(user, latest_conversion),
        "can_extend": policies.can_extend(user, case, review),
        "can_terminate": policies.can_terminate(user, case),
        "can_record_contract": policies.can_record_contract(user, case),
        "can_record_safety": policies.can_record_safety_education(user, case),
        "latest_review": review,
    }
    return render(request, "onboarding/case_detail.html", context)


def _task_for(request, pk, task_pk) -> tuple[OnboardingCase, OnboardingTask]:
    case = _case(request.user, pk)
    task = get_object_or_404(OnboardingTask, pk=task_pk, case=case)
    policies.can_complete_task(request.user, task).enforce()
    return case, task


def task_complete(request, pk, task_pk):
    case, task = _task_for(request, pk, task_pk)
    form = TaskCompleteForm(request.POST or None, task=task)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_complete(task=task, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("“%(task)s” done.") % {"task": task.display_title})
            return redirect(f"{case.get_absolute_url()}#tasks")
    return render(request, "onboarding/task_form.html", {"form": form, "case": case, "task": task})


@require_POST
def case_refresh(request, pk):
    case = _case(request.user, pk)
    policies.can_refresh_case(request.user, case).enforce()
    case = services.case_refresh(case=case, by=request.user)
    if case.status == OnboardingCase.Status.COMPLETED:
        messages.success(request, _("Onboarding complete."))
    else:
        messages.info(request, _("Some mandatory items are still open."))
    return redirect(case)


def _case_form(
    request,
    pk,
    *,
    form_class,
    title,
    allowed,
    submit,
    template="onboarding/case_form.html",
    form_kwargs=None,
    initial=None,
):
    """One page per probation step: access check, the form, one service call, back to the case."""
    case = _case(request.user, pk)
    allowed(case).enforce()
    form = form_class(
        request.POST or None, request.FILES or None, initial=initial(case) if initial else None, **(form_kwargs or {})
    )
    if request.method == "POST" and form.is_valid():
        try:
            submit(case, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(case)
    return render(request, template, {"form": form, "case": case, "title": title})


def review_create(request, pk):
    user = request.user
    return _case_form(
        request,
        pk,
        form_class=ReviewForm,
        title=_("Probation review (员工试用期评估表)"),
        allowed=lambda case: policies.can_review(user, case),
        submit=lambda case, data: services.review_submit(case=case, by=user, **data),
        form_kwargs={"show_salary": user.sees_secret_hr_data},
    )


def self_report(request, pk):
    user = request.user

    def initial(case):
        report = SelfReport.objects.filter(case=case).first()
        if report is None:
            return None
        return {f: getattr(report, f) for f in ("work_summary", "achievements", "shortcomings", "plans")}

    return _case_form(
        request,
        pk,
        form_class=SelfReportForm,
        title=_("Self-report (试用转正工作报告)"),
        allowed=lambda case: policies.can_self_report(user, case),
        submit=lambda case, data: services.self_report_submit(case=case, by=user, **data),
        initial=initial,
    )


def probation_extend(request, pk):
    user = request.user
    return _case_form(
        request,
        pk,
        form_class=ExtensionForm,
        title=_("Extend the probation by agreement"),
        allowed=lambda case: policies.can_extend(user, case),
        submit=lambda case, data: services.probation_extend(case=case, by=user, **data),
    )


def conversion_create(request, pk):
    """The conversion with its 调薪单; after a return for changes the same page resubmits it."""
    user = request.user

    def latest(case):
        return case.conversions.order_by("-created_at", "-pk").first()

    def allowed(case):
        conversion = latest(case)
        if conversion is not None and conversion.status == Conversion.Status.RETURNED:
            return policies.can_resubmit_conversion(user, conversion)
        return policies.can_convert(user, case)

    def initial(case):
        review = services.latest_review(case)
        salary = (review.proposed_salary if review else None) or case.agreed_salary
        return {"new_salary": salary, "effective_date": case.probation_end + datetime.timedelta(days=1)}

    def submit(case, data):
        conversion = latest(case)
        if conversion is not None and conversion.status == Conversion.Status.RETURNED:
            return services.conversion_resubmit(conversion=conversion, by=user, **data)
        return services.conversion_submit(case=case, by=user, **data)

    return _case_form(
        request,
        pk,
        form_class=ConversionForm,
        title=_("Conversion to regular (员工试用考核转正审批表) with salary adjustment (调薪单)"),
        allowed=allowed,
        submit=submit,
        initial=initial,
    )


def probation_terminate(request, pk):
    user = request.user
    return _case_form(
        request,
        pk,
        form_class=TerminationForm,
        title=_("Terminate in probation (试用期解除劳动合同审批表, 不符合录用条件)"),
        allowed=lambda case: policies.can_terminate(user, case),
        submit=lambda case, data: services.probation_terminate(case=case, by=user, **data),
    )


def contract_record(request, pk):
    """The labour contract, recorded from the case and pre-filled with the terms of the accepted offer."""
    user = request.user
    return _case_form(
        request,
        pk,
        form_class=ContractRecordForm,
        title=_("Record the labour contract (劳动合同)"),
        allowed=lambda case: policies.can_record_contract(user, case),
        submit=lambda case, data: services.case_contract_record(case=case, by=user, **data),
        initial=services.contract_initial,
    )


def safety_education_record(request, pk):
    """One level of the three-level safety education (三级安全教育) with its date, hours and trainer."""
    user = request.user

    def initial(case):
        recorded = set(case.safety_education.values_list("level", flat=True))
        level = next((value for value in SafetyLevel.values if value not in recorded), None)
        return {"level": level}

    return _case_form(
        request,
        pk,
        form_class=SafetyEducationForm,
        title=_("Three-level safety education (三级安全教育)"),
        allowed=lambda case: policies.can_record_safety_education(user, case),
        submit=lambda case, data: services.safety_education_record(case=case, by=user, **data),
        initial=initial,
    )


def employee_case(request, employee_pk):
    """From an employee's page: their case, or (HR) the start form when they have none yet."""
    employee = get_object_or_404(Employee, pk=employee_pk)
    case = cases_visible_to(request.user).filter(employee=employee).order_by("-start_date").first()
    if case is not None:
        return redirect(case)
    if request.user.is_hr and hires_without_case(request.user).filter(pk=employee.pk).exists():
        return redirect("onboarding:case_start", employee_pk=employee.pk)
    raise Http404


# --- pre-hire self-registration (信息采集) ----------------------------------------------------------------


def _qr_svg(text: str) -> str:
    import qrcode
    import qrcode.image.svg

    return qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).to_string(encoding="unicode")


@require_POST
def registration_send(request, pk):
    """HR sends a new one-time link: shown here once, with its QR code, for the new hire to scan; with "send by
    e-mail" ticked it also goes to the new hire's e-mail address."""
    case = _case(request.user, pk)
    email = bool(request.POST.get("email"))
    verdict = (policies.can_email_registration_link if email else policies.can_send_registration_link)(
        request.user, case
    )
    if verdict.code == "no_email":
        messages.error(request, verdict.reason)
        return redirect("onboarding:registration_review", pk=case.pk)
    verdict.enforce()
    link, token = services.registration_link_send(case=case, by=request.user, email=email)
    url = services.registration_url(token)
    response = render(
        request,
        "onboarding/registration_sent.html",
        {"case": case, "employee": case.employee, "link": link, "url": url, "qr": mark_safe(_qr_svg(url))},  # noqa: S308
    )
    response["Cache-Control"] = "no-store"
    return response


def registration_review(request, pk):
    """HR reads what the new hire filled in and confirms it."""
    case = _case(request.user, pk)
    policies.can_view_registration(request.user, case).enforce()
    link = case.registration_links.select_related("created_by", "confirmed_by").first()
    if request.method == "POST":
        if link is None:
            raise Http404
        policies.can_confirm_registration(request.user, link).enforce()
        services.registration_confirm(link=link, by=request.user)
        messages.success(request, _("The registration is confirmed and the checklist item is done."))
        return redirect(case)
    documents = []
    if link is not None and request.user.sees_secret_hr_data:
        # What the new hire uploaded (the personnel file itself is behind secret clearance).
        documents = case.employee.documents.filter(
            kind__in=services.registration.SELF_UPLOAD_KINDS, uploaded_at__gte=link.created_at
        )
    return render(
        request,
        "onboarding/registration_review.html",
        {
            "case": case,
            "employee": case.employee,
            "link": link,
            "rows": _registration_rows(link),
            "documents": documents,
            "can_confirm": link is not None and policies.can_confirm_registration(request.user, link),
            "can_send": policies.can_send_registration_link(request.user, case),
            "can_email": policies.can_email_registration_link(request.user, case),
        },
    )


def _registration_rows(link) -> list[tuple[str, str]]:
    if link is None or not link.data:
        return []
    form = RegistrationForm()
    rows = []
    for name, value in link.data.items():
        field = form.fields.get(name)
        if name == "education":
            value = dict(field.choices).get(value, value)
        rows.append((field.label if field else name, value))
    return rows


@login_not_required
def register(request, token):
    """The new hire's page, reached by the link or its QR code without a login. It shows their own name, post and
    start date only; an unknown link is 404, an expired or used one 410, each with a page that says so."""
    state, link = services.registration_link_lookup(token)
    if state != services.LinkState.VALID:
        status = 404 if state == services.LinkState.UNKNOWN else 410
        return render(request, "onboarding/registration_closed.html", {"state": state}, status=status)
    form = RegistrationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_submit(token=token, data=form.cleaned_data, files=form.files_by_kind())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return render(request, "onboarding/registration_done.html", {"employee": link.case.employee})
    response = render(request, "onboarding/registration_form.html", {"form": form, "employee": link.case.employee})
    response["Cache-Control"] = "no-store"
    # The token never leaves in a Referer header to another site ("no-referrer" would make the form POST's Origin
    # "null", which the CSRF check refuses).
    response["Referrer-Policy"] = "same-origin"
    return response
