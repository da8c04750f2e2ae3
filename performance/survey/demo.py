"""Demo satisfaction surveys for `manage.py seed_demo` (after employees):

- two years ago: published, with HR's conclusions and actions (employees read the company summary);
- last year: closed, enough answers in the large departments, the small ones hidden (merged into "other
  departments"), conclusions written, not yet published (HR can publish it);
- this year: open since three days, for every active employee with a login; two demo logins have answered,
  the demo `employee` login has not (their home card and the survey list ask them to).

The past surveys are written in bulk (performance.survey.seeding) for every active employee; the open one
goes through the services. Found by title, so a second run adds nothing.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from employees.models import Employee

from . import services
from .models import Survey, SurveyStatus, SurveyTemplate
from .seeding import historic_survey

SEED = 2106
CONCLUSIONS = (
    "本次调查有效问卷{n}份。员工对安全生产、劳动防护和直接上级的工作指导满意度较高；"
    "对食堂伙食、宿舍条件和晋升机会的满意度偏低，与上年趋势一致。"
)
ACTIONS = (
    "1. 行政部牵头与食堂承包方沟通，每周增加两种菜品，每季度开展一次伙食满意度抽查（责任人：行政部，期限：3月底）\n"
    "2. 宿舍热水系统检修及空调清洗（责任人：行政部，期限：4月底）\n"
    "3. 人事部公布各岗位晋升标准，并纳入年度培训计划（责任人：人事部，期限：6月底）"
)


def seed(*, stdout=None) -> None:
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=("hr", "prod_manager", "qa_head", "employee"))}
    template = SurveyTemplate.objects.filter(name="员工满意度调查").first()
    if "hr" not in users or template is None:
        if stdout is not None:
            stdout.write("  survey: demo users or the default questionnaire missing, skipped")
        return
    hr = users["hr"]
    today = timezone.localdate()
    rng = random.Random(SEED)
    people = list(Employee.objects.active().only("pk", "department_id").order_by("pk"))
    for year, status, rate in (
        (today.year - 2, SurveyStatus.PUBLISHED, 0.85),
        (today.year - 1, SurveyStatus.CLOSED, 0.75),
    ):
        title = f"{year}年度员工满意度调查"
        if Survey.objects.filter(title=title).exists():
            continue
        survey = historic_survey(
            template=template, year=year, people=people, rng=rng, created_by=hr, answer_rate=rate, status=status
        )
        survey.conclusions = CONCLUSIONS.format(n=survey.responses.count())
        survey.actions = ACTIONS
        survey.save(update_fields=["conclusions", "actions"])

    title = f"{today.year}年度员工满意度调查"
    if not Survey.objects.filter(title=title).exists():
        survey = Survey.objects.create(
            title=title,
            year=today.year,
            template=template,
            start_date=today - datetime.timedelta(days=3),
            end_date=today + datetime.timedelta(days=11),
            created_by=hr,
        )
        services.survey_open(survey=survey, by=hr)
        for username in ("prod_manager", "qa_head"):
            user = users.get(username)
            if user is not None and survey.invitations.filter(employee__user=user).exists():
                answers = {
                    q.pk: (rng.randint(3, 5) if q.is_scale else "希望多组织技能培训。") for q in survey.questions.all()
                }
                services.survey_answer(survey=survey, user=user, answers=answers)
    if stdout is not None:
        stdout.write(f"  survey: {Survey.objects.count()} surveys")
