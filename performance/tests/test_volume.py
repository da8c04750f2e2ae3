"""Volume data: KPI history over the simulated years, consistent with the people and the scoring rules."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from performance.models import Cycle, ImprovementPlan, Sheet, SheetStatus
from performance.scoring import grade_for, weighted_total

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 6, 30)


def test_volume_gives_kpi_history():
    call_command("seed_volume", employees=300, years=2, seed=3, today=TODAY, batch_size=500, stdout=io.StringIO())
    cycles = list(Cycle.objects.order_by("start_date"))
    assert len(cycles) >= 4
    assert cycles[-1].status == Cycle.Status.OPEN and cycles[0].status == Cycle.Status.CLOSED
    locked = Sheet.objects.filter(status=SheetStatus.LOCKED)
    assert locked.count() > 300
    assert not locked.annotate(n=Count("items")).exclude(n=4).exists()
    for sheet in locked.prefetch_related("items")[:50]:
        items = list(sheet.items.all())
        assert sheet.total == weighted_total((i.weight, i.score) for i in items)
        assert sheet.grade == grade_for(sheet.total)
    # Nobody has a sheet for a half-year they left before the end of.
    for sheet in locked.select_related("employee", "cycle").filter(employee__separated_on__isnull=False)[:50]:
        assert sheet.employee.separated_on > sheet.cycle.end_date
    assert ImprovementPlan.objects.filter(sheet__grade="D").count() == ImprovementPlan.objects.count()
