"""Records about a person whose data must not stay in the append-only trail (PIPL art. 19/47).

A candidate who is not hired is anonymised after the retention period, but the trail refuses UPDATE and DELETE
(migration 0001): whatever it holds about the person stays for good. So the trail never takes it in. The
candidate's own fields are registered masked (`mask_fields`, with `mask_fully`), and the entry's record name —
which django-auditlog takes from str(obj), the person's name — is replaced before the entry is written.

A model opts in with a classmethod `scrub_audit_entry(entry)` that rewrites the unsaved entry in place (its
`object_repr`, and `changes` where a value copies the person's data, see `mask_changes`). Every entry goes through
here — row changes, many-to-many changes and the access entries of `services.access_log` — because the hook is a
pre_save receiver on LogEntry, not a patch of one writer. The record's key stays, so the audit page still says
which record (candidate #123); a model's classmethod `audit_url(pk)` links it to the record's page, which shows
the record as it is now (anonymised or not).
"""

from auditlog.models import LogEntry
from django.db.models.signals import pre_save
from django.utils.text import capfirst

from core.security import MASK


def record_label(model, pk) -> str:
    """ "Candidate #123": the record's type and key, nothing of the person."""
    return f"{capfirst(model._meta.verbose_name)} #{pk}"


def mask_changes(entry: LogEntry, fields) -> None:
    """Replace the old and new values of `fields` in the entry's changes by the mask (kept empty when empty)."""
    if not isinstance(entry.changes, dict):
        return
    for name in fields:
        values = entry.changes.get(name)
        if isinstance(values, list | tuple):
            entry.changes[name] = [MASK if value not in (None, "", "None") else value for value in values]


def scrub_entry(sender, instance: LogEntry, raw=False, **kwargs) -> None:
    if raw or instance.pk is not None or instance.content_type_id is None:
        return
    from .services import EXPORT_PK

    if instance.object_pk == EXPORT_PK:
        return  # an export's entry names the rows' type and count, no person
    model = instance.content_type.model_class()
    scrub = getattr(model, "scrub_audit_entry", None)
    if scrub is not None:
        scrub(instance)


def connect() -> None:
    pre_save.connect(scrub_entry, sender=LogEntry, dispatch_uid="audit.privacy.scrub_entry")
