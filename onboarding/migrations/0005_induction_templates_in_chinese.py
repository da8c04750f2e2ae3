"""The default induction checklist in Chinese, as users read it (the first version was written in English).

Only rows still carrying the original English title are changed, so templates an administrator has since
edited stay as they are; the reverse restores the English wording.
"""

from django.db import migrations

# (category, English title, English description, Chinese title, Chinese description)
TEXTS = [
    (
        "",
        "HR induction training (入职培训)",
        "Company introduction, rules and culture, 5S and fire safety, product knowledge, quality-system "
        "knowledge, IT systems.",
        "入职培训",
        "公司简介、规章制度与企业文化、5S与消防安全、产品知识、质量体系知识、信息系统。",
    ),
    (
        "",
        "Quality awareness (员工意识)",
        "The quality policy, the relevant quality objectives, the employee's contribution, the consequences of "
        "not conforming and their effect on the customer (ISO 9001 / IATF 16949 7.3); with a short check of "
        "understanding.",
        "员工意识（质量意识）",
        "质量方针、相关质量目标、本人对质量管理体系有效性的贡献、不符合要求的后果及其对顾客的影响"
        "（ISO 9001 / IATF 16949 7.3），并简短考核其理解程度。",
    ),
    (
        "frontline",
        "Department training: post knowledge and operating procedures",
        "Product knowledge, post knowledge, skills, safety and operating procedures (作业指导书), three-level "
        "safety education.",
        "部门培训：岗位知识与操作规程",
        "产品知识、岗位知识、操作技能、安全操作规程与作业指导书。",
    ),
    (
        "staff",
        "Department training: post knowledge and work procedures",
        "Product knowledge, post knowledge, the department's procedures and systems.",
        "部门培训：岗位知识与工作程序",
        "产品知识、岗位知识、本部门的工作程序与制度。",
    ),
    (
        "manager",
        "Department handover and management responsibilities",
        "The department's objectives, procedures, team and open issues.",
        "部门工作交接与管理职责",
        "部门目标、工作程序、团队情况及待解决事项。",
    ),
    (
        "",
        "Special-post training and post certificate (特殊岗位)",
        "Extra training on key processes and product quality, then the post certificate.",
        "特殊岗位培训及上岗证",
        "关键工序与产品质量的专项培训，考核合格后发放上岗证。",
    ),
]


def to_chinese(apps, schema_editor):
    TaskTemplate = apps.get_model("onboarding", "TaskTemplate")
    for category, title, _description, title_zh, description_zh in TEXTS:
        TaskTemplate.objects.filter(category=category, title=title).update(title=title_zh, description=description_zh)


def to_english(apps, schema_editor):
    TaskTemplate = apps.get_model("onboarding", "TaskTemplate")
    for category, title, description, title_zh, _description_zh in TEXTS:
        TaskTemplate.objects.filter(category=category, title=title_zh).update(title=title, description=description)


class Migration(migrations.Migration):
    dependencies = [("onboarding", "0004_probation_termination_flow")]

    operations = [migrations.RunPython(to_chinese, to_english)]
