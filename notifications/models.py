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


class Provider(models.TextChoices):
    """Where a messenger notice goes: a group robot posts to one group chat, a work notice to the person."""

    WECOM_ROBOT = "wecom_robot", _("WeCom group robot")
    WECOM_APP = "wecom_app", _("WeCom work notice (app message)")
    DINGTALK_ROBOT = "dingtalk_robot", _("DingTalk group robot")
    DINGTALK_APP = "dingtalk_app", _("DingTalk work notice")
    FEISHU_ROBOT = "feishu_robot", _("Feishu group robot")
    FEISHU_APP = "feishu_app", _("Feishu work notice (app bot message)")


PERSONAL_PROVIDERS = frozenset({Provider.WECOM_APP, Provider.DINGTALK_APP, Provider.FEISHU_APP})
# Feishu's app bot is addressed by its app ID alone; WeCom and DingTalk name the sending agent too.
PROVIDERS_WITH_AGENT = frozenset({Provider.WECOM_APP, Provider.DINGTALK_APP})


class MessengerChannel(models.Model):
    """A messenger the inbox's notifications are also sent to, for the whole company or one department (and the
    sections under it). Keys are stored encrypted (core.crypto) and never shown again after they are typed."""

    name = models.CharField(_("name"), max_length=100)
    provider = models.CharField(_("provider"), max_length=20, choices=Provider.choices)
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: the whole company. Otherwise the people of this department and the sections under it."),
    )
    kinds = models.JSONField(
        _("notification kinds"),
        default=list,
        blank=True,
        help_text=_("Empty: every kind."),
    )
    enabled = models.BooleanField(_("enabled"), default=False)
    webhook_url_encrypted = models.TextField(_("webhook address (encrypted)"), blank=True, editable=False)
    secret_encrypted = models.TextField(_("secret (encrypted)"), blank=True, editable=False)
    app_key = models.CharField(
        _("corp ID / app key"),
        max_length=100,
        blank=True,
        help_text=_("Work notices: WeCom corp ID, DingTalk app key, Feishu app ID."),
    )
    agent_id = models.CharField(
        _("agent ID"), max_length=50, blank=True, help_text=_("WeCom and DingTalk work notices only.")
    )
    api_base = models.URLField(
        _("API address"), blank=True, help_text=_("Work notices: leave empty for the provider's public address.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("messenger channel")
        verbose_name_plural = _("messenger channels")
        ordering = ["name", "pk"]

    def __str__(self):
        return f"{self.name} ({self.get_provider_display()})"

    @property
    def is_personal(self) -> bool:
        return self.provider in PERSONAL_PROVIDERS


class MessengerAccount(models.Model):
    """A user's ID in a messenger, for work notices addressed to them (WeCom userid, DingTalk userid, Feishu
    user_id)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="messenger_accounts"
    )
    provider = models.CharField(
        _("provider"),
        max_length=20,
        choices=[(p.value, p.label) for p in Provider if p in PERSONAL_PROVIDERS],
    )
    external_id = models.CharField(_("messenger user ID"), max_length=100)

    class Meta:
        verbose_name = _("messenger account")
        verbose_name_plural = _("messenger accounts")
        constraints = [
            models.UniqueConstraint(fields=["user", "provider"], name="notif_messenger_account_unique"),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_provider_display()}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    RETRYING = "retrying", _("Failed, will retry")
    FAILED = "failed", _("Failed")


class ChannelDelivery(models.Model):
    """One notification sent (or being sent) to one messenger channel: the delivery log."""

    channel = models.ForeignKey(
        MessengerChannel, verbose_name=_("channel"), on_delete=models.CASCADE, related_name="deliveries"
    )
    notification = models.ForeignKey(
        Notification, verbose_name=_("notification"), on_delete=models.CASCADE, related_name="channel_deliveries"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("messenger delivery")
        verbose_name_plural = _("messenger deliveries")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "notification"], name="notif_channel_delivery_once"),
        ]

    def __str__(self):
        return f"{self.channel} · {self.notification_id} · {self.get_status_display()}"
