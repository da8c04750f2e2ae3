from django.utils.functional import SimpleLazyObject

from core import roles


def navigation(request):
    """Role flags and badge counts for the navigation bar; counts are computed only when rendered."""
    user = request.user
    if not user.is_authenticated:
        return {}
    from accounts.policies import can_manage_logins, may_use_two_factor
    from approvals.selectors import pending_count_for
    from notifications.selectors import unread_count_for

    return {
        "nav": {
            "is_hr": user.is_hr,
            "sees_org": user.sees_all_departments or user.has_role(roles.DEPT_HEAD, roles.DEPT_MANAGER, roles.RND),
            "is_admin": user.is_staff,
            "manages_logins": bool(can_manage_logins(user)),
            "offers_two_factor": may_use_two_factor(user),
        },
        "pending_approvals_count": SimpleLazyObject(lambda: pending_count_for(user)),
        "unread_notifications_count": SimpleLazyObject(lambda: unread_count_for(user)),
    }
