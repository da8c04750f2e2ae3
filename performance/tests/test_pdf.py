"""The printed forms: KPI考核表 with its steps, 绩效改进计划, the department summary with its chart; Chinese font
embedded, the form's name and the content in the text."""

import datetime

import pytest
from django.urls import reverse

from performance import services

from .conftest import sheet_of, to_locked

pytestmark = pytest.mark.django_db


@pytest.fixture
def locked(opened):
    co = opened
    sheet = to_locked(co, sheet_of(co, co.worker_employee))
    services.plan_create(
        sheet=sheet,
        by=co.hr,
        gap="冲压产量不足",
        actions="师带徒两个月",
        owner=co.prod_head,
        due_date=datetime.date.today(),
    )
    return co, sheet


def _fonts_embedded(poppler, pdf):
    fonts = poppler.fonts(pdf)
    assert fonts and all(f.embedded for f in fonts)


def test_the_kpi_sheet_prints_with_its_steps(locked, login, poppler):
    co, sheet = locked
    response = login(co.hr).get(reverse("performance:sheet_pdf", args=[sheet.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content) if response.streaming else response.content
    _fonts_embedded(poppler, pdf)
    text = poppler.text(pdf)
    for expected in ("KPI考核表", "张工", "产量达成率", "66.5", "面谈：产量需提升", "prod_head"):
        assert expected in text, expected


def test_the_improvement_plan_prints(locked, login, poppler):
    co, sheet = locked
    response = login(co.prod_head).get(reverse("performance:plan_pdf", args=[sheet.pk]))
    assert response.status_code == 200
    text = poppler.text(response.content)
    _fonts_embedded(poppler, response.content)
    assert "绩效改进计划" in text and "师带徒两个月" in text and "冲压产量不足" in text


def test_the_department_summary_prints_with_its_chart(locked, login, poppler):
    co, _sheet = locked
    response = login(co.hr).get(reverse("performance:cycle_summary_pdf", args=[co.cycle.pk]))
    assert response.status_code == 200
    text = poppler.text(response.content)
    _fonts_embedded(poppler, response.content)
    assert "部门绩效等级分布汇总表" in text and "冲压课" in text and "强制分布" in text


def test_the_employee_print_hides_an_unreleased_score(opened, login, poppler):
    from performance.models import SheetStatus

    co = opened
    sheet = sheet_of(co, co.worker_employee)
    sheet.status = SheetStatus.INTERVIEW
    sheet.total = 55
    sheet.grade = "D"
    sheet.save()
    text = poppler.text(login(co.worker).get(reverse("performance:sheet_pdf", args=[sheet.pk])).content)
    assert "KPI考核表" in text and "55.0" not in text and "总分" not in text
