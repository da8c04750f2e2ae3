"""Recruitment's two approval processes (spec 02): headcount requisitions and hire approval (录用审批).
Frontline posts take the frontline flows, staff and manager-level posts the staff flows; a requisition over
the authorised headcount turns on the flows' conditional general-manager step."""

from django.utils.translation import gettext_lazy as _

from approvals import conditions, registry
from org.models import PositionCategory

from .models import Offer, Requisition
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
        _("Number of people"): requisition.headcount,
        _("Reason"): requisition.get_reason_display(),
        _("Authorised / filled / already requested"): (
            f"{requisition.authorised_at_submit} / {requisition.filled_at_submit} / {requisition.requested_at_submit}"
        ),
        _("Over authorised headcount"): _("Yes") if requisition.over_headcount else _("No"),
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
        conditions.MANAGER_LEVEL_POSITION: lambda r: r.position.category == PositionCategory.MANAGER,
        conditions.STAFF_GRADE_OR_ABOVE: lambda r: r.position.category != PositionCategory.FRONTLINE,
    },
    context=_requisition_summary,
)

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
    context=offers.offer_term_summary,
)
