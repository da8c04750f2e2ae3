"""Role (group) changes of a login in the audit trail, with the roles before → after, whichever path made them
(our pages, the admin, a shell). django-auditlog records the User's own fields (clearance, active…)."""

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed


def _names(group_ids) -> list[str]:
    from django.contrib.auth.models import Group

    return sorted(Group.objects.filter(pk__in=group_ids).values_list("name", flat=True))


def log_group_change(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse or not isinstance(instance, get_user_model()):
        return  # changed from the group's side (the admin's group page): not a user's role change
    if action == "pre_clear":
        instance._groups_before_clear = list(instance.groups.values_list("pk", flat=True))
        return
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    now = set(instance.groups.values_list("pk", flat=True))
    if action == "post_add":
        before = now - set(pk_set or ())
    elif action == "post_remove":
        before = now | set(pk_set or ())
    else:
        before = set(getattr(instance, "_groups_before_clear", ()))
    if before == now:
        return
    LogEntry.objects.log_create(
        instance,
        action=LogEntry.Action.UPDATE,
        changes={"groups": [", ".join(_names(before)), ", ".join(_names(now))]},
    )


def connect() -> None:
    m2m_changed.connect(
        log_group_change, sender=get_user_model().groups.through, dispatch_uid="accounts_log_group_change"
    )
