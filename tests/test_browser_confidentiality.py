"""A secret document's life in Chromium: the records keeper registers it with its PDF, issues copy No. 1, the
holder signs for it; another user asks for access, the owning department's manager approves from the inbox, the
user reads the watermarked file — and once the grant has expired (the daily sweep run on a later date) the
document answers 404."""

import datetime
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.utils import timezone

from confidentiality import services
from confidentiality.models import Document, Grant, Issue
from confidentiality.tests.conftest import build_company, pdf_bytes
from tests.browser import log_in
from tests.pickers import pick


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_secret_document_register_issue_access_watermark_expiry(browser_page, live_server, make_user):
    company = build_company(make_user)
    page = browser_page
    today = timezone.localdate()

    # The records keeper registers a secret document with its electronic file.
    log_in(page, live_server, "keeper")
    page.goto("/confidentiality/")
    page.click("#register-document")
    page.fill("#id_number", "MM-2026-088")
    page.fill("#id_title", "冲压线工艺参数配置表")
    page.select_option("#id_level", "2")
    page.select_option("#id_owning_department", str(company.production.pk))
    page.fill("#id_declassify_on", (today + datetime.timedelta(days=365)).isoformat())
    page.fill("#id_copies_count", "2")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "参数表.pdf"
        path.write_bytes(pdf_bytes(2, "Parameter sheet"))
        page.set_input_files("#id_upload", str(path))
        page.click("#conf-form button[type=submit]")
        page.wait_for_selector("#document-title")
    document = Document.objects.get(number="MM-2026-088")
    assert document.file and document.status == "pending"
    company.approve(document)  # the owning department proposes, the responsible leader confirms (flow tests)

    # Copy No. 1 goes to the production reader, who signs for it.
    page.goto(f"/confidentiality/{document.pk}/")
    page.click("#copy-1 a.btn")
    pick(page, "recipient", "reader")
    page.click("#conf-form button[type=submit]")
    page.wait_for_selector("#issue-table")
    assert "Li Reader" in page.inner_text("#issue-table") or "LiReader" in page.inner_text("#issue-table")
    log_in(page, live_server, "reader")
    page.goto("/confidentiality/mine/")
    issue = Issue.objects.get()
    page.click(f"#acknowledge-{issue.pk}")
    page.wait_for_selector("#my-copies")
    issue.refresh_from_db()
    assert issue.acknowledged_at is not None

    # A cleared finance employee who is not on the list asks for access; the document is out of their reach.
    log_in(page, live_server, "cleared")
    response = page.goto(f"/confidentiality/{document.pk}/")
    assert response.status == 404
    page.goto("/confidentiality/access/new/")
    page.fill("#id_number", "MM-2026-088")
    page.fill("#id_reason", "核算冲压线成本需要参数")
    until = today + datetime.timedelta(days=5)
    page.fill("#id_until", until.isoformat())
    page.click("#conf-form button[type=submit]")
    page.wait_for_selector("#subject-status")
    assert "冲压线工艺参数配置表" not in page.content()

    # The production manager approves from the inbox.
    log_in(page, live_server, "prod_manager")
    page.goto("/approvals/")
    page.click("#approval-inbox a.btn")
    page.check("input[name=decision][value=approve]")
    page.click("form:has(input[name=decision]) button[type=submit]")
    page.wait_for_load_state()
    assert Grant.objects.get().user == company.cleared

    # The reader of the grant reads the watermarked PDF.
    log_in(page, live_server, "cleared")
    page.goto(f"/confidentiality/{document.pk}/")
    assert "冲压线工艺参数配置表" in page.inner_text("#document-title")
    response = page.request.get(f"/confidentiality/{document.pk}/file/?download=1")
    assert response.status == 200
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "read.pdf"
        path.write_bytes(response.body())
        for number in (1, 2):
            text = subprocess.run(
                ["pdftotext", "-f", str(number), "-l", str(number), str(path), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            assert "E07002" in text and "cleared" in text and f"{today:%Y-%m-%d}" in text

    # The grant expires: the daily sweep on a later date ends it, and the document is out of reach again.
    services.grants_expire(until + datetime.timedelta(days=1))
    response = page.goto(f"/confidentiality/{document.pk}/")
    assert response.status == 404
    assert page.request.get(f"/confidentiality/{document.pk}/file/").status == 404
