"""The candidate pool as an Excel file from the candidate list: HR only, the list's filter, Chinese titles and values,
the ID number and expected salary only for readers cleared for secret HR data, anonymised candidates left out,
every export in the audit trail; the file's titles are the ones the import reads back."""

import io

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import roles
from core.security import SecrecyLevel
from recruitment import services
from recruitment.models import Candidate

from .factories import id_number

pytestmark = pytest.mark.django_db

URL = reverse("recruitment:candidate_export")


def _sheet(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture
def pool(make_candidate):
    zhang = make_candidate(
        name="张伟强", gender="M", education="bachelor", id_number=id_number(1), expected_salary=6500
    )
    li = make_candidate(name="李娜", gender="F", source_channel="campus", talent_pool_consent=True)
    gone = make_candidate(name="王五")
    services.candidate_anonymise(candidate=gone)
    return zhang, li


def test_hr_exports_the_pool_in_chinese_with_the_secret_columns(company, login, pool):
    zhang, _li = pool
    rows = _sheet(login(company.hr).get(URL))
    assert [r["姓名"] for r in rows] == ["李娜", "张伟强"]  # newest first, the anonymised candidate left out
    row = rows[1]
    shown = (row["性别"], row["学历"], row["居民身份证号"], row["来源渠道"])
    assert shown == ("男", "本科", zhang.id_number, "网上招聘")
    assert float(row["期望薪资（月薪，元）"]) == 6500
    assert rows[0]["同意保留在人才库中"] == "是" and row["同意保留在人才库中"] == "否"
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS, actor=company.hr)
    assert "2" in entry.object_repr and "姓名" in str(entry.changes)


def test_hr_without_secret_clearance_gets_no_id_number_or_salary_column(company, login, make_user, pool):
    clerk = make_user("hr_clerk", roles=[roles.HR], clearance=SecrecyLevel.INTERNAL)
    rows = _sheet(login(clerk).get(URL))
    assert len(rows) == 2
    assert "居民身份证号" not in rows[0] and "期望薪资（月薪，元）" not in rows[0]
    assert pool[0].id_number not in str(rows)


def test_the_export_follows_the_lists_filter_pinyin_included(company, login, pool):
    client = login(company.hr)
    assert [r["姓名"] for r in _sheet(client.get(URL, {"q": "zwq"}))] == ["张伟强"]
    assert [r["姓名"] for r in _sheet(client.get(URL, {"source_channel": "campus"}))] == ["李娜"]
    assert [r["姓名"] for r in _sheet(client.get(URL, {"q": pool[1].phone}))] == ["李娜"]


@pytest.mark.parametrize("who", ["prod_head", "gm", "pmc"])
def test_only_hr_exports_candidates(company, login, pool, who):
    assert login(getattr(company, who)).get(URL).status_code == 403
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_the_list_links_the_export_with_its_filter(company, login, pool):
    page = login(company.hr).get(reverse("recruitment:candidate_list"), {"q": "李"}).content.decode()
    assert 'id="candidates-export"' in page and "export.xlsx?q=%E6%9D%8E" in page


def test_the_exported_file_reads_back_in_the_import_which_refuses_the_same_people_twice(company, login, pool):
    """The titles are the import's: a file exported and sent back is checked row by row, and the people in it are
    already in the pool, so the preview names the duplicate phone, not an unknown column."""
    client = login(company.hr)
    book = openpyxl.load_workbook(io.BytesIO(client.get(URL).content))
    sheet = book.active
    sheet.cell(row=1, column=sheet.max_column + 1, value="consent")
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=sheet.max_column, value="是")
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("candidates.xlsx", buffer.getvalue())
    response = client.post(reverse("recruitment:candidate_import"), {"file": upload, "check": "1"})
    report = response.context["report"]
    assert not report.ok and {p.column for p in report.problems} >= {"phone"}
    assert Candidate.objects.count() == 3
