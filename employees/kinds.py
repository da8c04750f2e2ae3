"""Notification kinds of people's files (users choose e-mail per kind on their preferences page)."""

from django.utils.translation import gettext_lazy as _

from notifications import kinds

CONTRACT_UNSIGNED = kinds.register(
    "employees.contract_unsigned", _("Reminder: an employee's written labour contract is not signed yet")
)
CONTRACT_EXPIRING = kinds.register(
    "employees.contract_expiring", _("Reminder: a labour contract ends in 60 or 30 days")
)
