"""The lifecycle signals of employees/signals.py, turned into webhook events."""

from employees import signals

from . import payloads
from .models import Event
from .services import webhook_emit


def on_hired(sender, employee, by=None, start_date=None, **kwargs):
    data = {"employee": payloads.employee(employee), "start_date": start_date.isoformat() if start_date else None}
    webhook_emit(event=Event.HIRED, data=data)


def on_converted(sender, employee, regular_from=None, how="", **kwargs):
    data = {
        "employee": payloads.employee(employee),
        "regular_from": regular_from.isoformat() if regular_from else None,
        "how": how,
    }
    webhook_emit(event=Event.CONVERTED, data=data)


def on_transferred(sender, change, employee, **kwargs):
    if change is None:
        return  # a move without a job-change record (nothing to tell: no from/to, no kind)
    data = {
        "employee": payloads.employee(employee),
        "kind": change.kind,
        "effective_date": change.effective_date.isoformat(),
        "from": {
            "department": payloads._department(change.from_department),
            "position": payloads._position(change.from_position),
        },
        "to": {
            "department": payloads._department(change.to_department),
            "position": payloads._position(change.to_position),
        },
    }
    webhook_emit(event=Event.TRANSFERRED, data=data)


def on_separated(sender, employee, date=None, **kwargs):
    data = {"employee": payloads.employee(employee), "last_working_day": date.isoformat() if date else None}
    webhook_emit(event=Event.SEPARATED, data=data)


def on_clearance_changed(sender, user, old, new, **kwargs):
    employee = getattr(user, "employee", None)
    data = {
        "username": user.get_username(),
        "employee": payloads.employee(employee) if employee is not None else None,
        "old": int(old),
        "new": int(new),
    }
    webhook_emit(event=Event.CLEARANCE_CHANGED, data=data)


def connect() -> None:
    signals.employee_hired.connect(on_hired, dispatch_uid="integrations.hired")
    signals.employee_converted.connect(on_converted, dispatch_uid="integrations.converted")
    signals.job_change_applied.connect(on_transferred, dispatch_uid="integrations.transferred")
    signals.employee_separated.connect(on_separated, dispatch_uid="integrations.separated")
    signals.clearance_changed.connect(on_clearance_changed, dispatch_uid="integrations.clearance")
