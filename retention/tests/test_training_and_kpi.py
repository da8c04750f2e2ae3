"""Training records and certificates, KPI sheets: the employee's tenure + 3 years (spec 10), then listed for HR to
review and never cleared or deleted (IATF audit evidence). The overview counts every type in constant queries."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.policy import PolicyDenied
from employees.models import EmployeeStatus
from org.models import PositionCategory
from performance.models import Cycle, KpiTemplate, PeriodType, Sheet
from retention import selectors, services
from retention.models import RecordType, RetentionAction, RetentionPolicy
from tests.factories import EmployeeFactory
from training.models import Certificate, CertificateType, Participant, Session

pytestmark = pytest.mark.django_db

NEW_TYPES = (RecordType.TRAINING_RECORDS, RecordType.KPI_SHEETS)


def _separated(days_ago: int):
    return EmployeeFactory(
        status=EmployeeStatus.SEPARATED, separated_on=timezone.localdate() - datetime.timedelta(days=days_ago)
    )


def _training(employee):
    start = timezone.now() - datetime.timedelta(days=2000)
    session = Session.objects.create(
        course="焊接技能培训",
        trainer_kind="internal",
        trainer="张师傅",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="培训室A",
        hours=Decimal(2),
        status="held",
    )
    Participant.objects.create(session=session, employee=employee, attended=True)
    kind, _created = CertificateType.objects.get_or_create(name="焊工证")
    Certificate.objects.create(
        employee=employee, type=kind, number="W1", issuer="安监局", issued_on=datetime.date(2019, 1, 1)
    )


def _kpi_sheet(employee):
    template, _created = KpiTemplate.objects.get_or_create(name="一线岗位KPI", category=PositionCategory.FRONTLINE)
    cycle, _created = Cycle.objects.get_or_create(
        name="2019年第四季度",
        defaults={
            "period_type": PeriodType.QUARTERLY,
            "start_date": datetime.date(2019, 10, 1),
            "end_date": datetime.date(2019, 12, 31),
            "scoring_deadline": datetime.date(2020, 1, 20),
        },
    )
    Sheet.objects.create(
        cycle=cycle, employee=employee, department=employee.department, position=employee.position, template=template
    )


def test_the_table_keeps_training_records_and_kpi_sheets_three_years_after_the_tenure_listed_only():
    for record_type in NEW_TYPES:
        policy = RetentionPolicy.objects.get(record_type=record_type)
        assert policy.months == 36 and "离职" in policy.counted_from
        assert policy.action == RetentionAction.LIST_ONLY


@pytest.mark.parametrize(("record_type", "make"), [("training_records", _training), ("kpi_sheets", _kpi_sheet)])
def test_records_of_employees_separated_over_three_years_ago_are_listed_and_never_deleted(
    client, company, record_type, make
):
    long_gone, recent, without = _separated(4 * 365), _separated(2 * 365), _separated(4 * 365)
    make(long_gone)
    make(recent)
    client.force_login(company.hr_manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("retention:review", args=[record_type])
    page = client.get(url).content.decode()
    assert long_gone.number in page and recent.number not in page and without.number not in page
    assert "audit evidence" in page and "Confirm all" not in page
    overview = client.get(reverse("retention:overview"))
    assert {row.policy.record_type: row.count for row in overview.context["rows"]}[record_type] == 1
    assert client.post(reverse("retention:confirm", args=[record_type]), {"scope": "all"}).status_code == 403
    policy = RetentionPolicy.objects.get(record_type=record_type)
    with pytest.raises(PolicyDenied) as excinfo:
        services.retention_confirm(policy=policy, by=company.hr_manager)
    assert excinfo.value.code == "retention_list_only"
    assert Participant.objects.count() + Sheet.objects.count() == 2
    assert client.get(url).status_code == 200 and long_gone.number in client.get(url).content.decode()


def test_the_training_row_counts_sessions_and_certificates(company):
    employee = _separated(4 * 365)
    _training(employee)
    policy = RetentionPolicy.objects.get(record_type=RecordType.TRAINING_RECORDS)
    due = selectors.due_for(policy, timezone.localdate())
    (row,) = due.queryset(timezone.localdate())
    assert due.records.cells(row)[-3:] == (1, 1, 0)


def test_the_period_follows_the_table(company):
    employee = _separated(2 * 365)
    _training(employee)
    RetentionPolicy.objects.filter(record_type=RecordType.TRAINING_RECORDS).update(months=12)
    counts = {row.policy.record_type: row.count for row in selectors.due_overview(timezone.localdate())}
    assert counts[RecordType.TRAINING_RECORDS] == 1


def test_the_overview_counts_every_record_type_in_two_queries(company, django_assert_max_num_queries):
    for days in (4 * 365, 5 * 365):
        employee = _separated(days)
        _training(employee)
        _kpi_sheet(employee)
    with django_assert_max_num_queries(2):
        rows = selectors.due_overview(timezone.localdate())
    assert len(rows) == len(RecordType.values)
    counts = {row.policy.record_type: row.count for row in rows}
    assert counts[RecordType.TRAINING_RECORDS] == 2 and counts[RecordType.KPI_SHEETS] == 2


def test_the_overview_page_costs_the_same_with_one_record_type_or_all(client, company, django_assert_max_num_queries):
    client.force_login(company.hr_manager)
    kept = list(RetentionPolicy.objects.values_list("record_type", "name", "months", "counted_from", "basis"))
    RetentionPolicy.objects.exclude(record_type=RecordType.NOTIFICATIONS).delete()
    client.get(reverse("retention:overview"))
    with django_assert_max_num_queries(12) as one_type:
        assert client.get(reverse("retention:overview")).status_code == 200
    for record_type, name, months, counted_from, basis in kept:
        RetentionPolicy.objects.get_or_create(
            record_type=record_type,
            defaults={"name": name, "months": months, "counted_from": counted_from, "basis": basis},
        )
    with django_assert_max_num_queries(len(one_type.captured_queries)):
        page = client.get(reverse("retention:overview"))
    assert len(page.context["rows"]) == len(RecordType.values)
