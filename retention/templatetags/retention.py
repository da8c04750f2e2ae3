from django import template

from ..policies import can_review

register = template.Library()


@register.filter
def reviews_retention(user) -> bool:
    """The navigation shows the retention review to whoever the policy lets in."""
    return bool(can_review(user))
