"""Names of the default flows and steps as users read them: in Chinese (the company's own words, e.g. 一线人员需求),
no longer in English with the Chinese in brackets. Only names still equal to their default are renamed (an
administrator's own name stays); the approval history's step names too. The pages still show each default in the
reader's language (approvals.labels).
"""

from django.db import migrations

# (English default as created by 0002/0003, Chinese name)
NAMES = [
    ("Access to a secret / confidential document (秘密、机密文件借阅)", "秘密、机密文件借阅"),
    ("Access to a top-secret document (绝密文件借阅)", "绝密文件借阅"),
    ("Annual training plan (年度培训计划)", "年度培训计划"),
    ("Classified disclosure (对外提供)", "对外提供"),
    ("Classified document access (涉密文件借阅)", "涉密文件借阅"),
    ("Classified document copy (涉密文件复制)", "涉密文件复制"),
    ("Department head acknowledges", "部门主管确认"),
    ("Disclosing a classified matter to an outside party (对外提供)", "涉密事项对外提供"),
    ("External training request (外出培训申请)", "外出培训申请"),
    ("General manager (cost above threshold)", "总经理（费用超过限额时）"),
    ("General manager (new post and its job description)", "总经理（新增岗位及岗位职位说明书）"),
    ("General manager (over authorised headcount)", "总经理（超编时）"),
    ("General manager (staff grade and above)", "总经理（职员类及以上）"),
    ("General manager informed (manager-level)", "知会总经理（经理级）"),
    ("HR manager (new post and its job description)", "人事经理（新增岗位及岗位职位说明书）"),
    ("HR manager confirms the last day", "人事经理确认最后工作日"),
    ("Head of the requesting department reviews", "申请部门主管审核"),
    ("Headcount requisition (人员需求申请)", "人员需求申请"),
    ("Headcount requisition, frontline (一线人员需求)", "一线人员需求"),
    ("Headcount requisition, staff / manager-level (职员及经理级人员需求)", "职员及经理级人员需求"),
    ("Hire approval (录用审批)", "录用审批"),
    ("Hire approval, frontline (一线录用审批)", "一线录用审批"),
    ("Hire approval, staff / manager-level (职员及经理级录用审批)", "职员及经理级录用审批"),
    ("Manager of the owning department", "主管部门经理"),
    ("New position / job description (岗位职位说明书)", "新增岗位 / 岗位职位说明书"),
    ("Position and job description (岗位职位说明书)", "岗位及岗位职位说明书"),
    ("Printing, copying or excerpting a classified document (复印、摘抄)", "涉密文件打印、复印、摘抄"),
    ("Printing, copying or excerpting a top-secret document (绝密文件复制)", "绝密文件打印、复印、摘抄"),
    ("Probation conversion (转正)", "试用转正"),
    ("Probation conversion with salary adjustment (转正)", "试用转正（含调薪）"),
    ("Resignation (辞职)", "辞职"),
    ("Resignation notice (辞职通知)", "辞职通知"),
    ("Vice president or general manager", "副总经理或总经理"),
]


def _rename(apps, mapping):
    Flow = apps.get_model("approvals", "Flow")
    Step = apps.get_model("approvals", "Step")
    RequestStep = apps.get_model("approvals", "RequestStep")
    for old, new in mapping.items():
        Flow.objects.filter(name=old).update(name=new)
        Flow.objects.filter(process=old).update(process=new)
        Step.objects.filter(name=old).update(name=new)
        RequestStep.objects.filter(name=old).update(name=new)


def to_chinese(apps, schema_editor):
    _rename(apps, dict(NAMES))


def to_english(apps, schema_editor):
    _rename(apps, {chinese: english for english, chinese in NAMES})


class Migration(migrations.Migration):
    dependencies = [("approvals", "0005_request_people_never_approvers")]

    operations = [migrations.RunPython(to_chinese, to_english)]
