"""Reads of the audit trail: the filtered entries, newest first, and their rows as a reader sees them (secret
values masked for anyone without secret clearance, on top of the masking the trail stores)."""

import datetime
import re
from dataclasses import dataclass

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy

from core.security import MASK

from .services import Access

# ID numbers and salary figures (spec 08), whatever the model: masked for readers without secret clearance.
SECRET_FIELD = re.compile(r"(^|_)(id_number|salary)$")
_SKIPPED_FIELDS = frozenset({"id", "created_at", "updated_at"})

# django-auditlog ships no Chinese: the trail's actions in the reader's language.
ACTION_LABELS = {
    LogEntry.Action.CREATE: gettext_lazy("created"),
    LogEntry.Action.UPDATE: gettext_lazy("changed"),
    LogEntry.Action.DELETE: gettext_lazy("deleted"),
    LogEntry.Action.ACCESS: gettext_lazy("accessed"),
}


def audited_content_types() -> list[tuple[ContentType, str]]:
    """The record types of the trail (every audited model, and the trail itself for its exports), by label."""
    models = [*auditlog.get_models(), LogEntry]
    found = ContentType.objects.get_for_models(*models)
    return sorted(((ct, str(capfirst(model._meta.verbose_name))) for model, ct in found.items()), key=lambda x: x[1])


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def entries_filtered(
    *,
    person: str = "",
    object_type: int | None = None,
    object: str = "",
    action: int | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[LogEntry]:
    """Entries newest first. `person`: login, name (王芳 or Anna Smith) or e-mail, also of deleted accounts;
    `object`: the record's key (digits) or part of its name; dates in the company's time zone, both inclusive."""
    qs = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    person = person.strip()
    if person:
        users = (
            get_user_model()
            .objects.annotate(
                full_zh=Concat("last_name", "first_name"), full_latin=Concat("first_name", Value(" "), "last_name")
            )
            .filter(
                Q(username__iexact=person)
                | Q(email__iexact=person)
                | Q(full_zh__icontains=person)
                | Q(full_latin__icontains=person)
            )
        )
        qs = qs.filter(Q(actor__in=users.values("pk")) | Q(actor_email__iexact=person))
    if object_type:
        qs = qs.filter(content_type_id=object_type)
    object = object.strip()
    if object:
        qs = qs.filter(object_pk=object) if object.isdigit() else qs.filter(object_repr__icontains=object)
    if action is not None:
        qs = qs.filter(action=action)
    if date_from:
        qs = qs.filter(timestamp__gte=_day_start(date_from))
    if date_to:
        qs = qs.filter(timestamp__lt=_day_start(date_to + datetime.timedelta(days=1)))
    return qs


@dataclass(frozen=True)
class EntryRow:
    timestamp: datetime.datetime
    actor: str
    action: str
    record_type: str
    object_pk: str
    object_repr: str
    changes: list[tuple[str, str, str]]
    remote_addr: str
    url: str = ""  # the record's page, for records that name no person in the trail (audit.privacy)

    @property
    def changes_text(self) -> str:
        return "; ".join(f"{label}: {old} → {new}" if old else f"{label}: {new}" for label, old, new in self.changes)


def _text(value) -> str:
    return "" if value in (None, "None") else str(value)


def _changes(entry: LogEntry, model, secret: bool) -> list[tuple[str, str, str]]:
    fields = {f.name: f for f in model._meta.get_fields()} if model else {}
    masked = set(auditlog.get_model_fields(model)["mask_fields"]) if model and auditlog.contains(model) else set()
    rows = []
    for name, values in (entry.changes_dict or {}).items():
        field = fields.get(name)
        # Reverse relations (an application's interviews) carry no value of this record: auditlog writes "….None".
        if name in _SKIPPED_FIELDS or (field is not None and field.auto_created and not field.concrete):
            continue
        if entry.action == LogEntry.Action.ACCESS and name in Access.values:
            label, old, new = str(Access(name).label), "", _text((list(values) + [""] * 2)[1])
        elif isinstance(values, dict):  # a many-to-many change: {"operation": "add", "objects": [...]}
            label = getattr(fields.get(name), "verbose_name", name)
            old, new = "", f"{values.get('operation', '')}: {', '.join(map(str, values.get('objects', [])))}"
        else:
            label = getattr(fields.get(name), "verbose_name", name)
            old, new = ((list(values) + ["", ""])[:2]) if isinstance(values, list | tuple) else ("", values)
            old = "" if entry.action == LogEntry.Action.CREATE else _text(old)
            new = _text(new)
            if not secret and (name in masked or SECRET_FIELD.search(name)):
                old, new = (MASK if old else ""), (MASK if new else "")
        rows.append((str(capfirst(label)), old, new))
    return rows


def entry_rows(entries, viewer) -> list[EntryRow]:
    """The entries as the viewer reads them: who (the account, else the e-mail it had), what, old → new."""
    secret = viewer.sees_secret_hr_data
    rows = []
    for entry in entries:
        model = entry.content_type.model_class()
        audit_url = getattr(model, "audit_url", None)
        rows.append(
            EntryRow(
                timestamp=entry.timestamp,
                actor=str(entry.actor) if entry.actor else (entry.actor_email or "—"),
                action=str(ACTION_LABELS.get(entry.action, entry.get_action_display())),
                record_type=str(capfirst(model._meta.verbose_name)) if model else entry.content_type.model,
                object_pk=entry.object_pk,
                object_repr=entry.object_repr,
                changes=_changes(entry, model, secret),
                remote_addr=entry.remote_addr or "",
                url=audit_url(entry.object_pk) if audit_url and entry.object_pk.isdigit() else "",
            )
        )
    return rows
