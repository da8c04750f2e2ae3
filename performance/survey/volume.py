"""Volume data of the satisfaction survey: a published yearly survey for each of the last few years (at most
`YEARS`; every year's survey is the same size, so more years add rows, not new cases), for everyone employed
on its start date, with about 75 % answering — realistic answers per department and question, written in
bulk (performance.survey.seeding)."""

import datetime

from django.contrib.auth import get_user_model

from core import roles
from core.seeding import VolumeContext

from .models import SurveyStatus, SurveyTemplate
from .seeding import historic_survey

YEARS = 3


def generate(ctx: VolumeContext) -> None:
    employees = ctx.made.get("employees.employees", [])
    template = SurveyTemplate.objects.filter(name="员工满意度调查").first()
    User = get_user_model()
    hr = (
        User.objects.filter(groups__name=roles.HR, is_active=True).order_by("pk").first()
        or User.objects.filter(is_superuser=True).order_by("pk").first()
    )
    if not employees or template is None or hr is None:
        return
    last = ctx.today.year - 1
    for year in range(last - min(ctx.years, YEARS) + 1, last + 1):
        title = f"{year}年度员工满意度调查（历史）"
        start = datetime.date(year, 11, 1)
        people = [
            e
            for e in employees
            if e.hire_date <= start and (e.separated_on is None or e.separated_on > start) and e.department_id
        ]
        if not people:
            continue
        survey = historic_survey(
            template=template,
            year=year,
            people=people,
            rng=ctx.rng,
            created_by=hr,
            answer_rate=0.75,
            status=SurveyStatus.PUBLISHED,
            title=title,
            conclusions="总体满意度稳定；食堂、宿舍与晋升机会为主要改进方向。",
            actions="1. 改善食堂伙食\n2. 宿舍设施维修\n3. 公布晋升标准",
            batch_size=ctx.batch_size,
        )
        ctx.counts["survey.responses"] += survey.responses.count()
        ctx.log(f"  survey {year}: {len(people)} invited")
