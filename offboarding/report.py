"""Turnover report (HR): separations by month, department, reason and tenure band — early exits (in probation,
in the first year) included — with a chart and an .xlsx export (logged)."""

import datetime
from collections import Counter

import tablib
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.charts import Chart, Series
from core.spreadsheets import xlsx_download

from . import policies
from .models import TENURE_BANDS, CaseStatus, ExitReason, SeparationCase, tenure_band

EXPORT_LIMIT = 50000


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


def rows_for(year: int) -> list[dict]:
    """One row per separation (separated or completed) whose last day falls in `year`, in one query."""
    qs = (
        SeparationCase.objects.filter(
            status__in=[CaseStatus.SEPARATED, CaseStatus.COMPLETED],
            last_day__gte=datetime.date(year, 1, 1),
            last_day__lte=datetime.date(year, 12, 31),
        )
        .order_by("last_day", "pk")
        .values(
            "last_day",
            "separation_type",
            "reason",
            "in_probation",
            "exit_interview__main_reason",
            "employee__hire_date",
            "employee__department__name",
            "employee__number",
            "employee__name",
        )
    )
    reasons = dict(ExitReason.choices)
    rows = []
    for row in qs[:EXPORT_LIMIT]:
        reason = row["exit_interview__main_reason"] or row["reason"] or ""
        band = tenure_band(row["employee__hire_date"], row["last_day"], in_probation=row["in_probation"])
        rows.append(
            {
                **row,
                "month": row["last_day"].month,
                "reason_label": str(reasons.get(reason, _("Not given"))),
                "band": band,
                "band_label": str(TENURE_BANDS[band]),
            }
        )
    return rows


def summary(rows: list[dict]) -> dict:
    by_month = Counter(r["month"] for r in rows)
    return {
        "months": [by_month.get(m, 0) for m in range(1, 13)],
        "departments": Counter(r["employee__department__name"] for r in rows).most_common(),
        "reasons": Counter(r["reason_label"] for r in rows).most_common(),
        "bands": [(label, sum(1 for r in rows if r["band"] == key)) for key, label in TENURE_BANDS.items()],
        "early": sum(1 for r in rows if r["band"] in ("probation", "first_year")),
        "total": len(rows),
    }


@require_GET
def turnover(request):
    policies.can_see_report(request.user).enforce()
    year = _year(request)
    data = summary(rows_for(year))
    month_chart = Chart(
        kind="bar",
        title=_("Separations by month"),
        labels=[str(m) for m in range(1, 13)],
        series=[Series(_("Separations"), data["months"])],
    )
    band_chart = Chart(
        kind="pie",
        title=_("By tenure"),
        labels=[str(label) for label, _count in data["bands"]],
        series=[Series(_("Separations"), [count for _label, count in data["bands"]])],
    )
    return render(
        request,
        "offboarding/report.html",
        {"year": year, "data": data, "month_chart": month_chart, "band_chart": band_chart},
    )


@require_GET
def turnover_xlsx(request):
    policies.can_see_report(request.user).enforce()
    year = _year(request)
    rows = rows_for(year)
    headers = [_("Last day"), _("Employee no."), _("Name"), _("Department"), _("Type"), _("Reason"), _("Tenure")]
    dataset = tablib.Dataset(headers=headers, title=_("Turnover")[:31])
    types = dict(SeparationCase._meta.get_field("separation_type").choices)
    for r in rows:
        dataset.append(
            [
                f"{r['last_day']:%Y-%m-%d}",
                r["employee__number"],
                r["employee__name"],
                r["employee__department__name"],
                str(types.get(r["separation_type"], "")),
                r["reason_label"],
                r["band_label"],
            ]
        )
    return xlsx_download(request, dataset, filename=f"离职分析-{year}", model=SeparationCase, detail=str(year))
