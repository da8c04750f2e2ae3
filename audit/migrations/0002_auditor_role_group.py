"""The auditor role (审计员): reads the audit trail and exports it, nothing else (core.roles.AUDITOR)."""

from django.db import migrations

AUDITOR = "auditor"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=AUDITOR)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=AUDITOR).delete()


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_logentry_append_only"), ("accounts", "0002_create_role_groups")]
    operations = [migrations.RunPython(create_group, remove_group)]
