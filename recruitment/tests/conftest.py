"""A small company for recruitment tests: 生产部 with a head, a manager and a frontline post; 品质部 with a
head; HR, HR manager, production management and the general manager, each a login."""

import datetime

import pytest
from django.utils import timezone

from recruitment import services

from .factories import approve_all, build_company, candidate_data


@pytest.fixture
def company(make_user):
    return build_company(make_user)


@pytest.fixture
def approved_requisition(company):
    """An approved frontline requisition for two operators."""
    requisition = services.requisition_create(
        by=company.prod_head,
        position=company.frontline,
        headcount=2,
        reason="expansion",
        desired_start_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    requisition = services.requisition_submit(requisition=requisition, by=company.prod_head)
    approve_all(requisition)
    requisition.refresh_from_db()
    return requisition


@pytest.fixture
def make_candidate(company):
    counter = iter(range(1, 10_000))

    def make(**overrides):
        n = next(counter)
        data = {**candidate_data(n), **overrides}
        return services.candidate_create(by=company.hr, consent_given=True, **data)

    return make
