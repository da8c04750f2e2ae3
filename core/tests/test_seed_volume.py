"""seed_volume: deterministic, valid volume data built by each app's volume.py."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import F

from core.validators import validate_id_number
from employees.models import Employee, EmployeeStatus, JobChange, LabourContract, SalaryChange
from org.models import Department, JobDescription, Position

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 30)
MODELS = (Department, Position, JobDescription, Employee, LabourContract, SalaryChange, JobChange)


def seed(seed=7, employees=300, years=2):
    call_command(
        "seed_volume", employees=employees, years=years, seed=seed, today=TODAY, batch_size=500, stdout=io.StringIO()
    )


def snapshot() -> dict:
    first = Employee.objects.order_by("number")[:5]
    return {
        "counts": {model.__name__: model.objects.count() for model in MODELS},
        "employees": [
            (e.number, e.name, e.id_number, e.hire_date, e.department.code, e.position.code, e.status, e.base_salary)
            for e in first.select_related("department", "position")
        ],
        "contracts": list(
            LabourContract.objects.order_by("number").values_list("number", "start_date", "end_date")[:5]
        ),
    }


def test_the_same_seed_gives_the_same_data():
    """Two runs with the same seed and date give the same counts and the same first rows."""
    with transaction.atomic():
        seed()
        first = snapshot()
        transaction.set_rollback(True)
    assert Employee.objects.count() == 0
    seed()
    second = snapshot()

    assert first == second
    assert first["counts"]["Employee"] == 300


def test_another_seed_gives_other_people():
    with transaction.atomic():
        seed(seed=7)
        first = snapshot()
        transaction.set_rollback(True)
    seed(seed=8)

    assert snapshot()["employees"] != first["employees"]


def test_the_volume_is_valid_and_realistic():
    """ID numbers pass the checksum, leavers are separated with a date, history is consistent."""
    seed()

    for id_number in Employee.objects.values_list("id_number", flat=True):
        validate_id_number(id_number)
    separated = Employee.objects.filter(status=EmployeeStatus.SEPARATED)
    assert separated.exists()
    assert not separated.filter(separated_on__isnull=True).exists()
    assert not Employee.objects.exclude(status=EmployeeStatus.SEPARATED).filter(separated_on__isnull=False).exists()
    assert not separated.filter(separated_on__lt=F("hire_date")).exists()
    assert not separated.filter(separated_on__gte=TODAY).exists()
    # Every employee sits in a position of their own department.
    assert not Employee.objects.exclude(position__department=F("department")).exists()
    # A salaried employee's latest salary change is the current base salary.
    for employee in Employee.objects.filter(base_salary__isnull=False)[:50]:
        assert employee.salary_changes.order_by("-effective_date", "-pk").first().new_salary == employee.base_salary
    # Renewals point at the contract before them; the first duty of every job description is the quality policy.
    assert LabourContract.objects.filter(renews__isnull=False).exists()
    assert not LabourContract.objects.filter(renews__isnull=False, start_date__lte=F("renews__start_date")).exists()
    assert all(jd.duty_list[0] == "支持公司质量方针" for jd in JobDescription.objects.all())
    assert Department.objects.filter(code__startswith="V-", head__isnull=False).exists()


def test_a_second_run_on_the_same_database_is_refused():
    seed()

    with pytest.raises(CommandError, match="already present"):
        seed()


def test_the_run_is_recorded_for_the_benchmark_report(settings, tmp_path):
    """`make bench` reports how long seed_volume took on the database it measures (budget: 5 minutes)."""
    from core.seeding import last_volume_run

    settings.VAR_DIR = tmp_path
    assert last_volume_run() is None

    seed(employees=50, years=1)

    run = last_volume_run()
    assert (run["employees"], run["years"], run["seed"]) == (50, 1, 7)
    assert run["rows"]["employees.Employee"] == 50
    assert 0 < run["seconds"] < 300
