import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from approvals.selectors import latest_request_for
from confidentiality import selectors, services
from confidentiality.models import ConfidentialityEvent, CopyStatus, DocumentStatus, EventKind, Grant
from core.errors import error_codes
from core.security import SecrecyLevel

pytestmark = pytest.mark.django_db


def test_a_registered_document_waits_for_its_level_to_be_confirmed_by_the_owning_department_and_leader(company):
    from confidentiality.tests.conftest import register

    document = register(company, confirm=False)
    request = latest_request_for(document)

    assert document.status == DocumentStatus.PENDING
    assert [step.assigned_to for step in request.steps.order_by("index")] == [company.prod_manager, company.vp]
    assert str(request.subject_label).find(document.title) == -1
    company.approve(document)
    document.refresh_from_db()
    assert document.status == DocumentStatus.CLASSIFIED
    assert list(document.copies.values_list("number", flat=True)) == [1, 2, 3]


def test_issue_acknowledge_and_return_a_copy_writes_the_register_and_events(company, make_document):
    document = make_document()
    copy = document.copies.get(number=1)

    issue = services.copy_issue(copy=copy, recipient=company.reader, by=company.keeper)
    services.issue_acknowledge(issue=issue, by=company.reader)

    assert list(selectors.copies_held_by(company.reader)) == [copy]
    assert selectors.can_read_document(company.reader, document)
    services.return_copy(copy=copy, by=company.keeper)
    copy.refresh_from_db()
    assert copy.status == CopyStatus.IN_STORE and copy.holder is None
    assert list(selectors.copies_held_by(company.reader)) == []
    kinds = list(ConfidentialityEvent.objects.filter(document=document).values_list("kind", flat=True))
    assert {EventKind.ISSUED, EventKind.ACKNOWLEDGED, EventKind.RETURNED} <= set(kinds)


def test_a_copy_never_passes_sideways(company, make_document):
    document = make_document()
    copy = document.copies.get(number=1)
    services.copy_issue(copy=copy, recipient=company.reader, by=company.keeper)

    with pytest.raises(ValidationError) as excinfo:
        services.copy_issue(copy=copy, recipient=company.cleared, by=company.keeper)

    assert "copy_not_in_store" in error_codes(excinfo.value)


def test_only_the_recipient_signs_for_a_copy(company, make_document):
    document = make_document()
    issue = services.copy_issue(copy=document.copies.first(), recipient=company.reader, by=company.keeper)

    with pytest.raises(Exception) as excinfo:
        services.issue_acknowledge(issue=issue, by=company.cleared)

    assert "not_recipient" in error_codes(excinfo.value)


def test_a_copy_is_not_issued_above_the_recipients_clearance(company, make_document):
    document = make_document(level=SecrecyLevel.CONFIDENTIAL)

    with pytest.raises(ValidationError) as excinfo:
        services.copy_issue(copy=document.copies.first(), recipient=company.reader, by=company.keeper)

    assert "recipient_not_cleared" in error_codes(excinfo.value)


def test_access_request_approved_by_owning_department_manager_gives_a_time_limited_grant(company, make_document):
    document = make_document(department=company.finance)
    until = timezone.localdate() + datetime.timedelta(days=10)

    access = services.access_request_submit(number=document.number, by=company.reader, reason="审计", until=until)
    request = latest_request_for(access)
    assert [s.assigned_to for s in request.steps.all()] == [company.fin_manager]
    assert document.title not in request.subject_label and document.number not in request.subject_label
    company.approve(access)

    assert selectors.can_read_document(company.reader, document)
    assert not selectors.can_read_document(company.reader, document, today=until + datetime.timedelta(days=1))
    assert services.grants_expire(until + datetime.timedelta(days=1)) == 1
    assert Grant.objects.get().ended_at is not None


def test_top_secret_access_goes_to_the_vice_president(company, make_document):
    document = make_document(level=SecrecyLevel.TOP_SECRET)
    until = timezone.localdate() + datetime.timedelta(days=5)

    access = services.access_request_submit(number=document.number, by=company.top, reason="投标", until=until)

    assert [s.assigned_to for s in latest_request_for(access).steps.all()] == [company.vp]


def test_asking_for_a_document_above_clearance_looks_like_asking_for_one_that_does_not_exist(company, make_document):
    document = make_document(level=SecrecyLevel.CONFIDENTIAL)
    until = timezone.localdate() + datetime.timedelta(days=5)

    with pytest.raises(ValidationError) as above:
        services.access_request_submit(number=document.number, by=company.reader, reason="x", until=until)
    with pytest.raises(ValidationError) as missing:
        services.access_request_submit(number="NO-SUCH", by=company.reader, reason="x", until=until)

    assert error_codes(above.value) == error_codes(missing.value) == {"document_unknown"}
    assert above.value.messages == missing.value.messages


def test_approved_print_request_takes_the_next_copy_numbers_and_issues_them(company, make_document):
    document = make_document(copies=2)
    services.copy_issue(copy=document.copies.get(number=1), recipient=company.reader, by=company.keeper)
    due = timezone.localdate() + datetime.timedelta(days=7)

    reproduction = services.reproduction_submit(
        document=document, by=company.reader, kind="print", copies=2, reason="会议", return_due=due
    )
    company.approve(reproduction)

    assert sorted(c.number for c in selectors.copies_held_by(company.reader)) == [1, 3, 4]


def test_approved_disclosure_is_logged_like_a_copy(company, make_document):
    document = make_document(copies=1)
    services.copy_issue(copy=document.copies.get(number=1), recipient=company.reader, by=company.keeper)

    disclosure = services.disclosure_submit(
        document=document,
        by=company.reader,
        recipient_organisation="客户A",
        what="价格表",
        why="审核",
        agreement="NDA-2026-01",
    )
    assert [s.assigned_to for s in latest_request_for(disclosure).steps.all()] == [company.gm]
    company.approve(disclosure)
    disclosure.refresh_from_db()

    assert disclosure.copy.number == 2 and disclosure.copy.status == CopyStatus.DISCLOSED
    assert ConfidentialityEvent.objects.filter(kind=EventKind.DISCLOSED, copy=disclosure.copy).exists()


def test_top_secret_upload_is_refused_in_plain_words_unless_the_policy_allows_it(company, make_document):
    from confidentiality.models import Policy
    from confidentiality.tests.conftest import pdf_upload

    document = make_document(level=SecrecyLevel.TOP_SECRET)
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        services.document_attach_file(document=document, upload=pdf_upload(), by=company.keeper)
    assert "top_secret_physical_only" in error_codes(excinfo.value)
    with translation.override("en"):
        assert "physical copies only" in excinfo.value.messages[0]

    Policy.objects.update_or_create(pk=1, defaults={"top_secret_files_allowed": True})
    services.document_attach_file(document=document, upload=pdf_upload(), by=company.keeper)
    assert document.file


def test_files_are_encrypted_at_rest(company, make_document):
    from confidentiality.tests.conftest import pdf_upload

    document = make_document()
    services.document_attach_file(document=document, upload=pdf_upload(), by=company.keeper)

    with document.file.open("rb") as handle:
        stored = handle.read()
    assert not stored.startswith(b"%PDF")


def test_non_pdf_upload_is_refused(company, make_document):
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = make_document()
    upload = SimpleUploadedFile("plan.png", b"\x89PNG\r\n\x1a\n0000", content_type="image/png")

    with pytest.raises(ValidationError) as excinfo:
        services.document_attach_file(document=document, upload=upload, by=company.keeper)

    assert "type" in error_codes(excinfo.value)


def test_declassification_and_march_destruction_register(company, make_document):
    today = timezone.localdate()
    document = make_document(declassify_on=today + datetime.timedelta(days=1))

    assert services.documents_declassify(today + datetime.timedelta(days=1)) == 1
    document.refresh_from_db()
    assert document.status == DocumentStatus.DECLASSIFIED
    assert services.destruction_list(datetime.date(today.year + 1, 2, 1)) == []
    (entry,) = services.destruction_list(datetime.date(today.year + 1, 3, 1))
    with pytest.raises(ValidationError):
        services.destruction_record(destruction=entry, by=company.keeper, witness=company.keeper, method="粉碎")
    services.destruction_record(destruction=entry, by=company.keeper, witness=company.officer, method="粉碎")
    document.refresh_from_db()
    assert document.status == DocumentStatus.DESTROYED
    assert ConfidentialityEvent.objects.filter(kind=EventKind.DESTROYED, document=document).exists()


def test_owner_extends_the_period(company, make_document):
    document = make_document()
    later = document.declassify_on + datetime.timedelta(days=100)

    services.document_extend(document=document, by=company.prod_manager, declassify_on=later)

    document.refresh_from_db()
    assert document.declassify_on == later
    with pytest.raises(Exception) as excinfo:
        services.document_extend(document=document, by=company.reader, declassify_on=later + datetime.timedelta(1))
    assert "not_owner" in error_codes(excinfo.value)


def test_revoked_grant_stops_reading(company, make_document):
    document = make_document()
    grant = services.grant_create(
        document=document,
        user=company.reader,
        until=timezone.localdate() + datetime.timedelta(days=3),
        by=company.keeper,
    )
    assert selectors.can_read_document(company.reader, document)

    services.grant_revoke(grant=grant, by=company.prod_manager, reason="项目结束")

    assert not selectors.can_read_document(company.reader, document)


def test_keeper_handover_transfers_custody_when_both_sides_sign(company, make_user, make_document):
    from core import roles

    document = make_document()
    successor = make_user("keeper2", roles=[roles.RECORDS_KEEPER], clearance=SecrecyLevel.TOP_SECRET)

    handover = services.handover_create(by=company.keeper, to_keeper=successor)
    services.handover_sign(handover=handover, by=company.keeper)
    assert document.copies.filter(custodian=successor).count() == 0
    services.handover_sign(handover=handover, by=successor)

    assert document.copies.filter(custodian=successor).count() == 3
