from django.utils.translation import gettext_lazy as _

from notifications import kinds

RECORDS_DUE = kinds.register("retention.due", _("Records past their retention period, waiting for HR to confirm"))
