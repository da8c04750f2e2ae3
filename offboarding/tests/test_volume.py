"""seed_volume gives separations with cases over the years, valid and complete."""

import datetime
import io

import pytest
from django.core.management import call_command

from employees.models import Employee, EmployeeStatus
from offboarding.models import CaseStatus, HandoverItem, SeparationCase

pytestmark = pytest.mark.django_db


def test_every_separated_employee_has_a_completed_case(make_user):
    make_user("hr", roles=["hr"])
    call_command(
        "seed_volume",
        employees=300,
        years=3,
        seed=7,
        today=datetime.date(2025, 6, 30),
        batch_size=500,
        stdout=io.StringIO(),
    )
    separated = Employee.objects.filter(status=EmployeeStatus.SEPARATED)
    assert separated.exists()
    completed = SeparationCase.objects.filter(status=CaseStatus.COMPLETED)
    assert completed.count() == separated.count()
    assert not completed.filter(handover_items__done_at__isnull=True).exists()
    for case in completed.select_related("employee")[:50]:
        assert case.last_day == case.employee.separated_on
    running = SeparationCase.objects.filter(status=CaseStatus.CONFIRMED)
    assert not running.filter(employee__status=EmployeeStatus.SEPARATED).exists()
    assert HandoverItem.objects.filter(case__in=running, done_at__isnull=True).exists() or not running.exists()
