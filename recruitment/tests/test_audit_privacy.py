"""The audit trail never holds a candidate's personal data (PIPL): the trail cannot be changed (append-only), so
once the candidate is anonymised nothing in it may still name them. The entries name the records by key, and the
audit page still lists them under that key."""

import json

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.privacy import record_label
from recruitment import services
from recruitment.models import Application, Candidate, Offer

from .factories import OFFER_TERMS, approve_all, id_number
from .test_services import _ready_application

NAME = "欧阳娜娜"
PHONE = "13912345678"
EMAIL = "ouyang.nana@example.com"
ID_NUMBER = id_number(9)
SCHOOL = "南京大学 机械工程"


def _entry_texts():
    for entry in LogEntry.objects.all():
        yield (
            entry,
            " ".join(
                [
                    entry.object_repr or "",
                    entry.changes_text or "",
                    json.dumps(entry.changes, ensure_ascii=False, default=str),
                    json.dumps(entry.additional_data, ensure_ascii=False, default=str),
                    json.dumps(entry.serialized_data, ensure_ascii=False, default=str),
                ]
            ),
        )


def _leaks(values) -> list[tuple[str, str]]:
    return [
        (f"{entry.content_type.model} #{entry.object_pk}", value)
        for entry, text in _entry_texts()
        for value in values
        if value in text
    ]


@pytest.fixture
def candidate_history(company, approved_requisition, make_candidate, client, private_storage):
    """A candidate created with a resume, edited, viewed, interviewed and offered, who then declines."""
    candidate = make_candidate(
        name=NAME,
        phone=PHONE,
        email=EMAIL,
        school="南京大学",
        work_experience=f"{NAME} 2019–2024 某机械厂 装配工",
        expected_salary="6500",
        resume=SimpleUploadedFile(f"{NAME}简历.pdf", b"%PDF-1.4 resume", content_type="application/pdf"),
    )
    services.candidate_update(candidate=candidate, by=company.hr, school=SCHOOL, id_number=ID_NUMBER)
    client.force_login(company.hr_manager)
    assert client.get(reverse("recruitment:candidate_resume", args=[candidate.pk])).status_code == 200
    assert client.get(reverse("recruitment:candidate_detail", args=[candidate.pk])).status_code == 200
    application = _ready_application(company, approved_requisition, candidate)
    offer = services.offer_create(
        application=application, by=company.hr, **{**OFFER_TERMS, "conditions": f"{NAME} 须通过岗前培训"}
    )
    offer = services.offer_submit(offer=offer, by=company.hr, comment=f"{NAME} 的录用审批")
    approve_all(offer, comment=f"同意录用{NAME}")
    offer.refresh_from_db()
    services.offer_decline(offer=offer, by=company.hr, reason=f"{NAME} 已接受其他公司")
    return candidate, application, offer


def test_the_trail_holds_none_of_the_candidates_personal_data(candidate_history, company):
    candidate, application, offer = candidate_history
    personal = [NAME, PHONE, EMAIL, ID_NUMBER, ID_NUMBER[-4:] + "", "南京大学", "6500"]
    # The trail recorded the whole history: creation, the edit, the resume download, the ID number view, the
    # application, the interview, the offer and its approval.
    trail = LogEntry.objects.filter(content_type__app_label="recruitment")
    assert trail.filter(content_type__model="candidate", action=LogEntry.Action.CREATE).exists()
    assert trail.filter(content_type__model="candidate", action=LogEntry.Action.UPDATE).exists()
    assert trail.filter(content_type__model="candidate", action=LogEntry.Action.ACCESS).count() == 2
    assert trail.filter(content_type__model="interview").exists()
    assert trail.filter(content_type__model="offer").exists()
    assert LogEntry.objects.filter(content_type__app_label="approvals", content_type__model="request").exists()
    assert _leaks(personal[:4]) == []

    services.candidate_anonymise(candidate=candidate, by=company.hr_manager)

    assert _leaks(personal) == []
    assert _leaks([f"{NAME}简历"]) == []


def test_the_entries_name_the_records_by_key(candidate_history):
    candidate, application, offer = candidate_history
    label = record_label(Candidate, candidate.pk)
    reprs = set(LogEntry.objects.get_for_object(candidate).values_list("object_repr", flat=True))
    assert reprs == {label}
    for model, obj in ((Application, application), (Offer, offer)):
        for text in LogEntry.objects.get_for_object(obj).values_list("object_repr", flat=True):
            assert text.endswith(label) and record_label(model, obj.pk) in text
    # What changed is still said, not what it became.
    created = LogEntry.objects.get_for_object(candidate).get(action=LogEntry.Action.CREATE)
    assert created.changes["name"][1] == "***"
    assert created.changes["source_channel"][1] == "online"


def test_the_audit_page_still_lists_the_candidates_entries(candidate_history, company, client):
    candidate, _application, _offer = candidate_history
    services.candidate_anonymise(candidate=candidate, by=company.hr_manager)
    client.force_login(company.hr_manager)
    response = client.get(reverse("audit:entry_list"), {"object": str(candidate.pk)})
    assert response.status_code == 200
    rows = [row for row in response.context["rows"] if row.object_repr == record_label(Candidate, candidate.pk)]
    assert len(rows) >= 4
    assert {row.url for row in rows} == {candidate.get_absolute_url()}
    assert f'href="{candidate.get_absolute_url()}"' in response.content.decode()
    assert NAME not in response.content.decode()
    assert Candidate.objects.get(pk=candidate.pk).is_anonymised
