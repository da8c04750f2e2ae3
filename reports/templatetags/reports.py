from django import template

from reports.policies import can_view_reports

register = template.Library()


@register.filter
def reads_reports(user) -> bool:
    return bool(can_view_reports(user))
