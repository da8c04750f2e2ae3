"""The probation rules of the labour law (LCL arts. 19, 20), table-driven."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

from employees.labour_law import probation_cap_months, probation_check, probation_end_date


@pytest.mark.parametrize(
    ("contract_type", "months", "cap"),
    [
        ("fixed", 2, 0),
        ("fixed", 3, 1),
        ("fixed", 11, 1),
        ("fixed", 12, 2),
        ("fixed", 35, 2),
        ("fixed", 36, 6),
        ("open", None, 6),
        ("project", None, 0),
    ],
)
def test_probation_cap_follows_the_contract_term(contract_type, months, cap):
    """Under 3 months or a single project: none; under 1 year: 1 month; under 3 years: 2; otherwise 6."""
    assert probation_cap_months(contract_type, months) == cap


def _check(**overrides):
    terms = {
        "contract_type": "fixed",
        "contract_months": 36,
        "probation_months": 3,
        "probation_salary": Decimal("4800"),
        "salary": Decimal("6000"),
    }
    terms.update(overrides)
    probation_check(**terms)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"contract_months": 12, "probation_months": 3}, "probation_months"),
        ({"contract_months": 6, "probation_months": 2}, "probation_months"),
        ({"contract_months": 2, "probation_months": 1}, "probation_months"),
        ({"contract_type": "project", "contract_months": None, "probation_months": 1}, "probation_months"),
        ({"probation_salary": Decimal("4799.99")}, "probation_salary"),
        ({"probation_salary": None}, "probation_salary"),
        ({"had_probation": True}, "probation_months"),
        ({"has_labour_contract": False}, "probation_months"),
        ({"probation_months": 0}, "probation_salary"),
    ],
)
def test_terms_outside_the_law_are_refused_with_the_field_named(overrides, field):
    """Each breach is refused on its own field, in plain words."""
    with pytest.raises(ValidationError) as error:
        _check(**overrides)
    assert field in error.value.message_dict


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"contract_months": 12, "probation_months": 2},
        {"contract_months": 11, "probation_months": 1},
        {"contract_type": "open", "contract_months": None, "probation_months": 6},
        {"probation_salary": Decimal("4800")},
        {"probation_months": 0, "probation_salary": None},
    ],
)
def test_terms_inside_the_law_pass(overrides):
    _check(**overrides)


@override_settings(HRMS_LOCAL_MINIMUM_WAGE=5000)
def test_probation_pay_below_the_local_minimum_wage_is_refused():
    """80 % of the salary is not enough when it is below the minimum wage setting."""
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _check(probation_salary=Decimal("4900"))
    assert "minimum wage" in " ".join(error.value.message_dict["probation_salary"])


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (datetime.date(2026, 3, 1), 3, datetime.date(2026, 5, 31)),
        (datetime.date(2026, 3, 15), 1, datetime.date(2026, 4, 14)),
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 11, 20), 2, datetime.date(2027, 1, 19)),
        (datetime.date(2026, 3, 1), 0, None),
    ],
)
def test_probation_end_date_is_the_last_day_of_the_period(start, months, end):
    assert probation_end_date(start, months) == end
