"""The notice and compensation rules of employees.labour_law (LCL arts. 37, 40–47)."""

import datetime
from decimal import Decimal

import pytest

from employees.labour_law import compensation, compensation_months, earliest_last_day

D = datetime.date


@pytest.mark.parametrize(
    ("notice_on", "in_probation", "secrecy", "expected"),
    [
        (D(2026, 3, 1), False, 0, D(2026, 3, 31)),  # 30 days
        (D(2026, 3, 1), True, 0, D(2026, 3, 4)),  # 3 days in probation
        (D(2026, 3, 1), False, 6, D(2026, 9, 1)),  # a 6-month 脱密期 runs longer than 30 days
        (D(2026, 3, 1), True, 2, D(2026, 5, 1)),  # the 脱密期 holds in probation too
        (D(2026, 1, 31), False, 1, D(2026, 3, 2)),  # 30 days after 31 Jan beat one month (28 Feb)
        (D(2026, 12, 15), False, 0, D(2027, 1, 14)),
    ],
)
def test_earliest_last_day(notice_on, in_probation, secrecy, expected):
    """The earliest last day: 30 days, 3 in probation, the agreed secrecy period when longer."""
    assert earliest_last_day(notice_on=notice_on, in_probation=in_probation, secrecy_months=secrecy) == expected


@pytest.mark.parametrize(
    ("hire", "last_day", "months"),
    [
        (D(2020, 1, 1), D(2024, 12, 31), Decimal(5)),  # exactly five years
        (D(2020, 1, 1), D(2025, 3, 31), Decimal("5.5")),  # five years and three months: half a month
        (D(2020, 1, 1), D(2025, 6, 30), Decimal(6)),  # six months more count as a year
        (D(2025, 1, 1), D(2025, 2, 15), Decimal("0.5")),  # under six months
        (D(2025, 1, 1), D(2025, 8, 31), Decimal(1)),
        (D(2020, 1, 1), D(2025, 1, 10), Decimal("5.5")),  # ten days beyond five years: half a month
    ],
)
def test_compensation_months(hire, last_day, months):
    assert compensation_months(hire, last_day) == months


@pytest.mark.parametrize(
    ("hire", "last_day", "wage", "average", "months", "base", "amount", "capped"),
    [
        (D(2020, 1, 1), D(2024, 12, 31), Decimal(8000), Decimal(10000), 5, 8000, 40000, False),
        # Wage above three times the average: base is 3 × average
        (D(2020, 1, 1), D(2024, 12, 31), Decimal(40000), Decimal(10000), 5, 30000, 150000, True),
        # …and at most twelve years counted
        (D(2005, 1, 1), D(2024, 12, 31), Decimal(40000), Decimal(10000), 12, 30000, 360000, True),
        # Below the cap, twenty years count in full
        (D(2005, 1, 1), D(2024, 12, 31), Decimal(9000), Decimal(10000), 20, 9000, 180000, False),
        # Exactly three times is not above it
        (D(2020, 1, 1), D(2022, 12, 31), Decimal(30000), Decimal(10000), 3, 30000, 90000, False),
    ],
)
def test_compensation_with_the_cap(hire, last_day, wage, average, months, base, amount, capped):
    """Arts. 46–47: months by service, the wage base capped at 3× the local average and then 12 years."""
    owed = compensation(hire=hire, last_day=last_day, monthly_wage=wage, average_wage=average)
    assert (owed.months, owed.wage_base, owed.amount, owed.capped) == (
        Decimal(months),
        Decimal(base),
        Decimal(amount),
        capped,
    )


def test_the_average_wage_is_a_setting(settings):
    settings.HRMS_LOCAL_AVERAGE_WAGE = 5000
    owed = compensation(hire=D(2020, 1, 1), last_day=D(2020, 12, 31), monthly_wage=Decimal(20000))
    assert owed.capped and owed.wage_base == Decimal(15000)
