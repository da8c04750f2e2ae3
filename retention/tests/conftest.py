"""The recruitment test company (users per role, a requisition, candidates) serves the retention tests too."""

from recruitment.tests.conftest import approved_requisition, company, make_candidate  # noqa: F401
