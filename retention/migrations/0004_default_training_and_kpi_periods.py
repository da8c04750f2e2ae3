"""Default rows of the retention table for training records and certificates and for KPI sheets (spec 10: the
employee's tenure + 3 years, IATF audit evidence), in Chinese where users read them."""

from django.db import migrations

DEFAULTS = [
    # record type, name, months, counted from, basis
    ("training_records", "培训记录与证书", 36, "离职之日（在职期间 + 保存期）", "IATF 16949 审核证据：仅列出供人事复核，不自动删除"),
    ("kpi_sheets", "KPI考核表", 36, "离职之日（在职期间 + 保存期）", "IATF 16949 审核证据：仅列出供人事复核，不自动删除"),
]


def create(apps, schema_editor):
    RetentionPolicy = apps.get_model("retention", "RetentionPolicy")
    for record_type, name, months, counted_from, basis in DEFAULTS:
        RetentionPolicy.objects.get_or_create(
            record_type=record_type,
            defaults={"name": name, "months": months, "counted_from": counted_from, "basis": basis},
        )


def remove(apps, schema_editor):
    apps.get_model("retention", "RetentionPolicy").objects.filter(
        record_type__in=[row[0] for row in DEFAULTS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("retention", "0003_training_records_and_kpi_sheets")]

    operations = [migrations.RunPython(create, remove)]
