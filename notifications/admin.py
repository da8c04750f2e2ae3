from functools import partial

from django import forms
from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.secret_fields import SecretField, SecretFieldsForm

from . import kinds
from .models import (
    PERSONAL_PROVIDERS,
    PROVIDERS_WITH_AGENT,
    ChannelDelivery,
    DeliveryStatus,
    EmailOptOut,
    MessengerAccount,
    MessengerChannel,
    Notification,
    ReminderDelivery,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written by the system: administrators look, they do not edit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["title", "recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind", ("read_at", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["title", "recipient__username", "recipient__first_name", "recipient__last_name"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["kind", "recipient", "content_type", "object_id", "due_date", "created_at"]
    list_filter = ["kind", "due_date"]
    search_fields = ["recipient__username", "object_id"]
    list_select_related = ["recipient", "content_type"]
    raw_id_fields = ["notification"]


@admin.register(EmailOptOut)
class EmailOptOutAdmin(admin.ModelAdmin):
    list_display = ["user", "kind"]
    list_filter = ["kind"]
    search_fields = ["user__username"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]


class MessengerChannelForm(SecretFieldsForm):
    webhook_url = SecretField(
        label=_("Webhook address"),
        help_text=_("Group robots: the address with its key, as the messenger shows it. Never shown again."),
    )
    secret = SecretField(
        label=_("Secret"),
        help_text=_("DingTalk / Feishu robot signing secret, or the work-notice app secret. Never shown again."),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Notification kinds"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every kind."),
    )
    api_base = forms.URLField(
        label=_("API address"),
        required=False,
        assume_scheme="https",
        help_text=_("Work notices: leave empty for the provider's public address."),
    )
    secret_fields = {"webhook_url": "webhook_url_encrypted", "secret": "secret_encrypted"}

    class Meta:
        model = MessengerChannel
        fields = ["name", "provider", "department", "enabled", "kinds", "app_key", "agent_id", "api_base"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kinds"].choices = kinds.registered()

    def clean(self):
        data = super().clean()
        provider = data.get("provider")
        personal = provider in PERSONAL_PROVIDERS
        has_webhook = bool(data.get("webhook_url") or self.instance.webhook_url_encrypted)
        has_secret = bool(data.get("secret") or self.instance.secret_encrypted)
        if provider and not personal and not has_webhook:
            self.add_error("webhook_url", _("A group robot needs its webhook address."))
        if provider in PROVIDERS_WITH_AGENT and not (data.get("app_key") and data.get("agent_id") and has_secret):
            self.add_error("app_key", _("A work notice needs the corp ID or app key, the agent ID and the secret."))
        elif personal and not (data.get("app_key") and has_secret):
            self.add_error("app_key", _("A Feishu work notice needs the app ID and the app secret."))
        webhook = data.get("webhook_url")
        if webhook and not webhook.startswith(("https://", "http://")):
            self.add_error("webhook_url", _("Enter an http(s) address."))
        return data


@admin.register(MessengerChannel)
class MessengerChannelAdmin(admin.ModelAdmin):
    form = MessengerChannelForm
    list_display = ["name", "provider", "department", "enabled", "has_key"]
    list_filter = ["provider", "enabled"]
    search_fields = ["name"]
    list_select_related = ["department"]
    autocomplete_fields = ["department"]

    @admin.display(boolean=True, description=_("key stored"))
    def has_key(self, obj):
        return bool(obj.webhook_url_encrypted or obj.secret_encrypted)


@admin.register(MessengerAccount)
class MessengerAccountAdmin(admin.ModelAdmin):
    list_display = ["user", "provider", "external_id"]
    list_filter = ["provider"]
    search_fields = ["user__username", "external_id"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]


@admin.register(ChannelDelivery)
class ChannelDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "channel", "notification_kind", "status", "attempts", "error", "sent_at"]
    list_filter = ["status", "channel"]
    list_select_related = ["channel", "notification"]
    raw_id_fields = ["notification"]
    actions = ["send_again"]

    @admin.display(description=_("kind"))
    def notification_kind(self, obj):
        return kinds.label_for(obj.notification.kind)

    def has_resend_permission(self, request):
        return request.user.has_perm("notifications.change_messengerchannel")

    @admin.action(description=_("Send the selected deliveries again"), permissions=["resend"])
    def send_again(self, request, queryset):
        from .tasks import send_messenger_notice

        ids = list(queryset.values_list("pk", flat=True))
        queryset.update(status=DeliveryStatus.PENDING, attempts=0, error="")
        for delivery_id in ids:
            transaction.on_commit(partial(send_messenger_notice.delay, delivery_id))
        self.message_user(request, _("%(count)d deliveries queued.") % {"count": len(ids)})
