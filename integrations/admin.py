from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.secret_fields import SecretField, SecretFieldsForm

from .models import Event, WebhookDelivery, WebhookEndpoint
from .services import webhook_delivery_replay


class WebhookEndpointForm(SecretFieldsForm):
    url = forms.URLField(label=_("Address"), max_length=500, assume_scheme="https")
    secret = SecretField(
        label=_("Signing secret"),
        help_text=_("Signs every request (header X-HRMS-Signature, see docs/webhooks.md). Never shown again."),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        required=False,
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every event."),
    )
    secret_fields = {"secret": "secret_encrypted"}

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "events", "enabled"]

    def clean(self):
        data = super().clean()
        if data.get("enabled") and not (data.get("secret") or self.instance.secret_encrypted):
            self.add_error("secret", _("An enabled endpoint needs a signing secret."))
        return data


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = WebhookEndpointForm
    list_display = ["name", "url", "enabled", "has_secret"]
    list_filter = ["enabled"]
    search_fields = ["name", "url"]

    @admin.display(boolean=True, description=_("secret stored"))
    def has_secret(self, obj):
        return bool(obj.secret_encrypted)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "event", "endpoint", "status", "attempts", "error", "sent_at", "replay_of"]
    list_filter = ["status", "event", "endpoint"]
    # replay_of is shown as "<event> → <endpoint>": both joined, or each row costs two queries.
    list_select_related = ["endpoint", "replay_of__endpoint"]
    readonly_fields = [
        "endpoint",
        "event_id",
        "event",
        "payload",
        "status",
        "attempts",
        "error",
        "replay_of",
        "created_at",
        "sent_at",
    ]
    actions = ["replay"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_replay_permission(self, request):
        return request.user.has_perm("integrations.change_webhookendpoint")

    @admin.action(description=_("Send the selected events again"), permissions=["replay"])
    def replay(self, request, queryset):
        count = 0
        for delivery in queryset.select_related("endpoint"):
            webhook_delivery_replay(delivery=delivery)
            count += 1
        self.message_user(request, _("%(count)d events queued again.") % {"count": count}, messages.SUCCESS)
