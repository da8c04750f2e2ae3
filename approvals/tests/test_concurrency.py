import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from approvals.models import Decision, DecisionKind, RequestStep, RequestStepStatus
from approvals.services import delegation_create, request_decide, request_submit


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_approvers_deciding_the_same_step_at_once_produce_one_decision(org, process, make_flow, subject):
    """The GM and their delegate click "approve" at the same moment: one decision, the step advances once."""
    from django.utils import timezone

    make_flow([("gm",), ("hr_manager",)])
    today = timezone.localdate()
    delegation_create(from_user=org.gm, to_user=org.deputy_gm, start_date=today, end_date=today)
    request = request_submit(subject=subject, by=org.worker)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(user):
        try:
            barrier.wait(timeout=10)
            request_decide(request=request, by=user, decision=DecisionKind.APPROVE, comment=user.username)
            outcomes.append("decided")
        except (ValidationError, PermissionDenied):
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(user,)) for user in (org.gm, org.deputy_gm)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["decided", "refused"]
    first = RequestStep.objects.get(request=request, index=0)
    assert Decision.objects.filter(request_step=first).count() == 1
    assert first.status == RequestStepStatus.APPROVED
    request.refresh_from_db()
    assert request.current_step == 1
    assert RequestStep.objects.filter(request=request, status=RequestStepStatus.PENDING).count() == 1
