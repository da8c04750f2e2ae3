"""The retention table's defaults (记录管理程序), in Chinese where users read them."""

from django.conf import settings
from django.db import migrations

DEFAULTS = [
    # record type, name, months, counted from, basis
    ("candidates", "未录用候选人", None, "最后一次应聘结束之日", "《个人信息保护法》：处理目的实现后删除或匿名化"),
    ("separated_files", "离职员工档案与劳动合同", 24, "离职之日", "《劳动合同法》第五十条：至少保存二年备查"),
    ("interview_probation_forms", "面试评价表与试用期评估表", 36, "离职之日（在职期间 + 保存期）", "IATF 16949 审核证据"),
    ("notifications", "系统通知", 12, "发送之日", "公司记录管理程序"),
    ("access_logs", "访问日志（审计记录）", 36, "记录之日", "审计记录只增不删，仅列出"),
]


def create(apps, schema_editor):
    RetentionPolicy = apps.get_model("retention", "RetentionPolicy")
    for record_type, name, months, counted_from, basis in DEFAULTS:
        if months is None:
            months = int(getattr(settings, "HRMS_CANDIDATE_RETENTION_MONTHS", 12))
        RetentionPolicy.objects.get_or_create(
            record_type=record_type,
            defaults={"name": name, "months": months, "counted_from": counted_from, "basis": basis},
        )


def remove(apps, schema_editor):
    apps.get_model("retention", "RetentionPolicy").objects.filter(
        record_type__in=[row[0] for row in DEFAULTS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_retention_table_and_confirmations")]

    operations = [migrations.RunPython(create, remove)]
