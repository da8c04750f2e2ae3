"""The external training request (外出培训申请表) has an edit page for a draft and for a request returned for changes:
a returned one is changed and sent again only by whoever sent it, as the plans (test_returned)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.models import RequestStatus
from approvals.selectors import latest_request_for
from approvals.services import request_decide
from training import services
from training.models import ExternalStatus, ExternalTraining

pytestmark = pytest.mark.django_db


def _form(training, **changes):
    data = {
        "employee": training.employee_id,
        "course": training.course,
        "provider": training.provider,
        "starts_on": training.starts_on.isoformat(),
        "ends_on": training.ends_on.isoformat(),
        "hours": str(training.hours),
        "cost": str(training.cost),
        "reason": training.reason,
    }
    return {**data, **changes}


def _draft(world, by):
    today = timezone.localdate()
    return ExternalTraining.objects.create(
        employee=world.operator,
        course="焊工复审",
        provider="市培训中心",
        starts_on=today,
        ends_on=today,
        hours=Decimal(8),
        cost=Decimal(1000),
        reason="证书复审",
        created_by=by,
    )


def _returned(world):
    training = services.external_submit(training=_draft(world, world.company.prod_head), by=world.company.prod_head)
    request = latest_request_for(training)
    step = request.steps.get(round=request.round, index=request.current_step)
    request_decide(request=request, by=step.assigned_to, decision="return", comment="请写明复审机构")
    training.refresh_from_db()
    assert training.status == ExternalStatus.RETURNED
    return training


def test_a_returned_request_is_changed_and_sent_again_by_whoever_sent_it(world, login):
    training = _returned(world)
    client = login(world.company.prod_head)
    edit = reverse("training:external_edit", args=[training.pk])
    assert edit in client.get(training.get_absolute_url()).content.decode()
    assert client.get(edit).status_code == 200
    response = client.post(edit, _form(training, provider="省特种设备培训中心", employee=world.other.pk))
    assert response.status_code == 302
    training.refresh_from_db()
    request = latest_request_for(training)
    assert training.provider == "省特种设备培训中心"
    assert training.employee == world.operator  # the request stays about the same employee
    assert training.status == ExternalStatus.IN_APPROVAL
    assert request.round == 2 and request.status == RequestStatus.PENDING
    assert client.get(edit).status_code == 403  # in approval: nobody changes it


@pytest.mark.parametrize(("who", "status"), [("hr", 403), ("operator", 403), ("gm", 403), ("qa_head", 404)])
def test_others_cannot_change_a_returned_request(world, login, who, status):
    training = _returned(world)
    user = world.operator.user if who == "operator" else getattr(world.company, who)
    client = login(user)
    edit = reverse("training:external_edit", args=[training.pk])
    assert client.get(edit).status_code == status
    assert client.post(edit, _form(training, provider="改")).status_code == status
    if status == 403:
        assert edit not in client.get(training.get_absolute_url()).content.decode()
    training.refresh_from_db()
    assert training.provider == "市培训中心" and training.status == ExternalStatus.RETURNED


@pytest.mark.parametrize("who", ["operator", "prod_head", "hr"])
def test_a_draft_is_changed_and_sent_by_the_employee_the_head_or_hr(world, login, who):
    user = world.operator.user if who == "operator" else getattr(world.company, who)
    training = _draft(world, world.operator.user)
    client = login(user)
    edit = reverse("training:external_edit", args=[training.pk])
    assert client.get(edit).status_code == 200
    assert client.post(edit, _form(training, hours="16")).status_code == 302
    training.refresh_from_db()
    assert training.hours == Decimal(16) and training.status == ExternalStatus.IN_APPROVAL


def test_a_draft_of_another_department_is_not_found(world, login):
    training = _draft(world, world.operator.user)
    assert login(world.company.qa_head).get(reverse("training:external_edit", args=[training.pk])).status_code == 404


def test_the_edit_keeps_the_models_rules(world, login):
    training = _returned(world)
    client = login(world.company.prod_head)
    earlier = (training.starts_on - datetime.timedelta(days=3)).isoformat()
    response = client.post(reverse("training:external_edit", args=[training.pk]), _form(training, ends_on=earlier))
    assert response.status_code == 200 and response.context["form"].errors
    training.refresh_from_db()
    assert training.status == ExternalStatus.RETURNED


def test_the_service_asks_the_policy(world):
    training = _returned(world)
    from core.policy import PolicyDenied

    with pytest.raises(PolicyDenied):
        services.external_save(training=training, by=world.company.hr, provider="改")
