"""The agency-worker share of LCL art. 66 (the probation rules are tested with onboarding)."""

import datetime

import pytest
from django.utils import translation

from employees.labour_law import AgencyShare, agency_share, agency_share_warning, open_ended_entitlement
from tests.factories import EmployeeFactory


@pytest.mark.parametrize(
    ("agency", "workforce", "over"),
    [(0, 0, False), (1, 10, False), (10, 100, False), (11, 100, True), (2, 11, True)],
)
def test_more_than_ten_percent_agency_workers_is_over_the_limit(agency, workforce, over):
    """Exactly 10 % is allowed; anything above is not."""
    share = AgencyShare(agency=agency, workforce=workforce)
    assert share.over_limit is over
    assert bool(agency_share_warning(share)) is over


@pytest.mark.django_db
def test_the_share_counts_the_active_workforce_with_the_dispatched_workers():
    """Separated people are not counted; the workforce includes the agency workers themselves."""
    EmployeeFactory.create_batch(3)
    EmployeeFactory(employment_type="agency", agency_name="某劳务公司")
    EmployeeFactory(employment_type="agency", agency_name="某劳务公司", status="separated")

    share = agency_share()

    assert (share.agency, share.workforce, share.percent) == (1, 4, "25.0")


@pytest.mark.django_db
def test_interns_are_not_counted_in_the_art_66_workforce():
    """Interns have an internship agreement, not an employment relationship: 1 agency worker among 9
    employees is 11.1 %, whatever the number of interns."""
    EmployeeFactory.create_batch(8)
    EmployeeFactory(employment_type="agency", agency_name="某劳务公司")
    EmployeeFactory.create_batch(3, employment_type="intern")

    share = agency_share()

    assert (share.agency, share.workforce, share.headcount) == (1, 9, 12)
    assert share.over_limit


@pytest.mark.parametrize(
    ("hired", "fixed_terms", "entitled"),
    [
        (datetime.date(2020, 1, 1), 1, False),
        (datetime.date(2020, 1, 1), 2, True),  # a renewal after two consecutive fixed terms
        (datetime.date(2014, 1, 1), 1, True),  # ten years' service
    ],
)
def test_an_open_ended_contract_is_due_unless_the_employee_asks_for_a_fixed_term(hired, fixed_terms, entitled):
    """LCL art. 14: the company must conclude an open-ended contract; only the employee may ask otherwise."""
    with translation.override("en"):
        text = open_ended_entitlement(hire_date=hired, on=datetime.date(2025, 6, 30), fixed_terms=fixed_terms)
    assert bool(text) is entitled
    if entitled:
        assert "art. 14" in text and "open-ended unless the employee asks for a fixed term" in text
