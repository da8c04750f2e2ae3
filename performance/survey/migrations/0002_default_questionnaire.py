"""The company's questionnaire 员工满意度调查 (form 7.9 of the HR procedure) as the default template.

The seeds name the form but do not reproduce its questions; these follow the topics the company's HR
documents list for employee relations (work and environment, pay and benefits, training and development,
management and communication, canteen and dormitory under the 食堂/宿舍管理制度, overall) on a 1–5 scale, with
open questions for suggestions. HR edits them on the template page; a survey keeps the questions it opened with.
"""

from django.db import migrations

NAME = "员工满意度调查"
DESCRIPTION = (
    "为了解员工对公司各方面工作的意见，持续改进管理，人事部每年组织一次员工满意度调查。"
    "本问卷匿名填写，请根据实际感受如实作答：1 = 非常不满意，2 = 不满意，3 = 一般，4 = 满意，5 = 非常满意。"
)
QUESTIONS = [
    ("一、工作内容与环境", "scale", "您对目前的工作内容和岗位安排是否满意？"),
    ("一、工作内容与环境", "scale", "您对工作场所的环境（5S、照明、通风、噪音）是否满意？"),
    ("一、工作内容与环境", "scale", "您对公司的安全生产和劳动防护措施是否满意？"),
    ("一、工作内容与环境", "scale", "您对目前的工作时间和加班安排是否满意？"),
    ("二、薪酬福利", "scale", "您对自己的薪酬水平是否满意？"),
    ("二、薪酬福利", "scale", "您对公司的福利待遇（社会保险、节日福利、带薪休假等）是否满意？"),
    ("二、薪酬福利", "scale", "您认为薪酬与个人的工作表现和贡献是否相符？"),
    ("三、培训与发展", "scale", "您对公司提供的培训机会是否满意？"),
    ("三、培训与发展", "scale", "您对个人在公司的晋升和发展机会是否满意？"),
    ("三、培训与发展", "scale", "您认为绩效考核是否公平、公正？"),
    ("四、管理与沟通", "scale", "您对直接上级的管理方式和工作指导是否满意？"),
    ("四、管理与沟通", "scale", "您对部门之间的沟通与协作是否满意？"),
    ("四、管理与沟通", "scale", "您的意见和建议能否得到及时的反馈和处理？"),
    ("五、后勤服务", "scale", "您对员工食堂的饭菜质量和卫生是否满意？"),
    ("五、后勤服务", "scale", "您对员工宿舍的住宿条件和管理是否满意？"),
    ("六、总体评价", "scale", "总体而言，您对公司是否满意？"),
    ("六、总体评价", "scale", "您是否愿意向亲友推荐本公司？"),
    ("七、意见和建议", "open", "您认为公司最需要改进的三个方面是什么？"),
    ("七、意见和建议", "open", "您对公司管理和员工关怀还有哪些意见和建议？"),
]


def create(apps, schema_editor):
    SurveyTemplate = apps.get_model("survey", "SurveyTemplate")
    TemplateQuestion = apps.get_model("survey", "TemplateQuestion")
    if SurveyTemplate.objects.filter(name=NAME).exists():
        return
    template = SurveyTemplate.objects.create(name=NAME, description=DESCRIPTION)
    TemplateQuestion.objects.bulk_create(
        [
            TemplateQuestion(template=template, section=section, order=(i + 1) * 10, text=text, kind=kind)
            for i, (section, kind, text) in enumerate(QUESTIONS)
        ]
    )


def remove(apps, schema_editor):
    SurveyTemplate = apps.get_model("survey", "SurveyTemplate")
    Survey = apps.get_model("survey", "Survey")
    SurveyTemplate.objects.filter(name=NAME).exclude(pk__in=Survey.objects.values("template_id")).delete()


class Migration(migrations.Migration):
    dependencies = [("survey", "0001_templates_surveys_anonymous_responses")]

    operations = [migrations.RunPython(create, remove)]
