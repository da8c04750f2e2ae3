"""Home-page cards of recruitment: my interviews to hold or evaluate, and the open requisitions in my scope."""

import datetime

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dashboard import Card, count_and_rows, register

from .models import Evaluation, Interview, Requisition
from .selectors import requisitions_visible_to
from .views._access import uses_recruitment


@register
def recruitment_cards(user) -> list[Card]:
    if not user.is_authenticated:
        return []
    cards = []
    soon = timezone.now() + datetime.timedelta(days=7)
    evaluated = Evaluation.objects.filter(interview=OuterRef("pk"), evaluator=user)
    mine = (
        Interview.objects.filter(interviewers=user)
        .exclude(status=Interview.Status.CANCELLED)
        .exclude(Exists(evaluated))
        .filter(scheduled_at__lte=soon)
        .select_related("application__candidate")
        .order_by("scheduled_at")
    )
    count, interviews = count_and_rows(mine)
    if interviews:
        cards.append(
            Card(
                title=_("My interviews to hold or evaluate"),
                count=count,
                items=[
                    (
                        f"{timezone.localtime(i.scheduled_at):%m-%d %H:%M} {i.application.candidate.name} · "
                        f"{i.get_round_display()}",
                        i.get_absolute_url(),
                    )
                    for i in interviews
                ],
                tone="warning",
            )
        )
    if uses_recruitment(user):
        open_requisitions = requisitions_visible_to(user).filter(status__in=Requisition.OPEN_STATUSES)
        cards.append(
            Card(
                title=_("Open headcount requisitions"),
                count=open_requisitions.count(),
                url=reverse("recruitment:requisition_list"),
            )
        )
    return cards
