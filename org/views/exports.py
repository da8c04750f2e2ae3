"""The department and position lists as xlsx files in the reader's words (imports.labels), the same files the
imports read back; the rows the reader may see, every export logged."""

from django.views.decorators.http import require_GET

from core.access import require_department_scope
from core.spreadsheets import xlsx_download
from imports.labels import labelled_export

from ..models import Department, Position
from ..resources import DepartmentResource, PositionResource
from ..selectors import departments_visible_to, positions_visible_to


def _xlsx(request, resource, queryset, model, name):
    dataset = labelled_export(resource, queryset)
    return xlsx_download(request, dataset, filename=name, model=model, detail=", ".join(dataset.headers))


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
