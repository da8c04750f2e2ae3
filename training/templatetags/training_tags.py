"""Training shown on other apps' pages (the probation review shows the new hire's mentoring)."""

from django import template

register = template.Library()


@register.simple_tag
def mentorings_of(employee):
    return list(employee.mentorings.select_related("mentor").order_by("-starts_on"))
