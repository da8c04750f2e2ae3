"""A requisition for a new post carries the post's job description, approved with it (spec 03), so its chain must
hold the approvers of the new-position flow (spec 02: HR manager → general manager). Each requisition flow gets
the steps it lacks, conditional on `new_position`: the frontline flow a general manager (skipped when the general
manager already approves, e.g. over authorised headcount); the staff flow already has both.
"""

from django.db import migrations, models

REQUISITION_FLOWS = ("requisition_frontline", "requisition_staff")
NEW_POSITION = "new_position"
# role, step name; in this order after the flow's last step.
NEW_POSITION_APPROVERS = (
    ("hr_manager", "HR manager (new post and its job description)"),
    ("gm", "General manager (new post and its job description)"),
)


def add_new_position_steps(apps, schema_editor):
    Flow = apps.get_model("approvals", "Flow")
    Step = apps.get_model("approvals", "Step")
    for flow in Flow.objects.filter(code__in=REQUISITION_FLOWS):
        steps = list(flow.steps.all())
        order = max((step.order for step in steps), default=0)
        for role, name in NEW_POSITION_APPROVERS:
            if any(step.role == role and not step.condition for step in steps):
                continue
            order += 10
            Step.objects.create(
                flow=flow,
                order=order,
                role=role,
                kind="approval",
                condition=NEW_POSITION,
                skip_if_already_in_chain=True,
                name=name,
            )


def remove_new_position_steps(apps, schema_editor):
    Step = apps.get_model("approvals", "Step")
    Step.objects.filter(flow__code__in=REQUISITION_FLOWS, condition=NEW_POSITION).delete()


class Migration(migrations.Migration):
    dependencies = [("approvals", "0002_default_flows")]

    operations = [
        migrations.AlterField(
            model_name="step",
            name="condition",
            field=models.CharField(
                blank=True,
                choices=[
                    ("manager_level_position", "Only for manager-level positions and above"),
                    ("staff_grade_or_above", "Only for staff grade and above"),
                    ("over_authorised_headcount", "Only when the request exceeds the authorised headcount"),
                    ("cost_above_threshold", "Only when the cost is above the threshold"),
                    ("new_position", "Only for a new position whose job description is approved with the request"),
                ],
                help_text="The step applies only when this condition holds for the subject.",
                max_length=40,
                verbose_name="condition",
            ),
        ),
        migrations.RunPython(add_new_position_steps, remove_new_position_steps),
    ]
