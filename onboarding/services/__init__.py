"""Writes of onboarding and probation (spec 04), one module per concern; everything is importable from
`onboarding.services`. Every function validates, runs atomically, writes a CaseEvent (who, when, comment) and
changes statuses — nothing else changes them. The labour-law rules come from employees.labour_law (shared with
recruitment's offer)."""

from ._common import HANDBOOK, HOUSING_FUND, LABOUR_CONTRACT, SOCIAL_INSURANCE, latest_review
from .cases import (
    case_refresh,
    case_start,
    cases_complete_signed,
    contract_signed,
    employee_had_probation,
    has_labour_contract,
    onboarding_start_from_offer,
    open_mandatory_tasks,
    task_complete,
    terms_check,
)
from .conversions import (
    conversion_on_approved,
    conversion_on_rejected,
    conversion_on_resubmitted,
    conversion_on_returned,
    conversion_on_withdrawn,
    conversion_resubmit,
    conversion_submit,
)
from .probation import (
    can_review,
    probation_extend,
    probation_terminate,
    probations_lapse,
    review_submit,
    self_report_submit,
)

__all__ = [
    "HANDBOOK",
    "HOUSING_FUND",
    "LABOUR_CONTRACT",
    "SOCIAL_INSURANCE",
    "can_review",
    "case_refresh",
    "case_start",
    "cases_complete_signed",
    "contract_signed",
    "conversion_on_approved",
    "conversion_on_rejected",
    "conversion_on_resubmitted",
    "conversion_on_returned",
    "conversion_on_withdrawn",
    "conversion_resubmit",
    "conversion_submit",
    "employee_had_probation",
    "has_labour_contract",
    "latest_review",
    "onboarding_start_from_offer",
    "open_mandatory_tasks",
    "probation_extend",
    "probation_terminate",
    "probations_lapse",
    "review_submit",
    "self_report_submit",
    "task_complete",
    "terms_check",
]
