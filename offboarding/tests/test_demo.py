"""The demo shows a separation in every state, for the demo logins that use them."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from offboarding.models import CaseStatus, Party, SeparationCase


@pytest.mark.django_db
def test_the_demo_has_every_state(demo, client):
    statuses = set(SeparationCase.objects.values_list("status", flat=True))
    assert {CaseStatus.NOTICE, CaseStatus.CONFIRMED, CaseStatus.SEPARATED, CaseStatus.COMPLETED} <= statuses
    assert CaseStatus.WITHDRAWN in statuses
    types = set(SeparationCase.objects.values_list("separation_type", flat=True))
    assert {"resignation", "dismissal", "not_renewed", "mutual", "probation"} <= types
    notice = SeparationCase.objects.get(employee__user__username="employee")
    assert notice.status == CaseStatus.NOTICE
    former = SeparationCase.objects.get(employee__user__username="former_staff")
    assert former.status == CaseStatus.COMPLETED and former.not_eligible_for_rehire
    leaver = SeparationCase.objects.get(employee__user__username="leaver")
    assert leaver.handover_items.filter(party=Party.RECORDS, done_at__isnull=True, copy_id__isnull=False).exists()

    User = get_user_model()
    client.force_login(User.objects.get(username="records_keeper"))
    assert "data-item" in client.get(reverse("offboarding:tasks")).content.decode()
    client.force_login(User.objects.get(username="employee"))
    assert client.get(reverse("offboarding:mine")).url == notice.get_absolute_url()
    for username in ("hr", "hr_manager", "gm", "prod_head", "qa_head"):
        client.force_login(User.objects.get(username=username))
        assert client.get(reverse("offboarding:case_list")).status_code == 200
        assert client.get(reverse("offboarding:tasks")).status_code in (200, 404)
    client.force_login(User.objects.get(username="hr"))
    for case in SeparationCase.objects.all():
        assert client.get(case.get_absolute_url()).status_code == 200
    assert client.get(reverse("offboarding:certificate_pdf", args=[former.pk])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["hr", "hr_manager", "prod_head", "records_keeper"])
def test_bench_pages_answer_within_their_query_budget(demo, client, username):
    """Every offboarding page the benchmark requests renders, within the query budget of its kind."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from benchmarks.registry import BUDGETS
    from offboarding.bench import pages

    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    found = pages(user)
    assert found
    over = []
    for page in found:
        with CaptureQueriesContext(connection) as queries:
            status = client.get(page.url).status_code
        assert status == 200, (page.label, page.url)
        budget = BUDGETS[page.kind][0]
        if budget is not None and len(queries) > budget:
            over.append((page.label, len(queries)))
    assert over == []
