"""Pre-hire self-registration (信息采集, issue 24): per token state (valid, unknown, expired, used, replaced)
and per role; the checklist task ticks itself when HR confirms."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.validators import build_id_number
from employees.models import DocumentKind
from onboarding import services
from onboarding.models import OnboardingTask, RegistrationLink

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _files():
    return {
        "cv": SimpleUploadedFile("cv.pdf", PDF, "application/pdf"),
        "id_copy": SimpleUploadedFile("id.pdf", PDF, "application/pdf"),
        "education_certificate": SimpleUploadedFile("edu.pdf", PDF, "application/pdf"),
    }


def _form(employee, **over):
    return {
        "id_number": employee.id_number,
        "phone": "13800138000",
        "email": "new@example.com",
        "address": "苏州市工业园区星湖街1号",
        "emergency_contact": "李四（配偶）",
        "emergency_phone": "13900139000",
        "education": "college",
        "confirm": "on",
        **over,
    }


@pytest.fixture
def sent(company, start_case):
    case = start_case(days_ago=-7)
    link, token = services.registration_link_send(case=case, by=company.hr)
    return case, link, token


def _url(token):
    return reverse("onboarding:register", args=[token])


def test_hr_sends_a_link_shown_once_with_a_qr_code_and_only_its_hash_is_stored(company, start_case, login):
    case = start_case(days_ago=-7)
    response = login(company.hr).post(reverse("onboarding:registration_send", args=[case.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    body = response.content.decode()
    token = re.search(r"/onboarding/register/([\w-]+)/", body).group(1)
    assert "<svg" in body and "<path" in body
    link = RegistrationLink.objects.get()
    assert token not in link.token_hash and link.token_hash == services.registration.token_hash(token)
    assert case.tasks.filter(code="registration_form", status=OnboardingTask.Status.OPEN).exists()


@pytest.mark.parametrize("who", ["prod_head", "outsider", "qa_head"])
def test_only_hr_sends_or_reviews_a_registration(company, start_case, login, who):
    case = start_case(days_ago=-7)
    client = login(getattr(company, who))
    assert client.post(reverse("onboarding:registration_send", args=[case.pk])).status_code in (403, 404)
    assert client.get(reverse("onboarding:registration_review", args=[case.pk])).status_code in (403, 404)
    assert not RegistrationLink.objects.exists()


def test_the_new_hire_registers_without_a_login_and_sees_only_their_own_name(sent, client):
    case, link, token = sent
    page = client.get(_url(token))
    assert page.status_code == 200
    body = page.content.decode()
    assert case.employee.name in body and case.employee.id_number not in body
    assert "生产主管" not in body  # nobody else's name on the page

    response = client.post(_url(token), {**_form(case.employee), **_files()})
    assert response.status_code == 200 and 'id="registration-done"' in response.content.decode(), response.context[
        "form"
    ].errors
    link.refresh_from_db()
    assert link.status == RegistrationLink.Status.SUBMITTED and link.data["phone"] == "13800138000"
    assert "id_number" not in link.data
    kinds = set(case.employee.documents.values_list("kind", flat=True))
    assert {DocumentKind.CV, DocumentKind.ID_COPY, DocumentKind.EDUCATION} <= kinds
    # HR is told.
    assert link.created_by.notifications.filter(kind="onboarding.registration_submitted").exists()


def test_the_link_works_once(sent, client):
    case, _link, token = sent
    client.post(_url(token), {**_form(case.employee), **_files()})
    again = client.get(_url(token))
    assert again.status_code == 410 and 'data-state="used"' in again.content.decode()
    assert client.post(_url(token), {**_form(case.employee), **_files()}).status_code == 410


def test_an_expired_link_gets_a_clear_410_page(sent, client):
    _case, link, token = sent
    RegistrationLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.get(_url(token))
    assert response.status_code == 410 and 'data-state="expired"' in response.content.decode()


@pytest.mark.parametrize("token", ["nonsense", "x" * 43, "a" * 150, "%00"])
def test_a_wrong_token_gets_a_clear_404_page(client, token):
    response = client.get(f"/onboarding/register/{token}/")
    assert response.status_code in (400, 404)
    if response.status_code == 404:
        assert 'id="registration-closed"' in response.content.decode()


def test_a_new_link_replaces_the_old_one(company, sent, client):
    case, _link, token = sent
    _new, new_token = services.registration_link_send(case=case, by=company.hr)
    assert client.get(_url(token)).status_code == 404
    assert client.get(_url(new_token)).status_code == 200


def test_a_wrong_id_number_checksum_is_refused_on_the_form(sent, client):
    case, link, token = sent
    bad = case.employee.id_number[:17] + ("0" if case.employee.id_number[17] != "0" else "1")
    response = client.post(_url(token), {**_form(case.employee, id_number=bad), **_files()})
    assert response.status_code == 200 and "id_number" in response.context["form"].errors
    link.refresh_from_db()
    assert link.status == RegistrationLink.Status.SENT


def test_someone_elses_valid_id_number_is_refused(sent, client):
    case, link, token = sent
    other = build_id_number("320506", datetime.date(1990, 1, 1), 123)
    response = client.post(_url(token), {**_form(case.employee, id_number=other), **_files()})
    assert response.status_code == 200 and "id_number" in response.context["form"].errors
    assert not case.employee.documents.exists()


def test_a_file_that_is_not_a_document_is_refused(sent, client):
    case, link, token = sent
    files = {**_files(), "cv": SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")}
    response = client.post(_url(token), {**_form(case.employee), **files})
    assert response.status_code == 200 and response.context["form"].errors
    link.refresh_from_db()
    assert link.status == RegistrationLink.Status.SENT


def test_hr_confirms_and_the_checklist_task_ticks_itself(company, sent, client, login):
    case, link, token = sent
    client.post(_url(token), {**_form(case.employee), **_files()})
    hr = login(company.hr)
    review = hr.get(reverse("onboarding:registration_review", args=[case.pk]))
    assert "13800138000" in review.content.decode() and 'id="registration-confirm"' in review.content.decode()
    assert hr.post(reverse("onboarding:registration_review", args=[case.pk])).status_code == 302
    link.refresh_from_db()
    case.employee.refresh_from_db()
    assert link.status == RegistrationLink.Status.CONFIRMED and link.data == {}
    assert case.employee.phone == "13800138000" and case.employee.emergency_contact == "李四（配偶）"
    task = case.tasks.get(code="registration_form")
    assert task.status == OnboardingTask.Status.DONE and task.done_by == company.hr
    # Confirming twice is refused.
    assert hr.post(reverse("onboarding:registration_review", args=[case.pk])).status_code == 403


def test_the_registration_task_cannot_be_ticked_by_hand(company, sent, login):
    case, _link, _token = sent
    task = case.tasks.get(code="registration_form")
    response = login(company.hr).post(reverse("onboarding:task_complete", args=[case.pk, task.pk]), {})
    task.refresh_from_db()
    assert task.status == OnboardingTask.Status.OPEN
    assert response.status_code in (302, 403)


def test_the_review_page_reads_in_a_few_queries(company, sent, client, login, django_assert_max_num_queries):
    case, _link, token = sent
    client.post(_url(token), {**_form(case.employee), **_files()})
    hr = login(company.hr)
    with django_assert_max_num_queries(20):
        assert hr.get(reverse("onboarding:registration_review", args=[case.pk])).status_code == 200


def test_the_new_hire_cannot_read_the_review_of_their_own_registration(company, sent, login, make_user):
    case, _link, _token = sent
    own = make_user("newbie")
    case.employee.user = own
    case.employee.save(update_fields=["user"])
    assert login(own).get(reverse("onboarding:registration_review", args=[case.pk])).status_code in (403, 404)
