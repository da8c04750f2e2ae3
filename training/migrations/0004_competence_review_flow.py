"""The approval flow of the post competence evaluation (岗位胜任评价表): the management representative (管理者代表)
approves. The step names the general manager by default; the administrator points it at the management
representative's login (a named-user step) where that is another person."""

from django.db import migrations

CODE = "competence_review"


def create_flow(apps, schema_editor):
    Flow = apps.get_model("approvals", "Flow")
    Step = apps.get_model("approvals", "Step")
    flow, created = Flow.objects.get_or_create(
        code=CODE,
        defaults={"name": "岗位胜任评价审批", "process": "岗位胜任评价表", "description": "管理者代表批准。"},
    )
    if created:
        Step.objects.create(flow=flow, order=10, role="gm", kind="approval", name="管理者代表批准")


def delete_flow(apps, schema_editor):
    Flow = apps.get_model("approvals", "Flow")
    Flow.objects.filter(code=CODE, requests__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0003_certificates_mentoring_external_awareness_reviews"),
        ("approvals", "0007_step_condition_salary_change"),
    ]

    operations = [migrations.RunPython(create_flow, delete_flow)]
