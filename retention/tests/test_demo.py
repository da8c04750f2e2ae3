import pytest
from django.utils import timezone

from retention.selectors import due_overview

pytestmark = pytest.mark.django_db


def test_the_demo_gives_the_hr_manager_candidates_and_notifications_to_review(demo):
    counts = {row.policy.record_type: row.count for row in due_overview(timezone.localdate())}
    assert counts["candidates"] >= 3
    assert counts["notifications"] >= 1
