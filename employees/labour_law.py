"""The PRC labour-law rules on probation (Labour Contract Law arts. 19 and 20), shared by every process that
agrees or checks probation terms: recruitment's offer and onboarding's probation. One place, so the offer
and the probation can never disagree on the law. Also the share of agency workers (art. 66)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import ContractType, Employee, EmploymentType

PROBATION_PAY_SHARE = Decimal("0.8")
# Dispatched workers may be at most 10 % of the workforce (LCL art. 66; Interim Provisions on Labour Dispatch
# art. 4: of all workers employed, the dispatched ones included).
AGENCY_SHARE_LIMIT = Decimal("0.10")


@dataclass(frozen=True)
class AgencyShare:
    agency: int
    workforce: int

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
    """Agency workers among the active workforce (the whole company unless `people` narrows it), in one query."""
    people = Employee.objects.active() if people is None else people
    counts = people.aggregate(
        workforce=models.Count("pk"), agency=models.Count("pk", filter=models.Q(employment_type=EmploymentType.AGENCY))
    )
    return AgencyShare(agency=counts["agency"], workforce=counts["workforce"])


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


def written_contract_deadline(start: datetime.date) -> datetime.date:
    """The last day to sign the written labour contract: one calendar month from the start (LCL arts. 10, 82).

    From 15 January: 14 February; from 1 March: 31 March; from 31 January: the last day of February.
    """
    return probation_end_date(start, 1)


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
    errors: dict[str, str] = {}
    wage = minimum_wage()
    probation_months = probation_months or 0
    if salary is not None and salary < wage:
        errors["salary"] = _("The salary is below the local minimum wage of %(wage)s yuan.") % {"wage": wage}
    if has_labour_contract:
        if contract_type == ContractType.FIXED and not contract_months:
            errors["contract_months"] = _("A fixed-term contract needs its term in months.")
        if contract_type != ContractType.FIXED and contract_months:
            errors["contract_months"] = _("Only a fixed-term contract has a term in months.")
    if probation_months:
        cap = probation_cap_months(contract_type, contract_months) if has_labour_contract else 0
        if not has_labour_contract:
            errors["probation_months"] = _("Interns and agency workers have no probation with the company.")
        elif had_probation:
            errors["probation_months"] = _(
                "This person has already worked for the company: probation can be agreed only once "
                "(Labour Contract Law art. 19)."
            )
        elif probation_months > cap:
            if cap == 0:
                errors["probation_months"] = _(
                    "A contract of less than 3 months or for a single project has no probation (art. 19)."
                )
            else:
                errors["probation_months"] = ngettext(
                    "For this contract term the probation is at most %(cap)s month (Labour Contract Law art. 19).",
                    "For this contract term the probation is at most %(cap)s months (Labour Contract Law art. 19).",
                    cap,
                ) % {"cap": cap}
        if probation_salary is None:
            errors["probation_salary"] = _("Give the probation salary.")
        else:
            floor = (salary or Decimal(0)) * PROBATION_PAY_SHARE
            if probation_salary < floor:
                errors["probation_salary"] = _(
                    "The probation salary must be at least 80 %% of the agreed salary (%(floor)s yuan; art. 20)."
                ) % {"floor": floor.quantize(Decimal("0.01"))}
            elif probation_salary < wage:
                errors["probation_salary"] = _(
                    "The probation salary is below the local minimum wage of %(wage)s yuan (art. 20)."
                ) % {"wage": wage}
            elif salary is not None and probation_salary > salary:
                errors["probation_salary"] = _("The probation salary cannot be above the agreed salary.")
    elif probation_salary is not None:
        errors["probation_salary"] = _("Without probation there is no probation salary.")
    if errors:
        raise ValidationError(errors)
