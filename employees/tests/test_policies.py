"""employees.policies: one verdict per action on an employee record and its contracts, asked by the views
(403), the templates (the button shown or not), the services and the admin."""

import datetime

import pytest
from django.urls import reverse

from employees import policies
from employees.models import EmployeeStatus, ProtectedPeriod
from tests.factories import LabourContractFactory

pytestmark = pytest.mark.django_db

END = datetime.date(2026, 12, 31)


def _contract(employee, **fields):
    terms = {"start_date": datetime.date(2024, 1, 1), "end_date": END, "signed_on": None}
    terms.update(fields)
    return LabourContractFactory(employee=employee, **terms)


def _protect(employee, users, end_date=None):
    ProtectedPeriod.objects.create(
        employee=employee,
        reason="medical",
        start_date=datetime.date(2026, 11, 1),
        end_date=end_date,
        created_by=users["hr"],
    )


def _separate(employee):
    employee.status, employee.separated_on = EmployeeStatus.SEPARATED, datetime.date(2025, 6, 30)
    employee.save()


def test_only_hr_edits_a_record_and_never_a_separated_one(org, users):
    assert policies.can_edit_employee(users["hr"], org.worker)
    assert policies.can_edit_employee(users["hr_uncleared"], org.worker)
    assert policies.can_edit_employee(users["head"], org.worker).code == "not_hr"
    _separate(org.worker)
    assert policies.can_edit_employee(users["hr"], org.worker).code == "employee_separated"


def test_contracts_are_for_cleared_hr_on_a_record_still_open(org, users):
    contract = _contract(org.worker)
    for action in (policies.can_sign_contract, policies.can_renew_contract, policies.can_edit_contract):
        assert action(users["hr"], contract)
        assert action(users["hr_uncleared"], contract).code == "not_cleared_hr"
        assert action(users["head"], contract).code == "not_cleared_hr"
    assert policies.can_add_contract(users["hr"], org.worker)
    _separate(org.worker)
    contract.employee.refresh_from_db()
    for action in (
        policies.can_sign_contract,
        policies.can_renew_contract,
        policies.can_mark_not_renewed,
        policies.can_extend_contract,
        policies.can_edit_contract,
    ):
        assert action(users["hr"], contract).code == "employee_separated"
    assert policies.can_add_contract(users["hr"], org.worker).code == "employee_separated"


def test_a_signed_contract_is_not_signed_again(org, users):
    assert policies.can_sign_contract(users["hr"], _contract(org.worker, signed_on=datetime.date(2024, 1, 1))).code == (
        "contract_already_signed"
    )


def test_renewing_and_not_renewing_follow_the_contracts_end(org, users):
    open_ended = _contract(org.inspector_emp, contract_type="open", end_date=None)
    assert policies.can_renew_contract(users["hr"], open_ended).code == "contract_open_ended"
    assert policies.can_mark_not_renewed(users["hr"], open_ended).code == "contract_not_fixed_term"
    old = _contract(org.worker, end_date=datetime.date(2025, 12, 31))
    _contract(org.worker, renews=old, start_date=datetime.date(2026, 1, 1))
    assert policies.can_renew_contract(users["hr"], old).code == "contract_already_renewed"
    assert policies.can_mark_not_renewed(users["hr"], old).code == "contract_already_renewed"


def test_a_protected_end_refuses_not_renewing_and_allows_extending_once_its_end_is_known(org, users):
    contract = _contract(org.worker)
    assert policies.can_mark_not_renewed(users["hr"], contract)
    assert policies.can_extend_contract(users["hr"], contract).code == "contract_not_protected"
    _protect(org.worker, users)
    contract = type(contract).objects.get(pk=contract.pk)
    assert policies.can_mark_not_renewed(users["hr"], contract).code == "contract_protected"
    assert policies.can_extend_contract(users["hr"], contract).code == "protection_end_unknown"
    ProtectedPeriod.objects.update(end_date=datetime.date(2027, 3, 31))
    contract = type(contract).objects.get(pk=contract.pk)
    assert policies.can_extend_contract(users["hr"], contract)


def test_the_contract_tab_shows_only_the_allowed_buttons_and_the_views_refuse_the_rest(org, users, login):
    signed = _contract(org.worker, signed_on=datetime.date(2024, 1, 1), end_date=datetime.date(2025, 12, 31))
    renewal = _contract(org.worker, renews=signed, start_date=datetime.date(2026, 1, 1), end_date=END)
    client = login(users["hr"])
    page = client.get(org.worker.get_absolute_url()).content.decode()
    sign = reverse("employees:contract_sign", args=[org.worker.pk, signed.pk])
    assert sign not in page  # already signed
    assert reverse("employees:contract_sign", args=[org.worker.pk, renewal.pk]) in page
    assert f"?renews={signed.pk}" not in page and f"?renews={renewal.pk}" in page
    assert reverse("employees:contract_not_renew", args=[org.worker.pk, signed.pk]) not in page
    assert reverse("employees:contract_not_renew", args=[org.worker.pk, renewal.pk]) in page
    assert client.post(sign, {"signed_on": "2024-01-02"}).status_code == 403
    assert (
        client.get(reverse("employees:contract_add", args=[org.worker.pk]) + f"?renews={signed.pk}").status_code == 403
    )

    _separate(org.worker)
    page = client.get(org.worker.get_absolute_url()).content.decode()
    assert reverse("employees:contract_sign", args=[org.worker.pk, renewal.pk]) not in page
    assert reverse("employees:contract_add", args=[org.worker.pk]) not in page
    assert client.get(reverse("employees:contract_add", args=[org.worker.pk])).status_code == 403


def test_the_personnel_file_is_for_cleared_hr_on_a_record_still_open(org, users, login):
    """Documents and protected periods (art. 42): the same verdict for the page, the service and the admin."""
    assert policies.can_edit_personnel_file(users["hr"], org.worker)
    assert policies.can_edit_personnel_file(users["hr_uncleared"], org.worker).code == "not_cleared_hr"
    _separate(org.worker)
    assert policies.can_edit_personnel_file(users["hr"], org.worker).code == "employee_separated"
    client = login(users["hr"])
    assert client.get(reverse("employees:document_upload", args=[org.worker.pk])).status_code == 403
    assert client.get(reverse("employees:protected_period_add", args=[org.worker.pk])).status_code == 403
    page = client.get(org.worker.get_absolute_url()).content.decode()
    assert reverse("employees:document_upload", args=[org.worker.pk]) not in page
