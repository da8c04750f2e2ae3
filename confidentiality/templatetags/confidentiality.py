from django import template

from core.security import SecrecyLevel

from ..selectors import is_keeper

register = template.Library()


@register.simple_tag
def confidentiality_nav(user) -> dict:
    """What the menu offers: keepers' pages, and the reader's own pages for users cleared for secret."""
    authenticated = getattr(user, "is_authenticated", False)
    return {
        "keeper": authenticated and is_keeper(user),
        "reader": authenticated and user.clearance >= SecrecyLevel.SECRET,
    }


@register.filter
def level_badge(level) -> str:
    return {SecrecyLevel.SECRET: "warning", SecrecyLevel.CONFIDENTIAL: "danger", SecrecyLevel.TOP_SECRET: "dark"}.get(
        level, "secondary"
    )
