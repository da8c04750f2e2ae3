"""Pages per role, allowed and forbidden; lists constant in queries; the forms say what is wrong."""

import datetime

import pytest
from django.urls import reverse

from performance import services
from performance.models import KpiTemplate, SheetStatus

from .conftest import LOW_VALUES, sheet_of, to_locked, values_for

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"performance:{name}", args=args)


def test_the_employee_sees_only_their_own_sheets(opened, login):
    co = opened
    client = login(co.worker)
    response = client.get(url("sheet_list"))
    assert response.status_code == 200
    assert "张工" in response.content.decode() and "操作工0" not in response.content.decode()
    assert client.get(url("sheet_detail", sheet_of(co, co.others[0]).pk)).status_code == 404
    assert client.get(url("sheet_pdf", sheet_of(co, co.others[0]).pk)).status_code == 404
    assert client.get(url("cycle_list")).status_code == 404
    assert client.get(url("template_list")).status_code == 404
    assert client.get(url("cycle_summary", co.cycle.pk)).status_code == 403


def test_the_head_sees_their_department_and_not_another(opened, login):
    co = opened
    client = login(co.prod_head)
    assert client.get(url("sheet_detail", sheet_of(co, co.worker_employee).pk)).status_code == 200
    assert client.get(url("sheet_detail", sheet_of(co, co.inspector).pk)).status_code == 404
    qa = login(co.qa_head)
    assert qa.get(url("sheet_goals", sheet_of(co, co.worker_employee).pk)).status_code == 404
    assert qa.get(url("sheet_goals", sheet_of(co, co.inspector).pk)).status_code == 200


def test_the_gm_reads_everything_and_changes_nothing(opened, login):
    co = opened
    client = login(co.gm)
    sheet = sheet_of(co, co.worker_employee)
    assert client.get(url("sheet_detail", sheet.pk)).status_code == 200
    assert client.get(url("cycle_summary", co.cycle.pk)).status_code == 200
    assert client.get(url("sheet_goals", sheet.pk)).status_code == 403
    assert client.post(url("cycle_open", co.cycle.pk)).status_code == 403
    assert client.get(url("template_create")).status_code == 403
    assert client.post(url("grade_table"), {}).status_code == 403


def test_the_score_is_hidden_from_the_employee_until_released(opened, login):
    co = opened
    sheet = sheet_of(co, co.worker_employee)
    services.sheet_agree_goals(sheet=sheet, by=co.prod_head)
    services.sheet_self_assess(sheet=sheet, by=co.worker, values={})
    services.sheet_score(sheet=sheet, by=co.prod_head, values=values_for(sheet, LOW_VALUES))
    client = login(co.worker)
    page = client.get(url("sheet_detail", sheet.pk)).content.decode()
    assert 'id="sheet-result-hidden"' in page and "66.5" not in page
    assert "66.5" not in client.get(url("sheet_list")).content.decode()
    services.sheet_release(sheet=sheet, by=co.hr)
    page = client.get(url("sheet_detail", sheet.pk)).content.decode()
    assert "66.5" in page


def test_the_head_scores_through_the_form(opened, login):
    co = opened
    sheet = sheet_of(co, co.worker_employee)
    services.sheet_agree_goals(sheet=sheet, by=co.prod_head)
    services.sheet_self_assess(sheet=sheet, by=co.worker, values={})
    client = login(co.prod_head)
    data = {"comment": "按月度数据"}
    for item in sheet.items.all():
        actual, score = LOW_VALUES[item.name]
        if score is not None:
            data[f"score_{item.pk}"] = score
        else:
            data[f"actual_{item.pk}"] = actual
    response = client.post(url("sheet_score", sheet.pk), data)
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert (sheet.status, str(sheet.total), sheet.grade) == (SheetStatus.INTERVIEW, "66.5", "C")
    # Posting again: the step is done, refused.
    assert client.post(url("sheet_score", sheet.pk), data).status_code == 403


def test_the_template_form_says_the_weights_must_add_up(co, login):
    client = login(co.hr)
    data = {
        "name": "检验员KPI",
        "position": co.qa_post.pk,
        "category": "",
        "ind-TOTAL_FORMS": "2",
        "ind-INITIAL_FORMS": "0",
        "ind-0-name": "准确率",
        "ind-0-rule": "manual",
        "ind-0-weight": "60",
        "ind-1-name": "及时率",
        "ind-1-rule": "manual",
        "ind-1-weight": "30",
    }
    response = client.post(url("template_create"), data)
    assert response.status_code == 200
    assert "90%" in response.content.decode() and 'id="weights-error"' in response.content.decode()
    data["ind-1-weight"] = "40"
    response = client.post(url("template_create"), data)
    assert response.status_code == 302
    assert KpiTemplate.objects.filter(position=co.qa_post, version=1).exists()


def test_the_cycle_is_created_and_opened_from_the_pages(co, login):
    client = login(co.hr)
    today = datetime.date.today()
    response = client.post(
        url("cycle_create"),
        {
            "name": "2027年1月",
            "period_type": "monthly",
            "start_date": today.isoformat(),
            "end_date": (today + datetime.timedelta(days=30)).isoformat(),
            "self_assessment": "",
            "scoring_deadline": (today + datetime.timedelta(days=35)).isoformat(),
            "departments": [co.quality.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    cycle = type(co.cycle).objects.get(name="2027年1月")
    response = client.post(url("cycle_open", cycle.pk), follow=True)
    assert "1" in response.content.decode()
    assert list(cycle.sheets.values_list("employee__name", flat=True)) == ["检验员甲"]


def test_sheet_list_queries_do_not_grow_with_rows(opened, login, django_assert_max_num_queries):
    co = opened
    client = login(co.hr)
    with django_assert_max_num_queries(12):
        assert client.get(url("sheet_list")).status_code == 200
    for name in ("cycle_list", "template_list", "grade_table"):
        with django_assert_max_num_queries(12):
            assert client.get(url(name)).status_code == 200


def test_every_page_renders_for_hr(opened, login):
    co = opened
    sheet = to_locked(co, sheet_of(co, co.worker_employee))
    services.plan_create(
        sheet=sheet, by=co.hr, gap="产量不足", actions="培训", owner=co.prod_head, due_date=datetime.date.today()
    )
    client = login(co.hr)
    for path in (
        url("sheet_detail", sheet.pk),
        url("sheet_amend", sheet.pk),
        url("sheet_consequences", sheet.pk),
        url("plan_detail", sheet.pk),
        url("cycle_detail", co.cycle.pk),
        url("cycle_edit", co.cycle.pk) if co.cycle.status == "draft" else url("cycle_summary", co.cycle.pk),
        url("cycle_summary", co.cycle.pk) + f"?department={co.stamping.pk}",
        url("template_detail", co.template.pk),
        url("template_version", co.template.pk),
        url("cycle_create"),
        url("peer_list"),
    ):
        assert client.get(path).status_code == 200, path


def test_export_is_logged(opened, login):
    from auditlog.models import LogEntry

    co = opened
    client = login(co.hr)
    response = client.get(url("cycle_export", co.cycle.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert LogEntry.objects.filter(changes__icontains="export").exists()
    assert login(co.prod_head).get(url("cycle_export", co.cycle.pk)).status_code == 403


def test_the_plan_is_not_shown_to_the_employee_before_release(opened, login):
    co = opened
    sheet = sheet_of(co, co.worker_employee)
    services.sheet_agree_goals(sheet=sheet, by=co.prod_head)
    services.sheet_self_assess(sheet=sheet, by=co.worker, values={})
    services.sheet_score(sheet=sheet, by=co.prod_head, values=values_for(sheet, LOW_VALUES))
    services.plan_create(
        sheet=sheet, by=co.prod_head, gap="x", actions="y", owner=co.prod_head, due_date=datetime.date.today()
    )
    assert login(co.worker).get(url("plan_detail", sheet.pk)).status_code == 403
    assert login(co.prod_head).get(url("plan_detail", sheet.pk)).status_code == 200
