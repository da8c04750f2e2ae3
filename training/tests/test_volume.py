"""The volume generator writes ten years of training history: a published plan per year, held sessions with
attendees and scores, yearly ratings; the history page of a heavy employee stays within its query budget."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from training.models import Participant, PlanStatus, Session, SkillRating, TrainingPlan

pytestmark = pytest.mark.django_db


def test_ten_years_of_training_history(client, make_user, django_assert_max_num_queries):
    call_command(
        "seed_volume",
        employees=200,
        years=10,
        seed=3,
        today=datetime.date(2025, 6, 30),
        batch_size=500,
        stdout=io.StringIO(),
    )
    assert TrainingPlan.objects.filter(status=PlanStatus.PUBLISHED).count() == 11
    years = {s.starts_at.year for s in Session.objects.all()}
    assert years == set(range(2015, 2026))
    assert Participant.objects.filter(passed=False, failure_action="retrain").exists()
    assert SkillRating.objects.values("employee").distinct().count() > 10
    hr = make_user("hr_bench", roles=["hr"])
    client.force_login(hr)
    busiest = Participant.objects.values_list("employee", flat=True).order_by("employee")[0]
    with django_assert_max_num_queries(20):
        assert client.get(reverse("training:history", args=[busiest])).status_code == 200
