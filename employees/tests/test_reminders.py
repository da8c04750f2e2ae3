"""Labour-contract reminders, for every employee however they were recorded (by hand, by import, through
onboarding): the written contract due one calendar month from the start (LCL arts. 10, 82), and contracts
ending in 60 and 30 days with art. 42 protection and the art. 14 open-ended entitlement shown."""

import datetime

import pytest
from django.utils import translation

from employees import kinds, reminders
from employees.labour_law import written_contract_deadline
from employees.models import ProtectedPeriod
from notifications.models import Notification
from notifications.reminders import registered_sweeps
from tests.factories import EmployeeFactory, LabourContractFactory

pytestmark = pytest.mark.django_db

HIRED = datetime.date(2025, 1, 31)  # the deadline is 28 February, not 2 March (30 days)


def _sent(kind) -> list[tuple[str, str]]:
    return list(
        Notification.objects.filter(kind=kind)
        .order_by("recipient__username")
        .values_list("recipient__username", "title")
    )


@pytest.fixture
def person(org):
    """A worker of 冲压课 (its head is 生产部's 王主管) entered by hand: no onboarding case."""
    return EmployeeFactory(position=org.stamper, name="周手录", hire_date=HIRED, status="onboarding")


def test_both_contract_sweeps_are_registered_with_the_one_reminder_mechanism():
    sweeps = registered_sweeps()
    assert sweeps[kinds.CONTRACT_UNSIGNED] is reminders.contract_unsigned
    assert sweeps[kinds.CONTRACT_EXPIRING] is reminders.contract_expiring
    assert "onboarding.contract_unsigned" not in sweeps  # one reminder, not one per app


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2025, 2, 19), 0),
        (datetime.date(2025, 2, 20), 1),  # day 20
        (datetime.date(2025, 2, 27), 0),
        (datetime.date(2025, 2, 28), 1),  # the deadline: one calendar month
        (datetime.date(2025, 3, 2), 0),  # 30 days: nothing new
    ],
    ids=["day 19", "day 20", "day 27", "deadline", "day 30"],
)
def test_an_employee_without_a_signed_contract_is_reminded_on_day_20_and_on_the_deadline(
    org, users, person, day, expected
):
    for earlier in (datetime.date(2025, 2, 20), datetime.date(2025, 2, 28)):
        if earlier < day:
            reminders.contract_unsigned(earlier)
    Notification.objects.all().delete()
    assert written_contract_deadline(HIRED) == datetime.date(2025, 2, 28)
    assert reminders.contract_unsigned(day) == expected * 4  # hr, hr_mgr, hr_plain and the head
    if expected:
        recipients = {username for username, _title in _sent(kinds.CONTRACT_UNSIGNED)}
        assert recipients == {"hr", "hr_mgr", "hr_plain", "prod_head"}


def test_the_reminder_is_sent_once_and_not_for_a_signed_contract_or_agency_workers(org, users, person):
    EmployeeFactory(position=org.stamper, hire_date=HIRED, employment_type="agency", agency_name="某劳务公司")
    EmployeeFactory(position=org.stamper, hire_date=HIRED, employment_type="intern")
    signed = EmployeeFactory(position=org.stamper, hire_date=HIRED)
    LabourContractFactory(employee=signed)
    unsigned = EmployeeFactory(position=org.stamper, hire_date=HIRED, name="吴未签")
    LabourContractFactory(employee=unsigned, signed_on=None)
    day20 = datetime.date(2025, 2, 20)
    with translation.override("en"):
        assert reminders.contract_unsigned(day20) == 2 * 4
    assert reminders.contract_unsigned(day20) == 0
    assert reminders.contract_unsigned(day20 + datetime.timedelta(days=1)) == 0
    titles = {title for _user, title in _sent(kinds.CONTRACT_UNSIGNED)}
    assert titles == {
        "Labour contract of 周手录 not signed (started 2025-01-31)",
        "Labour contract of 吴未签 not signed (started 2025-01-31)",
    }
    body = Notification.objects.filter(kind=kinds.CONTRACT_UNSIGNED).first().body
    assert "2025-02-28" in body and "art. 82" in body


def test_the_unsigned_sweep_costs_a_constant_number_of_queries(org, users, django_assert_max_num_queries):
    for n in range(8):
        EmployeeFactory(position=org.stamper, hire_date=HIRED, name=f"新人{n}")
    with django_assert_max_num_queries(12):
        assert reminders.contract_unsigned(datetime.date(2025, 2, 20)) == 8 * 4


# --- contract expiry ---------------------------------------------------------------------------------------

END = datetime.date(2026, 6, 30)


def _ending(org, **fields):
    employee = EmployeeFactory(position=org.stamper, hire_date=datetime.date(2023, 7, 1), **fields)
    return LabourContractFactory(employee=employee, start_date=datetime.date(2023, 7, 1), end_date=END)


@pytest.mark.parametrize(("days_before", "expected"), [(61, 0), (60, 1), (45, 0), (30, 1), (29, 0), (0, 0)])
def test_a_contract_ending_is_reminded_60_and_30_days_before(org, users, days_before, expected):
    _ending(org)
    if days_before < 60:
        reminders.contract_expiring(END - datetime.timedelta(days=60))
    if days_before < 30:
        reminders.contract_expiring(END - datetime.timedelta(days=30))
    Notification.objects.all().delete()
    assert reminders.contract_expiring(END - datetime.timedelta(days=days_before)) == expected * 4


def test_the_expiry_reminder_shows_protection_and_the_open_ended_entitlement(org, users):
    protected = _ending(org, name="郑孕期")
    ProtectedPeriod.objects.create(
        employee=protected.employee,
        reason="pregnancy",
        start_date=datetime.date(2026, 3, 1),
        end_date=datetime.date(2027, 3, 31),
        created_by=users["hr"],
    )
    second = _ending(org, name="冯两签")
    LabourContractFactory(
        employee=second.employee, start_date=datetime.date(2020, 7, 1), end_date=datetime.date(2023, 6, 30)
    )
    plain = _ending(org, name="陈普通")
    renewed = _ending(org, name="褚已续")
    LabourContractFactory(employee=renewed.employee, renews=renewed, start_date=END + datetime.timedelta(days=1))

    with translation.override("en"):
        assert reminders.contract_expiring(END - datetime.timedelta(days=60)) == 3 * 4
    bodies = {
        n.title.split(" ")[3]: n.body
        for n in Notification.objects.filter(kind=kinds.CONTRACT_EXPIRING, recipient=users["hr"])
    }
    assert set(bodies) == {"郑孕期", "冯两签", "陈普通"}
    assert "art. 42" in bodies["郑孕期"] and "Pregnancy" in bodies["郑孕期"] and "2027-03-31" in bodies["郑孕期"]
    assert "art. 14" in bodies["冯两签"] and "unless the employee asks for a fixed term" in bodies["冯两签"]
    assert "art. 42" not in bodies["陈普通"] and "art. 14" not in bodies["陈普通"]
    assert Notification.objects.filter(kind=kinds.CONTRACT_EXPIRING, recipient=users["head"]).count() == 3
    assert plain.employee.get_absolute_url() in Notification.objects.filter(kind=kinds.CONTRACT_EXPIRING).first().url


def test_the_expiry_sweep_costs_a_constant_number_of_queries(org, users, django_assert_max_num_queries):
    for _ in range(6):
        _ending(org)
    with django_assert_max_num_queries(12):
        assert reminders.contract_expiring(END - datetime.timedelta(days=30)) == 6 * 4


def test_an_imported_employee_is_reminded_like_one_entered_by_hand(org, users):
    """The sweep works off employees: an import (bulk-created rows, no onboarding case) is covered too."""
    import tablib

    from core.validators import build_id_number
    from employees.resources import EmployeeResource

    born = datetime.date(1992, 4, 5)
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
    ]
    row = [
        "IMP7",
        "导入人",
        "M",
        born.isoformat(),
        build_id_number("310101", born, 7),
        HIRED.isoformat(),
        org.stamping.code,
        org.stamper.code,
        "regular",
        "onboarding",
    ]
    result = EmployeeResource(user=users["hr"]).import_data(tablib.Dataset(row, headers=headers), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert reminders.contract_unsigned(written_contract_deadline(HIRED)) == 4
    titles = {n.title for n in Notification.objects.filter(kind=kinds.CONTRACT_UNSIGNED)}
    assert len(titles) == 1 and "导入人" in titles.pop()
