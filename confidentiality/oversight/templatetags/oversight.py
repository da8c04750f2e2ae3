"""`{% oversight_menu as menu %}`: which oversight entries the navigation shows the user (asked of the policies)."""

from django import template

from core import roles
from core.security import SecrecyLevel

from .. import policies
from ..selectors import is_officer

register = template.Library()


@register.simple_tag(takes_context=True)
def oversight_menu(context) -> dict:
    user = context["request"].user
    if not user.is_authenticated:
        return {}
    officer = is_officer(user)
    return {
        "officer": officer,
        "meetings": officer or user.clearance >= SecrecyLevel.SECRET,
        "schedule": bool(policies.can_schedule_meeting(user)),
        "inspections": officer or user.has_role(roles.GM, roles.VP),
        "media": officer or user.clearance >= SecrecyLevel.SECRET,
        "all_incidents": user.has_role(roles.CONFIDENTIALITY_OFFICER, roles.GM),
    }
