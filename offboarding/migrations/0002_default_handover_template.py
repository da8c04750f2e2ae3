"""The default handover checklist (离职交接清单), per responsible party; editable in the admin."""

from django.db import migrations

ITEMS = [
    ("work", "工作交接（交接给谁、在办事项、文件资料）", True, 10),
    ("equipment", "设备、工具、量具归还", True, 20),
    ("badge", "工牌、门禁卡、钥匙归还", True, 30),
    ("uniform", "工作服、劳保用品归还", False, 40),
    ("dormitory", "宿舍退房", False, 50),
    ("canteen", "饭卡退卡结算", False, 60),
    ("finance", "借款、备用金结清", True, 70),
    ("it", "IT 账号、邮箱关闭", True, 80),
]


def create(apps, schema_editor):
    Item = apps.get_model("offboarding", "HandoverTemplateItem")
    if not Item.objects.exists():
        Item.objects.bulk_create(
            [Item(party=p, title=t, mandatory=m, order=o) for p, t, m, o in ITEMS]
        )


def delete(apps, schema_editor):
    apps.get_model("offboarding", "HandoverTemplateItem").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("offboarding", "0001_separation_cases_handover_interviews")]

    operations = [migrations.RunPython(create, delete)]
