"""The flow that confirms a register entry's secrecy level (密级确定): proposed by the owning department (its
manager), confirmed by the responsible leader (分管领导, the vice president; the general manager may act)."""

from django.db import migrations

CODE = "classified_level"


def create_flow(apps, schema_editor):
    Flow = apps.get_model("approvals", "Flow")
    Step = apps.get_model("approvals", "Step")
    flow, created = Flow.objects.get_or_create(
        code=CODE,
        defaults={
            "name": "涉密文件密级确定",
            "process": "涉密文件登记（主办部门拟定，分管领导确定）",
            "description": "企业保密管理制度：密级由主办部门拟定，分管领导确定。",
        },
    )
    if created:
        Step.objects.create(flow=flow, order=10, role="dept_manager", kind="approval", name="主办部门拟定密级")
        Step.objects.create(flow=flow, order=20, role="vp", kind="approval", name="分管领导确定密级")


def delete_flow(apps, schema_editor):
    Flow = apps.get_model("approvals", "Flow")
    Flow.objects.filter(code=CODE, requests__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("confidentiality", "0001_registry_copies_grants_events"),
        ("approvals", "0007_step_condition_salary_change"),
    ]

    operations = [migrations.RunPython(create_flow, delete_flow)]
