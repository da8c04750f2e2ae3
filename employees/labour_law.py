"""The PRC labour-law rules on probation (Labour Contract Law arts. 19 and 20), shared by every process that
agrees or checks probation terms: recruitment's offer and onboarding's probation. One place, so the offer
and the probation can never disagree on the law. Also the share of agency workers (art. 66)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import ContractType, Employee, EmploymentType, LabourContract

PROBATION_PAY_SHARE = Decimal("0.8")
# Dispatched workers may be at most 10 % of the workforce (LCL art. 66; Interim Provisions on Labour Dispatch
# art. 4: of all workers employed, the dispatched ones included).
AGENCY_SHARE_LIMIT = Decimal("0.10")


@dataclass(frozen=True)
class AgencyShare:
    agency: int
    workforce: int  # the art. 66 workforce: interns not counted
    headcount: int = 0  # everyone counted, interns included (the home page's headcount)

    @property
    def share(self) -> Decimal:
        return Decimal(self.agency) / Decimal(self.workforce) if self.workforce else Decimal(0)

    @property
    def percent(self) -> str:
        return f"{self.share * 100:.1f}"

    @property
    def over_limit(self) -> bool:
        return self.share > AGENCY_SHARE_LIMIT


def agency_share(people=None) -> AgencyShare:
    """Agency workers among the active workforce (the whole company unless `people` narrows it), in one query.

    Interns are not counted: they have an internship agreement, not an employment relationship, so they are
    neither in the workforce of art. 66 nor dispatched workers."""
    people = Employee.objects.active() if people is None else people
    counts = people.aggregate(
        headcount=models.Count("pk"),
        workforce=models.Count("pk", filter=~models.Q(employment_type=EmploymentType.INTERN)),
        agency=models.Count("pk", filter=models.Q(employment_type=EmploymentType.AGENCY)),
    )
    return AgencyShare(agency=counts["agency"], workforce=counts["workforce"], headcount=counts["headcount"])


def agency_share_warning(share: AgencyShare) -> str:
    """The plain-words warning HR sees when agency workers exceed the legal share ("" within it)."""
    if not share.over_limit:
        return ""
    return _(
        "Agency workers are %(percent)s %% of the workforce (%(agency)s of %(workforce)s): above the 10 %% "
        "that Labour Contract Law art. 66 allows. Hire directly or reduce dispatched posts."
    ) % {"percent": share.percent, "agency": share.agency, "workforce": share.workforce}


def minimum_wage() -> Decimal:
    """The local monthly minimum wage (setting HRMS_LOCAL_MINIMUM_WAGE, yuan)."""
    return Decimal(str(getattr(settings, "HRMS_LOCAL_MINIMUM_WAGE", 2690)))


def probation_policy(category: str) -> tuple[int, int, int]:
    """The company's probation policy for a position category: (shortest, longest, default) in months."""
    policy = settings.HRMS_PROBATION_POLICY
    return tuple(policy.get(category) or policy["staff"])


def default_probation_months(category: str, *, contract_type: str = "", contract_months: int | None = None) -> int:
    """The probation a new offer or onboarding starts with: the policy's default, never above the legal cap."""
    months = probation_policy(category)[2]
    if contract_type:
        months = min(months, probation_cap_months(contract_type, contract_months))
    return months


def probation_policy_check(category: str, probation_months: int) -> None:
    """Refuse a probation outside the company policy for the category (0 = none is always allowed)."""
    if not probation_months:
        return
    shortest, longest, _default = probation_policy(category)
    if not shortest <= probation_months <= longest:
        if shortest == longest:
            message = ngettext(
                "Company policy for this kind of post is a probation of %(longest)s month.",
                "Company policy for this kind of post is a probation of %(longest)s months.",
                longest,
            )
        else:
            message = _("Company policy for this kind of post is a probation of %(shortest)s to %(longest)s months.")
        raise ValidationError(
            {
                "probation_months": ValidationError(
                    message % {"shortest": shortest, "longest": longest}, code="probation_policy"
                )
            }
        )


def probation_cap_months(contract_type: str, contract_months: int | None) -> int:
    """The longest probation Labour Contract Law art. 19 allows for the contract term."""
    if contract_type == ContractType.OPEN_ENDED:
        return 6
    if contract_type == ContractType.PROJECT or contract_months is None:
        return 0
    if contract_months < 3:
        return 0
    if contract_months < 12:
        return 1
    if contract_months < 36:
        return 2
    return 6


def probation_end_date(start: datetime.date, months: int) -> datetime.date | None:
    """The last day of a probation of `months` months starting on `start` (None without probation).

    A probation from 1 March of 3 months ends on 31 May; from 31 January of 1 month on 28/29 February.
    """
    if not months:
        return None
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    day = start.day
    while True:
        try:
            same_day_later = datetime.date(year, month, day)
            break
        except ValueError:
            day -= 1
    if day < start.day:
        # The month has no such day: the period ends on the last day of that month.
        return same_day_later
    return same_day_later - datetime.timedelta(days=1)


# The first reminder of a written contract still unsigned goes out this many days after the start (spec 09);
# the second on the deadline itself.
CONTRACT_FIRST_REMINDER_DAYS = 20


def written_contract_deadline(start: datetime.date) -> datetime.date:
    """The last day to sign the written labour contract: one calendar month from the start (LCL arts. 10, 82).

    From 15 January: 14 February; from 1 March: 31 March; from 31 January: the last day of February.
    """
    return probation_end_date(start, 1)


def written_contract_overdue_before(today: datetime.date) -> datetime.date:
    """The first start date whose written-contract deadline is not yet past on `today`: people who started
    before it and have no signed contract are overdue (arts. 10, 82). For filtering in the database."""
    start = today - datetime.timedelta(days=32)
    while written_contract_deadline(start) < today:
        start += datetime.timedelta(days=1)
    return start


def open_ended_entitlement(*, hire_date: datetime.date, on: datetime.date, fixed_terms: int) -> str:
    """Why the next contract must be open-ended (LCL art. 14), or "" if not: ten years' continuous service on
    `on`, or a renewal after two consecutive fixed-term contracts (`fixed_terms` concluded so far). Then the
    company concludes an open-ended contract unless the employee asks for a fixed term."""
    if (on - hire_date).days / 365.25 >= 10:
        reason = _("Ten or more years of continuous service (Labour Contract Law art. 14)")
    elif fixed_terms >= 2:
        reason = _("Two consecutive fixed-term contracts already concluded (Labour Contract Law art. 14)")
    else:
        return ""
    return _("%(reason)s: the next contract is open-ended unless the employee asks for a fixed term.") % {
        "reason": reason
    }


def probation_check(
    *,
    contract_type: str,
    contract_months: int | None,
    probation_months: int,
    probation_salary: Decimal | None,
    salary: Decimal,
    had_probation: bool = False,
    has_labour_contract: bool = True,
) -> None:
    """Raise a ValidationError (per field, in plain words) unless the terms respect LCL arts. 19 and 20."""
    errors: dict[str, ValidationError] = {}
    wage = minimum_wage()
    probation_months = probation_months or 0
    if salary is not None and salary < wage:
        errors["salary"] = ValidationError(
            _("The salary is below the local minimum wage of %(wage)s yuan.") % {"wage": wage},
            code="salary_below_minimum_wage",
        )
    if has_labour_contract:
        if contract_type == ContractType.FIXED and not contract_months:
            errors["contract_months"] = ValidationError(
                _("A fixed-term contract needs its term in months."), code="contract_months_required"
            )
        if contract_type != ContractType.FIXED and contract_months:
            errors["contract_months"] = ValidationError(
                _("Only a fixed-term contract has a term in months."), code="contract_months_not_fixed_term"
            )
    if probation_months:
        error = probation_months_error(
            contract_type=contract_type,
            contract_months=contract_months,
            probation_months=probation_months,
            had_probation=had_probation,
            has_labour_contract=has_labour_contract,
        )
        if error is not None:
            errors["probation_months"] = error
        if probation_salary is None:
            errors["probation_salary"] = ValidationError(
                _("Give the probation salary."), code="probation_salary_required"
            )
        else:
            floor = (salary or Decimal(0)) * PROBATION_PAY_SHARE
            if probation_salary < floor:
                errors["probation_salary"] = ValidationError(
                    _("The probation salary must be at least 80 %% of the agreed salary (%(floor)s yuan; art. 20).")
                    % {"floor": floor.quantize(Decimal("0.01"))},
                    code="probation_salary_below_80_percent",
                )
            elif probation_salary < wage:
                errors["probation_salary"] = ValidationError(
                    _("The probation salary is below the local minimum wage of %(wage)s yuan (art. 20).")
                    % {"wage": wage},
                    code="probation_salary_below_minimum_wage",
                )
            elif salary is not None and probation_salary > salary:
                errors["probation_salary"] = ValidationError(
                    _("The probation salary cannot be above the agreed salary."), code="probation_salary_above_salary"
                )
    elif probation_salary is not None:
        errors["probation_salary"] = ValidationError(
            _("Without probation there is no probation salary."), code="probation_salary_without_probation"
        )
    if errors:
        raise ValidationError(errors)


def probation_months_error(
    *,
    contract_type: str,
    contract_months: int | None,
    probation_months: int,
    had_probation: bool = False,
    has_labour_contract: bool = True,
) -> ValidationError | None:
    """The one art. 19 rule on the length of a probation, for an offer, an onboarding and a contract alike:
    none without a company labour contract, once per person, capped by the contract term."""
    if not probation_months:
        return None
    if not has_labour_contract:
        return ValidationError(
            _("Interns and agency workers have no probation with the company."), code="probation_without_contract"
        )
    if had_probation:
        return ValidationError(
            _(
                "This person has already worked for the company: probation can be agreed only once "
                "(Labour Contract Law art. 19)."
            ),
            code="probation_once_only",
        )
    cap = probation_cap_months(contract_type, contract_months)
    if probation_months <= cap:
        return None
    if cap == 0:
        message = _("A contract of less than 3 months or for a single project has no probation (art. 19).")
    else:
        message = ngettext(
            "For this contract term the probation is at most %(cap)s month (Labour Contract Law art. 19).",
            "For this contract term the probation is at most %(cap)s months (Labour Contract Law art. 19).",
            cap,
        ) % {"cap": cap}
    return ValidationError(message, code="probation_too_long")


def contract_term_months(start: datetime.date, end: datetime.date | None) -> int | None:
    """The whole months a contract from `start` to `end` (its last day) runs: 1 January to 31 December is 12
    (so is 1 January to 1 January of the next year); None for a contract without an end date."""
    if end is None or start is None:
        return None
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    while months > 0 and probation_end_date(start, months) > end:
        months -= 1
    return max(months, 0)


def contract_check(contract: LabourContract, *, today: datetime.date | None = None) -> None:
    """What no labour contract may be, checked by `LabourContract.clean()` for every path (page, admin, import):

    - a probation beyond art. 19: capped by the term; none on a renewal or for someone who already had a
      contract with the company (probation is agreed once);
    - two contracts of one person running on the same day;
    - a signing date in the future or after the contract's end;
    - a renewal of another person's contract, or one not starting after the contract it renews.
    """
    today = today or timezone.localdate()
    errors: dict[str, ValidationError] = {}
    start, end = contract.start_date, contract.end_date
    if not (contract.employee_id and start):
        return
    others = LabourContract.objects.filter(employee_id=contract.employee_id)
    if contract.pk is not None:
        others = others.exclude(pk=contract.pk)
    renews = contract.renews if contract.renews_id else None
    if renews is not None:
        if renews.employee_id != contract.employee_id:
            errors["renews"] = ValidationError(
                _("The renewed contract belongs to another employee."), code="renewal_of_another_employee"
            )
        elif start <= renews.start_date:
            errors["start_date"] = ValidationError(
                _("A renewal starts after the contract it renews."), code="renewal_starts_too_early"
            )
    if contract.probation_months:
        # Probation is agreed once: not on a renewal, not after an earlier contract, not next to another
        # contract with probation (e.g. history entered out of order).
        had_probation = (
            renews is not None or others.filter(Q(start_date__lt=start) | Q(probation_months__gt=0)).exists()
        )
        error = probation_months_error(
            contract_type=contract.contract_type,
            contract_months=contract_term_months(start, end),
            probation_months=contract.probation_months,
            had_probation=had_probation,
        )
        if error is not None:
            errors["probation_months"] = error
    overlapping = others.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
    if end is not None:
        overlapping = overlapping.filter(start_date__lte=end)
    clash = overlapping.order_by("start_date").first()
    if clash is not None and "start_date" not in errors:
        errors["start_date"] = ValidationError(
            _("The employee's contract %(number)s already runs in this period (%(start)s – %(end)s).")
            % {
                "number": clash.number,
                "start": f"{clash.start_date:%Y-%m-%d}",
                "end": f"{clash.end_date:%Y-%m-%d}" if clash.end_date else "…",
            },
            code="contract_overlap",
        )
    signed = contract.signed_on
    if signed is not None:
        if signed > today:
            errors["signed_on"] = ValidationError(
                _("The signing date cannot be in the future."), code="signed_in_future"
            )
        elif end is not None and signed > end:
            errors["signed_on"] = ValidationError(
                _("The signing date cannot be after the contract's end."), code="signed_after_end"
            )
    if errors:
        raise ValidationError(errors)


# --- Separation (Labour Contract Law arts. 37, 40–47; spec 07) -------------------------------------------

RESIGNATION_NOTICE_DAYS = 30  # art. 37: thirty days' written notice
PROBATION_NOTICE_DAYS = 3  # art. 37: three days in probation
SECRECY_NOTICE_MAX_MONTHS = 6  # 脱密期: the company's regulations allow at most six months
NONCOMPETE_MAX_MONTHS = 24  # art. 24: a non-compete lasts at most two years after leaving
COMPENSATION_WAGE_CAP_MULTIPLE = 3  # art. 47: wages above 3× the local average count as 3×…
COMPENSATION_CAPPED_YEARS = 12  # …and for at most twelve years


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it has no such day): 1 March + 6 = 1 September."""
    if not months:
        return day
    return probation_end_date(day + datetime.timedelta(days=1), months)


def earliest_last_day(*, notice_on: datetime.date, in_probation: bool, secrecy_months: int = 0) -> datetime.date:
    """The earliest last working day of a resignation given on `notice_on` (art. 37): 30 days later, 3 days in
    probation; an agreed secrecy notice period (脱密期) of `secrecy_months` may make it later."""
    days = PROBATION_NOTICE_DAYS if in_probation else RESIGNATION_NOTICE_DAYS
    earliest = notice_on + datetime.timedelta(days=days)
    if secrecy_months:
        earliest = max(earliest, add_months(notice_on, secrecy_months))
    return earliest


def local_average_wage() -> Decimal:
    """The local average monthly wage of the previous year (setting HRMS_LOCAL_AVERAGE_WAGE, yuan): the base of
    the compensation cap (art. 47)."""
    return Decimal(str(getattr(settings, "HRMS_LOCAL_AVERAGE_WAGE", 12183)))


def service_months(hire: datetime.date, last_day: datetime.date) -> int:
    """Whole months of service from `hire` to `last_day` (both worked)."""
    return contract_term_months(hire, last_day) or 0


def service_years_text(hire: datetime.date, last_day: datetime.date) -> str:
    """Years of service in plain words for the certificate: "3 years 5 months"."""
    months = service_months(hire, last_day)
    years, rest = divmod(months, 12)
    return _("%(years)s years %(months)s months") % {"years": years, "months": rest}


@dataclass(frozen=True)
class Compensation:
    """Economic compensation (经济补偿, arts. 46–47)."""

    months: Decimal  # months of wages owed
    wage_base: Decimal  # the monthly wage counted (capped at 3× the local average)
    amount: Decimal
    capped: bool  # the wage was above 3× the local average: base capped and at most 12 years counted


def compensation_months(hire: datetime.date, last_day: datetime.date) -> Decimal:
    """One month per full year of service; a remainder of six months or more counts as a year, a shorter one as
    half a month (art. 47)."""
    months = service_months(hire, last_day)
    years, rest = divmod(months, 12)
    full_years_end = probation_end_date(hire, years * 12) if years else hire - datetime.timedelta(days=1)
    if rest >= 6:
        return Decimal(years + 1)
    if last_day > full_years_end:
        return Decimal(years) + Decimal("0.5")
    return Decimal(years)


def compensation(
    *, hire: datetime.date, last_day: datetime.date, monthly_wage: Decimal, average_wage: Decimal | None = None
) -> Compensation:
    """The economic compensation of art. 47: months by years of service × the monthly wage (the average of the
    last twelve months). Above three times the local average monthly wage the base is three times that average
    and at most twelve years count."""
    average_wage = local_average_wage() if average_wage is None else average_wage
    months = compensation_months(hire, last_day)
    cap = average_wage * COMPENSATION_WAGE_CAP_MULTIPLE
    capped = monthly_wage > cap
    base = cap if capped else monthly_wage
    if capped:
        months = min(months, Decimal(COMPENSATION_CAPPED_YEARS))
    amount = (months * base).quantize(Decimal("0.01"))
    return Compensation(months=months, wage_base=base, amount=amount, capped=capped)


def protected_on(employee: Employee, day: datetime.date):
    """The employee's art. 42 situation running on `day` (a ProtectedPeriod), or None."""
    from .models import ProtectedPeriod

    return ProtectedPeriod.objects.filter(employee=employee).covering(day).first()


def company_separation_errors(
    *,
    employee: Employee,
    ground: str,
    decided_on: datetime.date,
    last_day: datetime.date,
    pay_in_lieu: bool = False,
    union_informed_on: datetime.date | None = None,
    unilateral: bool = True,
) -> dict[str, ValidationError]:
    """The legal checks of a separation the company decides, in plain words (keyed by form field):

    - art. 40: thirty days' written notice, or one month's pay in lieu of notice;
    - art. 42: an employee in a protected situation cannot be dismissed under arts. 40/41 nor have the contract
      left to expire (it continues until the situation ends, art. 45);
    - art. 43: the trade union is informed before a unilateral termination.
    `ground` is "art40", "art41", "not_renewed" or another (art. 39 misconduct, probation: no 42 protection)."""
    errors: dict[str, ValidationError] = {}
    if ground in ("art40", "art41", "not_renewed"):
        period = protected_on(employee, last_day) or protected_on(employee, decided_on)
        if period is not None:
            errors["employee"] = ValidationError(
                _(
                    "%(name)s is protected by Labour Contract Law art. 42 (%(situation)s): the contract cannot be "
                    "ended under arts. 40 or 41 nor left to expire while this lasts; it continues until the "
                    "situation ends (art. 45)."
                )
                % {"name": employee.name, "situation": period.get_reason_display()},
                code="protected_employee",
            )
    if ground == "art40" and not pay_in_lieu and last_day < decided_on + datetime.timedelta(days=30):
        errors["last_day"] = ValidationError(
            _(
                "A dismissal under art. 40 needs 30 days' written notice (last day on %(day)s or later) or one "
                "month's pay in lieu of notice."
            )
            % {"day": f"{decided_on + datetime.timedelta(days=30):%Y-%m-%d}"},
            code="notice_too_short",
        )
    if last_day < decided_on:
        errors["last_day"] = ValidationError(
            _("The last day cannot be before the decision."), code="last_day_before_decision"
        )
    if unilateral:
        if union_informed_on is None:
            errors["union_informed_on"] = ValidationError(
                _("The trade union must be informed before the company ends a contract (art. 43)."),
                code="union_not_informed",
            )
        elif union_informed_on > decided_on:
            errors["union_informed_on"] = ValidationError(
                _("The trade union is informed before the decision, not after it (art. 43)."),
                code="union_informed_late",
            )
    return errors
