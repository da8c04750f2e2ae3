"""The default grade table (spec 06): A ≥ 90, B ≥ 80, C ≥ 60, D below; C and D need an improvement plan; the
forced distribution HR compares against (10 / 30 / 50 / 10 %)."""

from decimal import Decimal

from django.db import migrations

DEFAULT = [("A", Decimal("90"), 10, False), ("B", Decimal("80"), 30, False), ("C", Decimal("60"), 50, True), ("D", Decimal("0"), 10, True)]


def create(apps, schema_editor):
    GradeBand = apps.get_model("performance", "GradeBand")
    if not GradeBand.objects.exists():
        GradeBand.objects.bulk_create(
            GradeBand(grade=g, min_score=m, forced_share=s, needs_plan=p) for g, m, s, p in DEFAULT
        )


def remove(apps, schema_editor):
    apps.get_model("performance", "GradeBand").objects.filter(grade__in=[g for g, *_rest in DEFAULT]).delete()


class Migration(migrations.Migration):
    dependencies = [("performance", "0001_kpi_review")]

    operations = [migrations.RunPython(create, remove)]
