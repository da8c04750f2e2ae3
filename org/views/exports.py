"""The department and position lists as xlsx files in the reader's words (imports.labels), the same files the
imports read back; the rows the reader may see, every export logged."""

from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from audit.services import Access, access_log
from core.access import require_department_scope
from core.spreadsheets import SafeXLSX
from imports.labels import labelled_export

from ..models import Department, Position
from ..resources import DepartmentResource, PositionResource
from ..selectors import departments_visible_to, positions_visible_to


def _xlsx(request, resource, queryset, model, name):
    dataset = labelled_export(resource, queryset)
    access_log(
        by=request.user, access=Access.EXPORT, model=model, count=len(dataset), detail=", ".join(dataset.headers)
    )
    response = HttpResponse(
        SafeXLSX().export_data(dataset),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


@require_GET
def department_export(request):
    require_department_scope(request.user)
    departments = departments_visible_to(request.user).select_related("parent", "head", "manager").order_by("path")
    return _xlsx(request, DepartmentResource(user=request.user), departments, Department, "departments")


@require_GET
def position_export(request):
    require_department_scope(request.user)
    positions = positions_visible_to(request.user).select_related("department").order_by("department__path", "code")
    return _xlsx(request, PositionResource(user=request.user), positions, Position, "positions")
