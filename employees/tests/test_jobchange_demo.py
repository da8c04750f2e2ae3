"""The demo company shows job changes in approval and approved ahead of their date; the benchmark measures the
job change, CV and 调薪单 pages."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from benchmarks.registry import pages_for
from employees.models import JobChange, JobChangeStatus

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_pending_and_an_approved_future_job_change(demo):
    pending = JobChange.objects.get(status=JobChangeStatus.PENDING)
    approved = JobChange.objects.get(status=JobChangeStatus.APPROVED)
    assert approved.effective_date > timezone.localdate()
    assert approved.new_salary is not None
    # Not in effect yet: the employee still holds the old post.
    assert approved.employee.position_id == approved.from_position_id
    assert pending.employee.position_id == pending.from_position_id


def test_the_benchmark_measures_the_new_pages(demo, client):
    user = get_user_model().objects.get(username="hr_manager")
    labels = {page.label for page in pages_for(user)}
    assert {"PDF: CV (员工履历表)", "Job change detail (员工变动)", "PDF: salary adjustment (调薪单)"} <= labels
    assert "Job change form" in labels
