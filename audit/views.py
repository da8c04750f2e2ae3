"""The audit trail page (HR manager, auditor): filter by person, record, action and dates; export what is filtered."""

import tablib
from auditlog.models import LogEntry
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.pagination import IdPaginator
from core.spreadsheets import xlsx_download

from . import policies
from .forms import EntryFilterForm
from .selectors import entries_filtered, entry_rows

PAGE_SIZE = 50
# An export holds at most this many entries, the newest of the filter; narrow the dates for older ones.
EXPORT_LIMIT = 10_000


def _filtered(request):
    form = EntryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, entries_filtered(**{key: value for key, value in filters.items() if value not in (None, "")})


@require_GET
def entry_list(request):
    policies.can_view_trail(request.user).enforce()
    form, entries = _filtered(request)
    page = IdPaginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/entry_list.html",
        {
            "form": form,
            "page_obj": page,
            "rows": entry_rows(page.object_list, request.user),
            "can_export": policies.can_export_trail(request.user).allowed,
            "export_limit": EXPORT_LIMIT,
        },
    )


@require_GET
def entry_export(request):
    """The filtered entries as .xlsx (the newest EXPORT_LIMIT); the export is itself an entry of the trail."""
    policies.can_export_trail(request.user).enforce()
    form, entries = _filtered(request)
    rows = entry_rows(entries[:EXPORT_LIMIT], request.user)
    headers = [_("Time"), _("Person"), _("Action"), _("Record type"), _("Key"), _("Record"), _("Changes"), _("Address")]
    dataset = tablib.Dataset(headers=headers, title=_("Audit trail")[:31])
    for row in rows:
        dataset.append(
            [
                timezone.localtime(row.timestamp).strftime("%Y-%m-%d %H:%M:%S"),
                row.actor,
                row.action,
                row.record_type,
                row.object_pk,
                row.object_repr,
                row.changes_text,
                row.remote_addr,
            ]
        )
    filters = ", ".join(f"{key}={value}" for key, value in request.GET.items() if value and key != "page")
    return xlsx_download(request, dataset, filename="审计日志", model=LogEntry, detail=filters or _("all"))
