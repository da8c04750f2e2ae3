"""Daily sweeps about labour contracts (run by notifications' one reminder mechanism, daily at 08:00), for
every employee however the record was made — by hand, by import or through onboarding:

- written contract not signed: HR and the department head, on day 20 after the start and on the deadline,
  one calendar month from the start (LCL arts. 10, 82: double wages from the second month);
- contract ending: HR and the department head, 60 and 30 days before the end of a fixed-term contract not
  yet renewed, with the art. 42 situation covering the end (the contract then continues, art. 45) and the
  art. 14 entitlement to an open-ended contract.

Each sweep uses a constant number of queries and sends through `remind_once`, keyed by the milestone date:
a rerun, a retry or a missed day (caught up for CATCH_UP_DAYS) never sends twice.
"""

import datetime

from django.db.models import Exists, OuterRef, Subquery
from django.utils.translation import gettext as _

from notifications.reminders import reminder
from notifications.services import ReminderItem, remind_once

from . import kinds
from .jobchange_reminders import job_changes_take_effect  # noqa: F401  (registers the job-change sweep)
from .labour_law import CONTRACT_FIRST_REMINDER_DAYS, open_ended_entitlement, written_contract_deadline
from .models import (
    NO_LABOUR_CONTRACT_TYPES,
    ContractType,
    Employee,
    EmployeeStatus,
    LabourContract,
    ProtectedPeriod,
    ProtectionReason,
)
from .selectors import HeadFinder, hr_users, with_fixed_terms

# Days before a fixed-term contract's end the reminders go out (spec 09).
CONTRACT_EXPIRY_NOTICE_DAYS = (60, 30)
# A milestone missed for longer than this (e.g. the system was installed late) is not reminded any more.
CATCH_UP_DAYS = 14


def _milestone(today: datetime.date, milestones: list[datetime.date]) -> datetime.date | None:
    """The latest milestone reached today (within the catch-up window), or None."""
    reached = [m for m in milestones if m <= today and (today - m).days <= CATCH_UP_DAYS]
    return max(reached) if reached else None


def _recipients(employee: Employee, heads: HeadFinder, hr: list) -> list:
    """HR and the head of the employee's department (the nearest one above with a login)."""
    people = list(hr)
    head = heads.head_user(employee.department_id)
    if head is not None and all(user.pk != head.pk for user in people):
        people.append(head)
    return people


def _contracts_url(employee: Employee) -> str:
    return f"{employee.get_absolute_url()}#tab-contracts"


@reminder(kinds.CONTRACT_UNSIGNED)
def contract_unsigned(today: datetime.date) -> int:
    signed = LabourContract.objects.filter(employee=OuterRef("pk"), signed_on__isnull=False)
    # The deadline is at most 31 days after the start; older starts are past the catch-up window.
    people = list(
        Employee.objects.filter(
            hire_date__lte=today - datetime.timedelta(days=CONTRACT_FIRST_REMINDER_DAYS),
            hire_date__gte=today - datetime.timedelta(days=31 + CATCH_UP_DAYS),
        )
        .exclude(status=EmployeeStatus.SEPARATED)
        .exclude(employment_type__in=NO_LABOUR_CONTRACT_TYPES)
        .exclude(Exists(signed))
        .only("pk", "name", "hire_date", "department_id")
    )
    if not people:
        return 0
    heads, hr = HeadFinder(), hr_users()
    items = []
    for employee in people:
        start = employee.hire_date
        deadline = written_contract_deadline(start)
        due = _milestone(today, [start + datetime.timedelta(days=CONTRACT_FIRST_REMINDER_DAYS), deadline])
        if due is None:
            continue
        title = _("Labour contract of %(name)s not signed (started %(start)s)") % {
            "name": employee.name,
            "start": f"{start:%Y-%m-%d}",
        }
        body = _(
            "A written contract is due within one month of the start (%(deadline)s); without it the company owes "
            "double wages (Labour Contract Law art. 82)."
        ) % {"deadline": f"{deadline:%Y-%m-%d}"}
        items += [
            ReminderItem(
                recipient=user, obj=employee, due_date=due, title=title, body=body, url=_contracts_url(employee)
            )
            for user in _recipients(employee, heads, hr)
        ]
    return remind_once(kind=kinds.CONTRACT_UNSIGNED, items=items)


@reminder(kinds.CONTRACT_EXPIRING)
def contract_expiring(today: datetime.date) -> int:
    latest, earliest = max(CONTRACT_EXPIRY_NOTICE_DAYS), min(CONTRACT_EXPIRY_NOTICE_DAYS)
    covering = ProtectedPeriod.objects.filter(employee=OuterRef("employee")).covering(OuterRef("end_date"))
    covering = covering.order_by("start_date")
    contracts = list(
        with_fixed_terms(LabourContract.objects.all())
        .filter(
            contract_type=ContractType.FIXED,
            # From the first milestone on, as long as the last one is within the catch-up window.
            end_date__gte=today + datetime.timedelta(days=earliest - CATCH_UP_DAYS),
            end_date__lte=today + datetime.timedelta(days=latest),
        )
        .exclude(employee__status=EmployeeStatus.SEPARATED)
        .exclude(Exists(LabourContract.objects.filter(renews=OuterRef("pk"))))
        .annotate(
            protection_reason=Subquery(covering.values("reason")[:1]),
            protection_end=Subquery(covering.values("end_date")[:1]),
        )
        .select_related("employee")
        .order_by("end_date", "pk")
    )
    if not contracts:
        return 0
    heads, hr = HeadFinder(), hr_users()
    items = []
    for contract in contracts:
        end = contract.end_date
        due = _milestone(today, [end - datetime.timedelta(days=days) for days in CONTRACT_EXPIRY_NOTICE_DAYS])
        if due is None:
            continue
        employee = contract.employee
        title = _("Labour contract of %(name)s ends on %(end)s") % {"name": employee.name, "end": f"{end:%Y-%m-%d}"}
        lines = [
            _("Contract %(number)s: renew it or record that it is not renewed before the end.")
            % {"number": contract.number}
        ]
        if contract.protection_reason:
            lines.append(
                _(
                    "Protected at the end date: %(situation)s (Labour Contract Law art. 42). The contract may not "
                    "be left to expire; it continues until the situation ends (art. 45)%(until)s."
                )
                % {
                    "situation": ProtectionReason(contract.protection_reason).label,
                    "until": f" ({contract.protection_end:%Y-%m-%d})" if contract.protection_end else "",
                }
            )
        entitlement = open_ended_entitlement(hire_date=employee.hire_date, on=end, fixed_terms=contract.fixed_terms)
        if entitlement:
            lines.append(entitlement)
        if contract.not_renewed_on:
            lines.append(_("Recorded as not renewed on %(day)s.") % {"day": f"{contract.not_renewed_on:%Y-%m-%d}"})
        body = "\n".join(str(line) for line in lines)
        items += [
            ReminderItem(
                recipient=user, obj=contract, due_date=due, title=title, body=body, url=_contracts_url(employee)
            )
            for user in _recipients(employee, heads, hr)
        ]
    return remind_once(kind=kinds.CONTRACT_EXPIRING, items=items)
