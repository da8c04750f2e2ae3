"""Writes of recruitment, one module per entity; everything is importable from `recruitment.services`."""

from employees.labour_law import probation_cap_months, probation_check  # shared with onboarding

from .applications import application_advance, application_create, application_move
from .candidates import (
    candidate_anonymise,
    candidate_create,
    candidate_update,
    candidates_anonymise_due,
    normalise_phone,
    validate_resume_upload,
)
from .interviews import evaluation_submit, interview_cancel, interview_ics, interview_schedule
from .offers import (
    offer_accept,
    offer_create,
    offer_decline,
    offer_submit,
    offer_update,
    offer_withdraw,
)
from .requisitions import (
    plan_save,
    requisition_cancel,
    requisition_create,
    requisition_create_new_post,
    requisition_submit,
    requisition_update,
    requisition_withdraw,
)

__all__ = [
    "application_advance",
    "application_create",
    "application_move",
    "candidate_anonymise",
    "candidate_create",
    "candidate_update",
    "candidates_anonymise_due",
    "evaluation_submit",
    "interview_cancel",
    "interview_ics",
    "interview_schedule",
    "normalise_phone",
    "offer_accept",
    "offer_create",
    "offer_decline",
    "offer_submit",
    "offer_update",
    "offer_withdraw",
    "plan_save",
    "probation_cap_months",
    "probation_check",
    "requisition_cancel",
    "requisition_create",
    "requisition_create_new_post",
    "requisition_submit",
    "requisition_update",
    "requisition_withdraw",
    "validate_resume_upload",
]
