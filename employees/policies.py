"""Who may do what to an employee record and its labour contracts, in which state: one function per action.

The employee page (403 when denied, the button shown or not), the services (refuse), the admin (read-only or
not) and the import all ask these. Scope is not decided here: a person out of the user's scope is never found
(selectors → 404).

The contract verdicts read two facts about the contract's end when the caller has them already (the contract
tab marks every row in memory): `contract.renewed` (a renewal points at it) and `contract.protection` (the
art. 42 situation covering its end date, or None). Without them they are asked of the database.
"""

from django.utils.translation import gettext_lazy as _

from core.policy import ALLOW, Verdict, deny, first_denial

from .models import (
    OPEN_JOB_CHANGE_STATUSES,
    ContractType,
    Employee,
    JobChange,
    JobChangeStatus,
    LabourContract,
    ProtectedPeriod,
)


def _hr(user) -> Verdict:
    if not (user is not None and user.is_authenticated and user.is_hr):
        return deny("not_hr", _("Only HR changes employee records."))
    return ALLOW


def _cleared_hr(user) -> Verdict:
    if not (user is not None and user.is_authenticated and user.is_hr and user.sees_secret_hr_data):
        return deny("not_cleared_hr", _("Labour contracts are secret: only HR cleared for secret data handles them."))
    return ALLOW


def _record_open(employee: Employee) -> Verdict:
    if employee.is_separated:
        return deny("employee_separated", _("A separated employee's record is kept read-only."))
    return ALLOW


def _renewed(contract: LabourContract) -> bool:
    renewed = getattr(contract, "renewed", None)
    return contract.renewals.exists() if renewed is None else renewed


def _protection(contract: LabourContract):
    if not hasattr(contract, "protection"):
        contract.protection = (
            ProtectedPeriod.objects.filter(employee_id=contract.employee_id)
            .covering(contract.end_date)
            .order_by("start_date")
            .first()
            if contract.end_date
            else None
        )
    return contract.protection


def _ends_open(contract: LabourContract) -> Verdict:
    """A fixed-term contract whose end is still undecided: neither renewed nor recorded as not renewed."""
    if contract.contract_type != ContractType.FIXED or contract.end_date is None:
        return deny("contract_not_fixed_term", _("Only a fixed-term contract ends: this one has no end date."))
    if _renewed(contract):
        return deny("contract_already_renewed", _("This contract has already been renewed."))
    if contract.not_renewed_on is not None:
        return deny("contract_not_renewed", _("This contract was recorded as not renewed at its end."))
    return ALLOW


def can_edit_employee(user, employee: Employee) -> Verdict:
    """Edit the record's own fields (salary, post and status change through their own flows)."""
    return first_denial(_hr(user), _record_open(employee))


def can_edit_personnel_file(user, employee: Employee) -> Verdict:
    """Upload to the personnel file and record protected periods (art. 42): secret data, cleared HR only."""
    return first_denial(_cleared_hr(user), _record_open(employee))


def can_add_contract(user, employee: Employee) -> Verdict:
    """Record a (first or further) labour contract; agency workers and interns have none with the company."""
    verdict = first_denial(_cleared_hr(user), _record_open(employee))
    if verdict and not employee.needs_labour_contract:
        return deny(
            "no_labour_contract_for_type",
            _("Agency workers and interns have no labour contract with the company."),
        )
    return verdict


def can_edit_contract(user, contract: LabourContract) -> Verdict:
    """Correct a recorded contract (in the admin or by re-import); its terms are validated like a new one's."""
    return first_denial(_cleared_hr(user), _record_open(contract.employee))


def can_sign_contract(user, contract: LabourContract) -> Verdict:
    verdict = first_denial(_cleared_hr(user), _record_open(contract.employee))
    if verdict and contract.signed_on is not None:
        return deny("contract_already_signed", _("This contract is already signed."))
    return verdict


def can_renew_contract(user, contract: LabourContract) -> Verdict:
    """Conclude the next contract after this one (an open-ended contract is not renewed, it runs on)."""
    verdict = first_denial(_cleared_hr(user), _record_open(contract.employee))
    if not verdict:
        return verdict
    if contract.contract_type == ContractType.OPEN_ENDED:
        return deny("contract_open_ended", _("An open-ended contract is not renewed."))
    if _renewed(contract):
        return deny("contract_already_renewed", _("This contract has already been renewed."))
    if contract.not_renewed_on is not None:
        return deny("contract_not_renewed", _("This contract was recorded as not renewed at its end."))
    return ALLOW


def can_mark_not_renewed(user, contract: LabourContract) -> Verdict:
    """合同到期不续签: refused while an art. 42 situation covers the end date (the contract continues, art. 45)."""
    verdict = first_denial(_cleared_hr(user), _record_open(contract.employee), _ends_open(contract))
    if not verdict:
        return verdict
    protection = _protection(contract)
    if protection is not None:
        return deny(
            "contract_protected",
            _(
                "Not renewing is not allowed: %(situation)s covers the end date (Labour Contract Law art. 42). "
                "The contract continues until the situation ends (art. 45)."
            )
            % {"situation": protection.get_reason_display()},
        )
    return ALLOW


def can_extend_contract(user, contract: LabourContract) -> Verdict:
    """LCL art. 45: extend a fixed-term contract until the art. 42 situation covering its end date ends."""
    verdict = first_denial(_cleared_hr(user), _record_open(contract.employee))
    if not verdict:
        return verdict
    if contract.contract_type != ContractType.FIXED or contract.end_date is None or _renewed(contract):
        return deny("contract_not_fixed_term", _("Only a fixed-term contract still to end can be extended."))
    protection = _protection(contract)
    if protection is None:
        return deny("contract_not_protected", _("No art. 42 situation covers this contract's end date."))
    if protection.end_date is None:
        return deny(
            "protection_end_unknown",
            _("Enter when the situation ends first: the contract is extended to that day."),
        )
    return ALLOW


# --- job changes (员工变动) and salary slips (调薪单) ---


def can_submit_job_change(user, employee: Employee, *, has_open_change: bool | None = None) -> Verdict:
    """HR submits a promotion, transfer or demotion for approval; one open change per employee at a time.

    has_open_change: when the caller already knows (a page that lists the employee's changes), no query."""
    if has_open_change is None:
        has_open_change = employee.job_changes.filter(status__in=OPEN_JOB_CHANGE_STATUSES).exists()
    open_change = (
        deny("job_change_open", _("A job change of this employee is still in approval or not yet in effect."))
        if has_open_change
        else ALLOW
    )
    return first_denial(_hr(user), _record_open(employee), open_change)


def can_edit_job_change(user, change: JobChange) -> Verdict:
    """A change returned for changes is edited and sent again by HR."""
    state = (
        ALLOW
        if change.status == JobChangeStatus.RETURNED
        else deny("job_change_not_returned", _("Only a job change returned for changes can be edited."))
    )
    return first_denial(_hr(user), _record_open(change.employee), state)


def can_change_salary(user) -> Verdict:
    """Salary is secret (秘密): only HR cleared for secret data proposes or records one."""
    if not (user.is_hr and user.sees_secret_hr_data):
        return deny("salary_not_cleared", _("Only HR cleared for secret data changes salaries."))
    return ALLOW


def can_see_salary(user) -> Verdict:
    """Reading salaries, and printing a 调薪单, needs secret clearance (spec 08)."""
    if not user.sees_secret_hr_data:
        return deny("salary_not_cleared", _("Salary is classified secret (秘密)."))
    return ALLOW
