"""Self-service (我的): own contracts as PDF, own salary history and documents, a contact change HR confirms, and a
copy of one's own personal data (logged); nobody reaches another person's data through these pages."""

import datetime
import io

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from employees.models import ContactChangeRequest, LabourContract, SalaryChange


@pytest.fixture
def my_contract(org):
    return LabourContract.objects.create(
        employee=org.me,
        number="LC-ME-1",
        contract_type="fixed",
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2027, 1, 1),
        signed_on=datetime.date(2024, 1, 1),
    )


def test_an_employee_sees_their_own_contract_salary_and_documents(users, login, org, my_contract):
    SalaryChange.objects.create(
        employee=org.me, effective_date=datetime.date(2025, 1, 1), new_salary=7200, reason="年度调薪"
    )
    page = login(users["me"]).get(reverse("employees:my_overview")).content.decode()
    assert "LC-ME-1" in page and "7200" in page and "年度调薪" in page


def test_the_own_contract_prints_as_pdf_and_anothers_is_not_found(users, login, org, my_contract, poppler):
    client = login(users["me"])
    response = client.get(reverse("employees:my_contract_pdf", args=[my_contract.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "LC-ME-1" in poppler.text(response.content) and all(f.embedded for f in poppler.fonts(response.content))
    other = LabourContract.objects.create(
        employee=org.worker, number="LC-OTHER", contract_type="open", start_date=datetime.date(2024, 1, 1)
    )
    assert client.get(reverse("employees:my_contract_pdf", args=[other.pk])).status_code == 404


def test_a_contact_change_waits_for_hr_who_confirms_it(users, login, org):
    client = login(users["me"])
    response = client.post(
        reverse("employees:my_contact_change"),
        {"phone": "13700000000", "email": "", "address": "新地址 1 号", "emergency_contact": "", "emergency_phone": ""},
    )
    assert response.status_code == 302
    org.me.refresh_from_db()
    assert org.me.phone != "13700000000"  # not before HR confirms
    change = ContactChangeRequest.objects.get(employee=org.me)
    hr = login(users["hr"])
    assert "13700000000" in hr.get(reverse("employees:contact_change_list")).content.decode()
    hr.post(reverse("employees:contact_change_decide", args=[change.pk]), {"decision": "confirm"})
    org.me.refresh_from_db()
    assert org.me.phone == "13700000000" and org.me.address == "新地址 1 号"
    assert LogEntry.objects.get_for_object(org.me).filter(changes__icontains="13700000000").exists()


def test_a_second_change_waits_for_the_first(users, login, org):
    client = login(users["me"])
    data = {"phone": "1", "email": "", "address": "", "emergency_contact": "", "emergency_phone": ""}
    client.post(reverse("employees:my_contact_change"), data)
    data["phone"] = "2"
    response = client.post(reverse("employees:my_contact_change"), data)
    assert response.status_code == 200 and ContactChangeRequest.objects.count() == 1


@pytest.mark.parametrize("who", ["me", "head", "hr_uncleared"])
def test_only_hr_confirms_and_only_in_scope(users, login, org, who):
    change = ContactChangeRequest.objects.create(employee=org.worker, phone="1")
    client = login(users[who])
    if who == "hr_uncleared":
        client.post(reverse("employees:contact_change_decide", args=[change.pk]), {"decision": "confirm"})
        change.refresh_from_db()
        assert change.status == ContactChangeRequest.Status.CONFIRMED  # HR, whatever the clearance (contact data)
        return
    assert client.get(reverse("employees:contact_change_list")).status_code == 403
    assert client.post(reverse("employees:contact_change_decide", args=[change.pk])).status_code == 403


def test_a_copy_of_own_personal_data_is_a_file_and_logged(users, login, org, my_contract):
    before = LogEntry.objects.get_for_object(org.me).filter(action=LogEntry.Action.ACCESS).count()
    response = login(users["me"]).post(reverse("employees:my_data_copy"))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    values = [cell for row in book.worksheets[0].values for cell in row]
    assert org.me.id_number in values and org.me.name in values  # their own data in full
    assert "LC-ME-1" in [cell for row in book.worksheets[1].values for cell in row]
    assert LogEntry.objects.get_for_object(org.me).filter(action=LogEntry.Action.ACCESS).count() == before + 1


def test_someone_without_a_record_has_no_self_service(users, login):
    assert login(users["outsider"]).get(reverse("employees:my_overview")).status_code == 404
