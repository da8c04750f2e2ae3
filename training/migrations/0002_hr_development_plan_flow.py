"""The approval flow of the HR development plan (人力资源发展计划): the general manager approves (spec 05/02). The
annual training plan's and external training's flows are approvals' defaults (0002)."""

from django.db import migrations

CODE = "hr_development_plan"


def create_flow(apps, schema_editor):
    Flow = apps.get_model("approvals", "Flow")
    Step = apps.get_model("approvals", "Step")
    flow, created = Flow.objects.get_or_create(
        code=CODE,
        defaults={"name": "人力资源发展计划审批", "process": "人力资源发展计划", "description": "总经理批准。"},
    )
    if created:
        Step.objects.create(flow=flow, order=10, role="gm", kind="approval", name="总经理批准")


def delete_flow(apps, schema_editor):
    Flow = apps.get_model("approvals", "Flow")
    Flow.objects.filter(code=CODE, requests__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_skills_needs_plans_sessions"),
        ("approvals", "0007_step_condition_salary_change"),
    ]

    operations = [migrations.RunPython(create_flow, delete_flow)]
