"""Notification kinds of the satisfaction survey (users choose e-mail per kind on their preferences page).

None of them ever says who answered what: the invitation and the reminder go to those invited (the reminder
only to those who have not answered yet), the publication to everyone invited.
"""

from django.utils.translation import gettext_lazy as _

from notifications import kinds

INVITED = kinds.register("survey.invited", _("I am invited to the anonymous satisfaction survey"))
REMINDER = kinds.register("survey.reminder", _("Reminder: the satisfaction survey closes soon"))
PUBLISHED = kinds.register("survey.published", _("The satisfaction survey's summary is published"))
