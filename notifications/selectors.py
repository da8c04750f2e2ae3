"""Reads of the notifications app; every one is scoped to its user."""

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from .models import EmailOptOut, Notification


def unread_count_for(user) -> int:
    """The navbar badge: one COUNT query."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_for(user, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's inbox, unread first, newest first within each group."""
    qs = Notification.objects.filter(recipient=user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    unread = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
    return qs.order_by(unread.desc(), "-created_at", "-id")


def email_opt_outs_for(user) -> set[str]:
    return set(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True))
