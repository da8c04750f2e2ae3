"""Two clicks at once (PostgreSQL row locks): one issue of a medium, one set of handout numbers."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from confidentiality.oversight import services
from confidentiality.oversight.models import Handout, MediumLoan
from core.security import SecrecyLevel

from .conftest import held_meeting_with_handouts


def _at_once(calls) -> list[str]:
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call):
        try:
            barrier.wait(timeout=10)
            call()
            outcomes.append("done")
        except (ValidationError, PermissionDenied):
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_custodians_issuing_one_medium_at_once_issue_it_once(people):
    medium = services.medium_register(
        by=people.keeper,
        serial="U-1",
        kind="usb",
        description="",
        level=SecrecyLevel.SECRET,
        department=people.department,
        custodian=people.cleared,
    )
    due = timezone.localdate() + datetime.timedelta(days=1)
    outcomes = _at_once(
        [
            lambda: services.medium_issue(
                medium=medium, by=people.keeper, holder=people.top, purpose="a", due_back=due
            ),
            lambda: services.medium_issue(
                medium=medium, by=people.cleared, holder=people.manager, purpose="b", due_back=due
            ),
        ]
    )
    assert outcomes == ["done", "refused"]
    assert MediumLoan.objects.filter(returned_at__isnull=True).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_issues_of_handouts_at_once_never_share_a_number(people, meeting):
    held_meeting_with_handouts(people, meeting)
    outcomes = _at_once(
        [
            lambda: services.handouts_issue(
                meeting=meeting, by=people.manager, material="a", recipients=[people.cleared]
            ),
            lambda: services.handouts_issue(
                meeting=meeting, by=people.officer, material="b", recipients=[people.cleared]
            ),
        ]
    )
    assert outcomes == ["done", "done"]
    assert sorted(Handout.objects.values_list("number", flat=True)) == [1, 2, 3, 4]
