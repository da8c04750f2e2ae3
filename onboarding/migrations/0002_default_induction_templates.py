"""The default induction checklist (spec 04, seed 入职培训 / 员工意识), editable afterwards in the admin."""

from django.db import migrations

# (category or "" for all, kind, title, description, owner role, due days, special posts only, checks understanding)
DEFAULTS = [
    ("", "induction", "HR induction training (入职培训)",
     "Company introduction, rules and culture, 5S and fire safety, product knowledge, quality-system "
     "knowledge, IT systems.", "hr", 3, False, False),
    ("", "quality", "Quality awareness (员工意识)",
     "The quality policy, the relevant quality objectives, the employee's contribution, the consequences of "
     "not conforming and their effect on the customer (ISO 9001 / IATF 16949 7.3); with a short check of "
     "understanding.", "hr", 5, False, True),
    ("frontline", "department", "Department training: post knowledge and operating procedures",
     "Product knowledge, post knowledge, skills, safety and operating procedures (作业指导书), three-level "
     "safety education.", "dept_head", 10, False, False),
    ("staff", "department", "Department training: post knowledge and work procedures",
     "Product knowledge, post knowledge, the department's procedures and systems.", "dept_head", 14, False, False),
    ("manager", "department", "Department handover and management responsibilities",
     "The department's objectives, procedures, team and open issues.", "dept_head", 14, False, False),
    ("", "special_post", "Special-post training and post certificate (特殊岗位)",
     "Extra training on key processes and product quality, then the post certificate.", "dept_head", 20, True,
     False),
]


def create(apps, schema_editor):
    TaskTemplate = apps.get_model("onboarding", "TaskTemplate")
    for order, (category, kind, title, description, owner, due, special, check) in enumerate(DEFAULTS):
        TaskTemplate.objects.get_or_create(
            title=title,
            category=category,
            defaults={
                "kind": kind,
                "description": description,
                "owner_role": owner,
                "due_days": due,
                "special_post_only": special,
                "checks_understanding": check,
                "order": order * 10,
            },
        )


def remove(apps, schema_editor):
    TaskTemplate = apps.get_model("onboarding", "TaskTemplate")
    for category, _kind, title, *_rest in DEFAULTS:
        TaskTemplate.objects.filter(title=title, category=category).delete()


class Migration(migrations.Migration):
    dependencies = [("onboarding", "0001_cases_tasks_probation_conversion")]

    operations = [migrations.RunPython(create, remove)]
