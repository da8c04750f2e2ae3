"""What a lifecycle webhook says about a person: who, where, in which state — never salary, ID number, phone or
address (docs/webhooks.md). Built inside the transaction of the change, from the saved rows."""

from django.utils import timezone


def _department(department) -> dict | None:
    return {"code": department.code, "name": department.name} if department else None


def _position(position) -> dict | None:
    return {"code": position.code, "title": position.title} if position else None


def employee(employee) -> dict:
    return {
        "number": employee.number,
        "name": employee.name,
        "department": _department(employee.department),
        "position": _position(employee.position),
        "status": employee.status,
        "employment_type": employee.employment_type,
        "hire_date": employee.hire_date.isoformat() if employee.hire_date else None,
        "username": employee.user.get_username() if employee.user_id else None,
    }


def envelope(*, event_id, event: str, data: dict) -> dict:
    return {"id": str(event_id), "event": event, "occurred_at": timezone.now().isoformat(), "data": data}
