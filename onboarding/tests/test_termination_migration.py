"""Onboarding's old termination in probation (ProbationTermination) is copied into separation cases of the probation
type by offboarding's migration 0003, its approval request re-pointed. The table is gone once the migrations ran,
so the copy function is called directly with stand-in rows carrying the old fields."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from approvals.selectors import latest_request_for
from employees.models import EmployeeStatus
from offboarding.models import CaseStatus, SeparationCase, SeparationType
from onboarding import services
from onboarding.models import OnboardingCase

from .conftest import REVIEW

pytestmark = pytest.mark.django_db
migration = importlib.import_module("offboarding.migrations.0003_probation_terminations_from_onboarding")
NOT_MET = {**REVIEW, "recommendation": "terminate", "conditions_met": False}
OLD_PK = 4242


def _row(case: OnboardingCase, by, *, status: str, pk: int = OLD_PK, separation_date=None):
    today = timezone.localdate()
    return SimpleNamespace(
        pk=pk,
        case=case,
        status=status,
        reason="试用期内产品合格率未达到录用条件",
        decided_on=today,
        separation_date=separation_date or today,
        union_informed_on=today,
        union_note="工会无异议",
        decided_by_id=by.pk,
        decided_at=timezone.now() if status != "pending" else None,
        created_at=timezone.now() - datetime.timedelta(days=1),
    )


def _old_request(company, case: OnboardingCase):
    """An approval request of the old model: made through today's path, then pointed at the old content type."""
    services.review_submit(case=case, by=company.prod_head, **NOT_MET)
    current = services.probation_terminate(
        case=case,
        by=company.hr,
        reason="不符合录用条件",
        separation_date=timezone.localdate(),
        union_informed_on=timezone.localdate(),
    )
    request = latest_request_for(current)
    old_type, _ = ContentType.objects.get_or_create(app_label="onboarding", model="probationtermination")
    request.content_type = old_type
    request.object_id = OLD_PK
    request.save(update_fields=["content_type", "object_id"])
    current.events.all().delete()
    current.delete()
    return request


def test_a_pending_termination_becomes_an_open_probation_case_with_its_request(company, start_case):
    case = start_case()
    request = _old_request(company, case)
    moved = migration.copy_rows(apps, [_row(case, company.hr, status="pending")])
    separation = SeparationCase.objects.get(pk=moved[OLD_PK])
    assert separation.separation_type == SeparationType.PROBATION and separation.status == CaseStatus.NOTICE
    assert separation.employee_id == case.employee_id and separation.in_probation
    assert separation.reason_text == "试用期内产品合格率未达到录用条件"
    assert separation.union_informed_on == timezone.localdate() and separation.created_by == company.hr
    assert separation.last_day is None
    request.refresh_from_db()
    assert request.subject == separation and request.subject_url == separation.get_absolute_url()
    assert latest_request_for(separation) == request


def test_an_approved_termination_becomes_a_separated_case_with_its_certificate(company, start_case):
    case = start_case()
    day = timezone.localdate() - datetime.timedelta(days=2)
    employee = case.employee
    employee.status = EmployeeStatus.SEPARATED
    employee.separated_on = day
    employee.save(update_fields=["status", "separated_on"])
    moved = migration.copy_rows(apps, [_row(case, company.hr, status="approved", separation_date=day)])
    separation = SeparationCase.objects.get(pk=moved[OLD_PK])
    assert separation.status == CaseStatus.SEPARATED and separation.last_day == day
    assert separation.certificate_number == f"LZ{day:%Y}{separation.pk:06d}"
    assert separation.file_transfer_due == day + datetime.timedelta(days=15)
    assert separation.handover_items.filter(mandatory=True).exists()
    assert timezone.localtime(separation.created_at).date() == timezone.localdate() - datetime.timedelta(days=1)
    assert list(separation.events.values_list("action", flat=True).order_by("at", "pk")) == [
        "decided",
        "confirmed",
        "separated",
    ]


def test_rejected_returned_and_withdrawn_terminations_are_closed(company, start_case):
    rows = [
        _row(start_case(), company.hr, status=status, pk=n)
        for n, status in enumerate(["rejected", "returned", "withdrawn"], start=1)
    ]
    moved = migration.copy_rows(apps, rows)
    statuses = [SeparationCase.objects.get(pk=moved[n]).status for n in (1, 2, 3)]
    assert statuses == [CaseStatus.REJECTED, CaseStatus.REJECTED, CaseStatus.WITHDRAWN]
