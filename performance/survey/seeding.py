"""Past surveys written in bulk for the demo and the volume generator: a closed survey with its questions, the
invitations of everyone active then (answered or not), and realistic anonymous answers per department, stored
as `survey_close` leaves them (small departments merged into "other departments", random keys).

Each department has its own mood and each question its own offset, so the charts differ by department and
question; about a third of the people write an open answer.
"""

import datetime
import random

from .models import Answer, Invitation, QuestionKind, Response, Survey, SurveyQuestion, SurveyStatus, SurveyTemplate
from .services import reporting_groups

SUGGESTIONS = [
    "希望食堂增加菜品种类，改善口味。",
    "宿舍热水供应不稳定，希望尽快维修。",
    "加班较多，希望合理安排生产计划。",
    "希望增加技能培训和外训机会。",
    "晋升通道不够透明，希望公布晋升标准。",
    "希望部门之间多沟通，减少推诿。",
    "车间夏季温度高，希望加强通风降温。",
    "希望绩效考核标准更加清晰、公平。",
    "班组长管理方式较好，希望继续保持。",
    "希望多组织员工活动，增强团队凝聚力。",
    "劳保用品发放及时，安全培训有帮助。",
    "建议提高夜班补贴。",
]


def _score(rng: random.Random, mood: float) -> int:
    return max(1, min(5, round(rng.gauss(mood, 0.9))))


def historic_survey(
    *,
    template: SurveyTemplate,
    year: int,
    people: list,
    rng: random.Random,
    created_by,
    answer_rate: float = 0.8,
    status: str = SurveyStatus.CLOSED,
    title: str = "",
    conclusions: str = "",
    actions: str = "",
    batch_size: int = 5000,
) -> Survey:
    """A closed (or published) survey of `year` for `people` (employees with department_id), in bulk."""
    start = datetime.date(year, 11, 1)
    end = datetime.date(year, 11, 20)
    survey = Survey.objects.create(
        title=title or f"{year}年度员工满意度调查",
        year=year,
        template=template,
        template_version=template.version,
        start_date=start,
        end_date=end,
        status=status,
        conclusions=conclusions,
        actions=actions,
        created_by=created_by,
        closed_on=end + datetime.timedelta(days=1),
        published_on=end + datetime.timedelta(days=20) if status == SurveyStatus.PUBLISHED else None,
    )
    questions = SurveyQuestion.objects.bulk_create(
        [
            SurveyQuestion(survey=survey, section=q.section, order=q.order, text=q.text, kind=q.kind)
            for q in template.questions.all()
        ]
    )
    offsets = {q.pk: rng.uniform(-0.7, 0.5) for q in questions}
    moods: dict = {}
    invitations, departments = [], []
    for employee in people:
        answered = rng.random() < answer_rate
        invitations.append(
            Invitation(survey=survey, employee_id=employee.pk, department_id=employee.department_id, answered=answered)
        )
        if answered:
            departments.append(employee.department_id)
    Invitation.objects.bulk_create(invitations, batch_size=batch_size)
    counts: dict = {}
    for department_id in departments:
        counts[department_id] = counts.get(department_id, 0) + 1
    grouping = reporting_groups(counts)
    rng.shuffle(departments)
    responses, answers = [], []
    for department_id in departments:
        mood = moods.setdefault(department_id, rng.uniform(3.0, 4.3))
        response = Response(survey=survey, department_id=department_id if department_id in grouping.shown else None)
        responses.append(response)
        for question in questions:
            if question.kind == QuestionKind.SCALE:
                answers.append(
                    Answer(response=response, question=question, score=_score(rng, mood + offsets[question.pk]))
                )
            elif rng.random() < 0.3:
                answers.append(Answer(response=response, question=question, text=rng.choice(SUGGESTIONS)))
    Response.objects.bulk_create(responses, batch_size=batch_size)
    Answer.objects.bulk_create(answers, batch_size=batch_size)
    return survey
