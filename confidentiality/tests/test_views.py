"""Pages per role: the records keeper registers and issues, the holder signs, readers read the watermarked file,
and anyone out of reach gets 404 — never a 403 that would confirm the document exists."""

import datetime
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.services import Access
from confidentiality import services
from confidentiality.models import ConfidentialityEvent, Document, EventKind, Issue
from confidentiality.tests.conftest import pdf_upload
from core.security import SecrecyLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(make_document):
    return make_document()


def test_keeper_registers_a_document_through_the_form(company, login):
    client = login(company.keeper)
    today = timezone.localdate()
    response = client.post(
        reverse("confidentiality:document_create"),
        {
            "number": "MJ-9",
            "title": "投标方案",
            "level": SecrecyLevel.SECRET,
            "owning_department": company.production.pk,
            "classified_on": today,
            "declassify_on": today + datetime.timedelta(days=200),
            "carrier": "both",
            "pages": 12,
            "copies_count": 2,
            "upload": pdf_upload(),
        },
    )
    document = Document.objects.get(number="MJ-9")
    assert response.status_code == 302
    assert document.file and document.copies.count() == 2 and document.status == "pending"


def test_employee_cannot_open_the_register_form(company, login):
    assert login(company.reader).get(reverse("confidentiality:document_create")).status_code == 403


def test_document_pages_answer_404_out_of_reach(company, login, document):
    services.document_attach_file(document=document, upload=pdf_upload(), by=company.keeper)
    client = login(company.reader)
    for name in (
        "document_detail",
        "document_file",
        "document_edit",
        "reproduction_create",
        "disclosure_create",
        "distribution_register_pdf",
    ):
        assert client.get(reverse(f"confidentiality:{name}", args=[document.pk])).status_code == 404, name
    copy = document.copies.first()
    assert client.get(reverse("confidentiality:copy_issue", args=[copy.pk])).status_code == 404


def test_holder_signs_for_a_copy_and_reads_the_watermarked_file(company, login, document, tmp_path):
    services.document_attach_file(document=document, upload=pdf_upload(pages=3), by=company.keeper)
    copy = document.copies.get(number=2)
    issue = services.copy_issue(copy=copy, recipient=company.reader, by=company.keeper)
    client = login(company.reader)

    page = client.get(reverse("confidentiality:my_copies"))
    assert document.title in page.content.decode()
    client.post(reverse("confidentiality:issue_acknowledge", args=[issue.pk]))
    issue.refresh_from_db()
    assert issue.acknowledged_at is not None

    response = client.get(reverse("confidentiality:document_file", args=[document.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "read.pdf"
    path.write_bytes(response.content)
    pages = [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        for n in (1, 2, 3)
    ]
    for text in pages:
        assert "Li Reader" in text or "LiReader" in text.replace(" ", "")
        assert "E07001" in text
        assert "2" in text  # the copy number
        assert timezone.localtime().strftime("%Y-%m-%d") in text
    assert "Plan page 1" in pages[0] and "Plan page 3" in pages[2]
    assert ConfidentialityEvent.objects.filter(kind=EventKind.VIEWED, actor=company.reader, document=document).exists()
    from auditlog.models import LogEntry

    assert LogEntry.objects.filter(actor=company.reader, changes__icontains=Access.VIEW).exists()


def test_download_is_logged_as_download(company, login, document):
    services.document_attach_file(document=document, upload=pdf_upload(pages=1), by=company.keeper)
    client = login(company.keeper)

    response = client.get(reverse("confidentiality:document_file", args=[document.pk]) + "?download=1")

    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert ConfidentialityEvent.objects.filter(kind=EventKind.DOWNLOADED, actor=company.keeper).exists()


def test_keeper_issues_and_checks_in_through_the_pages(company, login, document):
    client = login(company.keeper)
    copy = document.copies.get(number=1)
    due = timezone.localdate() + datetime.timedelta(days=5)

    response = client.post(
        reverse("confidentiality:copy_issue", args=[copy.pk]), {"recipient": company.reader.pk, "return_due": due}
    )
    assert response.status_code == 302
    issue = Issue.objects.get(copy=copy)
    assert issue.recipient == company.reader and issue.return_due == due

    client.post(reverse("confidentiality:copy_return", args=[copy.pk]))
    issue.refresh_from_db()
    assert issue.returned_at is not None and issue.checked_in_by == company.keeper


def test_a_holder_cannot_check_a_copy_in_or_issue_it(company, login, document):
    copy = document.copies.get(number=1)
    services.copy_issue(copy=copy, recipient=company.reader, by=company.keeper)
    client = login(company.reader)

    assert client.post(reverse("confidentiality:copy_return", args=[copy.pk])).status_code == 403
    assert client.get(reverse("confidentiality:copy_issue", args=[copy.pk])).status_code == 403


def test_access_request_flow_through_the_pages(company, login, document):
    client = login(company.cleared)
    until = timezone.localdate() + datetime.timedelta(days=7)

    response = client.post(
        reverse("confidentiality:access_request_create"),
        {"number": document.number, "reason": "成本核算", "until": until},
    )
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert document.title not in detail
    from approvals.selectors import latest_request_for
    from confidentiality.models import AccessRequest

    access = AccessRequest.objects.get()
    step = latest_request_for(access).steps.get()
    manager = login(company.prod_manager)
    decide = manager.post(reverse("approvals:decide", args=[step.pk]), {"decision": "approve", "comment": ""})
    assert decide.status_code == 302
    client = login(company.cleared)
    assert client.get(document.get_absolute_url()).status_code == 200
    services.grants_expire(until + datetime.timedelta(days=1))
    assert client.get(document.get_absolute_url()).status_code == 404


def test_pdfs_print_with_the_chinese_form_name_and_embedded_font(company, login, document, tmp_path):
    services.copy_issue(copy=document.copies.first(), recipient=company.reader, by=company.keeper)
    services.documents_declassify(document.declassify_on)
    services.destruction_list(datetime.date(document.declassify_on.year + 1, 3, 2))
    client = login(company.keeper)
    for url, title in [
        (reverse("confidentiality:distribution_register_pdf", args=[document.pk]), "文件发放登记表"),
        (reverse("confidentiality:destruction_register_pdf"), "涉密文件销毁登记表"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / "form.pdf"
        path.write_bytes(response.content)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert title in text and document.number in text
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        assert "yes" in fonts.split("\n", 2)[2]


def test_access_request_pdf_prints_for_the_applicant_without_the_title(company, login, document, tmp_path):
    until = timezone.localdate() + datetime.timedelta(days=7)
    access = services.access_request_submit(number=document.number, by=company.cleared, reason="核算", until=until)

    response = login(company.cleared).get(reverse("confidentiality:access_request_pdf", args=[access.pk]))

    path = tmp_path / "a.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "涉密文件借阅审批表" in text and document.title not in text
    assert (
        login(company.uncleared).get(reverse("confidentiality:access_request_pdf", args=[access.pk])).status_code == 404
    )


def test_access_log_is_for_keepers_and_its_export_is_logged(company, login, document):
    assert login(company.reader).get(reverse("confidentiality:access_log")).status_code == 403
    client = login(company.keeper)
    page = client.get(reverse("confidentiality:access_log"), {"kind": "registered"})
    assert document.number in page.content.decode()

    response = client.get(reverse("confidentiality:access_log_export"))

    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    assert ConfidentialityEvent.objects.filter(kind=EventKind.EXPORTED, actor=company.keeper).exists()


def test_officer_below_top_secret_does_not_see_top_secret_events(company, login, make_document):
    top = make_document(level=SecrecyLevel.TOP_SECRET, number="JM-TOP", title="绝密投标价")
    page = login(company.officer).get(reverse("confidentiality:access_log")).content.decode()
    assert top.number not in page and top.title not in page


def test_every_page_answers_for_a_keeper(company, login, document):
    client = login(company.keeper)
    for name in (
        "document_list",
        "my_copies",
        "issue_list",
        "access_request_list",
        "access_request_create",
        "destruction_list",
        "handover_list",
        "access_log",
    ):
        assert client.get(reverse(f"confidentiality:{name}")).status_code == 200, name
    assert client.get(document.get_absolute_url()).status_code == 200


def test_list_page_queries_do_not_grow_with_rows(company, login, make_document, django_assert_max_num_queries):
    for n in range(8):
        make_document(number=f"Q-{n}", confirm=False)
    client = login(company.keeper)
    with django_assert_max_num_queries(14):
        client.get(reverse("confidentiality:document_list"))


def test_a_confirmed_level_cannot_be_edited(company, login, document):
    client = login(company.keeper)
    form = client.get(reverse("confidentiality:document_edit", args=[document.pk])).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["level"] = SecrecyLevel.CONFIDENTIAL
    data["title"] = "改名"

    client.post(reverse("confidentiality:document_edit", args=[document.pk]), data)

    document.refresh_from_db()
    assert document.title == "改名" and document.level == SecrecyLevel.SECRET
