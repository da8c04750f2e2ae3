from django import template

from audit.policies import can_view_trail

register = template.Library()


@register.filter
def reads_audit_trail(user) -> bool:
    """For the navigation: the link to the audit trail, shown to whoever may read it."""
    return can_view_trail(user).allowed
