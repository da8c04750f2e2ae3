"""Who may start an import of a kind, and who may commit a checked job."""

from django.utils.translation import gettext_lazy as _

from core import roles
from core.policy import Verdict, deny

from .kinds import KINDS
from .models import ImportJob


def can_start(user, kind: str) -> Verdict:
    if kind not in KINDS:
        return deny("import_unknown_kind", _("There is no such import."))
    return KINDS[kind].may_start(user)


def can_commit(user, job: ImportJob) -> Verdict:
    """The one who started the job or an HR manager, if still allowed to import that kind, once every row is valid."""
    if job.created_by_id != user.pk and not user.has_role(roles.HR_MANAGER):
        return deny("import_not_yours", _("Only the one who started this import or an HR manager imports it."))
    if job.status != ImportJob.Status.READY:
        return deny("import_not_ready", _("Only a file whose rows are all valid is imported."))
    return can_start(user, job.kind)
