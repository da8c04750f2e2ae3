"""Helpers shared by the recruitment services: the event row every state change writes."""

from django.utils import timezone

from ..models import Application, Event, Requisition


def record_event(
    *,
    action: str,
    by,
    requisition: Requisition | None = None,
    application: Application | None = None,
    from_state: str = "",
    to_state: str = "",
    comment: str = "",
    at=None,
) -> Event:
    return Event.objects.create(
        requisition=requisition,
        application=application,
        action=action,
        from_state=from_state or "",
        to_state=to_state or "",
        comment=(comment or "").strip(),
        actor=by if by is not None and getattr(by, "pk", None) else None,
        at=at or timezone.now(),
    )
