"""Volume data carries the approval trails the live engine would have left (approvals.seeding.bulk_trails)."""

import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import F

from approvals.models import Decision, DecisionKind, Request, RequestStatus, RequestStepStatus
from approvals.selectors import pending_count_for, pending_steps_for
from notifications.models import Notification
from onboarding.models import Conversion
from org.models import JobDescription
from recruitment.models import Offer, Requisition

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 30)


@pytest.fixture(scope="module")
def volume(demo, django_db_blocker):
    """Volume data on top of the demo company (whose users approve), once for the module."""
    with django_db_blocker.unblock():
        call_command("seed_volume", employees=300, years=2, seed=3, today=TODAY, batch_size=500, stdout=io.StringIO())


def requests_for(model):
    """The model's requests in the volume history (the demo company's own are submitted today, after TODAY)."""
    return Request.objects.filter(content_type=ContentType.objects.get_for_model(model), submitted_at__date__lte=TODAY)


def test_every_approved_subject_has_its_approved_trail(volume):
    """Requisitions, offers and conversions of the volume were each approved through their flow."""
    for model, flows in (
        (Requisition, {"requisition_frontline", "requisition_staff"}),
        (Offer, {"hire_frontline", "hire_staff"}),
        (Conversion, {"probation_conversion"}),
    ):
        trails = requests_for(model)
        assert model.objects.filter(pk__in=trails.values("object_id")).count() > 50, model
        assert set(trails.values_list("flow__code", flat=True)) <= flows
        assert not trails.exclude(status=RequestStatus.APPROVED).exists()
        assert not trails.filter(finished_at__lt=F("submitted_at")).exists()


def test_a_trail_reads_like_the_engine_wrote_it(volume):
    """Submit decision first, then one decision per decided step by its approver, in time order; the applicant
    was told of the outcome and each approver of their step."""
    request = requests_for(Requisition).order_by("pk").first()
    steps = list(request.steps.order_by("index"))
    decided = [s for s in steps if s.status != RequestStepStatus.SKIPPED]
    decisions = list(request.decisions.order_by("created_at", "pk"))

    assert decisions[0].decision == DecisionKind.SUBMIT and decisions[0].by_id == request.applicant_id
    assert [d.by_id for d in decisions[1:]] == [s.assigned_to_id for s in decided]
    assert all(d.decision == DecisionKind.APPROVE for d in decisions[1:])
    assert [d.request_step_id for d in decisions[1:]] == [s.pk for s in decided]
    assert decisions[-1].created_at == request.finished_at
    assert Notification.objects.filter(recipient=request.applicant, url=request.get_absolute_url()).count() == 1
    for step in decided:
        assert Notification.objects.filter(recipient=step.assigned_to, url=step.get_absolute_url()).exists()
    assert Decision.objects.filter(request__in=requests_for(Requisition)).count() > requests_for(Requisition).count()


def test_pending_job_descriptions_wait_in_the_first_approvers_inbox(volume):
    """A JD version the volume left pending is in its first approver's inbox, with an unread notification."""
    volume_jds = JobDescription.objects.filter(position__code__startswith="V")
    pending = requests_for(JobDescription).filter(status=RequestStatus.PENDING, object_id__in=volume_jds.values("pk"))
    assert pending.count() == volume_jds.filter(status=JobDescription.Status.PENDING).count() > 0
    request = pending.order_by("pk").first()
    step = request.steps.get(status=RequestStepStatus.PENDING)
    approver = step.assigned_to

    assert step in pending_steps_for(approver)
    assert pending_count_for(approver) >= 1
    assert Notification.objects.filter(recipient=approver, url=step.get_absolute_url(), read_at__isnull=True).exists()
