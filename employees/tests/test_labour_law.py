"""The agency-worker share of LCL art. 66 (the probation rules are tested with onboarding)."""

import pytest

from employees.labour_law import AgencyShare, agency_share, agency_share_warning
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
