"""The training history of one employee (员工培训履历表): sessions attended with hours and results, and later
certificates, external trainings and mentoring."""

from decimal import Decimal

from .models import Participant


def history_for(employee) -> dict:
    participations = list(
        Participant.objects.filter(employee=employee).select_related("session").order_by("-session__starts_at", "-pk")
    )
    hours = sum((p.session.hours for p in participations if p.attended), Decimal(0))
    return {"participations": participations, "total_hours": hours}
