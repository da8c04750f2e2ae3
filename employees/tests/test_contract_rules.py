"""The rules every labour contract and employee record obeys, whichever path records it: the employee page's
service, the admin and the import (LCL art. 19 probation, no overlap, a real signing date, a wage that is
not negative, a birth date that agrees with the ID number)."""

import datetime
from decimal import Decimal

import pytest
import tablib
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.errors import error_codes
from core.validators import build_id_number
from employees import services
from employees.labour_law import contract_term_months
from employees.models import ContractType, Employee, LabourContract
from employees.resources import EmployeeResource, LabourContractResource
from tests.factories import LabourContractFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2024, 3, 1)


def _add(employee, hr, **fields):
    terms = {
        "number": "LC-NEW",
        "contract_type": ContractType.FIXED,
        "start_date": START,
        "end_date": datetime.date(2025, 2, 28),
        "probation_months": 0,
    }
    terms.update(fields)
    return services.contract_add(employee=employee, by=hr, **terms)


def _codes(call) -> set[str]:
    with pytest.raises(ValidationError) as excinfo:
        call()
    return error_codes(excinfo.value)


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (datetime.date(2024, 3, 1), datetime.date(2025, 2, 28), 12),
        (datetime.date(2024, 3, 1), datetime.date(2025, 3, 1), 12),
        (datetime.date(2024, 3, 1), datetime.date(2025, 2, 27), 11),
        (datetime.date(2024, 1, 31), datetime.date(2024, 2, 29), 1),
        (datetime.date(2024, 3, 1), datetime.date(2027, 2, 28), 36),
        (datetime.date(2024, 3, 1), None, None),
    ],
)
def test_a_contracts_term_in_whole_months(start, end, months):
    assert contract_term_months(start, end) == months


def test_six_months_probation_on_a_one_year_contract_is_refused(org, users):
    """Art. 19: a term of 1 to under 3 years allows at most 2 months."""
    codes = _codes(lambda: _add(org.worker, users["hr"], probation_months=6))
    assert "probation_too_long" in codes
    assert not LabourContract.objects.filter(number="LC-NEW").exists()
    assert _add(org.worker, users["hr"], probation_months=2).probation_months == 2


def test_a_renewal_has_no_probation(org, users):
    first = LabourContractFactory(employee=org.worker, start_date=START, end_date=datetime.date(2025, 2, 28))
    renewal = {"renews": first, "start_date": datetime.date(2025, 3, 1), "end_date": datetime.date(2028, 2, 29)}
    assert "probation_once_only" in _codes(lambda: _add(org.worker, users["hr"], probation_months=3, **renewal))
    assert _add(org.worker, users["hr"], **renewal).renews == first


def test_someone_who_already_had_a_contract_gets_no_probation_on_a_new_one(org, users):
    """A rehire keeps the person's record: an earlier contract means probation was agreed already."""
    LabourContractFactory(
        employee=org.worker, start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2022, 12, 31)
    )
    codes = _codes(lambda: _add(org.worker, users["hr"], probation_months=1))
    assert "probation_once_only" in codes


def test_overlapping_contracts_of_one_person_are_refused(org, users):
    LabourContractFactory(employee=org.worker, start_date=START, end_date=datetime.date(2027, 2, 28))
    codes = _codes(
        lambda: _add(
            org.worker,
            users["hr"],
            start_date=datetime.date(2026, 1, 1),
            end_date=None,
            contract_type=ContractType.OPEN_ENDED,
        )
    )
    assert "contract_overlap" in codes
    # Back to back is fine.
    _add(
        org.worker,
        users["hr"],
        start_date=datetime.date(2027, 3, 1),
        end_date=None,
        contract_type=ContractType.OPEN_ENDED,
    )


@pytest.mark.parametrize(
    ("signed_on", "code"),
    [(datetime.date(9999, 12, 31), "signed_in_future"), (datetime.date(2025, 3, 1), "signed_after_end")],
)
def test_a_signing_date_in_the_future_or_after_the_end_is_refused(org, users, signed_on, code):
    assert code in _codes(lambda: _add(org.worker, users["hr"], signed_on=signed_on))
    contract = _add(org.worker, users["hr"])
    assert code in _codes(lambda: services.contract_mark_signed(contract=contract, signed_on=signed_on, by=users["hr"]))
    signed = services.contract_mark_signed(contract=contract, signed_on=datetime.date(2024, 2, 20), by=users["hr"])
    assert signed.signed_on == datetime.date(2024, 2, 20)  # before the start is normal


def test_a_negative_salary_is_refused_and_the_database_refuses_it_too(org, users):
    assert "negative_salary" in _codes(lambda: _create(org, users, base_salary=Decimal("-5000")))
    with pytest.raises(IntegrityError), transaction.atomic():
        Employee.objects.filter(pk=org.worker.pk).update(base_salary=Decimal("-1"))


def _create(org, users, **overrides):
    born = datetime.date(1995, 8, 1)
    fields = {
        "name": "孙新人",
        "gender": "F",
        "birth_date": born,
        "id_number": build_id_number("320102", born, 42),
        "hire_date": datetime.date(2025, 1, 6),
        "department": org.quality,
        "position": org.inspector,
        "employment_type": "regular",
        "status": "regular",
        "base_salary": Decimal("5200.00"),
    }
    fields.update(overrides)
    return services.employee_create(by=users["hr"], **fields)


def test_a_birth_date_that_contradicts_the_id_number_is_refused(org, users):
    """居民身份证号 digits 7–14 are the birth date."""
    assert "birth_date_mismatch" in _codes(lambda: _create(org, users, birth_date=datetime.date(1995, 8, 2)))
    assert _create(org, users).birth_date == datetime.date(1995, 8, 1)


# --- the admin -----------------------------------------------------------------------------------------------


@pytest.fixture
def staff_hr(users):
    hr = users["hr"]
    hr.is_staff = True
    hr.save()
    hr.user_permissions.add(
        *Permission.objects.filter(
            codename__in=[
                f"{action}_{model}" for action in ("add", "change", "view") for model in ("employee", "labourcontract")
            ]
        )
    )
    return hr


def test_the_admin_refuses_a_probation_beyond_the_contract_term(org, staff_hr, client):
    client.force_login(staff_hr)
    response = client.post(
        reverse("admin:employees_labourcontract_add"),
        {
            "employee": org.worker.pk,
            "number": "LC-ADM",
            "contract_type": ContractType.FIXED,
            "start_date": "2024-03-01",
            "end_date": "2025-02-28",
            "probation_months": "6",
        },
    )
    assert response.status_code == 200
    assert "probation_months" in response.context["adminform"].form.errors
    assert not LabourContract.objects.filter(number="LC-ADM").exists()


# --- the import ----------------------------------------------------------------------------------------------


def _contracts_dataset(rows):
    return tablib.Dataset(
        *rows,
        headers=[
            "number",
            "employee",
            "contract_type",
            "start_date",
            "end_date",
            "probation_months",
            "signed_on",
            "renews",
        ],
    )


def test_the_contract_import_reports_an_unlawful_probation_as_a_row_error(org, users):
    first = LabourContractFactory(employee=org.inspector_emp, start_date=START, end_date=datetime.date(2025, 2, 28))
    rows = [
        ["LC-I1", org.worker.number, "fixed", "2024-03-01", "2025-02-28", "6", "", ""],
        ["LC-I2", org.inspector_emp.number, "fixed", "2025-03-01", "2028-02-29", "3", "", first.number],
        ["LC-I3", org.head.number, "fixed", "2024-03-01", "2025-02-28", "2", "2024-03-01", ""],
    ]
    result = LabourContractResource(user=users["hr"]).import_data(
        _contracts_dataset(rows), dry_run=False, use_transactions=True
    )
    invalid = {row.number: row for row in result.invalid_rows}
    assert set(invalid) == {1, 2}
    assert "probation_months" in invalid[1].error_dict and "probation_months" in invalid[2].error_dict
    assert set(LabourContract.objects.filter(number__startswith="LC-I").values_list("number", flat=True)) == {"LC-I3"}


def test_the_admin_contract_import_preview_shows_the_row_error_and_writes_nothing(org, staff_hr, client):
    client.force_login(staff_hr)
    rows = [["LC-I1", org.worker.number, "fixed", "2024-03-01", "2025-02-28", "6", "", ""]]
    upload = SimpleUploadedFile("c.csv", _contracts_dataset(rows).export("csv").encode())
    response = client.post(
        reverse("admin:employees_labourcontract_import"), {"format": "0", "resource": "0", "import_file": upload}
    )
    assert response.status_code == 200
    assert response.context["result"].has_validation_errors()
    assert "art. 19" in response.content.decode() or "第十九条" in response.content.decode()
    assert not LabourContract.objects.filter(number="LC-I1").exists()


def test_the_employee_import_reports_a_contradicting_birth_date_and_a_negative_salary(org, users):
    born = datetime.date(1990, 1, 2)
    headers = [
        "number",
        "name",
        "gender",
        "birth_date",
        "id_number",
        "hire_date",
        "department",
        "position",
        "employment_type",
        "status",
        "base_salary",
    ]
    rows = [
        [
            "IMP1",
            "甲",
            "M",
            "1990-01-03",
            build_id_number("310101", born, 501),
            "2024-05-06",
            "QA",
            "QA-IN",
            "regular",
            "regular",
            "5000",
        ],
        [
            "IMP2",
            "乙",
            "M",
            "1990-01-02",
            build_id_number("310101", born, 502),
            "2024-05-06",
            "QA",
            "QA-IN",
            "regular",
            "regular",
            "-5000",
        ],
    ]
    result = EmployeeResource(user=users["hr"]).import_data(tablib.Dataset(*rows, headers=headers), dry_run=False)
    invalid = {row.number: row for row in result.invalid_rows}
    assert "birth_date" in invalid[1].error_dict
    assert "base_salary" in invalid[2].error_dict
    assert not Employee.objects.filter(number__startswith="IMP").exists()


def test_probation_entered_out_of_order_is_still_agreed_only_once(org, users):
    """A later contract with probation already recorded: an earlier one entered afterwards gets none."""
    LabourContractFactory(
        employee=org.worker,
        start_date=datetime.date(2025, 3, 1),
        end_date=datetime.date(2028, 2, 29),
        probation_months=2,
    )
    codes = _codes(lambda: _add(org.worker, users["hr"], probation_months=1))
    assert "probation_once_only" in codes


def test_the_contract_page_refuses_an_unlawful_probation_and_a_renewal_of_a_renewed_contract(org, users, client):
    """Through the page: the art. 19 refusal on the probation field; an already renewed contract cannot be
    chosen to renew again."""
    first = LabourContractFactory(employee=org.worker, start_date=START, end_date=datetime.date(2025, 2, 28))
    LabourContractFactory(
        employee=org.worker, renews=first, start_date=datetime.date(2025, 3, 1), end_date=datetime.date(2028, 2, 29)
    )
    client.force_login(users["hr"])
    url = reverse("employees:contract_add", args=[org.worker.pk])
    data = {
        "number": "LC-P",
        "contract_type": "fixed",
        "start_date": "2028-03-01",
        "end_date": "2029-02-28",
        "probation_months": "3",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "probation_months" in response.context["form"].errors
    response = client.post(url, {**data, "probation_months": "0", "renews": first.pk})
    assert "renews" in response.context["form"].errors
    assert not LabourContract.objects.filter(number="LC-P").exists()
