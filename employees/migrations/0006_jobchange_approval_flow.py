"""The job change (员工变动) flow of spec 02, editable by the administrator in the admin site: head of the
employee's department → HR manager → general manager when the change is into a manager-level post or changes the
salary. Names in Chinese, as users read them."""

from django.db import migrations

FLOW_CODE = "job_change"
# role, condition, skip if already in the chain, step name
STEPS = [
    ("dept_head", "", False, "部门主管审核"),
    ("hr_manager", "", False, "人事经理审核"),
    ("gm", "manager_level_position", False, "总经理批准（调入经理级岗位）"),
    ("gm", "salary_change", True, "总经理批准（调薪）"),
]


def create_flow(apps, schema_editor):
    Flow = apps.get_model("approvals", "Flow")
    Step = apps.get_model("approvals", "Step")
    flow, created = Flow.objects.get_or_create(
        code=FLOW_CODE,
        defaults={"name": "员工变动（晋升、调动、降职）", "process": "员工变动"},
    )
    if not created:
        return
    for order, (role, condition, skip, name) in enumerate(STEPS, start=1):
        Step.objects.create(
            flow=flow,
            order=order * 10,
            role=role,
            kind="approval",
            condition=condition,
            skip_if_already_in_chain=skip,
            name=name,
        )


def delete_flow(apps, schema_editor):
    Flow = apps.get_model("approvals", "Flow")
    Flow.objects.filter(code=FLOW_CODE, requests__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("employees", "0005_jobchange_approval_status_salary"),
        ("approvals", "0007_step_condition_salary_change"),
    ]

    operations = [migrations.RunPython(create_flow, delete_flow)]
