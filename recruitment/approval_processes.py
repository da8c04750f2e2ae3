"""Recruitment's two approval processes (spec 02): headcount requisitions and hire approval (录用审批).
Frontline posts take the frontline flows, staff and manager-level posts the staff flows; a requisition over
the authorised headcount turns on the flows' conditional general-manager step, and a new post (whose job
description is approved with the requisition) the steps of the new-position flow (HR manager, general manager)."""

from django.utils.translation import gettext_lazy as _

from approvals import conditions, registry
from org.models import PositionCategory
from org.services import register_job_description_carrier

from .models import Offer, Requisition
from .selectors import requisition_carrying
from .services import offers, requisitions

REQUISITION_FRONTLINE = "requisition_frontline"
REQUISITION_STAFF = "requisition_staff"
HIRE_FRONTLINE = "hire_frontline"
HIRE_STAFF = "hire_staff"


def requisition_flow_code(requisition: Requisition) -> str:
    frontline = requisition.position.category == PositionCategory.FRONTLINE
    return REQUISITION_FRONTLINE if frontline else REQUISITION_STAFF


def hire_flow_code(offer: Offer) -> str:
    frontline = offer.application.requisition.position.category == PositionCategory.FRONTLINE
    return HIRE_FRONTLINE if frontline else HIRE_STAFF


def _requisition_summary(requisition: Requisition) -> dict:
    return {
        _("Department"): requisition.department.name,
        _("Position"): str(requisition.position),
        _("Reason"): requisition.get_reason_display(),
        **_headcount_figures(requisition),
        _("Over authorised headcount"): _("Yes") if requisition.over_headcount else _("No"),
        **(_new_post_summary(requisition) if requisition.is_new_position else {}),
    }


def _headcount_figures(requisition: Requisition) -> dict:
    """The figures the approver weighs, as they stood when the requisition was submitted."""
    authorised, filled = requisition.authorised_at_submit, requisition.filled_at_submit
    open_posts = max(authorised - filled, 0) if authorised is not None and filled is not None else None
    return {
        _("Authorised headcount (编制)"): authorised,
        _("Filled (在岗)"): filled,
        _("Open (空缺)"): open_posts,
        _("Already requested (已申请)"): requisition.requested_at_submit,
        _("Requested now (本次申请)"): requisition.headcount,
    }


def _offer_summary(offer: Offer) -> dict:
    """The hire's terms: the salaries are secret HR data, masked for approvers without clearance."""
    return {
        **offers.offer_term_summary(offer),
        _("Agreed salary (monthly, yuan)"): registry.Secret(offer.salary),
        _("Probation salary (monthly, yuan)"): registry.Secret(offer.probation_salary),
        _("Labour contract type"): offer.get_contract_type_display(),
        _("Contract term (months)"): offer.contract_months,
    }


def _new_post_summary(requisition: Requisition) -> dict:
    """A new post's job description is approved with the requisition, so the approvers read it here."""
    jd = requisition.job_description
    return {
        _("New post (新增岗位)"): _("Yes: the position and its job description are approved with this requisition"),
        _("Category"): requisition.position.get_category_display(),
        _("Authorised headcount (编制)"): requisition.position.authorised_headcount,
        _("Duties (岗位职责)"): jd.duty_list,
        _("Education (学历)"): jd.education,
        _("Experience (经历)"): jd.experience,
        _("Required training (所需培训)"): jd.required_training,
        _("Skills (技能)"): jd.skills,
    }


registry.register(
    Requisition,
    flow_code=requisition_flow_code,
    on_approved=requisitions.requisition_on_approved,
    on_rejected=requisitions.requisition_on_rejected,
    on_returned=requisitions.requisition_on_returned,
    on_withdrawn=requisitions.requisition_on_withdrawn,
    department_of=lambda requisition: requisition.department,
    conditions={
        conditions.OVER_AUTHORISED_HEADCOUNT: lambda requisition: requisition.over_headcount,
        conditions.NEW_POSITION: lambda requisition: requisition.is_new_position,
        conditions.MANAGER_LEVEL_POSITION: lambda r: r.position.category == PositionCategory.MANAGER,
        conditions.STAFF_GRADE_OR_ABOVE: lambda r: r.position.category != PositionCategory.FRONTLINE,
    },
    context=_requisition_summary,
    # The author, also when HR submitted it on their behalf.
    people_of=lambda requisition: [requisition.requested_by_id],
)

register_job_description_carrier(requisition_carrying)

registry.register(
    Offer,
    flow_code=hire_flow_code,
    on_approved=offers.offer_on_approved,
    on_rejected=offers.offer_on_rejected,
    on_returned=offers.offer_on_returned,
    on_withdrawn=offers.offer_on_withdrawn,
    department_of=lambda offer: offer.application.requisition.department,
    conditions={
        conditions.MANAGER_LEVEL_POSITION: lambda o: (
            o.application.requisition.position.category == PositionCategory.MANAGER
        ),
        conditions.STAFF_GRADE_OR_ABOVE: lambda o: (
            o.application.requisition.position.category != PositionCategory.FRONTLINE
        ),
    },
    context=_offer_summary,
    people_of=lambda offer: [offer.created_by_id],
    reads_secret=True,
)
