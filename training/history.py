"""The training history of one employee (员工培训履历表): sessions attended with hours and results, certificates,
external trainings and mentoring (used for promotion and assignment decisions)."""

from decimal import Decimal

from django.utils import timezone

from .models import ExternalStatus, Participant


def history_for(employee) -> dict:
    participations = list(
        Participant.objects.filter(employee=employee).select_related("session").order_by("-session__starts_at", "-pk")
    )
    externals = list(employee.external_trainings.filter(status=ExternalStatus.COMPLETED).order_by("-starts_on"))
    hours = sum((p.session.hours for p in participations if p.attended), Decimal(0))
    hours += sum((t.hours for t in externals), Decimal(0))
    return {
        "participations": participations,
        "total_hours": hours,
        "certificates": list(employee.certificates.select_related("type").order_by("-issued_on")),
        "externals": externals,
        "mentorings": list(employee.mentorings.select_related("mentor").order_by("-starts_on")),
        "today": timezone.localdate(),
    }
