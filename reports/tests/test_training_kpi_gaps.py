"""The training, KPI and competence-gap reports: training hours per head and plan completion, the KPI grade
distribution of the latest locked results against the forced distribution, competence gaps per department — each
a page, an xlsx file and a print, scoped to the reader, in a constant number of queries."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from benchmarks.registry import BUDGETS
from performance.models import Cycle, KpiTemplate, PeriodType, Sheet, SheetStatus
from reports import bench
from reports.reports import REPORTS, _year_start
from tests.factories import EmployeeFactory
from training.models import (
    CompetenceStandard,
    ExternalStatus,
    ExternalTraining,
    Method,
    Participant,
    PlanItem,
    PlanStatus,
    Session,
    SessionStatus,
    Skill,
    SkillRating,
    TrainerKind,
    TrainingPlan,
)

NEW = ["training", "kpi", "gaps"]
TITLES = {
    "training": "Training hours per employee and plan completion",
    "kpi": "KPI grade distribution",
    "gaps": "Competence gaps",
}


def _session(hours, *, last_year=False, status=SessionStatus.HELD, plan_item=None):
    starts = timezone.now() - datetime.timedelta(hours=3)
    if last_year:
        starts = _year_start(timezone.localdate().year) - datetime.timedelta(days=1)
    return Session.objects.create(
        course="安全培训",
        trainer_kind=TrainerKind.INTERNAL,
        trainer="张老师",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="培训室",
        hours=Decimal(hours),
        status=status,
        plan_item=plan_item,
    )


def _attend(session, *employees, attended=True):
    for employee in employees:
        Participant.objects.create(session=session, employee=employee, attended=attended)


def _plan(items_by_department, *, status=PlanStatus.PUBLISHED):
    """A plan of the current year: {department or None (the whole company): number of items}."""
    plan = TrainingPlan.objects.create(year=timezone.localdate().year, title="年度培训计划", status=status)
    made = []
    for department, count in items_by_department:
        for _n in range(count):
            item = PlanItem.objects.create(
                plan=plan,
                course="课程",
                month=1,
                hours=Decimal(2),
                trainer_kind=TrainerKind.INTERNAL,
                method=Method.CLASSROOM,
            )
            if department is not None:
                item.target_departments.add(department)
            made.append(item)
    return made


def _cycle(name="2026年上半年", *, days_ago=200, status=Cycle.Status.CLOSED):
    end = timezone.localdate() - datetime.timedelta(days=days_ago)
    return Cycle.objects.create(
        name=name,
        period_type=PeriodType.SEMI_ANNUAL,
        start_date=end - datetime.timedelta(days=180),
        end_date=end,
        scoring_deadline=end,
        self_assessment=False,
        status=status,
    )


@pytest.fixture
def template(org):
    return KpiTemplate.objects.create(name="一线KPI", category="frontline")


def _sheet(cycle, employee, template, grade, *, status=SheetStatus.LOCKED, calibrated=""):
    return Sheet.objects.create(
        cycle=cycle,
        employee=employee,
        department=employee.department,
        position=employee.position,
        template=template,
        status=status,
        grade=grade,
        calibrated_grade=calibrated,
    )


@pytest.fixture
def skills(org):
    """The stamping post requires welding at 3 and safety at 2; the inspector post measuring at 3."""
    welding, safety, measuring = (Skill.objects.create(name=n) for n in ("焊接", "安全操作", "测量"))
    CompetenceStandard.objects.create(position=org.stamper, skill=welding, required_level=3)
    CompetenceStandard.objects.create(position=org.stamper, skill=safety, required_level=2)
    CompetenceStandard.objects.create(position=org.inspector, skill=measuring, required_level=3)
    return welding, safety, measuring


def _rows(code, user):
    return {row[0]: row for row in REPORTS[code].build(user).rows}


@pytest.fixture
def data(org, template, skills):
    """A little of everything: training in stamping and quality, a locked cycle in both, gaps in both."""
    session = _session(4, plan_item=_plan([(org.stamping, 1), (org.quality, 1)])[0])
    _attend(session, org.worker, org.inspector_emp)
    cycle = _cycle()
    _sheet(cycle, org.worker, template, "A")
    _sheet(cycle, org.inspector_emp, template, "D")
    _sheet(cycle, org.me, template, "C")
    SkillRating.objects.create(employee=org.worker, skill=skills[0], level=1)
    SkillRating.objects.create(employee=org.inspector_emp, skill=skills[2], level=2)


# --- who reads them -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", NEW)
@pytest.mark.parametrize("who", ["hr", "gm"])
def test_hr_and_the_general_manager_read_the_company_as_page_file_and_print(users, login, org, data, code, who):
    """HR and the general manager see every department's numbers on the page, in the xlsx file and the print."""
    client = login(users[who])
    page = client.get(reverse("reports:report_detail", args=[code])).content.decode()
    assert "data-chart" in page or "hrms-chart" in page
    assert org.stamping.name in page and org.quality.name in page
    response = client.get(reverse("reports:report_xlsx", args=[code]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert org.stamping.name in names and org.quality.name in names
    assert [c.value for c in sheet[1]] == [str(h) for h in REPORTS[code].build(users[who]).headers]
    response = client.get(reverse("reports:report_pdf", args=[code]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("code", NEW)
def test_a_department_head_reads_only_their_departments(users, login, org, data, code):
    """The head of 生产部 sees 生产部 and 冲压课 below it; 品质部's numbers are on no page, file or print."""
    client = login(users["head"])
    page = client.get(reverse("reports:report_detail", args=[code])).content.decode()
    assert org.stamping.name in page and org.quality.name not in page
    response = client.get(reverse("reports:report_xlsx", args=[code]))
    names = [row[0] for row in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]
    assert org.stamping.name in names and org.quality.name not in names
    assert set(_rows(code, users["head"])) <= {org.production.name, org.stamping.name}
    assert client.get(reverse("reports:report_pdf", args=[code]))["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("code", NEW)
@pytest.mark.parametrize("who", ["me", "outsider"])
def test_an_employee_reads_none_of_them(users, login, org, code, who):
    client = login(users[who])
    for name in ("report_detail", "report_xlsx", "report_pdf"):
        assert client.get(reverse(f"reports:{name}", args=[code])).status_code == 403


def test_the_report_list_offers_them_in_english_and_chinese(users, login, org, en):
    client = login(users["head"])
    page = client.get(reverse("reports:report_list")).content.decode()
    for code, title in TITLES.items():
        assert reverse("reports:report_detail", args=[code]) in page and title in page
    client.cookies.pop("django_language")
    page = client.get(reverse("reports:report_list")).content.decode()
    assert 'lang="zh-hans"' in page
    for code in NEW:
        assert reverse("reports:report_detail", args=[code]) in page


@pytest.mark.parametrize("code", NEW)
def test_each_page_answers_in_chinese_and_in_english(users, login, org, data, en, code):
    client = login(users["hr"])
    page = client.get(reverse("reports:report_detail", args=[code])).content.decode()
    assert 'lang="en"' in page and TITLES[code] in page
    client.cookies.pop("django_language")
    page = client.get(reverse("reports:report_detail", args=[code]))
    assert page.status_code == 200 and 'lang="zh-hans"' in page.content.decode()


def test_the_benchmark_measures_their_pages(users, org):
    labels = {page.label for page in bench.pages(users["head"])}
    for code in NEW:
        assert {f"Report: {code}", f"Report xlsx: {code}", f"PDF: report {code}"} <= labels


# --- what they count ----------------------------------------------------------------------------------------------


def test_training_hours_per_head_from_attendance_and_external_training(users, org):
    """Hours attended (the session's hours) and completed external training this year, per current head; absent
    invitees, cancelled sessions, last year and separated people do not count."""
    colleague = EmployeeFactory(position=org.stamper)
    _attend(_session(4), org.worker, colleague)
    _attend(_session(6), org.worker)
    _attend(_session(8), colleague, attended=False)
    _attend(_session(8, status=SessionStatus.CANCELLED), colleague)
    _attend(_session(8, last_year=True), colleague)
    gone = EmployeeFactory(position=org.stamper, status="separated", separated_on=timezone.localdate())
    _attend(_session(10), gone)
    today = timezone.localdate()
    ExternalTraining.objects.create(
        employee=colleague,
        course="外训",
        provider="某机构",
        starts_on=today.replace(day=1, month=1),
        ends_on=today.replace(day=1, month=1),
        hours=Decimal(6),
        cost=Decimal(100),
        reason="需要",
        status=ExternalStatus.COMPLETED,
    )
    row = _rows("training", users["hr"])[org.stamping.name]
    assert row[1:] == [2, 14.0, 6.0, 20.0, 10.0]
    assert _rows("training", users["hr"])[org.quality.name][1:] == [2, 0.0, 0.0, 0.0, 0]


def test_training_plan_completion_in_the_readers_scope(users, org):
    """Items with a held session against the items of the published plan: HR counts all, the head of 生产部 the
    items aimed at their departments and the company-wide ones."""
    stamping_items = _plan([(org.stamping, 2), (org.quality, 3), (None, 1)])
    _session(2, plan_item=stamping_items[0])
    _session(2, plan_item=stamping_items[1], status=SessionStatus.SCHEDULED)
    year = timezone.localdate().year
    with translation.override("en"):
        assert f"{year}: 1 of 6 items held (16.7 %)" in REPORTS["training"].build(users["hr"]).note
        assert f"{year}: 1 of 3 items held (33.3 %)" in REPORTS["training"].build(users["head"]).note


def test_without_a_published_plan_the_note_says_so(users, org):
    _plan([(None, 2)], status=PlanStatus.APPROVED)
    with translation.override("en"):
        assert "No annual training plan has been published" in REPORTS["training"].build(users["hr"]).note


def test_kpi_grades_of_locked_sheets_per_department_against_the_forced_distribution(users, org, template):
    """The latest cycle with locked results; the calibrated grade wins; sheets not yet locked and those of
    separated employees (closed) are not graded."""
    older = _cycle("2025年下半年", days_ago=400)
    _sheet(older, org.worker, template, "D")
    cycle = _cycle()
    colleagues = EmployeeFactory.create_batch(3, position=org.stamper)
    _sheet(cycle, org.worker, template, "A")
    _sheet(cycle, colleagues[0], template, "C", calibrated="B")
    _sheet(cycle, colleagues[1], template, "D", status=SheetStatus.CALIBRATION)
    _sheet(cycle, colleagues[2], template, "D", status=SheetStatus.CLOSED)
    with translation.override("en"):
        data = REPORTS["kpi"].build(users["hr"])
    assert data.headers[2:6] == ["A", "B", "C", "D"]
    assert _rows("kpi", users["hr"])[org.stamping.name][1:] == [2, 1, 1, 0, 0, 50.0, 50.0, 0, 0, 1]
    assert data.chart.labels == [org.stamping.name, "Forced distribution"]
    assert [s.values[-1] for s in data.chart.series] == [10, 30, 50, 10]
    assert cycle.name in data.note and older.name not in data.note


def test_the_kpi_report_never_shows_a_grade_its_reader_may_not_see(users, org, template):
    """The head's own sheet, still unlocked, is not counted in their report (they see their result once locked);
    counts only, no names."""
    cycle = _cycle()
    _sheet(cycle, org.worker, template, "B")
    _sheet(cycle, org.head, template, "D", status=SheetStatus.CALIBRATION)
    rows = _rows("kpi", users["head"])
    assert rows[org.production.name][1:6] == [0, 0, 0, 0, 0] and rows[org.production.name][-1] == 1
    assert rows[org.stamping.name][1:3] == [1, 0]
    page = REPORTS["kpi"].build(users["head"])
    assert org.head.name not in str(page.rows) and org.worker.name not in str(page.rows)


def test_the_kpi_cycle_is_the_latest_with_locked_results_in_the_readers_departments(users, org, template):
    """A newer cycle locked only in 品质部 is HR's latest, not the 生产部 head's."""
    older = _cycle("上半年", days_ago=200)
    _sheet(older, org.worker, template, "A")
    newer = _cycle("下半年", days_ago=10, status=Cycle.Status.OPEN)
    _sheet(newer, org.inspector_emp, template, "B")
    _sheet(newer, org.worker, template, "C", status=SheetStatus.SCORING)
    assert "下半年" in REPORTS["kpi"].build(users["hr"]).note
    assert "上半年" in REPORTS["kpi"].build(users["head"]).note


def test_without_locked_results_the_kpi_report_is_empty(users, org):
    data = REPORTS["kpi"].build(users["hr"])
    assert data.rows == [] and data.chart.empty


def test_competence_gaps_per_department(users, org, skills):
    """A gap is a required skill rated below the level (or not rated); level 1 is critical; the newest rating
    counts."""
    welding, safety, measuring = skills
    colleague = EmployeeFactory(position=org.stamper)
    SkillRating.objects.create(employee=org.worker, skill=welding, level=4, rated_on=datetime.date(2024, 1, 1))
    SkillRating.objects.create(employee=org.worker, skill=welding, level=1, rated_on=datetime.date(2025, 1, 1))
    SkillRating.objects.create(employee=org.worker, skill=safety, level=2)
    SkillRating.objects.create(employee=colleague, skill=welding, level=3)
    SkillRating.objects.create(employee=colleague, skill=safety, level=3)
    SkillRating.objects.create(employee=org.inspector_emp, skill=measuring, level=3)
    rows = _rows("gaps", users["hr"])
    assert rows[org.stamping.name][1:] == [2, 1, 1, 1]
    assert rows[org.quality.name][1:] == [2, 1, 1, 0]  # 钱自助 not rated on measuring
    assert rows[org.production.name][1:] == [1, 0, 0, 0]


# --- the same queries whatever the data ---------------------------------------------------------------------------


def _grow(org, template, skills, n):
    """n more people in each of stamping and quality, each trained, graded and rated (one of them with a gap)."""
    cycle = Cycle.objects.filter(name="2026年上半年").first() or _cycle()
    items = _plan([(org.stamping, n), (org.quality, n)]) if not TrainingPlan.objects.exists() else []
    for position in (org.stamper, org.inspector):
        for k in range(n):
            employee = EmployeeFactory(position=position)
            _attend(_session(2, plan_item=items[k] if items else None), employee)
            _sheet(cycle, employee, template, "ABCD"[k % 4])
            SkillRating.objects.create(employee=employee, skill=skills[0 if position == org.stamper else 2], level=1)


@pytest.mark.parametrize("code", NEW)
@pytest.mark.parametrize("who", ["hr", "head"])
def test_the_reports_keep_their_queries_whatever_the_data(
    users, login, org, template, skills, code, who, django_assert_max_num_queries
):
    """Within the benchmark's detail budget, and no more queries for ten times the data."""
    client = login(users[who])
    url = reverse("reports:report_detail", args=[code])
    _grow(org, template, skills, 1)
    client.get(url)
    with django_assert_max_num_queries(BUDGETS["detail"][0]) as few:
        client.get(url)
    _grow(org, template, skills, 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
    for name in ("report_xlsx", "report_pdf"):
        client.get(reverse(f"reports:{name}", args=[code]))
        with django_assert_max_num_queries(BUDGETS["detail"][0]):
            client.get(reverse(f"reports:{name}", args=[code]))
