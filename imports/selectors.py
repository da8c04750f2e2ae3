"""Import jobs a user may see: their own; HR managers see every job."""

from django.db.models import QuerySet

from core import roles

from .models import ImportJob


def import_jobs_visible_to(user) -> QuerySet[ImportJob]:
    qs = ImportJob.objects.select_related("created_by")
    if user.has_role(roles.HR_MANAGER):
        return qs
    return qs.filter(created_by=user)
