"""A section lead's staff requisition in Chromium (seed: 部门负责人申请，各部门主管审核，人事部批准、总经理批准): the
lead of 冲压课 asks for an engineer, the head of 生产部 reviews it from his inbox (the section's department, not
its manager), then the HR manager and the general manager approve it. Each approver reads the headcount figures
on the decision page; the chain on the requisition page names them in order."""

import datetime

import pytest

from approvals.models import RequestStatus
from approvals.selectors import latest_request_for
from core import roles
from org.models import PositionCategory
from org.services import department_create
from recruitment.models import Requisition
from recruitment.tests.factories import build_company
from tests.browser import log_in
from tests.factories import EmployeeFactory, PositionFactory
from tests.pickers import pick


def _approve_from_inbox(page, live_server, username):
    """Log in as the approver, open the step waiting in "My approvals", read the figures and approve."""
    log_in(page, live_server, username)
    page.goto("/approvals/")
    page.click("#approval-inbox a.btn")
    context = page.locator("#decision-context").inner_text()
    page.check("input[name=decision][value=approve]")
    page.fill("textarea[name=comment]", f"{username} 同意")
    page.click("form:has(input[name=decision]) button[type=submit]")
    page.wait_for_load_state()
    return context


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_section_leads_staff_requisition_goes_head_hr_manager_general_manager(browser_page, live_server, make_user):
    company = build_company(make_user)
    stamping = department_create(code="PRD-ST", name="冲压课", parent=company.production)
    lead = make_user("st_lead", roles=[roles.DEPT_HEAD])
    post = PositionFactory(
        department=stamping, code="ST-ENG", title="模具工程师", category=PositionCategory.STAFF, authorised_headcount=2
    )
    stamping.head = EmployeeFactory(position=post, user=lead, name="冲压课长")
    stamping.save()
    page = browser_page
    start = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()

    # The lead of 冲压课 asks for one die engineer and submits.
    log_in(page, live_server, "st_lead")
    page.goto("/recruitment/requisitions/new/")
    pick(page, "position", post.code)
    page.fill("#id_headcount", "1")
    page.select_option("#id_reason", "expansion")
    page.fill("#id_desired_start_date", start)
    page.wait_for_selector("#hc-authorised")
    page.click("#requisition-form button[type=submit]")
    page.wait_for_selector("#submit-requisition")
    page.click("#submit-requisition")
    page.wait_for_selector("#requisition-status")
    requisition = Requisition.objects.get()
    assert requisition.status == Requisition.Status.IN_APPROVAL

    # The head of 生产部 reviews (not the production manager), then the HR manager and the general manager.
    request = latest_request_for(requisition)
    steps = request.steps.order_by("index")
    assert [step.assigned_to.username for step in steps if step.status != "skipped"] == [
        "prod_head",
        "hr_manager",
        "gm",
    ]
    for approver in ("prod_head", "hr_manager", "gm"):
        context = _approve_from_inbox(page, live_server, approver)
        assert "模具工程师" in context and "2" in context

    requisition.refresh_from_db()
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED
    assert requisition.status == Requisition.Status.APPROVED

    # The lead sees the chain with each approver on the requisition's page.
    log_in(page, live_server, "st_lead")
    page.goto(f"/recruitment/requisitions/{requisition.pk}/")
    body = page.content()
    for user in (company.prod_head, company.hr_manager, company.gm):
        assert str(user) in body
