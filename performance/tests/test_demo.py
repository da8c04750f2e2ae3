"""The demo shows the KPI review in every state: the demo employee's self-assessment waits, prod_head has
sheets to score, a low grade has its improvement plan, and each demo login's pages answer."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from performance.models import Cycle, ImprovementPlan, Sheet, SheetStatus


@pytest.mark.django_db
def test_the_demo_shows_every_state(demo, client):
    User = get_user_model()
    assert Sheet.objects.filter(employee__user__username="employee", status=SheetStatus.SELF).exists()
    head = User.objects.get(username="prod_head")
    from performance.policies import can_score

    to_score = Sheet.objects.filter(status=SheetStatus.SCORING)
    assert any(can_score(head, s) for s in to_score)
    assert set(Sheet.objects.values_list("status", flat=True)) >= {
        SheetStatus.GOALS,
        SheetStatus.SELF,
        SheetStatus.SCORING,
        SheetStatus.INTERVIEW,
        SheetStatus.ACKNOWLEDGEMENT,
        SheetStatus.CALIBRATION,
        SheetStatus.LOCKED,
    }
    plan = ImprovementPlan.objects.select_related("sheet").get()
    assert plan.sheet.final_grade in ("C", "D")
    assert set(Cycle.objects.values_list("status", flat=True)) == {"draft", "open", "closed"}


@pytest.mark.django_db
def test_every_demo_login_reaches_its_kpi_pages(demo, client):
    from performance.bench import pages

    User = get_user_model()
    for username in ("hr", "gm", "prod_head", "qa_head", "employee", "auditor"):
        user = User.objects.get(username=username)
        client.force_login(user)
        for page in pages(user):
            response = client.get(page.url)
            assert response.status_code == 200, (username, page.url)
    client.force_login(User.objects.get(username="employee"))
    assert client.get(reverse("performance:cycle_list")).status_code == 404
