import datetime
from decimal import Decimal
from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from core.errors import error_codes
from core.policy import PolicyDenied
from core.validators import build_id_number
from employees import services
from employees.models import (
    ContractType,
    Employee,
    EmployeeStatus,
    EmploymentType,
    LabourContract,
    SalaryChange,
)
from employees.selectors import employee_list_for, missing_document_kinds
from tests.factories import EmployeeFactory, LabourContractFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def new_employee_fields(org, **overrides):
    fields = {
        "name": "孙新人",
        "gender": "F",
        "birth_date": datetime.date(1995, 8, 1),
        "id_number": build_id_number("320102", datetime.date(1995, 8, 1), 42),
        "hire_date": datetime.date(2025, 1, 6),
        "department": org.quality,
        "position": org.inspector,
        "employment_type": EmploymentType.PROBATION,
        "status": EmployeeStatus.PROBATION,
        "base_salary": Decimal("5200.00"),
    }
    fields.update(overrides)
    return fields


def test_a_blank_number_is_generated_from_the_pattern(org, users, settings):
    """An employee created without a number gets the next free number of HRMS_EMPLOYEE_NUMBER_PATTERN."""
    settings.HRMS_EMPLOYEE_NUMBER_PATTERN = "QX{seq:04d}"
    EmployeeFactory(number="QX0005")
    employee = services.employee_create(by=users["hr"], **new_employee_fields(org))
    assert employee.number.startswith("QX")
    assert employee.number != "QX0005"
    assert len(employee.number) == 6


def test_the_starting_salary_opens_the_salary_history(org, users):
    employee = services.employee_create(by=users["hr"], **new_employee_fields(org))
    change = employee.salary_changes.get()
    assert change.previous_salary is None
    assert change.new_salary == Decimal("5200.00")
    assert change.created_by == users["hr"]
    assert LogEntry.objects.get_for_object(employee).filter(action=LogEntry.Action.CREATE).exists()


def test_a_duplicate_number_is_refused(org, users):
    with pytest.raises(ValidationError) as exc:
        services.employee_create(by=users["hr"], number=org.worker.number, **new_employee_fields(org))
    assert "number" in exc.value.message_dict and "unique" in error_codes(exc.value)


def test_a_duplicate_id_number_is_refused(org, users):
    with pytest.raises(ValidationError) as exc:
        services.employee_create(by=users["hr"], **new_employee_fields(org, id_number=org.worker.id_number))
    assert "id_number" in exc.value.message_dict and "unique" in error_codes(exc.value)


def test_an_id_number_with_a_wrong_check_character_is_refused(org, users):
    good = build_id_number("320102", datetime.date(1995, 8, 1), 42)
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(ValidationError) as exc:
        services.employee_create(by=users["hr"], **new_employee_fields(org, id_number=bad))
    assert "checksum" in error_codes(exc.value)
    assert not Employee.objects.filter(name="孙新人").exists()


def test_a_position_of_another_department_is_refused(org, users):
    with pytest.raises(ValidationError) as exc:
        services.employee_create(by=users["hr"], **new_employee_fields(org, department=org.production))
    assert "position_of_another_department" in error_codes(exc.value)


def test_nothing_is_half_saved_when_the_salary_history_fails(org, users):
    """If writing the starting salary fails, the employee row is rolled back too."""
    with mock.patch.object(SalaryChange.objects, "create", side_effect=RuntimeError("disk full")):
        with pytest.raises(RuntimeError):
            services.employee_create(by=users["hr"], **new_employee_fields(org))
    assert not Employee.objects.filter(name="孙新人").exists()


def test_a_separated_employee_is_read_only(org, users):
    org.worker.status = EmployeeStatus.SEPARATED
    org.worker.separated_on = datetime.date(2025, 6, 30)
    org.worker.save()
    with pytest.raises(ValidationError) as exc:
        services.employee_update(employee=org.worker, by=users["hr"], phone="13800000000")
    assert "employee_separated" in error_codes(exc.value)
    with pytest.raises(ValidationError):
        services.salary_change_record(
            employee=org.worker, new_salary=Decimal("1"), effective_date=datetime.date.today(), reason="x", by=None
        )


def test_salary_and_post_cannot_be_changed_by_a_plain_update(org, users):
    with pytest.raises(ValidationError) as exc:
        services.employee_update(employee=org.worker, by=users["hr"], base_salary=Decimal("99999"))
    assert "field_has_own_flow" in error_codes(exc.value)
    org.worker.refresh_from_db()
    assert org.worker.base_salary == Decimal("6000.00")


def test_separating_needs_a_date(org, users):
    with pytest.raises(ValidationError) as exc:
        services.employee_update(employee=org.worker, by=users["hr"], status=EmployeeStatus.SEPARATED)
    assert "separation_date_required" in error_codes(exc.value)


def test_a_renewal_is_a_new_contract_pointing_at_the_old_one(org, users):
    first = LabourContractFactory(employee=org.worker, start_date=datetime.date(2022, 3, 1))
    renewal = services.contract_add(
        employee=org.worker,
        by=users["hr"],
        renews=first,
        number="LC-R-1",
        contract_type=ContractType.FIXED,
        start_date=first.end_date + datetime.timedelta(days=1),
        end_date=datetime.date(2028, 3, 1),
        probation_months=0,
    )
    assert renewal.renews == first
    assert org.worker.contracts.count() == 2


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"contract_type": ContractType.FIXED, "end_date": None}, "fixed_term_needs_end"),
        ({"contract_type": ContractType.FIXED, "end_date": datetime.date(2024, 1, 1)}, "contract_ends_before_start"),
        ({"contract_type": ContractType.OPEN_ENDED, "end_date": datetime.date(2027, 1, 1)}, "open_ended_has_no_end"),
    ],
)
def test_contract_rules_are_enforced(org, users, fields, code):
    with pytest.raises(ValidationError) as exc:
        services.contract_add(
            employee=org.worker, by=users["hr"], number="LC-X", start_date=datetime.date(2025, 1, 1), **fields
        )
    assert code in error_codes(exc.value)
    assert not LabourContract.objects.filter(number="LC-X").exists()


def test_agency_workers_get_no_labour_contract(org, users):
    agency = EmployeeFactory(position=org.stamper, employment_type=EmploymentType.AGENCY, agency_name="某劳务公司")
    with pytest.raises(PolicyDenied) as exc:
        services.contract_add(
            employee=agency,
            by=users["hr"],
            number="LC-A",
            contract_type=ContractType.OPEN_ENDED,
            start_date=datetime.date(2025, 1, 1),
        )
    assert "no_labour_contract_for_type" in error_codes(exc.value)
    # The model refuses it too, whatever the path (admin, import).
    with pytest.raises(ValidationError) as exc:
        LabourContract(
            employee=agency, number="LC-A", contract_type=ContractType.OPEN_ENDED, start_date=datetime.date(2025, 1, 1)
        ).full_clean()
    assert "no_labour_contract_for_type" in error_codes(exc.value)
    assert agency.contract_flag == ""


def test_a_missing_or_unsigned_contract_is_flagged(org, users):
    assert org.worker.contract_flag == "missing"
    contract = LabourContractFactory(employee=org.worker, signed_on=None)
    assert Employee.objects.get(pk=org.worker.pk).contract_flag == "unsigned"
    flagged = {e.pk: e.contract_flag for e in employee_list_for(org.head.user)}
    assert flagged[org.worker.pk] == "unsigned"
    with pytest.raises(PolicyDenied) as exc:  # contracts are secret: cleared HR only
        services.contract_mark_signed(contract=contract, signed_on=datetime.date(2024, 3, 1), by=users["hr_uncleared"])
    assert "not_cleared_hr" in error_codes(exc.value)
    services.contract_mark_signed(contract=contract, signed_on=datetime.date(2024, 3, 1), by=users["hr"])
    assert Employee.objects.get(pk=org.worker.pk).contract_flag == ""


def test_an_uploaded_document_is_stored_privately_and_ticks_the_checklist(org, users):
    upload = SimpleUploadedFile("简历.pdf", PDF, content_type="application/pdf")
    assert "cv" in missing_document_kinds(org.worker)
    document = services.document_upload(employee=org.worker, kind="cv", upload=upload, by=users["hr"])
    assert document.content_type == "application/pdf"
    assert document.size == len(PDF)
    assert str(settings.MEDIA_ROOT) not in document.file.path
    assert document.file.path.startswith(settings.STORAGES["private"]["OPTIONS"]["location"])
    assert "cv" not in missing_document_kinds(org.worker)


def test_a_file_whose_content_is_not_its_type_is_refused(org, users):
    upload = SimpleUploadedFile("cv.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.document_upload(employee=org.worker, kind="cv", upload=upload, by=users["hr"])
    assert not org.worker.documents.exists()


def test_a_salary_change_keeps_the_previous_salary_and_updates_the_current_one(org, users):
    change = services.salary_change_record(
        employee=org.worker,
        new_salary=Decimal("6500.00"),
        effective_date=datetime.date(2025, 7, 1),
        reason="年度调薪",
        by=users["hr"],
    )
    org.worker.refresh_from_db()
    assert change.previous_salary == Decimal("6000.00")
    assert org.worker.base_salary == Decimal("6500.00")
    assert LogEntry.objects.get_for_object(change).exists()


def test_an_agency_worker_records_the_dispatch_agreement_and_its_term(org, users):
    """Agency workers have no company labour contract: the agency's dispatch agreement and its term instead."""
    employee = services.employee_create(
        by=users["hr"],
        **new_employee_fields(
            org,
            employment_type=EmploymentType.AGENCY,
            status=EmployeeStatus.REGULAR,
            agency_name="苏州众诚人力资源有限公司",
            dispatch_agreement="PQ-2025-007",
            dispatch_start=datetime.date(2025, 1, 6),
            dispatch_end=datetime.date(2027, 1, 5),
        ),
    )
    employee.refresh_from_db()
    assert (employee.dispatch_agreement, employee.dispatch_end) == ("PQ-2025-007", datetime.date(2027, 1, 5))


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"dispatch_agreement": "PQ-1"}, "dispatch_not_agency"),  # a probation employee has no dispatch agreement
        (
            {
                "employment_type": EmploymentType.AGENCY,
                "agency_name": "某劳务公司",
                "dispatch_start": datetime.date(2025, 6, 1),
                "dispatch_end": datetime.date(2025, 5, 31),
            },
            "dispatch_ends_before_start",
        ),
    ],
)
def test_a_dispatch_agreement_must_fit_the_employment(org, users, overrides, code):
    with pytest.raises(ValidationError) as error:
        services.employee_create(by=users["hr"], **new_employee_fields(org, **overrides))
    assert code in error_codes(error.value)


# --- LCL art. 42 / 45: no "not renewed" while a protected situation covers the end date ---------------------


def _fixed_contract(end):
    return LabourContractFactory(start_date=end.replace(year=end.year - 3), end_date=end, signed_on=None)


def test_a_contract_is_recorded_as_not_renewed_with_its_reason(users):
    contract = _fixed_contract(datetime.date(2026, 12, 31))

    services.contract_not_renew(contract=contract, by=users["hr"], reason="岗位撤销")

    contract.refresh_from_db()
    assert contract.not_renewed_on is not None and contract.not_renewed_reason == "岗位撤销"


def test_not_renewing_during_a_protected_situation_is_refused_in_plain_words(users):
    """Pregnancy covers the end date: refused, citing art. 42; the contract then continues until it ends (art. 45)."""
    contract = _fixed_contract(datetime.date(2026, 12, 31))
    services.protected_period_add(
        employee=contract.employee,
        by=users["hr"],
        reason="pregnancy",
        start_date=datetime.date(2026, 6, 1),
        end_date=datetime.date(2027, 9, 30),
    )

    with translation.override("en"), pytest.raises(PolicyDenied) as error:
        services.contract_not_renew(contract=contract, by=users["hr"], reason="合同到期")
    assert "contract_protected" in error_codes(error.value)
    assert "art. 42" in error.value.reason and "Pregnancy" in error.value.reason

    contract = services.contract_extend_for_protection(contract=contract, by=users["hr"])
    assert contract.end_date == datetime.date(2027, 9, 30)
    assert contract.not_renewed_on is None


def test_a_protected_situation_that_ended_before_the_end_date_does_not_block(users):
    contract = _fixed_contract(datetime.date(2026, 12, 31))
    services.protected_period_add(
        employee=contract.employee,
        by=users["hr"],
        reason="medical",
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 3, 31),
    )
    services.contract_not_renew(contract=contract, by=users["hr"], reason="合同到期")
    with pytest.raises(PolicyDenied) as error:  # nothing to extend for
        services.contract_extend_for_protection(contract=contract, by=users["hr"])
    assert "contract_not_protected" in error_codes(error.value)


def test_an_open_ended_situation_blocks_and_asks_for_its_end_before_extending(users):
    contract = _fixed_contract(datetime.date(2026, 12, 31))
    services.protected_period_add(
        employee=contract.employee, by=users["hr"], reason="disease_check", start_date=datetime.date(2026, 11, 1)
    )
    with pytest.raises(PolicyDenied) as error:
        services.contract_not_renew(contract=contract, by=users["hr"], reason="合同到期")
    assert "contract_protected" in error_codes(error.value)
    with pytest.raises(PolicyDenied) as error:
        services.contract_extend_for_protection(contract=contract, by=users["hr"])
    assert "protection_end_unknown" in error_codes(error.value)


def test_only_an_open_fixed_term_contract_can_be_left_to_expire(users):
    open_ended = LabourContractFactory(contract_type="open", end_date=None)
    with pytest.raises(PolicyDenied) as error:
        services.contract_not_renew(contract=open_ended, by=users["hr"], reason="x")
    assert "contract_not_fixed_term" in error_codes(error.value)
    old = _fixed_contract(datetime.date(2025, 12, 31))
    services.contract_add(
        employee=old.employee,
        by=users["hr"],
        renews=old,
        number="LC-R1",
        contract_type="fixed",
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2028, 12, 31),
    )
    with pytest.raises(PolicyDenied) as error:
        services.contract_not_renew(contract=old, by=users["hr"], reason="x")
    assert "contract_already_renewed" in error_codes(error.value)
    with pytest.raises(ValidationError) as error:
        services.contract_not_renew(contract=_fixed_contract(datetime.date(2027, 6, 30)), by=users["hr"], reason=" ")
    assert "not_renewed_reason_required" in error_codes(error.value)
