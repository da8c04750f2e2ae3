"""Notification kinds of the KPI review (users choose e-mail per kind on their preferences page)."""

from django.utils.translation import gettext_lazy as _

from notifications import kinds

SELF_DUE = kinds.register("performance.self_due", _("Reminder: my KPI self-assessment is due or overdue"))
SCORING_DUE = kinds.register("performance.scoring_due", _("Reminder: KPI sheets of my department to score"))
PEER_REQUESTED = kinds.register("performance.peer_requested", _("A colleague's head asked me for peer feedback"))
