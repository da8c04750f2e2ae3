"""The demo shows the onboarding states of issue #17: a conversion approved for a later date, a termination
in approval, and the safety-education records."""

import pytest

from offboarding.models import CaseStatus, SeparationCase, SeparationType
from onboarding.models import Conversion, OnboardingCase, ProbationStatus, SafetyEducation


@pytest.mark.django_db
def test_the_demo_shows_the_new_states(demo):
    waiting = Conversion.objects.get(case__employee__name="宋立新")
    assert waiting.awaits_effective_date
    assert waiting.case.probation_status == ProbationStatus.CONVERSION_APPROVED
    termination = SeparationCase.objects.get(employee__name="马俊", separation_type=SeparationType.PROBATION)
    assert termination.status == CaseStatus.NOTICE
    assert OnboardingCase.objects.get(employee=termination.employee).probation_status == ProbationStatus.TERMINATION
    assert SafetyEducation.objects.filter(case__employee__name="林晓峰").count() == 1
    assert SafetyEducation.objects.values("case").distinct().count() > 3
    assert OnboardingCase.objects.filter(tasks__code="health_check", tasks__status="done").exists()
