"""The roster in Chromium: HR picks columns, exports, edits the file, imports it with a mistake, reads the problem
in Chinese, fixes the file and imports it."""

import io
from pathlib import Path

import openpyxl
import pytest

from employees.models import Education, Employee
from tests.browser import log_in


def _upload(page, content: bytes):
    page.goto("/people/roster/")
    page.click("#roster-import")
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    page.set_input_files("#id_file", files=[{"name": "roster.xlsx", "mimeType": mime, "buffer": content}])
    page.click("#import-form button[type=submit]")


def _saved(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_hr_exports_edits_and_imports_the_roster(browser_page, live_server, users, org):
    page = browser_page
    log_in(page, live_server, "hr")
    with page.expect_navigation():  # the language switch submits itself: wait for it before going on
        page.select_option("select[name=language]", "en")
    page.goto("/people/roster/")
    page.click("#roster-columns summary")
    for key in ("gender", "birth_date", "id_number", "education", "hire_date", "employment_type", "status"):
        page.check(f"#col-{key}")
    page.uncheck("#col-phone")
    page.click("#roster-columns-save")
    page.wait_for_selector("#roster-table th:has-text('Education')")

    with page.expect_download() as download:
        page.click("#roster-export")
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    sheet = book.active
    headers = [cell.value for cell in sheet[1]]
    assert "Education" in headers and "ID number (居民身份证号)" in headers
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == org.worker.number)
    row[headers.index("Education")].value = "博士后"  # not a level the record knows

    with page.expect_navigation():
        page.select_option("select[name=language]", "zh-hans")
    _upload(page, _saved(book))
    problems = page.locator("#import-problems")
    problems.wait_for()
    assert "学历" in problems.inner_text() and "博士后" in problems.inner_text()

    row[headers.index("Education")].value = "本科"
    _upload(page, _saved(book))
    page.wait_for_selector("#job-ready")
    page.click("#confirm-import")
    page.wait_for_selector("#job-done")
    assert Employee.objects.get(pk=org.worker.pk).education == Education.BACHELOR
