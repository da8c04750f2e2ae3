"""Returned for changes: the HR development plan, the post competence evaluation and the annual plan are changed
by whoever sent them, on the same page as a draft, and sent again as a new round of the same request."""

import pytest
from django.urls import reverse

from approvals.models import RequestStatus
from approvals.selectors import latest_request_for
from approvals.services import request_decide
from recruitment.tests.factories import approve_all
from training import policies, services
from training.models import CompetenceReview, DevelopmentPlan, PlanItem, PlanStatus

pytestmark = pytest.mark.django_db


def _return(subject, comment="请补充"):
    request = latest_request_for(subject)
    step = request.steps.get(round=request.round, index=request.current_step)
    request_decide(request=request, by=step.assigned_to, decision="return", comment=comment)
    subject.refresh_from_db()
    assert subject.status == PlanStatus.RETURNED
    return subject


def _returned_devplan(world, login):
    client = login(world.company.hr)
    response = client.post(
        reverse("training:devplan_create"), {"year": 2027, "training_focus": "焊接", "competence_needs": ""}
    )
    assert response.status_code == 302
    plan = DevelopmentPlan.objects.get()
    assert client.get(plan.get_absolute_url()).context["can_edit"]
    client.post(reverse("training:devplan_submit", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_APPROVAL
    assert login(world.company.hr).get(reverse("training:devplan_edit", args=[plan.pk])).status_code == 403
    return _return(plan)


def test_a_returned_development_plan_is_edited_and_sent_again_by_its_author(world, login):
    plan = _returned_devplan(world, login)
    client = login(world.company.hr)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert reverse("training:devplan_edit", args=[plan.pk]) in page
    edit = reverse("training:devplan_edit", args=[plan.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"year": 2027, "training_focus": "焊接与安全", "competence_needs": "第二焊工"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.training_focus == "焊接与安全" and plan.status == PlanStatus.RETURNED
    client.post(reverse("training:devplan_submit", args=[plan.pk]))
    plan.refresh_from_db()
    request = latest_request_for(plan)
    assert plan.status == PlanStatus.IN_APPROVAL
    assert request.status == RequestStatus.PENDING and request.round == 2
    approve_all(plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and plan.approved_at is not None


@pytest.mark.parametrize("who", ["hr_manager", "prod_head", "gm"])
def test_others_cannot_change_a_returned_development_plan(world, login, who):
    plan = _returned_devplan(world, login)
    client = login(getattr(world.company, who))
    edit = reverse("training:devplan_edit", args=[plan.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"year": 2027, "training_focus": "改"}).status_code == 403
    assert client.post(reverse("training:devplan_submit", args=[plan.pk])).status_code == 403
    plan.refresh_from_db()
    assert plan.training_focus == "焊接" and plan.status == PlanStatus.RETURNED


def test_an_approved_development_plan_is_not_edited(world, login):
    plan = _returned_devplan(world, login)
    services.devplan_submit(plan=plan, by=world.company.hr)
    approve_all(plan)
    plan.refresh_from_db()
    assert policies.can_edit_plan(world.company.hr, plan).code == "plan_not_editable"
    assert login(world.company.hr).get(reverse("training:devplan_edit", args=[plan.pk])).status_code == 403


def _returned_review(world, login):
    client = login(world.company.prod_head)
    response = client.post(
        reverse("training:review_create", args=[world.company.production.pk]),
        {"year": 2026, "conclusion": "焊接需培养第二人"},
    )
    assert response.status_code == 302
    review = CompetenceReview.objects.get()
    assert review.status == PlanStatus.IN_APPROVAL
    return _return(review)


def test_a_returned_competence_evaluation_is_edited_and_sent_again_by_the_head_who_sent_it(world, login):
    review = _returned_review(world, login)
    client = login(world.company.prod_head)
    assert reverse("training:review_edit", args=[review.pk]) in client.get(review.get_absolute_url()).content.decode()
    edit = reverse("training:review_edit", args=[review.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"year": 2020, "conclusion": "焊接需培养第二人，三月前完成"})
    assert response.status_code == 302
    review.refresh_from_db()
    request = latest_request_for(review)
    assert review.conclusion == "焊接需培养第二人，三月前完成" and review.year == 2026
    assert review.status == PlanStatus.IN_APPROVAL and request.round == 2 and request.status == RequestStatus.PENDING
    approve_all(review)
    review.refresh_from_db()
    assert review.status == PlanStatus.APPROVED


def test_the_create_page_also_sends_a_returned_evaluation_again_with_the_new_text(world, login):
    review = _returned_review(world, login)
    login(world.company.prod_head).post(
        reverse("training:review_create", args=[world.company.production.pk]), {"year": 2026, "conclusion": "新结论"}
    )
    review.refresh_from_db()
    assert review.conclusion == "新结论" and review.status == PlanStatus.IN_APPROVAL


@pytest.mark.parametrize(("who", "status"), [("hr", 403), ("qa_head", 404), ("operator", 403)])
def test_others_cannot_change_a_returned_competence_evaluation(world, login, who, status):
    review = _returned_review(world, login)
    user = world.operator.user if who == "operator" else getattr(world.company, who)
    edit = reverse("training:review_edit", args=[review.pk])
    assert login(user).post(edit, {"year": 2026, "conclusion": "改"}).status_code == status
    review.refresh_from_db()
    assert review.conclusion == "焊接需培养第二人" and review.status == PlanStatus.RETURNED


def test_an_evaluation_in_approval_is_not_changed(world, login):
    login(world.company.prod_head).post(
        reverse("training:review_create", args=[world.company.production.pk]), {"year": 2026, "conclusion": "甲"}
    )
    review = CompetenceReview.objects.get()
    client = login(world.company.prod_head)
    assert client.get(reverse("training:review_edit", args=[review.pk])).status_code == 403
    page = client.post(
        reverse("training:review_create", args=[world.company.production.pk]), {"year": 2026, "conclusion": "乙"}
    )
    assert page.status_code == 200
    assert [e.code for e in page.context["form"].errors.as_data()["year"]] == ["review_exists"]
    review.refresh_from_db()
    assert review.conclusion == "甲"


def test_a_returned_annual_plan_is_sent_again(world, login):
    plan = services.plan_create(year=2027, title="计划", by=world.company.hr)
    PlanItem.objects.create(plan=plan, course="5S", month=3, hours=2, trainer_kind="internal", method="classroom")
    services.plan_submit(plan=plan, by=world.company.hr)
    _return(plan)
    client = login(world.company.hr)
    assert client.get(reverse("training:plan_item_create", args=[plan.pk])).status_code == 200
    client.post(reverse("training:plan_submit", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_APPROVAL and latest_request_for(plan).round == 2


def test_the_edit_forms_are_benchmarked_for_the_author(world, login):
    from training.bench import pages

    plan = _returned_devplan(world, login)
    review = _returned_review(world, login)
    names = {p.url for p in pages(world.company.hr)}
    assert reverse("training:devplan_edit", args=[plan.pk]) in names
    assert reverse("training:review_edit", args=[review.pk]) not in names
    assert reverse("training:review_edit", args=[review.pk]) in {p.url for p in pages(world.company.prod_head)}


def test_a_returned_external_training_is_sent_again_by_whoever_sent_it(world, login):
    from training.tests.test_records import _external

    training = _return(_external(world, 1000))
    assert not policies.can_submit_external(world.company.hr, training)
    assert policies.can_submit_external(world.company.prod_head, training)
    assert login(world.company.hr).post(reverse("training:external_submit", args=[training.pk])).status_code == 403
    training.refresh_from_db()
    assert training.status == "returned"
    login(world.company.prod_head).post(reverse("training:external_submit", args=[training.pk]))
    training.refresh_from_db()
    assert training.status == "in_approval" and latest_request_for(training).round == 2
