"""Employee pages. Every object is fetched through the scoped selector (out of scope → 404); secret sub-pages
need secret clearance (403); only HR writes, through the services."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import require_department_scope, require_hr
from core.files import private_download
from core.forms import apply_errors
from core.pagination import IdPaginator
from core.pickers import picker_view

from . import labour_law, policies, services
from .filters import EmployeeFilter
from .forms import (
    EMPLOYEES,
    USERS,
    ContractSignForm,
    DocumentUploadForm,
    EmployeeForm,
    LabourContractForm,
    ProtectedPeriodForm,
    SalaryChangeForm,
)
from .models import EmploymentType, LabourContract, PersonnelDocument
from .selectors import (
    employee_for_user,
    employee_history,
    employee_list_for,
    employees_visible_to,
    job_changes_visible_to,
    missing_document_kinds,
)

PAGE_SIZE = 25

# The pickers' searches (core.pickers): people and logins in the user's scope.
pick_employees = picker_view(EMPLOYEES)
pick_users = picker_view(USERS)


def _visible_employee(user, pk):
    return get_object_or_404(employees_visible_to(user).select_related("department", "position"), pk=pk)


def _editable_employee(request, pk):
    """The employee for an HR write, or None (with a message) when the record is read-only."""
    employee = _visible_employee(request.user, pk)
    if employee.is_separated:
        messages.error(request, _("A separated employee's record is kept read-only."))
        return None
    return employee


def _redirect_to_tab(employee, tab: str):
    return redirect(f"{employee.get_absolute_url()}#tab-{tab}")


def employee_list(request):
    require_department_scope(request.user)
    employee_filter = EmployeeFilter(request.GET, queryset=employee_list_for(request.user), user=request.user)
    page = IdPaginator(employee_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "employees/employee_list.html",
        {"filter": employee_filter, "page_obj": page, "ordering": request.GET.get("ordering", "")},
    )


def _detail(request, employee, *, own_profile=False):
    user = request.user
    secret = user.sees_secret_hr_data
    job_changes = list(
        job_changes_visible_to(user, employee).select_related(
            "from_department", "from_position", "to_department", "to_position", "created_by"
        )
    )
    can_edit = policies.can_edit_employee(user, employee)
    context = {
        "employee": employee,
        "own_profile": own_profile,
        "sees_secret": secret,
        "can_edit": can_edit,
        "can_add_contract": policies.can_add_contract(user, employee),
        "can_edit_file": policies.can_edit_personnel_file(user, employee),
        # The personnel file, protected periods and salary: cleared HR on a record still open.
        "can_edit_secret": can_edit and secret,
        "job_changes": job_changes,
        "can_submit_job_change": policies.can_submit_job_change(
            user, employee, has_open_change=any(change.is_open for change in job_changes)
        ),
    }
    if secret:
        if not own_profile:
            services.secret_view_log(employee=employee, by=user)
        contracts = list(employee.contracts.select_related("renews"))
        # The contract flag (missing / unsigned) from the list in hand, not two more queries.
        employee.has_contract = bool(contracts)
        employee.has_unsigned_contract = any(contract.signed_on is None for contract in contracts)
        periods = list(employee.protected_periods.all())
        _mark_contract_actions(user, contracts, periods)
        context.update(
            contracts=contracts,
            protected_periods=periods,
            documents=employee.documents.select_related("uploaded_by"),
            missing_documents=missing_document_kinds(employee),
            salary_changes=employee.salary_changes.select_related("created_by"),
            open_ended_reason=services.contract_open_ended_entitlement(employee=employee, contracts=contracts),
            sign_form=ContractSignForm(),
        )
    if user.is_hr:
        context["history"] = employee_history(employee, user)
    return render(request, "employees/employee_detail.html", context)


def _mark_contract_actions(user, contracts: list[LabourContract], periods: list) -> None:
    """For the contract tab, from the lists in hand (no query per row): the art. 42 situation covering each
    contract's end date, and what the user may do with each contract (the policies' verdicts)."""
    renewed = {contract.renews_id for contract in contracts if contract.renews_id}
    for contract in contracts:
        contract.renewed = contract.pk in renewed
        contract.protection = next((p for p in periods if contract.end_date and p.covers(contract.end_date)), None)
        contract.can_sign = policies.can_sign_contract(user, contract)
        contract.can_renew = policies.can_renew_contract(user, contract)
        contract.can_not_renew = policies.can_mark_not_renewed(user, contract)
        contract.can_extend = policies.can_extend_contract(user, contract)


def my_profile(request):
    me = employee_for_user(request.user)
    if me is None:
        return render(request, "employees/no_profile.html", status=404)
    return _detail(request, me, own_profile=True)


def employee_detail(request, pk):
    employee = _visible_employee(request.user, pk)
    return _detail(request, employee)


def employee_create(request):
    require_hr(request.user)
    form = EmployeeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            employee = services.employee_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Employee %(name)s (%(number)s) created.") % {"name": employee.name, "number": employee.number},
            )
            _warn_agency_share(request, employee)
            return redirect(employee)
    return render(request, "employees/employee_form.html", {"form": form, "employee": None})


def _warn_agency_share(request, employee) -> None:
    """Saving an agency worker while dispatched workers exceed 10 % of the workforce: say so (art. 66)."""
    if employee.employment_type != EmploymentType.AGENCY:
        return
    warning = labour_law.agency_share_warning(labour_law.agency_share())
    if warning:
        messages.warning(request, warning)


def employee_edit(request, pk):
    employee = _visible_employee(request.user, pk)
    policies.can_edit_employee(request.user, employee).enforce()
    form = EmployeeForm(request.POST or None, instance=employee, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.employee_update(employee=employee, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            _warn_agency_share(request, employee)
            return redirect(employee)
    return render(request, "employees/employee_form.html", {"form": form, "employee": employee})


def contract_add(request, pk):
    """A first or further contract; `?renews=<id>` renews that contract (no probation on a renewal, art. 19)."""
    employee = _visible_employee(request.user, pk)
    policies.can_add_contract(request.user, employee).enforce()
    initial = {}
    renews_id = request.GET.get("renews", "")
    renews = employee.contracts.filter(pk=renews_id).first() if renews_id.isdigit() else None
    if renews is not None:
        policies.can_renew_contract(request.user, renews).enforce()
        initial = {"renews": renews, "contract_type": renews.contract_type, "probation_months": 0}
        if renews.end_date:
            initial["start_date"] = renews.end_date + datetime.timedelta(days=1)
    form = LabourContractForm(request.POST or None, employee=employee, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.contract_add(employee=employee, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Labour contract saved."))
            return _redirect_to_tab(employee, "contracts")
    return render(
        request,
        "employees/contract_form.html",
        {
            "form": form,
            "employee": employee,
            "open_ended_reason": services.contract_open_ended_entitlement(employee=employee),
        },
    )


def _contract_action(request, pk, contract_pk, policy, act) -> HttpResponse:
    """An action on one contract from its row on the contract tab: 403 unless `policy(user, contract)` allows it;
    `act(contract)` returns the success message or raises ValidationError, shown as the error; back to the tab."""
    employee = _visible_employee(request.user, pk)
    contract = get_object_or_404(LabourContract.objects.select_related("employee"), pk=contract_pk, employee=employee)
    policy(request.user, contract).enforce()
    try:
        messages.success(request, act(contract))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _redirect_to_tab(employee, "contracts")


@require_POST
def contract_sign(request, pk, contract_pk):
    def sign(contract):
        form = ContractSignForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Enter the date the contract was signed."), code="signed_on_required")
        services.contract_mark_signed(contract=contract, by=request.user, **form.cleaned_data)
        return _("Contract %(number)s marked as signed.") % {"number": contract.number}

    return _contract_action(request, pk, contract_pk, policies.can_sign_contract, sign)


@require_POST
def contract_not_renew(request, pk, contract_pk):
    """合同到期不续签: recorded with a reason, refused for a protected employee (LCL art. 42)."""

    def not_renew(contract):
        services.contract_not_renew(contract=contract, by=request.user, reason=request.POST.get("reason", ""))
        return _("Contract %(number)s: not renewed at its end.") % {"number": contract.number}

    return _contract_action(request, pk, contract_pk, policies.can_mark_not_renewed, not_renew)


@require_POST
def contract_extend(request, pk, contract_pk):
    """LCL art. 45: the contract continues until the art. 42 situation ends."""

    def extend(contract):
        contract = services.contract_extend_for_protection(contract=contract, by=request.user)
        return _("Contract %(number)s continues until %(date)s (Labour Contract Law art. 45).") % {
            "number": contract.number,
            "date": contract.end_date.isoformat(),
        }

    return _contract_action(request, pk, contract_pk, policies.can_extend_contract, extend)


def protected_period_add(request, pk):
    employee = _visible_employee(request.user, pk)
    policies.can_edit_personnel_file(request.user, employee).enforce()
    form = ProtectedPeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.protected_period_add(employee=employee, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Protected period recorded."))
            return _redirect_to_tab(employee, "contracts")
    return render(request, "employees/protected_period_form.html", {"form": form, "employee": employee})


def document_upload(request, pk):
    employee = _visible_employee(request.user, pk)
    policies.can_edit_personnel_file(request.user, employee).enforce()
    form = DocumentUploadForm(request.POST or None, request.FILES or None, initial={"kind": request.GET.get("kind")})
    if request.method == "POST" and form.is_valid():
        try:
            services.document_upload(
                employee=employee,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Document uploaded."))
            return _redirect_to_tab(employee, "documents")
    return render(request, "employees/document_form.html", {"form": form, "employee": employee})


def document_download(request, pk, document_pk):
    """Personnel files are secret: served only here, as an attachment, and every download is logged."""
    if not request.user.sees_secret_hr_data:
        raise PermissionDenied
    employee = _visible_employee(request.user, pk)
    document = get_object_or_404(PersonnelDocument, pk=document_pk, employee=employee)
    return private_download(
        document.file,
        filename=document.original_name,
        content_type=document.content_type,
        log=lambda: services.document_access_log(document=document, by=request.user),
    )


def salary_change_create(request, pk):
    policies.can_change_salary(request.user).enforce()
    employee = _editable_employee(request, pk)
    if employee is None:
        return redirect("employees:employee_detail", pk=pk)
    form = SalaryChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.salary_change_record(employee=employee, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Salary change recorded."))
            return _redirect_to_tab(employee, "salary")
    return render(request, "employees/salarychange_form.html", {"form": form, "employee": employee})
