"""Writes to the audit trail beyond django-auditlog's own row changes: every view, print, download and export of
secret data is an ACCESS entry (who, when, what) — spec 08/10, MLPS 2.0 level-2 audit, PIPL art. 51/55.

Row changes (create / update / delete, old → new) come from the registrations in each app's `apps.py`; the table
refuses UPDATE and DELETE on PostgreSQL (migration 0001), so what is written here stays.
"""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Access(models.TextChoices):
    """What was done with the secret data: the key of the entry's `changes` (old value empty, new = what)."""

    VIEW = "viewed", gettext_lazy("viewed")
    PRINT = "print", gettext_lazy("printed")
    DOWNLOAD = "download", gettext_lazy("downloaded")
    EXPORT = "export", gettext_lazy("exported")


EXPORT_PK = "export"


def access_log(
    *, by, access: str, detail: str = "", obj: models.Model | None = None, model=None, count: int = 0
) -> LogEntry:
    """Record that `by` viewed, printed, downloaded or exported secret data.

    Either `obj`, the record whose data was seen (a person, an offer, a document), with `detail` saying what of it
    (the form's title, the file's name); or `model` and `count` for an export of that many rows, with `detail`
    naming the columns. The request's address is added by django-auditlog's middleware."""
    actor = by if getattr(by, "is_authenticated", False) else None
    # Who, even if the account is deleted later (the trigger of migration 0001 lets only such entries lose it).
    who = {"actor": actor, "actor_email": getattr(actor, "email", None) or None}
    changes = {str(access): [None, str(detail)]}
    if obj is not None:
        return LogEntry.objects.log_create(obj, force_log=True, action=LogEntry.Action.ACCESS, changes=changes, **who)
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk=EXPORT_PK,
        object_repr=_("Export of %(count)s %(what)s") % {"count": count, "what": model._meta.verbose_name_plural},
        action=LogEntry.Action.ACCESS,
        changes=changes,
        **who,
    )
