"""The demo company and the volume data obey the rules every path enforces: each employee and each labour
contract passes its model's validation (art. 19 probation, no overlapping contracts, a real signing date, a
birth date matching the ID number, no negative wage)."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from employees.models import Employee, LabourContract


def _invalid(queryset) -> dict[str, dict]:
    """Every row that fails `full_clean()`, with its errors."""
    invalid = {}
    for row in queryset:
        try:
            row.full_clean()
        except ValidationError as error:
            invalid[str(row)] = error.message_dict
    return invalid


def test_the_demo_people_and_contracts_are_valid(demo, db):
    assert _invalid(Employee.objects.all()) == {}
    assert _invalid(LabourContract.objects.select_related("employee", "renews")) == {}


@pytest.mark.django_db
def test_the_volume_people_and_contracts_are_valid():
    call_command(
        "seed_volume",
        employees=200,
        years=4,
        seed=3,
        today=datetime.date(2025, 6, 30),
        batch_size=500,
        stdout=io.StringIO(),
    )
    assert _invalid(Employee.objects.all()) == {}
    assert _invalid(LabourContract.objects.select_related("employee", "renews")) == {}
