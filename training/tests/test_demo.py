"""The demo shows training in every state, and every demo login browses the training pages without an error
(forbidden pages answer 403/404, never 500)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from training.models import (
    Certificate,
    CompetenceReview,
    ExternalStatus,
    ExternalTraining,
    Mentoring,
    NeedStatus,
    Participant,
    PlanStatus,
    Session,
    SessionStatus,
    TrainingNeed,
    TrainingPlan,
)

LOGINS = ["hr", "hr_manager", "gm", "vp", "prod_head", "qa_head", "employee", "auditor", "records_keeper"]


@pytest.mark.django_db
def test_the_demo_has_every_state_and_every_login_browses_it(demo, client):
    assert set(TrainingPlan.objects.values_list("status", flat=True)) >= {PlanStatus.PUBLISHED, PlanStatus.IN_APPROVAL}
    assert set(TrainingNeed.objects.values_list("status", flat=True)) >= {
        NeedStatus.OPEN,
        NeedStatus.PLANNED,
        NeedStatus.CANCELLED,
        NeedStatus.FULFILLED,
    }
    assert set(Session.objects.values_list("status", flat=True)) == set(SessionStatus.values)
    assert Session.objects.get(status=SessionStatus.CANCELLED).cancel_reason
    assert Participant.objects.filter(passed=False, failure_action="retrain").exists()
    assert set(ExternalTraining.objects.values_list("status", flat=True)) >= {
        ExternalStatus.IN_APPROVAL,
        ExternalStatus.APPROVED,
        ExternalStatus.COMPLETED,
        ExternalStatus.RETURNED,
    }
    assert Certificate.objects.filter(expires_on__lt=timezone.localdate()).exists()
    assert Mentoring.objects.filter(signed_off_at__isnull=True).exists()
    assert Mentoring.objects.filter(signed_off_at__isnull=False).exists()
    assert CompetenceReview.objects.filter(status="in_approval").exists()
    sessions = list(Session.objects.values_list("pk", flat=True))
    plan = TrainingPlan.objects.get(status=PlanStatus.PUBLISHED)
    for username in LOGINS:
        user = get_user_model().objects.get(username=username)
        client.force_login(user)
        urls = [
            reverse("training:home"),
            reverse("training:matrix"),
            reverse("training:need_list"),
            reverse("training:session_list"),
            reverse("training:plan_list"),
            reverse("training:my_history"),
            reverse("training:checkin_any"),
            reverse("training:need_create"),
            plan.get_absolute_url(),
            reverse("training:devplan_list"),
            reverse("training:skill_list"),
        ] + [reverse("training:session_detail", args=[pk]) for pk in sessions]
        urls += [e.get_absolute_url() for e in ExternalTraining.objects.all()]
        for url in urls:
            response = client.get(url, follow=True)
            assert response.status_code in (200, 403, 404), (username, url, response.status_code)


@pytest.mark.django_db
def test_seeding_twice_adds_nothing(demo):
    before = (Session.objects.count(), TrainingNeed.objects.count(), Participant.objects.count())
    call_command("seed_demo", force=True, stdout=open("/dev/null", "w"))
    assert (Session.objects.count(), TrainingNeed.objects.count(), Participant.objects.count()) == before
