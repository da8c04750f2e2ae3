"""The default flows of spec 02, taken from the procedures. Administrators edit them in the admin site.

"Requisition over authorised headcount: add the general manager if not already in the chain" is not a flow
of its own: it is a conditional general-manager step (over_authorised_headcount, skipped when the general
manager already approves) at the end of both requisition flows.
"""

from django.db import migrations

APPROVAL = "approval"
ACK = "acknowledgement"

# code, name, process, [(role, kind, condition, skip_if_already_in_chain, step name)]
FLOWS = [
    (
        "requisition_frontline",
        "Headcount requisition, frontline (一线人员需求)",
        "Headcount requisition (人员需求申请)",
        [
            ("dept_manager", APPROVAL, "", False, ""),
            ("production_mgmt", APPROVAL, "", False, ""),
            ("hr_manager", APPROVAL, "", False, ""),
            ("gm", APPROVAL, "over_authorised_headcount", True, "General manager (over authorised headcount)"),
        ],
    ),
    (
        "requisition_staff",
        "Headcount requisition, staff / manager-level (职员及经理级人员需求)",
        "Headcount requisition (人员需求申请)",
        [
            ("dept_head", APPROVAL, "", False, "Head of the requesting department reviews"),
            ("hr_manager", APPROVAL, "", False, ""),
            ("gm", APPROVAL, "", False, ""),
            ("gm", APPROVAL, "over_authorised_headcount", True, "General manager (over authorised headcount)"),
        ],
    ),
    (
        "hire_frontline",
        "Hire approval, frontline (一线录用审批)",
        "Hire approval (录用审批)",
        [("dept_manager", APPROVAL, "", False, ""), ("gm", APPROVAL, "", False, "")],
    ),
    (
        "hire_staff",
        "Hire approval, staff / manager-level (职员及经理级录用审批)",
        "Hire approval (录用审批)",
        [("dept_head", APPROVAL, "", False, ""), ("gm", APPROVAL, "", False, "")],
    ),
    (
        "position_jd",
        "New position / job description (岗位职位说明书)",
        "Position and job description (岗位职位说明书)",
        [("hr_manager", APPROVAL, "", False, ""), ("gm", APPROVAL, "", False, "")],
    ),
    (
        "probation_conversion",
        "Probation conversion with salary adjustment (转正)",
        "Probation conversion (转正)",
        [
            ("dept_head", APPROVAL, "", False, ""),
            ("hr_manager", APPROVAL, "", False, ""),
            ("gm", APPROVAL, "staff_grade_or_above", False, "General manager (staff grade and above)"),
        ],
    ),
    (
        "annual_training_plan",
        "Annual training plan (年度培训计划)",
        "Annual training plan (年度培训计划)",
        [("hr_manager", APPROVAL, "", False, ""), ("gm", APPROVAL, "", False, "")],
    ),
    (
        "external_training",
        "External training request (外出培训申请)",
        "External training request (外出培训申请)",
        [
            ("dept_head", APPROVAL, "", False, ""),
            ("hr_manager", APPROVAL, "", False, ""),
            ("gm", APPROVAL, "cost_above_threshold", False, "General manager (cost above threshold)"),
        ],
    ),
    (
        "resignation",
        "Resignation notice (辞职通知)",
        "Resignation (辞职)",
        [
            ("dept_head", ACK, "", False, "Department head acknowledges"),
            ("hr_manager", ACK, "", False, "HR manager confirms the last day"),
            ("gm", ACK, "manager_level_position", False, "General manager informed (manager-level)"),
        ],
    ),
    (
        "document_access",
        "Access to a secret / confidential document (秘密、机密文件借阅)",
        "Classified document access (涉密文件借阅)",
        [("dept_manager", APPROVAL, "", False, "Manager of the owning department")],
    ),
    (
        "document_access_top_secret",
        "Access to a top-secret document (绝密文件借阅)",
        "Classified document access (涉密文件借阅)",
        [("vp", APPROVAL, "", False, "Vice president or general manager")],
    ),
    (
        "document_copy",
        "Printing, copying or excerpting a classified document (复印、摘抄)",
        "Classified document copy (涉密文件复制)",
        [("dept_manager", APPROVAL, "", False, "Manager of the owning department")],
    ),
    (
        "document_copy_top_secret",
        "Printing, copying or excerpting a top-secret document (绝密文件复制)",
        "Classified document copy (涉密文件复制)",
        [("vp", APPROVAL, "", False, "Vice president or general manager")],
    ),
    (
        "external_disclosure",
        "Disclosing a classified matter to an outside party (对外提供)",
        "Classified disclosure (对外提供)",
        [("gm", APPROVAL, "", False, "")],
    ),
]


def create_flows(apps, schema_editor):
    Flow = apps.get_model("approvals", "Flow")
    Step = apps.get_model("approvals", "Step")
    for code, name, process, steps in FLOWS:
        flow, created = Flow.objects.get_or_create(code=code, defaults={"name": name, "process": process})
        if not created:
            continue
        for order, (role, kind, condition, skip, step_name) in enumerate(steps, start=1):
            Step.objects.create(
                flow=flow,
                order=order * 10,
                role=role,
                kind=kind,
                condition=condition,
                skip_if_already_in_chain=skip,
                name=step_name,
            )


def delete_flows(apps, schema_editor):
    Flow = apps.get_model("approvals", "Flow")
    Flow.objects.filter(code__in=[code for code, *_rest in FLOWS], requests__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("approvals", "0001_flows_requests_decisions_delegations")]

    operations = [migrations.RunPython(create_flows, delete_flows)]
