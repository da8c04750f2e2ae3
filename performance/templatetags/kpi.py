from django import template

from ..selectors import uses_team_pages

register = template.Library()


@register.filter
def kpi_team(user) -> bool:
    """Company-wide readers and department heads/managers: the KPI setup and team pages."""
    return user.is_authenticated and uses_team_pages(user)
