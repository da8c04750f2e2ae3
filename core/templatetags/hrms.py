"""Template helpers: secret fields are masked for anyone who may not see them (spec 01/08)."""

from django import template

from core.security import MASK, mask_birth_date, mask_id_number

register = template.Library()


@register.filter
def id_number_for(value, user):
    """An ID number, masked unless the user has secret clearance and an HR/GM role."""
    if not value:
        return ""
    return value if user.sees_secret_hr_data else mask_id_number(value)


@register.filter
def birth_date_for(value, user):
    """A date of birth in full for readers cleared for secret HR data, else the year only: beside a masked ID number
    the full date would give the hidden digits away."""
    if not value:
        return ""
    return value.strftime("%Y-%m-%d") if user.sees_secret_hr_data else mask_birth_date(value)


@register.filter
def secret_for(value, user):
    """Any secret value (salary, contract data): *** unless the user may see secret HR data."""
    if value in (None, ""):
        return ""
    return value if user.sees_secret_hr_data else MASK


@register.simple_tag(takes_context=True)
def querystring_without(context, *keys):
    """The current query string without the given keys (for pagination and sort links)."""
    params = context["request"].GET.copy()
    for key in keys:
        params.pop(key, None)
    encoded = params.urlencode()
    return f"&{encoded}" if encoded else ""
