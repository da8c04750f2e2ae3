"""The reports: a page with its chart, an xlsx file and a printed PDF each, scoped to the reader (the company for
HR and the general manager, their departments for heads, 403 for everyone else), exports and prints logged."""

import datetime
import io

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from employees.models import EmploymentType, LabourContract
from reports.reports import REPORTS
from tests.factories import EmployeeFactory

CODES = list(REPORTS)


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("who", ["hr", "gm"])
def test_hr_and_the_general_manager_read_every_report_as_page_file_and_print(users, login, org, code, who):
    client = login(users[who])
    page = client.get(reverse("reports:report_detail", args=[code]))
    assert page.status_code == 200 and b"data-chart" in page.content or b"report-table" in page.content
    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("reports:report_xlsx", args=[code])).content))
    assert book.active.max_column >= 2
    response = client.get(reverse("reports:report_pdf", args=[code]))
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("who", ["me", "outsider", "hr_uncleared"])
def test_only_readers_cleared_for_secret_data_read_the_contracts_report(users, login, who):
    client = login(users[who])
    for name in ("report_detail", "report_xlsx", "report_pdf"):
        assert client.get(reverse(f"reports:{name}", args=["contracts"])).status_code == 403


@pytest.mark.parametrize("who", ["me", "outsider"])
def test_an_employee_reads_no_report(users, login, who):
    client = login(users[who])
    assert client.get(reverse("reports:report_list")).status_code == 403
    assert client.get(reverse("reports:report_detail", args=["headcount"])).status_code == 403
    assert b"nav-reports" not in client.get(reverse("home")).content


def test_a_department_head_sees_only_their_departments(users, login, org):
    page = login(users["head"]).get(reverse("reports:report_detail", args=["headcount"])).content.decode()
    assert org.production.name in page and org.stamping.name in page and org.quality.name not in page


def test_headcount_against_authorised(users, org):
    org.stamper.authorised_headcount = 5
    org.stamper.save()
    rows = {r[0]: r for r in REPORTS["headcount"].build(users["hr"]).rows}
    assert rows[org.stamping.name][1:] == [1, 5, -4]


def test_hires_and_separations_by_month(users, org):
    today = timezone.localdate()
    EmployeeFactory(position=org.stamper, hire_date=today.replace(day=1))
    gone = EmployeeFactory(position=org.stamper, hire_date=today - datetime.timedelta(days=800))
    gone.status, gone.separated_on = "separated", today.replace(day=1)
    gone.save()
    last = REPORTS["turnover"].build(users["hr"]).rows[-1]
    assert last[0] == f"{today:%Y-%m}" and last[1] >= 1 and last[2] == 1 and last[4] > 0


def test_agency_share_per_department(users, org):
    EmployeeFactory(position=org.stamper, employment_type=EmploymentType.AGENCY, agency_name="某派遣公司")
    data = REPORTS["agency"].build(users["hr"])
    row = next(r for r in data.rows if r[0] == org.stamping.name)
    assert row[1:] == [2, 1, 50.0]
    assert "10" in data.note


def test_contracts_ending_and_not_signed(users, org):
    today = timezone.localdate()
    LabourContract.objects.create(
        employee=org.worker,
        number="C-END",
        contract_type="fixed",
        start_date=today - datetime.timedelta(days=700),
        end_date=today + datetime.timedelta(days=20),
        signed_on=today - datetime.timedelta(days=700),
    )
    rows = REPORTS["contracts"].build(users["hr"]).rows
    assert ["C-END"] == [r[3] for r in rows if r[3] == "C-END"]


def test_exports_and_prints_are_logged(users, login):
    client = login(users["hr"])
    before = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
    client.get(reverse("reports:report_xlsx", args=["agency"]))
    client.get(reverse("reports:report_pdf", args=["agency"]))
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count() == before + 2


def test_the_printed_report_has_its_chart_and_an_embedded_chinese_font(users, login, org, poppler):
    pdf = login(users["hr"]).get(reverse("reports:report_pdf", args=["headcount"])).content
    assert all(font.embedded for font in poppler.fonts(pdf))
    text = poppler.text(pdf)
    assert org.stamping.name in text and "编制" in text or org.stamping.name in text


def test_hr_and_gm_home_pages_show_the_key_charts(users, login):
    for who in ("hr", "gm"):
        page = login(users[who]).get(reverse("home")).content.decode()
        assert page.count('class="hrms-chart"') >= 2 and "echarts.min.js" in page
    assert "hrms-chart" not in login(users["me"]).get(reverse("home")).content.decode()


@pytest.mark.parametrize("code", CODES)
def test_reports_keep_their_queries_whatever_the_data(users, login, org, code, django_assert_max_num_queries):
    client = login(users["hr"])
    url = reverse("reports:report_detail", args=[code])
    client.get(url)
    with django_assert_max_num_queries(15) as few:
        client.get(url)
    EmployeeFactory.create_batch(10, position=org.inspector)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
