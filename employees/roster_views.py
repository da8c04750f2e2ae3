"""The roster pages (花名册): the reader's columns, filters and sort, and the same as an xlsx file (logged)."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.access import require_department_scope
from core.pagination import IdPaginator
from core.spreadsheets import xlsx_download

from . import roster
from .filters import EmployeeFilter
from .models import Employee
from .selectors import employees_visible_to

PAGE_SIZE = 50


def _roster(request):
    """The filtered, sorted rows and the columns, as the reader chose them (those above their clearance dropped)."""
    require_department_scope(request.user)
    columns = roster.chosen_columns(request.user, roster.saved_columns(request.user))
    employee_filter = EmployeeFilter(request.GET, queryset=employees_visible_to(request.user), user=request.user)
    sort = request.GET.get("sort", "")
    rows = employee_filter.qs.order_by(*roster.ordering_for(columns, sort))
    return employee_filter, columns, rows, sort


@require_GET
def roster_list(request):
    employee_filter, columns, rows, sort = _roster(request)
    page = IdPaginator(roster.roster_rows(rows), PAGE_SIZE).get_page(request.GET.get("page"))
    chosen = {c.key for c in columns}
    return render(
        request,
        "employees/roster.html",
        {
            "filter": employee_filter,
            "columns": columns,
            "choices": [(c, c.key in chosen) for c in roster.columns_for(request.user)],
            "rows": [(employee, [(c, c.value(employee, request.user)) for c in columns]) for employee in page],
            "page_obj": page,
            "sort": sort,
        },
    )


@require_POST
def roster_columns(request):
    require_department_scope(request.user)
    keys = [c.key for c in roster.chosen_columns(request.user, request.POST.getlist("columns"))]
    roster.save_columns(request.user, keys)
    query = request.POST.get("query", "")
    return redirect(reverse("employees:roster") + (f"?{query}" if query else ""))


@require_GET
def roster_export(request):
    _filter, columns, rows, _sort = _roster(request)
    dataset = roster.roster_dataset(rows, columns, request.user)
    return xlsx_download(
        request,
        dataset,
        filename=_("roster"),
        model=Employee,
        detail=_("Roster: %(columns)s") % {"columns": ", ".join(c.label for c in columns)},
    )
