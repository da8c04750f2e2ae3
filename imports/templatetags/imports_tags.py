from django import template

from .. import policies

register = template.Library()


@register.simple_tag
def may_import(user, kind: str) -> bool:
    """`{% may_import user "employees" as allowed %}`: show the import button or not (the policy decides)."""
    return bool(policies.can_start(user, kind))
