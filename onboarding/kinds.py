"""Notification kinds of onboarding and probation (users choose e-mail per kind on their preferences page)."""

from django.utils.translation import gettext_lazy as _

from notifications import kinds

PROBATION_ENDING = kinds.register("onboarding.probation_ending", _("Reminder: a probation ends soon or today"))
PROBATION_LAPSED = kinds.register(
    "onboarding.probation_lapsed", _("A probation ended without a decision: the employee is regular by law")
)
CASE_STARTED = kinds.register("onboarding.case_started", _("An onboarding case in my department was started"))
REGISTRATION_SUBMITTED = kinds.register(
    "onboarding.registration_submitted", _("A new hire filled in the registration form: please review it")
)
