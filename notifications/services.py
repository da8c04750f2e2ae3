"""Writes of the notifications app: send a notification, send a reminder once, mark read, e-mail preferences."""

import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import kinds
from .models import (
    ChannelDelivery,
    DeliveryStatus,
    EmailOptOut,
    MessengerAccount,
    MessengerChannel,
    Notification,
    ReminderDelivery,
)

logger = logging.getLogger(__name__)
User = get_user_model()


@dataclass
class ReminderItem:
    """One reminder a sweep wants sent: to whom, about which object, for which due date."""

    recipient: User
    obj: models.Model
    due_date: date
    title: str
    body: str = ""
    url: str = ""


def notify(
    *,
    recipient: User,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    email: bool = True,
    attachments: Sequence[tuple[str, str, str]] = (),
) -> Notification:
    """Put a notification in the recipient's inbox and, unless they opted out of this kind, e-mail it on commit.

    `attachments` are (filename, content, mimetype) triples added to the e-mail, e.g. an .ics invitation.
    """
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, title=str(title), body=str(body), url=url
    )
    if email and _can_email(recipient) and not EmailOptOut.objects.filter(user=recipient, kind=kind).exists():
        message = _email_for(notification, recipient)
        for attachment in attachments:
            message.attach(*attachment)
        transaction.on_commit(partial(_send_emails, [message]))
    transaction.on_commit(partial(_queue_messenger_notices, [notification.pk]))
    return notification


def email_outsider(*, to: str, subject: str, body: str, attachments: Sequence[tuple[str, str, str]] = ()) -> None:
    """E-mail someone without a login (e.g. a candidate), on commit, through the same delivery path."""
    message = mail.EmailMessage(subject=email_subject(subject), body=str(body), to=[to])
    for attachment in attachments:
        message.attach(*attachment)
    transaction.on_commit(partial(_send_emails, [message]))


def remind_once(*, kind: str, items: list[ReminderItem]) -> int:
    """Send each reminder unless its (kind, recipient, object, due date) was sent before; returns how many were new.

    The delivery keys go in first with INSERT … ON CONFLICT DO NOTHING, tagged with this call's batch id; only
    the keys this call inserted get a notification. A rerun, a retried task or a concurrent sweep therefore
    never sends a second copy. The number of queries does not depend on the number of items.
    """
    unique: dict[tuple, ReminderItem] = {}
    for item in items:
        if item.obj.pk is None:
            raise ValidationError(
                _("A reminder needs a saved object; got an unsaved %(model)s.") % {"model": type(item.obj).__name__},
                code="reminder_object_unsaved",
            )
        content_type = ContentType.objects.get_for_model(item.obj)  # cached per model after the first call
        key = (item.recipient.pk, content_type.pk, str(item.obj.pk), item.due_date)
        unique.setdefault(key, item)
    if not unique:
        return 0

    batch = uuid.uuid4()
    with transaction.atomic():
        ReminderDelivery.objects.bulk_create(
            [
                ReminderDelivery(
                    kind=kind,
                    recipient_id=recipient_id,
                    content_type_id=content_type_id,
                    object_id=object_id,
                    due_date=due_date,
                    batch=batch,
                )
                for recipient_id, content_type_id, object_id, due_date in unique
            ],
            ignore_conflicts=True,
        )
        deliveries = list(ReminderDelivery.objects.filter(batch=batch).order_by("pk"))
        if not deliveries:
            return 0
        new_items = [unique[(d.recipient_id, d.content_type_id, d.object_id, d.due_date)] for d in deliveries]
        notifications = Notification.objects.bulk_create(
            [
                Notification(
                    recipient=item.recipient, kind=kind, title=str(item.title), body=str(item.body), url=item.url
                )
                for item in new_items
            ]
        )
        if all(n.pk for n in notifications):
            for delivery, notification in zip(deliveries, notifications, strict=True):
                delivery.notification = notification
            ReminderDelivery.objects.bulk_update(deliveries, ["notification"])

        opted_out = set(
            EmailOptOut.objects.filter(kind=kind, user_id__in={i.recipient.pk for i in new_items}).values_list(
                "user_id", flat=True
            )
        )
        messages = [
            _email_for(notification, item.recipient)
            for notification, item in zip(notifications, new_items, strict=True)
            if _can_email(item.recipient) and item.recipient.pk not in opted_out
        ]
        if messages:
            transaction.on_commit(partial(_send_emails, messages))
        if all(n.pk for n in notifications):
            transaction.on_commit(partial(_queue_messenger_notices, [n.pk for n in notifications]))
    return len(deliveries)


def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark one notification read (keeps the first read time)."""
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of the user read; returns how many changed."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def notifications_settle(*, recipients: Iterable[int], kind: str, url: str) -> int:
    """The action these notifications asked for was taken (e.g. the approval step was decided): mark the
    recipients' unread ones of this kind and link read, so the inbox does not keep asking. Returns how many."""
    return Notification.objects.filter(
        recipient_id__in=set(recipients), kind=kind, url=url, read_at__isnull=True
    ).update(read_at=timezone.now())


def email_preferences_set(*, user: User, email_kinds: Iterable[str]) -> None:
    """E-mail on for ``email_kinds``, off for every other registered kind (the inbox always receives all kinds)."""
    registered = {code for code, _label in kinds.registered()}
    unknown = set(email_kinds) - registered
    if unknown:
        raise ValidationError(
            _("Unknown notification kinds: %(kinds)s.") % {"kinds": ", ".join(sorted(unknown))},
            code="unknown_notification_kind",
        )
    wanted = set(email_kinds)
    off = registered - wanted
    with transaction.atomic():
        EmailOptOut.objects.filter(user=user, kind__in=wanted).delete()
        EmailOptOut.objects.bulk_create([EmailOptOut(user=user, kind=kind) for kind in off], ignore_conflicts=True)


def email_subject(text) -> str:
    """One header line: a name typed with CR/LF (or a tab) must not break the message, nor the batch it travels in
    (Django refuses such a header with BadHeaderError, and the batch is sent as one)."""
    return " ".join(str(text).split())


def _can_email(user: User) -> bool:
    return bool(user.email) and user.is_active


def _email_for(notification: Notification, recipient: User) -> mail.EmailMessage:
    text = notification.body
    if notification.url:
        site = getattr(settings, "HRMS_SITE_URL", "").rstrip("/")
        link = f"{site}{notification.url}" if notification.url.startswith("/") else notification.url
        text = f"{text}\n\n{link}" if text else link
    return mail.EmailMessage(subject=email_subject(notification.title), body=text, to=[recipient.email])


def _send_emails(messages: list[mail.EmailMessage]) -> None:
    # The inbox already holds the notification; a mail server outage must not undo it or fail the caller.
    try:
        mail.get_connection().send_messages(messages)
    except Exception:
        logger.exception("Could not send %d notification e-mail(s)", len(messages))


def _queue_messenger_notices(notification_ids: list[int]) -> None:
    # Like e-mail: a messenger or broker outage must not fail the request that caused the notification.
    from .tasks import deliver_to_messengers

    try:
        deliver_to_messengers.delay(notification_ids)
    except Exception:
        logger.exception("Could not queue messenger notices for %d notification(s)", len(notification_ids))


def messenger_deliveries_create(*, notification_ids: Sequence[int]) -> list[int]:
    """Log one pending delivery per (notification, enabled channel that covers its recipient); returns the new
    deliveries' ids. A channel covers a recipient when it is company-wide or for their department or one above it,
    and lists the kind (or no kinds); work notices need the recipient's messenger account. Constant in queries."""
    from employees.models import Employee

    channels = list(MessengerChannel.objects.filter(enabled=True).select_related("department"))
    if not channels or not notification_ids:
        return []
    notifications = list(Notification.objects.filter(pk__in=notification_ids))
    user_ids = {n.recipient_id for n in notifications}
    paths = dict(Employee.objects.filter(user_id__in=user_ids).values_list("user_id", "department__path"))
    accounts = {(a.user_id, a.provider) for a in MessengerAccount.objects.filter(user_id__in=user_ids)}
    wanted = [
        ChannelDelivery(channel=channel, notification=notification)
        for notification in notifications
        for channel in channels
        if _covers(channel, notification, paths.get(notification.recipient_id) or "", accounts)
    ]
    if not wanted:
        return []
    ChannelDelivery.objects.bulk_create(wanted, ignore_conflicts=True)
    return list(
        ChannelDelivery.objects.filter(
            notification_id__in=notification_ids, status=DeliveryStatus.PENDING, attempts=0
        ).values_list("pk", flat=True)
    )


def _covers(channel: MessengerChannel, notification: Notification, path: str, accounts: set) -> bool:
    if channel.kinds and notification.kind not in channel.kinds:
        return False
    if channel.department_id and not path.startswith(channel.department.path):
        return False
    return not channel.is_personal or (notification.recipient_id, channel.provider) in accounts


def messenger_delivery_send(*, delivery_id: int) -> ChannelDelivery:
    """One attempt at a logged delivery: sent, or failed with the error (retrying while attempts remain)."""
    from . import channels

    with transaction.atomic():
        delivery = (
            ChannelDelivery.objects.select_for_update()
            .select_related("channel", "notification__recipient")
            .get(pk=delivery_id)
        )
        if delivery.status in (DeliveryStatus.SENT, DeliveryStatus.FAILED):
            return delivery
        delivery.attempts += 1
        delivery.save(update_fields=["attempts"])
    external_id = ""
    if delivery.channel.is_personal:
        external_id = (
            MessengerAccount.objects.filter(
                user_id=delivery.notification.recipient_id, provider=delivery.channel.provider
            )
            .values_list("external_id", flat=True)
            .first()
            or ""
        )
    try:
        channels.send(delivery.channel, channels.notice_for(delivery.notification, external_id=external_id))
    except channels.DeliveryError as error:
        delivery.error = str(error)[:1000]
        last = delivery.attempts >= settings.HRMS_DELIVERY_MAX_ATTEMPTS
        delivery.status = DeliveryStatus.FAILED if last else DeliveryStatus.RETRYING
    else:
        delivery.status, delivery.error, delivery.sent_at = DeliveryStatus.SENT, "", timezone.now()
    delivery.save(update_fields=["status", "error", "sent_at"])
    return delivery


def retry_delay(attempts: int) -> int:
    """Seconds before the next attempt: the configured delay, doubled after each failure (capped at a day)."""
    return min(settings.HRMS_DELIVERY_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0), 86400)
