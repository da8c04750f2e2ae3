"""Notification kinds of recruitment (users choose e-mail per kind on their preferences page)."""

from django.utils.translation import gettext_lazy as _

from notifications import kinds

INTERVIEW_SCHEDULED = kinds.register(
    "recruitment.interview", _("An interview I take part in was scheduled or cancelled")
)
INTERVIEW_TOMORROW = kinds.register("recruitment.interview_tomorrow", _("Reminder: I interview a candidate tomorrow"))
OFFER_DECIDED = kinds.register("recruitment.offer", _("An offer I prepared was accepted or declined"))
