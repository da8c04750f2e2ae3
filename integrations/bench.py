"""Benchmark pages of issue 24 (see benchmarks/registry.py): the self-registration review, and the admin lists
of messenger channels, deliveries and webhooks."""

from django.urls import reverse

from benchmarks.registry import Page
from onboarding.models import RegistrationLink
from onboarding.selectors import cases_visible_to


def pages(user) -> list[Page]:
    if not user.is_authenticated:
        return []
    found = []
    if user.is_hr:
        link = RegistrationLink.objects.filter(case__in=cases_visible_to(user)).order_by("-created_at").first()
        if link is not None:
            found.append(
                Page(
                    "Self-registration review (员工资料登记表)",
                    reverse("onboarding:registration_review", args=[link.case_id]),
                    "detail",
                )
            )
    if user.is_superuser:
        found += [
            Page("Admin: messenger channels", reverse("admin:notifications_messengerchannel_changelist"), "list"),
            Page("Admin: messenger deliveries", reverse("admin:notifications_channeldelivery_changelist"), "list"),
            Page("Admin: webhook endpoints", reverse("admin:integrations_webhookendpoint_changelist"), "list"),
            Page("Admin: webhook deliveries", reverse("admin:integrations_webhookdelivery_changelist"), "list"),
        ]
    return found
