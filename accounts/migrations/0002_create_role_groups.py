"""Roles are groups (spec 00). Names come from core.roles; this migration creates them."""

from django.db import migrations

ROLE_NAMES = (
    "hr", "hr_manager", "dept_head", "dept_manager", "production_mgmt", "gm", "vp",
    "records_keeper", "confidentiality_officer", "rnd", "employee", "sysadmin",
)


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_NAMES:
        Group.objects.get_or_create(name=name)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_user_with_clearance"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, remove_groups)]
