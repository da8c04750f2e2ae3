from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.utils.translation import gettext_lazy as _

from . import kinds


class Notification(models.Model):
    """One message in a user's in-app inbox (it may also have been e-mailed)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=64)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("body"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The navbar's unread count: recipient = me AND read_at IS NULL.
            models.Index(fields=["recipient", "read_at"], name="notif_recipient_read_idx"),
            # The inbox in its own order (selectors.notifications_for: unread first, newest first): a page is
            # read straight from the index instead of sorting all of the user's notifications. Also serves the
            # Unread tab (the index's second column is true).
            models.Index(
                F("recipient"),
                ExpressionWrapper(Q(read_at__isnull=True), output_field=models.BooleanField()).desc(),
                F("created_at").desc(),
                F("id").desc(),
                name="notif_inbox_order_idx",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def kind_label(self) -> str:
        return kinds.label_for(self.kind)


class EmailOptOut(models.Model):
    """The user does not want e-mail for this kind (e-mail is on by default; the inbox always gets it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_email_opt_outs",
    )
    kind = models.CharField(_("kind"), max_length=64)

    class Meta:
        verbose_name = _("e-mail opt-out")
        verbose_name_plural = _("e-mail opt-outs")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notif_optout_user_kind_unique")]

    def __str__(self):
        return f"{self.user} · {kinds.label_for(self.kind)}"


class ReminderDelivery(models.Model):
    """The key of a reminder already sent: kind, recipient, object and due date, unique so it is sent once.

    ``batch`` marks the rows one ``remind_once`` call inserted, so it can tell the new keys from the existing
    ones after an INSERT that skips conflicts.
    """

    kind = models.CharField(_("kind"), max_length=64)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+"
    )
    content_type = models.ForeignKey(ContentType, verbose_name=_("object type"), on_delete=models.CASCADE)
    object_id = models.CharField(_("object id"), max_length=64)
    due_date = models.DateField(_("due date"))
    batch = models.UUIDField(_("batch"), editable=False)
    notification = models.ForeignKey(
        Notification, verbose_name=_("notification"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder delivery")
        verbose_name_plural = _("reminder deliveries")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "recipient", "content_type", "object_id", "due_date"],
                name="notif_reminder_sent_once",
            )
        ]
        indexes = [models.Index(fields=["batch"], name="notif_reminder_batch_idx")]

    def __str__(self):
        return f"{kinds.label_for(self.kind)} · {self.recipient} · {self.due_date}"
