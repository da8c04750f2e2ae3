"""The approval flow of a termination in probation (试用期解除劳动合同审批): department head → HR manager."""

from django.db import migrations

CODE = "probation_termination"


def create_flow(apps, schema_editor):
    Flow = apps.get_model("approvals", "Flow")
    Step = apps.get_model("approvals", "Step")
    flow, created = Flow.objects.get_or_create(
        code=CODE,
        defaults={
            "name": "试用期解除劳动合同审批",
            "process": "试用期解除劳动合同（不符合录用条件）",
            "description": "劳动合同法第三十九条第一项；通知工会（第四十三条）。",
        },
    )
    if created:
        Step.objects.create(flow=flow, order=10, role="dept_head", kind="approval", name="部门主管审核")
        Step.objects.create(flow=flow, order=20, role="hr_manager", kind="approval", name="人事经理审批")


def delete_flow(apps, schema_editor):
    Flow = apps.get_model("approvals", "Flow")
    Flow.objects.filter(code=CODE, requests__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("onboarding", "0003_conversion_effective_date_termination_approval_safety_education"),
        ("approvals", "0004_request_my_requests_order_index"),
    ]

    operations = [migrations.RunPython(create_flow, delete_flow)]
