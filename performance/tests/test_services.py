"""The domain rules of the KPI review: templates, cycle generation, the sheet's flow, locking, peers, plans."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.errors import error_codes
from core.policy import PolicyDenied
from employees.models import EmployeeStatus
from employees.signals import employee_separated
from org.models import PositionCategory
from performance import services
from performance.models import (
    GradeBand,
    ImprovementPlan,
    KpiTemplate,
    PeerFeedback,
    ScoringRule,
    Sheet,
    SheetItem,
    SheetStatus,
    StepKind,
)
from performance.selectors import peer_summary
from performance.services import IndicatorData
from tests.factories import EmployeeFactory

from .conftest import HIGH_VALUES, INDICATORS, LOW_VALUES, sheet_of, to_locked, values_for

pytestmark = pytest.mark.django_db


# --- templates -------------------------------------------------------------------------------------------------


def test_weights_not_adding_up_to_100_are_refused_in_words(co):
    rows = [
        IndicatorData(name="产量", weight=60, target=Decimal(100), floor=Decimal(80)),
        IndicatorData(name="质量", weight=30, rule=ScoringRule.MANUAL),
    ]
    with pytest.raises(ValidationError) as exc:
        services.template_save(by=co.hr, name="x", position=co.qa_post, indicators=rows)
    assert error_codes(exc.value) == {"weights_not_100"}
    assert "90" in exc.value.messages[0]


def test_a_linear_indicator_needs_its_floor(co):
    rows = [IndicatorData(name="产量", weight=100, target=Decimal(100))]
    with pytest.raises(ValidationError) as exc:
        services.template_save(by=co.hr, name="x", position=co.qa_post, indicators=rows)
    assert "floor" in exc.value.message_dict


def test_only_hr_keeps_templates(co):
    with pytest.raises(PolicyDenied):
        services.template_save(by=co.prod_head, name="x", position=co.qa_post, indicators=INDICATORS)


def test_a_new_version_leaves_the_opened_cycle_on_its_version(opened):
    co = opened
    sheet = sheet_of(co, co.worker_employee)
    assert sheet.template == co.template
    rows = [IndicatorData(name="产量达成率", weight=100, target=Decimal(100), floor=Decimal(50))]
    v2 = services.template_save(by=co.hr, name="一线岗位KPI", indicators=rows, previous=co.template, note="简化")
    co.template.refresh_from_db()
    assert (v2.version, v2.is_current, co.template.is_current) == (2, True, False)
    sheet.refresh_from_db()
    assert sheet.template == co.template
    assert sheet.items.count() == 4
    with pytest.raises(ValidationError):  # the old version cannot fork a second line
        services.template_save(by=co.hr, name="x", indicators=rows, previous=co.template)


def test_a_position_template_wins_over_the_category_template(co):
    rows = [IndicatorData(name="检验准确率", weight=100, rule=ScoringRule.MANUAL)]
    services.template_save(by=co.hr, name="检验员KPI", position=co.qa_post, indicators=rows)
    services.cycle_open(cycle=co.cycle, by=co.hr)
    assert list(sheet_of(co, co.inspector).items.values_list("name", flat=True)) == ["检验准确率"]
    assert sheet_of(co, co.worker_employee).items.count() == 4


# --- cycle generation --------------------------------------------------------------------------------------------


def test_opening_generates_one_sheet_per_employee_in_scope_and_is_idempotent(co):
    separated = EmployeeFactory(position=co.op_post, status=EmployeeStatus.SEPARATED)
    first = services.cycle_open(cycle=co.cycle, by=co.hr)
    assert first.created == 4
    assert first.without_template == 2  # the two heads (manager posts) have no template
    again = services.cycle_open(cycle=co.cycle, by=co.hr)
    assert again.created == 0
    assert Sheet.objects.filter(cycle=co.cycle).count() == 4
    assert SheetItem.objects.filter(sheet__cycle=co.cycle).count() == 16
    assert not Sheet.objects.filter(employee=separated).exists()
    co.cycle.refresh_from_db()
    assert co.cycle.status == "open"


def test_scope_by_department_includes_the_departments_below(co):
    services.cycle_save(by=co.hr, cycle=co.cycle, departments=[co.production])
    services.cycle_open(cycle=co.cycle, by=co.hr)
    names = set(co.cycle.sheets.values_list("employee__name", flat=True))
    assert "张工" in names and "检验员甲" not in names


def test_scope_by_position(co):
    services.cycle_save(by=co.hr, cycle=co.cycle, positions=[co.qa_post])
    services.cycle_open(cycle=co.cycle, by=co.hr)
    assert list(co.cycle.sheets.values_list("employee__name", flat=True)) == ["检验员甲"]


def test_opening_takes_a_constant_number_of_queries(co):
    """The query count of opening a cycle does not grow with the number of employees."""
    cycle2 = services.cycle_save(
        by=co.hr,
        cycle=type(co.cycle)(
            name="下一期",
            period_type="quarterly",
            start_date=co.cycle.start_date,
            end_date=co.cycle.end_date,
            self_assessment=False,
            scoring_deadline=co.cycle.scoring_deadline,
        ),
    )
    with CaptureQueriesContext(connection) as few:
        services.cycle_open(cycle=co.cycle, by=co.hr)
    # Three times the people (kept under SQLite's bound-parameter limit, which splits a big INSERT in batches).
    for _n in range(8):
        EmployeeFactory(position=co.op_post)
    with CaptureQueriesContext(connection) as many:
        result = services.cycle_open(cycle=cycle2, by=co.hr)
    assert result.created == 12
    assert len(many.captured_queries) == len(few.captured_queries)


def test_only_hr_opens_a_cycle(co):
    with pytest.raises(PolicyDenied):
        services.cycle_open(cycle=co.cycle, by=co.prod_head)


def test_a_cycle_with_self_assessment_needs_its_deadline(co):
    co.cycle.self_deadline = None
    with pytest.raises(ValidationError) as exc:
        services.cycle_save(by=co.hr, cycle=co.cycle)
    assert error_codes(exc.value) == {"self_deadline_required"}


# --- the flow ---------------------------------------------------------------------------------------------------


def test_full_flow_records_every_step_and_grades(opened):
    co = opened
    sheet = to_locked(co, sheet_of(co, co.worker_employee))
    assert sheet.status == SheetStatus.LOCKED
    assert sheet.total == Decimal("66.5")
    assert sheet.grade == "C"
    kinds = list(sheet.steps.values_list("kind", "by__username"))
    assert kinds == [
        (StepKind.GOALS, "prod_head"),
        (StepKind.SELF, "worker"),
        (StepKind.SCORING, "prod_head"),
        (StepKind.INTERVIEW, "prod_head"),
        (StepKind.ACKNOWLEDGEMENT, "worker"),
        (StepKind.CALIBRATION, "hr"),
    ]


def test_without_self_assessment_goals_lead_to_scoring(opened):
    co = opened
    co.cycle.self_assessment = False
    co.cycle.save()
    sheet = services.sheet_agree_goals(sheet=sheet_of(co, co.worker_employee), by=co.prod_head)
    assert sheet.status == SheetStatus.SCORING


def test_the_head_of_another_department_cannot_score(opened):
    co = opened
    sheet = sheet_of(co, co.worker_employee)
    with pytest.raises(PolicyDenied) as exc:
        services.sheet_agree_goals(sheet=sheet, by=co.qa_head)
    assert exc.value.code == "not_head"


def test_hr_and_gm_do_not_score(opened):
    co = opened
    sheet = sheet_of(co, co.worker_employee)
    for user in (co.hr, co.gm):
        with pytest.raises(PolicyDenied):
            services.sheet_agree_goals(sheet=sheet, by=user)


def test_the_employee_assesses_only_their_own_sheet(opened):
    co = opened
    sheet = sheet_of(co, co.worker_employee)
    services.sheet_agree_goals(sheet=sheet, by=co.prod_head)
    other = sheet_of(co, co.others[0])
    services.sheet_agree_goals(sheet=other, by=co.prod_head)
    with pytest.raises(PolicyDenied):
        services.sheet_self_assess(sheet=other, by=co.worker, values={})


def test_a_second_click_finds_the_step_done(opened):
    co = opened
    sheet = sheet_of(co, co.worker_employee)
    services.sheet_agree_goals(sheet=sheet, by=co.prod_head)
    with pytest.raises(PolicyDenied) as exc:
        services.sheet_agree_goals(sheet=sheet, by=co.prod_head)
    assert exc.value.code == "wrong_status"
    assert sheet.steps.filter(kind=StepKind.GOALS).count() == 1


def test_scoring_needs_every_value(opened):
    co = opened
    sheet = sheet_of(co, co.worker_employee)
    services.sheet_agree_goals(sheet=sheet, by=co.prod_head)
    services.sheet_self_assess(sheet=sheet, by=co.worker, values={})
    values = values_for(sheet, LOW_VALUES)
    manual = sheet.items.get(name="团队协作").pk
    values[manual] = (None, None, "")
    with pytest.raises(ValidationError) as exc:
        services.sheet_score(sheet=sheet, by=co.prod_head, values=values)
    assert error_codes(exc.value) == {"score_missing"}
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.SCORING


def test_calibration_changing_the_grade_needs_a_reason(opened):
    co = opened
    sheet = sheet_of(co, co.worker_employee)
    services.sheet_agree_goals(sheet=sheet, by=co.prod_head)
    services.sheet_self_assess(sheet=sheet, by=co.worker, values={})
    services.sheet_score(sheet=sheet, by=co.prod_head, values=values_for(sheet, HIGH_VALUES))
    services.sheet_record_interview(sheet=sheet, by=co.prod_head, notes="好")
    services.sheet_acknowledge(sheet=sheet, by=co.worker)
    with pytest.raises(ValidationError):
        services.sheet_calibrate(sheet=sheet, by=co.hr, grade="B")
    sheet = services.sheet_calibrate(sheet=sheet, by=co.hr, grade="B", comment="部门A比例过高")
    assert (sheet.grade, sheet.calibrated_grade, sheet.final_grade) == ("A", "B", "B")


def test_a_locked_sheet_changes_only_with_a_reason_and_is_audited(opened):
    co = opened
    sheet = to_locked(co, sheet_of(co, co.worker_employee))
    with pytest.raises(PolicyDenied):  # the head cannot change it any more
        services.sheet_score(sheet=sheet, by=co.prod_head, values=values_for(sheet, HIGH_VALUES))
    with pytest.raises(ValidationError) as exc:
        services.sheet_amend(sheet=sheet, by=co.hr, values=values_for(sheet, HIGH_VALUES), reason=" ")
    assert error_codes(exc.value) == {"reason_required"}
    with pytest.raises(PolicyDenied):
        services.sheet_amend(sheet=sheet, by=co.prod_head, values=values_for(sheet, HIGH_VALUES), reason="x")
    sheet = services.sheet_amend(sheet=sheet, by=co.hr, values=values_for(sheet, HIGH_VALUES), reason="产量数据更正")
    assert sheet.total == Decimal("99.0") and sheet.grade == "A"
    step = sheet.steps.get(kind=StepKind.AMENDED)
    assert "产量数据更正" in step.comment and step.by == co.hr
    item = sheet.items.get(name="产量达成率")
    assert LogEntry.objects.get_for_object(item).filter(action=LogEntry.Action.UPDATE).exists()


def test_the_result_is_released_explicitly_once(opened):
    co = opened
    sheet = sheet_of(co, co.worker_employee)
    services.sheet_agree_goals(sheet=sheet, by=co.prod_head)
    services.sheet_self_assess(sheet=sheet, by=co.worker, values={})
    services.sheet_score(sheet=sheet, by=co.prod_head, values=values_for(sheet, LOW_VALUES))
    services.sheet_release(sheet=sheet, by=co.hr)
    with pytest.raises(PolicyDenied) as exc:
        services.sheet_release(sheet=sheet, by=co.hr)
    assert exc.value.code == "already_released"


def test_separation_closes_the_open_sheets(opened):
    co = opened
    locked = to_locked(co, sheet_of(co, co.others[0]))
    other_cycle_sheet = sheet_of(co, co.worker_employee)
    employee_separated.send(
        sender=type(co.worker_employee), employee=co.worker_employee, by=co.hr, date=datetime.date.today()
    )
    other_cycle_sheet.refresh_from_db()
    assert other_cycle_sheet.status == SheetStatus.CLOSED
    assert other_cycle_sheet.steps.filter(kind=StepKind.CLOSED).count() == 1
    employee_separated.send(sender=type(co.others[0]), employee=co.others[0], by=co.hr, date=datetime.date.today())
    locked.refresh_from_db()
    assert locked.status == SheetStatus.LOCKED  # a finished sheet stays as it is
    # Idempotent: a second signal adds no step.
    employee_separated.send(
        sender=type(co.worker_employee), employee=co.worker_employee, by=co.hr, date=datetime.date.today()
    )
    assert other_cycle_sheet.steps.filter(kind=StepKind.CLOSED).count() == 1


def test_consequences_link_only_the_employees_own_records(opened):
    from employees.models import SalaryChange

    co = opened
    sheet = to_locked(co, sheet_of(co, co.worker_employee))
    mine = SalaryChange.objects.create(
        employee=co.worker_employee, effective_date=datetime.date.today(), new_salary=7000, reason="绩效调薪"
    )
    theirs = SalaryChange.objects.create(
        employee=co.others[0], effective_date=datetime.date.today(), new_salary=7000, reason="x"
    )
    with pytest.raises(ValidationError):
        services.sheet_record_consequences(sheet=sheet, by=co.hr, salary_change=theirs)
    sheet = services.sheet_record_consequences(sheet=sheet, by=co.hr, salary_change=mine, bonus="季度奖 80%")
    assert sheet.salary_change == mine and sheet.steps.filter(kind=StepKind.CONSEQUENCES).exists()


# --- peers ------------------------------------------------------------------------------------------------------


def _peer_users(co, make_user, n):
    people = []
    for i in range(n):
        user = make_user(f"peer{i}")
        people.append(EmployeeFactory(position=co.op_post, user=user, name=f"同事{i}"))
    return people


def test_peer_feedback_is_shown_aggregated_and_only_from_three_answers(opened, make_user):
    co = opened
    sheet = sheet_of(co, co.worker_employee)
    peers = _peer_users(co, make_user, 3)
    assert services.peers_request(sheet=sheet, by=co.prod_head, reviewers=peers) == 3
    assert services.peers_request(sheet=sheet, by=co.prod_head, reviewers=peers) == 0
    rows = list(PeerFeedback.objects.filter(sheet=sheet).select_related("reviewer"))
    services.peer_answer(peer=rows[0], by=peers[0].user, rating=4, strengths="认真")
    services.peer_answer(peer=rows[1], by=peers[1].user, rating=5, improvements="多沟通")
    assert peer_summary(sheet) is None
    with pytest.raises(PolicyDenied):  # nobody answers for another
        services.peer_answer(peer=rows[2], by=peers[0].user, rating=1)
    services.peer_answer(peer=rows[2], by=peers[2].user, rating=3)
    summary = peer_summary(sheet)
    assert summary["count"] == 3 and summary["average"] == 4.0
    assert summary["strengths"] == ["认真"] and "reviewer" not in str(summary)


def test_peers_only_when_the_cycle_asks_for_them(opened, make_user):
    co = opened
    co.cycle.peer_feedback = False
    co.cycle.save()
    with pytest.raises(PolicyDenied):
        services.peers_request(
            sheet=sheet_of(co, co.worker_employee), by=co.prod_head, reviewers=_peer_users(co, make_user, 1)
        )


# --- grades and plans -------------------------------------------------------------------------------------------


def test_the_grade_table_is_hrs_and_must_cover_0_to_100(co):
    with pytest.raises(ValidationError) as exc:
        services.grade_table_save(by=co.hr, bands=[("A", Decimal(90), 50, False), ("B", Decimal(50), 50, True)])
    assert error_codes(exc.value) == {"grades_no_floor"}
    with pytest.raises(PolicyDenied):
        services.grade_table_save(by=co.prod_head, bands=[("A", Decimal(0), 100, False)])
    services.grade_table_save(by=co.hr, bands=[("优", Decimal(85), 30, False), ("合格", Decimal(0), 70, True)])
    assert list(GradeBand.objects.values_list("grade", flat=True)) == ["优", "合格"]


def test_a_low_grade_gets_an_improvement_plan_a_good_one_does_not(opened):
    co = opened
    low = to_locked(co, sheet_of(co, co.worker_employee), LOW_VALUES)
    high = to_locked(co, sheet_of(co, co.others[0]), HIGH_VALUES)
    due = datetime.date.today() + datetime.timedelta(days=60)
    with pytest.raises(PolicyDenied) as exc:
        services.plan_create(sheet=high, by=co.prod_head, gap="x", actions="y", owner=co.prod_head, due_date=due)
    assert exc.value.code == "grade_not_low"
    plan = services.plan_create(
        sheet=low, by=co.prod_head, gap="产量不足", actions="师带徒", owner=co.prod_head, due_date=due
    )
    with pytest.raises(PolicyDenied):
        services.plan_create(sheet=low, by=co.prod_head, gap="x", actions="y", owner=co.prod_head, due_date=due)
    with pytest.raises(ValidationError):
        services.plan_update(plan=plan, by=co.prod_head, complete=True)
    plan = services.plan_update(plan=plan, by=co.prod_head, complete=True, follow_up="已达标")
    assert plan.status == ImprovementPlan.Status.DONE


def test_the_plan_becomes_a_training_need_through_the_training_app(opened, monkeypatch):
    """plan_to_training_need calls training.services.raise_need once and keeps the need's id."""
    import sys
    import types

    co = opened
    low = to_locked(co, sheet_of(co, co.worker_employee), LOW_VALUES)
    plan = services.plan_create(
        sheet=low, by=co.hr, gap="冲压安全操作", actions="复训", owner=co.prod_head, due_date=datetime.date.today()
    )
    calls = []

    def raise_need(*, employee, topic, source, by, skill=None, reason=""):
        calls.append((employee, topic, source, by))
        return types.SimpleNamespace(pk=77)

    fake = types.ModuleType("training.services")
    fake.raise_need = raise_need
    monkeypatch.setitem(sys.modules, "training.services", fake)
    assert services.plan_to_training_need(plan, co.hr) == 77
    plan.refresh_from_db()
    assert plan.training_need_id == 77
    assert calls == [(co.worker_employee, "冲压安全操作", "kpi", co.hr)]
    with pytest.raises(PolicyDenied):
        services.plan_to_training_need(plan, co.hr)


def test_templates_are_unique_per_category(co):
    with pytest.raises(ValidationError) as exc:
        services.template_save(by=co.hr, name="再来一个", category=PositionCategory.FRONTLINE, indicators=INDICATORS)
    assert error_codes(exc.value) == {"template_exists"}
    assert KpiTemplate.objects.count() == 1


def test_a_department_head_is_reviewed_one_level_up(co, make_user):
    """The head of 生产部 (top level) is reviewed by the general manager; the head of 冲压课 by 生产部's head."""
    from core import roles
    from performance.policies import can_agree_goals

    rows = [IndicatorData(name="部门目标", weight=100, rule=ScoringRule.MANUAL)]
    services.template_save(by=co.hr, name="经理级", category=PositionCategory.MANAGER, indicators=rows)
    section_head_user = make_user("st_head", roles=[roles.DEPT_HEAD])
    section_head = EmployeeFactory(position=co.op_post, user=section_head_user, name="冲压课长")
    co.stamping.head = section_head
    co.stamping.save()
    services.cycle_open(cycle=co.cycle, by=co.hr)
    prod_head_sheet = Sheet.objects.select_related("department").get(employee__user=co.prod_head)
    section_sheet = Sheet.objects.select_related("department").get(employee=section_head)
    assert not can_agree_goals(co.prod_head, prod_head_sheet)
    assert can_agree_goals(co.gm, prod_head_sheet)
    assert not can_agree_goals(co.gm, section_sheet)
    assert not can_agree_goals(section_head_user, section_sheet)
    assert can_agree_goals(co.prod_head, section_sheet)
    assert not can_agree_goals(co.hr, prod_head_sheet)


def test_the_plan_becomes_a_real_training_need(opened):
    """With the training app: one click raises one open need from the KPI result; a second click is refused."""
    from training.models import TrainingNeed

    co = opened
    low = to_locked(co, sheet_of(co, co.worker_employee), LOW_VALUES)
    plan = services.plan_create(
        sheet=low,
        by=co.prod_head,
        gap="冲压产量不足",
        actions="带教",
        owner=co.prod_head,
        due_date=datetime.date.today(),
    )
    need_id = services.plan_to_training_need(plan, co.prod_head)
    need = TrainingNeed.objects.get(pk=need_id)
    assert (need.employee, need.source, need.topic) == (co.worker_employee, "kpi", "冲压产量不足")
    with pytest.raises(PolicyDenied):
        services.plan_to_training_need(plan, co.prod_head)
    assert TrainingNeed.objects.filter(employee=co.worker_employee).count() == 1
