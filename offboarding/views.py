"""Offboarding pages. Cases come through the scoped selector (out of scope → 404); each action asks its policy
(403) and calls one service. Views stay thin."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from approvals.selectors import chain_for
from core.forms import apply_errors, submit_helper
from core.queries import subquery_count
from employees.models import DocumentKind, PersonnelDocument
from employees.selectors import employee_for_user, employees_visible_to

from . import policies, services
from .forms import (
    DateForm,
    ExitInterviewForm,
    NoncompeteForm,
    OffClassifiedForm,
    PaperEmployeeForm,
    RehireForm,
    ResignationForm,
    SeparationDecideForm,
    TermsForm,
    TickForm,
)
from .models import CaseStatus, ExitInterview, HandoverItem, Party, PostEmploymentTerms, SeparationCase, SeparationType
from .selectors import cases_visible_to, items_for, open_items_for, uses_case_list

PAGE_SIZE = 25


def _case(user, pk) -> SeparationCase:
    return get_object_or_404(
        cases_visible_to(user).select_related("employee__department", "employee__position", "employee__user"),
        pk=pk,
    )


def _form_page(request, case, form, title, **extra):
    return render(request, "offboarding/case_form.html", {"case": case, "form": form, "title": title, **extra})


def case_list(request):
    user = request.user
    if not uses_case_list(user):
        return redirect("offboarding:mine")
    qs = cases_visible_to(user).select_related("employee__department", "employee__position")
    params = request.GET
    q = params.get("q", "").strip()
    if q:
        qs = qs.filter(Q(employee__name__icontains=q) | Q(employee__number__icontains=q))
    if params.get("status") in CaseStatus.values:
        qs = qs.filter(status=params["status"])
    if params.get("type") in SeparationType.values:
        qs = qs.filter(separation_type=params["type"])
    # Counted per listed case (a subquery), not by joining and grouping every case's handover items.
    open_items = HandoverItem.objects.filter(case=OuterRef("pk"), done_at__isnull=True, mandatory=True)
    qs = qs.annotate(open_items=subquery_count(open_items, "case"))
    page = Paginator(qs.order_by("-notice_on", "-pk"), PAGE_SIZE).get_page(params.get("page"))
    return render(
        request,
        "offboarding/case_list.html",
        {
            "page_obj": page,
            "statuses": CaseStatus.choices,
            "types": SeparationType.choices,
            "can_decide": policies.can_decide_separation(user),
            "can_enter_paper": user.is_hr,
        },
    )


def mine(request):
    """The employee's own separation: the open case, else the notice form."""
    employee = employee_for_user(request.user)
    if employee is None:
        raise Http404
    case = SeparationCase.objects.filter(employee=employee).order_by("-created_at", "-pk").first()
    if case is not None and case.status != CaseStatus.WITHDRAWN:
        return redirect(case)
    return redirect("offboarding:resign")


def resign(request):
    user = request.user
    employee = employee_for_user(user)
    has_open = employee is not None and services._has_open_case(employee)
    policies.can_resign(user, employee, has_open_case=has_open).enforce()
    terms = services.terms_of(employee)
    secrecy = terms.secrecy_notice_months if terms else 0
    form = ResignationForm(request.POST or None, employee=employee, secrecy_months=secrecy)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.resignation_give(employee=employee, by=user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your notice is given. Your department head and HR confirm the last day."))
            return redirect(case)
    return render(
        request,
        "offboarding/resign.html",
        {"form": form, "employee": employee, "earliest": form.earliest, "secrecy_months": secrecy},
    )


def resign_on_paper(request):
    """HR enters a notice received on paper: first the employee, then the notice."""
    user = request.user
    if not user.is_hr:
        policies.can_enter_on_paper(user, None, has_open_case=False).enforce()
    number = request.GET.get("employee") or request.POST.get("employee_number")
    employee = get_object_or_404(employees_visible_to(user).active(), number=number) if number else None
    if employee is None:
        pick = PaperEmployeeForm(request.GET or None)
        pick.helper = submit_helper(_("Next"))
        pick.helper.form_method = "get"
        if request.GET and pick.is_valid():
            return redirect(f"{request.path}?employee={pick.cleaned_data['employee'].number}")
        return render(request, "offboarding/resign.html", {"pick": pick, "on_paper": True})
    policies.can_enter_on_paper(user, employee, has_open_case=services._has_open_case(employee)).enforce()
    terms = services.terms_of(employee)
    secrecy = terms.secrecy_notice_months if terms else 0
    form = ResignationForm(request.POST or None, employee=employee, secrecy_months=secrecy, on_paper=True)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.resignation_give(employee=employee, by=user, on_paper=True, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The paper notice is entered and sent for acknowledgement."))
            return redirect(case)
    return render(
        request,
        "offboarding/resign.html",
        {"form": form, "employee": employee, "earliest": form.earliest, "on_paper": True, "secrecy_months": secrecy},
    )


def case_detail(request, pk):
    user = request.user
    case = _case(user, pk)
    employee = case.employee
    items = list(case.handover_items.select_related("done_by", "handed_to"))
    interview = ExitInterview.objects.filter(case=case).select_related("interviewer").first()
    terms = services.terms_of(employee)
    open_mandatory = sum(1 for i in items if i.mandatory and not i.is_done)
    own = employee.user_id == user.pk
    agreement = (
        PersonnelDocument.objects.filter(employee=employee, kind=DocumentKind.CONFIDENTIALITY)
        .order_by("-uploaded_at")
        .first()
    )
    return render(
        request,
        "offboarding/case_detail.html",
        {
            "case": case,
            "employee": employee,
            "own": own,
            "items": items,
            "tickable": {i.pk for i in items if policies.can_tick(user, i)},
            "open_mandatory": open_mandatory,
            "interview": interview,
            "terms": terms,
            "agreement": agreement,
            "events": case.events.select_related("by"),
            "chain": chain_for(case) if case.is_resignation else [],
            "sees_compensation": policies.can_see_compensation(user),
            "can": {
                "withdraw": policies.can_withdraw(user, case),
                "resubmit": policies.can_resubmit(user, case),
                "off_classified": policies.can_record_off_classified(user, case),
                "interview": policies.can_record_interview(user, case, has_interview=interview is not None),
                "complete": policies.can_complete(user, case, open_mandatory=open_mandatory),
                "certificate": policies.can_print_certificate(user, case),
                "transfer": policies.can_record_transfer(user, case),
                "noncompete": policies.can_decide_noncompete(
                    user, case, has_noncompete=bool(terms and terms.noncompete)
                ),
                "rehire": policies.can_mark_rehire(user, case),
                "terms": policies._hr(user) and not own,
            },
        },
    )


@require_POST
def withdraw(request, pk):
    case = _case(request.user, pk)
    policies.can_withdraw(request.user, case).enforce()
    services.resignation_withdraw(case=case, by=request.user, comment=request.POST.get("comment", ""))
    messages.success(request, _("Your notice is withdrawn: you stay."))
    return redirect(case)


def resubmit(request, pk):
    case = _case(request.user, pk)
    policies.can_resubmit(request.user, case).enforce()
    form = DateForm(request.POST or None, label=_("Requested last working day"))
    if request.method == "POST" and form.is_valid():
        try:
            services.resignation_resubmit(case=case, by=request.user, requested_last_day=form.cleaned_data["on"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(case)
    return _form_page(request, case, form, _("Give the notice again"))


def decide(request):
    """A separation the company decides: "Check" shows the legal checks and the compensation, "Decide" saves."""
    user = request.user
    policies.can_decide_separation(user).enforce()
    form = SeparationDecideForm(request.POST or None, user=user)
    checked = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        employee = data.pop("employee")
        reason_text = data.pop("reason_text")
        union_note = data.pop("union_note")
        try:
            if request.POST.get("action") == "decide":
                case = services.separation_decide(
                    employee=employee, by=user, reason_text=reason_text, union_note=union_note, **data
                )
                messages.success(request, _("The separation is decided; the handover has started."))
                return redirect(case)
            checked = services.separation_check(employee=employee, by=user, **data)
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "offboarding/decide.html", {"form": form, "checked": checked})


def off_classified(request, pk):
    case = _case(request.user, pk)
    policies.can_record_off_classified(request.user, case).enforce()
    form = OffClassifiedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.off_classified_record(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(case)
    return _form_page(request, case, form, _("Moved off classified work (脱密期)"))


def interview(request, pk):
    case = _case(request.user, pk)
    policies.can_record_interview(
        request.user, case, has_interview=ExitInterview.objects.filter(case=case).exists()
    ).enforce()
    form = ExitInterviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.exit_interview_record(case=case, by=request.user, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The exit interview is recorded."))
            return redirect(case)
    # Translators: 离职面谈
    return _form_page(request, case, form, _("Exit interview"))


def tasks(request):
    """Each handover party's own task list: its open items first."""
    user = request.user
    show = request.GET.get("show")
    qs = items_for(user) if show == "all" else open_items_for(user)
    page = Paginator(qs.order_by("done_at", "case__last_day", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "offboarding/tasks.html", {"page_obj": page, "show": show})


def tick(request, item_pk):
    item = get_object_or_404(items_for(request.user).select_related("case__employee"), pk=item_pk)
    policies.can_tick(request.user, item).enforce()
    form = TickForm(request.POST or None, needs_handed_to=item.party == Party.WORK)
    if "handed_to" in form.fields:
        form.fields["handed_to"].queryset = (
            employees_visible_to(request.user).active().exclude(pk=item.case.employee_id)
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.handover_item_done(
                item=item, by=request.user, note=form.cleaned_data["note"], handed_to=form.cleaned_data.get("handed_to")
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Done: %(item)s") % {"item": item.title})
            return redirect("offboarding:tasks")
    return render(
        request,
        "offboarding/case_form.html",
        {
            "case": item.case,
            "form": form,
            "title": item.title,
            "item": item,
            "hide_case_link": not uses_case_list(request.user),
        },
    )


@require_POST
def complete(request, pk):
    case = _case(request.user, pk)
    try:
        services.case_complete(case=case, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The case is completed."))
    return redirect(case)


def transfer(request, pk):
    case = _case(request.user, pk)
    policies.can_record_transfer(request.user, case).enforce()
    form = DateForm(request.POST or None, label=_("Personnel file and social insurance transferred on"))
    if request.method == "POST" and form.is_valid():
        try:
            services.file_transfer_record(case=case, by=request.user, on=form.cleaned_data["on"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(case)
    return _form_page(request, case, form, _("Transfer of the personnel file and social insurance"))


def noncompete(request, pk):
    case = _case(request.user, pk)
    terms = services.terms_of(case.employee)
    policies.can_decide_noncompete(request.user, case, has_noncompete=bool(terms and terms.noncompete)).enforce()
    form = NoncompeteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.noncompete_decide(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(case)
    # Translators: 竞业限制
    return _form_page(request, case, form, _("Non-compete at exit"), terms=terms)


def rehire(request, pk):
    case = _case(request.user, pk)
    policies.can_mark_rehire(request.user, case).enforce()
    form = RehireForm(
        request.POST or None, initial={"not_eligible": case.not_eligible_for_rehire, "note": case.rehire_note}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.rehire_mark(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(case)
    return _form_page(request, case, form, _("Eligibility for rehire"))


def terms(request, employee_pk):
    """HR records the secrecy notice period and the non-compete agreed with an employee."""
    user = request.user
    employee = get_object_or_404(employees_visible_to(user), pk=employee_pk)
    policies._hr(user).enforce()
    if employee.user_id == user.pk:
        raise Http404
    if employee.is_separated:
        raise Http404
    instance = PostEmploymentTerms.objects.filter(employee=employee).first() or PostEmploymentTerms(employee=employee)
    form = TermsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        case = SeparationCase.objects.filter(employee=employee).order_by("-pk").first()
        return redirect(case or employee)
    return render(request, "offboarding/terms_form.html", {"form": form, "employee": employee})


def employee_cases(request, employee_pk):
    employee = get_object_or_404(employees_visible_to(request.user), pk=employee_pk)
    case = cases_visible_to(request.user).filter(employee=employee).order_by("-pk").first()
    if case is None:
        return redirect(f"{reverse('offboarding:case_list')}?q={employee.number}")
    return redirect(case)
