"""Daily sweep of accounts (run with the reminders, notifications.reminders): a separated employee's login stops
working once their last day is over."""

from django.utils.translation import gettext_lazy as _

from notifications.reminders import reminder

from . import services


@reminder("accounts.separated_logins", _("Logins of separated employees deactivated"))
def separated_logins(today) -> int:
    return services.logins_of_separated_deactivate(today=today)
