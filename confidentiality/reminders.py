"""Daily sweeps of the register (run by notifications' one reminder mechanism):

- grants past their last day end, documents past their period are declassified (the state changes of the day);
- copies due for return: the holder 3 days before the deadline; holder and records keepers once overdue;
- a document's period ends in 30 days: its owning department's head/manager and the records keepers;
- every March the declassified documents go to the destruction register and the keepers are reminded.

A reminder names a document (number, title) only to a recipient the one rule lets read it; anyone else is told
"a secret document". Queries are constant in the number of items (one per recipient for that check).
"""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from notifications.reminders import reminder
from notifications.services import ReminderItem, remind_once

from . import kinds, services
from .models import Destruction, Document, DocumentStatus, Issue
from .selectors import documents_visible_to

DUE_NOTICE_DAYS = 3
DECLASSIFY_NOTICE_DAYS = 30


class _Labels:
    """How each recipient may see each document named (one query per recipient)."""

    def __init__(self, documents):
        self.ids = [d.pk for d in documents]
        self.readable: dict[int, set[int]] = {}

    def of(self, user, document: Document) -> tuple[str, str]:
        if user.pk not in self.readable:
            self.readable[user.pk] = set(
                documents_visible_to(user).filter(pk__in=self.ids).values_list("pk", flat=True)
            )
        if document.pk in self.readable[user.pk]:
            return f"{document.number} {document.title}", document.get_absolute_url()
        return _("a %(level)s document") % {"level": document.get_level_display()}, ""


@reminder("confidentiality.daily")
def daily_state_changes(today: datetime.date) -> int:
    """Grants end at expiry; documents are declassified at the end of their period; March's destruction list."""
    changed = services.grants_expire(today) + services.documents_declassify(today)
    return changed + len(services.destruction_list(today))


@reminder(kinds.COPY_DUE)
def copies_due(today: datetime.date) -> int:
    issues = list(
        Issue.objects.filter(
            returned_at__isnull=True,
            return_due__gte=today,
            return_due__lte=today + datetime.timedelta(days=DUE_NOTICE_DAYS),
        ).select_related("document", "copy", "recipient")
    )
    labels = _Labels([i.document for i in issues])
    items = []
    for issue in issues:
        label, url = labels.of(issue.recipient, issue.document)
        items.append(
            ReminderItem(
                recipient=issue.recipient,
                obj=issue,
                due_date=issue.return_due - datetime.timedelta(days=DUE_NOTICE_DAYS),
                title=_("Return copy No. %(n)s of %(document)s by %(date)s")
                % {"n": issue.copy.number, "document": label, "date": f"{issue.return_due:%Y-%m-%d}"},
                url=url,
            )
        )
    return remind_once(kind=kinds.COPY_DUE, items=items)


@reminder(kinds.COPY_OVERDUE)
def copies_overdue(today: datetime.date) -> int:
    issues = list(
        Issue.objects.filter(returned_at__isnull=True, return_due__lt=today).select_related(
            "document", "copy", "recipient"
        )
    )
    if not issues:
        return 0
    keepers = services.keepers()
    labels = _Labels([i.document for i in issues])
    items = []
    for issue in issues:
        for user in [issue.recipient, *keepers]:
            label, url = labels.of(user, issue.document)
            items.append(
                ReminderItem(
                    recipient=user,
                    obj=issue,
                    due_date=issue.return_due,
                    title=_("Overdue: copy No. %(n)s of %(document)s held by %(holder)s was due on %(date)s")
                    % {
                        "n": issue.copy.number,
                        "document": label,
                        "holder": issue.recipient,
                        "date": f"{issue.return_due:%Y-%m-%d}",
                    },
                    url=url,
                )
            )
    return remind_once(kind=kinds.COPY_OVERDUE, items=items)


@reminder(kinds.DECLASSIFY_SOON)
def declassify_soon(today: datetime.date) -> int:
    documents = list(
        Document.objects.filter(
            status=DocumentStatus.CLASSIFIED,
            declassify_on__gt=today,
            declassify_on__lte=today + datetime.timedelta(days=DECLASSIFY_NOTICE_DAYS),
        ).select_related("owning_department__head__user", "owning_department__manager__user")
    )
    if not documents:
        return 0
    keepers = services.keepers()
    labels = _Labels(documents)
    items = []
    for document in documents:
        department = document.owning_department
        owners = [e.user for e in (department.head, department.manager) if e is not None and e.user is not None]
        for user in {u.pk: u for u in [*owners, *keepers]}.values():
            label, url = labels.of(user, document)
            items.append(
                ReminderItem(
                    recipient=user,
                    obj=document,
                    due_date=document.declassify_on - datetime.timedelta(days=DECLASSIFY_NOTICE_DAYS),
                    title=_("The classification of %(document)s ends on %(date)s: extend it or let it lapse")
                    % {"document": label, "date": f"{document.declassify_on:%Y-%m-%d}"},
                    url=url,
                )
            )
    return remind_once(kind=kinds.DECLASSIFY_SOON, items=items)


@reminder(kinds.DESTRUCTION_DUE)
def destruction_due(today: datetime.date) -> int:
    """Each keeper is told how many of the documents they reach wait for destruction (never others' count)."""
    if today.month != 3:
        return 0
    waiting = Destruction.objects.filter(destroyed_at__isnull=True)
    anchor = waiting.order_by("pk").first()
    if anchor is None:
        return 0
    march = datetime.date(today.year, 3, 1)
    items = []
    for user in services.keepers():
        count = waiting.filter(document__in=documents_visible_to(user)).count()
        if count:
            items.append(
                ReminderItem(
                    recipient=user,
                    obj=anchor,
                    due_date=march,
                    title=_("%(count)s expired classified documents wait for destruction (March)") % {"count": count},
                    url=reverse("confidentiality:destruction_list"),
                )
            )
    return remind_once(kind=kinds.DESTRUCTION_DUE, items=items)
