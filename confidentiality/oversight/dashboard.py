"""Home cards of oversight for the confidentiality officer and records keeper: open incidents, overdue corrective
actions, the next inspection, handouts not back. Every count goes through the scoped selectors."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles
from core.dashboard import Card, count_and_rows, register

from .holidays import next_holiday
from .models import Holiday, Incident, Inspection
from .selectors import (
    actions_overdue,
    handouts_uncollected,
    incidents_visible_to,
    inspections_visible_to,
    is_officer,
    meetings_visible_to,
)


@register
def oversight_cards(user) -> list[Card]:
    if not is_officer(user):
        return []
    today = timezone.localdate()
    cards = []
    if user.has_role(roles.CONFIDENTIALITY_OFFICER):
        count, rows = count_and_rows(
            incidents_visible_to(user)
            .filter(status__in=[Incident.Status.REPORTED, Incident.Status.INVESTIGATING])
            .order_by("reported_at")
        )
        cards.append(
            Card(
                title=_("Open leak incidents"),
                count=count,
                url=reverse("confidentiality_oversight:incident_list") + "?open=1",
                items=[(f"{i.number} · {i.get_status_display()}", i.get_absolute_url()) for i in rows],
                tone="danger" if count else "success",
            )
        )
    inspections = inspections_visible_to(user)
    count, rows = count_and_rows(actions_overdue(inspections, today).select_related("owner").order_by("due_on"))
    cards.append(
        Card(
            title=_("Overdue corrective actions"),
            count=count,
            url=reverse("confidentiality_oversight:inspection_list") + "?overdue=1",
            items=[
                (
                    f"{a.due_on:%Y-%m-%d} · {a.owner}",
                    reverse("confidentiality_oversight:inspection_detail", args=[a.inspection_id]),
                )
                for a in rows
            ],
            tone="danger" if count else "success",
        )
    )
    upcoming = inspections.filter(status=Inspection.Status.PLANNED, planned_on__gte=today).order_by("planned_on")
    count, rows = count_and_rows(upcoming)
    holiday = next_holiday(today)
    items = [(str(i), i.get_absolute_url()) for i in rows]
    if holiday is not None:
        label = dict(Holiday.choices).get(holiday[0], holiday[0])
        items.append(
            (_("Next long holiday: %(holiday)s %(day)s") % {"holiday": label, "day": f"{holiday[1]:%Y-%m-%d}"}, "")
        )
    cards.append(
        Card(
            title=_("Upcoming confidentiality inspections"),
            count=count,
            url=reverse("confidentiality_oversight:inspection_list"),
            items=items,
            tone="primary" if count else "warning",
        )
    )
    count, rows = count_and_rows(
        handouts_uncollected(meetings_visible_to(user))
        .select_related("meeting")
        .order_by("meeting__starts_at", "number")
    )
    cards.append(
        Card(
            title=_("Meeting handouts not collected back"),
            count=count,
            url=reverse("confidentiality_oversight:meeting_list") + "?uncollected=1",
            items=[(h.label, h.meeting.get_absolute_url()) for h in rows],
            tone="danger" if count else "success",
        )
    )
    return cards
