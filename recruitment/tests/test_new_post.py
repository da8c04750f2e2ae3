"""A requisition for a new post (新增岗位): the position and its job description are written with the request and
approved with it (spec 03; the new-position flow of spec 02 adds the HR manager and the general manager)."""

import datetime

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from approvals.models import Request, RequestStatus
from approvals.selectors import latest_request_for
from approvals.services import request_decide
from core.errors import error_codes
from org.models import JobDescription, Position, PositionCategory
from org.services import job_description_revise
from recruitment import services
from recruitment.models import Requisition
from recruitment.selectors import current_job_description, position_headcount

from .factories import approve_all, build_company

pytestmark = pytest.mark.django_db
Status = Requisition.Status
JD = JobDescription.Status

DUTIES = "支持公司质量方针\n操作激光焊接设备\n做好设备点检记录"


def _new_post(company, *, by=None, department=None, category=PositionCategory.FRONTLINE, headcount=2, authorised=3):
    return services.requisition_create_new_post(
        by=by or company.prod_head,
        position_fields={
            "department": department or company.production,
            "code": "PRD-LSR",
            "title": "激光焊操作工",
            "category": category,
            "authorised_headcount": authorised,
        },
        jd_fields={
            "duties": DUTIES,
            "education": "中专及以上",
            "experience": "一年以上焊接经验",
            "required_training": "激光安全培训",
            "skills": "看懂图纸",
        },
        headcount=headcount,
        employment_type="regular",
        desired_start_date=timezone.localdate() + datetime.timedelta(days=30),
        urgency="normal",
    )


def _chain_users(subject):
    request = latest_request_for(subject)
    return [
        step.assigned_to.username
        for step in request.steps.filter(round=request.round).exclude(status="skipped").order_by("index")
    ]


def _jd_requests(jd) -> int:
    return Request.objects.filter(content_type=ContentType.objects.get_for_model(jd), object_id=jd.pk).count()


# --- services ---------------------------------------------------------------------------------------------


def test_new_post_creates_an_inactive_position_with_a_draft_job_description(company):
    """Saving creates the position (inactive) and JD v1 as a draft carried by the requisition; no JD approval starts."""
    requisition = _new_post(company)
    position = requisition.position
    jd = requisition.job_description
    assert requisition.is_new_position and requisition.reason == Requisition.Reason.NEW_POST
    assert requisition.department == company.production and requisition.status == Status.DRAFT
    assert (position.code, position.is_active, position.authorised_headcount) == ("PRD-LSR", False, 3)
    assert (jd.position, jd.version, jd.status) == (position, 1, JD.DRAFT)
    assert jd.duty_list[0] == "支持公司质量方针"
    assert _jd_requests(jd) == 0


def test_headcount_of_a_new_post_is_the_written_authorised_number_and_nobody_filled(company):
    requisition = _new_post(company, authorised=3)
    headcount = position_headcount(requisition.position, exclude=requisition)
    assert (headcount.authorised, headcount.filled, headcount.requested) == (3, 0, 0)


def test_first_duty_must_support_the_quality_policy_and_nothing_is_half_saved(company):
    with pytest.raises(ValidationError) as error:
        services.requisition_create_new_post(
            by=company.prod_head,
            position_fields={
                "department": company.production,
                "code": "PRD-X",
                "title": "新岗位",
                "category": PositionCategory.FRONTLINE,
                "authorised_headcount": 1,
            },
            jd_fields={"duties": "操作设备"},
            headcount=1,
            desired_start_date=timezone.localdate(),
        )
    assert "duties" in error.value.message_dict
    assert not Position.objects.filter(code="PRD-X").exists()
    assert not Requisition.objects.exists()


def test_a_head_cannot_propose_a_new_post_in_another_department(company):
    """品质部's head cannot write a new post for 生产部; nothing is created."""
    with pytest.raises(PermissionDenied):
        _new_post(company, by=company.qa_head, department=company.production)
    assert not Position.objects.filter(code="PRD-LSR").exists()
    assert not Requisition.objects.exists()


def test_submitted_frontline_new_post_goes_to_the_hr_manager_and_the_general_manager(company):
    """Frontline chain (manager → production management → HR manager) plus the GM of the new-position flow;
    the JD is pending with the requisition, without a request of its own."""
    requisition = services.requisition_submit(requisition=_new_post(company), by=company.prod_head)
    assert _chain_users(requisition) == ["prod_manager", "pmc", "hr_manager", "gm"]
    jd = requisition.job_description
    jd.refresh_from_db()
    assert jd.status == JD.PENDING
    assert _jd_requests(jd) == 0


def test_staff_new_post_over_headcount_has_the_general_manager_once(company):
    requisition = _new_post(company, category=PositionCategory.STAFF, headcount=3, authorised=2)
    requisition = services.requisition_submit(requisition=requisition, by=company.prod_head)
    assert requisition.over_headcount is True
    assert _chain_users(requisition) == ["prod_manager", "hr_manager", "gm"]


def test_final_approval_approves_the_job_description_and_activates_the_position(company):
    requisition = services.requisition_submit(requisition=_new_post(company), by=company.prod_head)
    approve_all(requisition)
    requisition.refresh_from_db()
    position = Position.objects.get(pk=requisition.position_id)
    jd = JobDescription.objects.get(pk=requisition.job_description_id)
    assert requisition.status == Status.APPROVED
    assert jd.status == JD.APPROVED and jd.approved_at is not None
    assert current_job_description(position) == jd
    assert position.is_active is True


def test_rejection_rejects_the_job_description_and_the_position_stays_inactive(company):
    requisition = services.requisition_submit(requisition=_new_post(company), by=company.prod_head)
    request_decide(request=latest_request_for(requisition), by=company.prod_manager, decision="reject", comment="不设")
    requisition.refresh_from_db()
    assert requisition.status == Status.REJECTED
    assert JobDescription.objects.get(pk=requisition.job_description_id).status == JD.REJECTED
    assert Position.objects.get(pk=requisition.position_id).is_active is False


def test_return_edit_and_resubmit_changes_the_post_and_its_job_description(company):
    """Returned: the JD is a draft again, edited with the requisition, and goes back pending in a new round."""
    requisition = services.requisition_submit(requisition=_new_post(company), by=company.prod_head)
    request_decide(
        request=latest_request_for(requisition), by=company.prod_manager, decision="return", comment="职责写细"
    )
    requisition.refresh_from_db()
    assert requisition.status == Status.RETURNED
    assert JobDescription.objects.get(pk=requisition.job_description_id).status == JD.DRAFT

    services.requisition_update(
        requisition=requisition,
        by=company.prod_head,
        headcount=1,
        position_fields={"title": "激光焊接工", "authorised_headcount": 2},
        jd_fields={"duties": DUTIES + "\n遵守激光安全规程", "education": "高中及以上"},
    )
    requisition = services.requisition_submit(requisition=requisition, by=company.prod_head, comment="已修改")
    assert requisition.status == Status.IN_APPROVAL and latest_request_for(requisition).round == 2
    position = Position.objects.get(pk=requisition.position_id)
    jd = JobDescription.objects.get(pk=requisition.job_description_id)
    assert (position.title, position.authorised_headcount, position.is_active) == ("激光焊接工", 2, False)
    assert (jd.version, jd.status, jd.duty_list[-1], jd.education) == (1, JD.PENDING, "遵守激光安全规程", "高中及以上")
    approve_all(requisition)
    assert Position.objects.get(pk=position.pk).is_active is True


def test_withdrawing_leaves_the_job_description_a_draft_that_hr_cannot_send_on_its_own(company):
    """Withdrawn: draft requisition, draft JD; the position page's JD edit refuses it while a requisition carries it."""
    requisition = services.requisition_submit(requisition=_new_post(company), by=company.prod_head)
    requisition = services.requisition_withdraw(requisition=requisition, by=company.prod_head)
    jd = JobDescription.objects.get(pk=requisition.job_description_id)
    assert requisition.status == Status.DRAFT and jd.status == JD.DRAFT
    assert latest_request_for(requisition).status == RequestStatus.WITHDRAWN
    with pytest.raises(ValidationError):
        job_description_revise(position=requisition.position, by=company.hr, duties=DUTIES)
    assert _jd_requests(jd) == 0


def test_a_requisition_for_an_existing_post_cannot_carry_a_job_description(company):
    requisition = services.requisition_create(
        by=company.prod_head,
        position=company.frontline,
        headcount=1,
        reason="expansion",
        desired_start_date=timezone.localdate(),
    )
    with pytest.raises(ValidationError) as exc:
        services.requisition_update(requisition=requisition, by=company.prod_head, jd_fields={"duties": DUTIES})
    assert "not_new_post" in error_codes(exc.value)


# --- views ------------------------------------------------------------------------------------------------


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _form_data(company, **overrides):
    return {
        "new_position": "on",
        "headcount": 2,
        "employment_type": "regular",
        "desired_start_date": "2030-01-15",
        "urgency": "normal",
        "np-department": company.production.pk,
        "np-title": "激光焊操作工",
        "np-code": "PRD-LSR",
        "np-category": "frontline",
        "np-authorised_headcount": 3,
        "jd-duties": DUTIES,
        "jd-education": "中专及以上",
        **overrides,
    }


def test_department_head_writes_a_new_post_on_the_requisition_form(company, login, english):
    client = login(company.prod_head)
    assert "np-title" in client.get(reverse("recruitment:requisition_create")).content.decode()
    response = client.post(reverse("recruitment:requisition_create"), _form_data(company))
    requisition = Requisition.objects.get()
    assert response.status_code == 302 and response.url == requisition.get_absolute_url()
    assert requisition.is_new_position and requisition.reason == Requisition.Reason.NEW_POST
    assert requisition.position.code == "PRD-LSR" and requisition.position.is_active is False
    assert requisition.job_description.status == JD.DRAFT

    page = client.get(requisition.get_absolute_url()).content.decode()
    assert 'id="new-post-jd"' in page and "操作激光焊接设备" in page
    assert reverse("org:job_description_pdf", args=[requisition.job_description_id]) in page
    pdf = client.get(reverse("recruitment:requisition_pdf", args=[requisition.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    client.post(reverse("recruitment:requisition_submit", args=[requisition.pk]), {"comment": "新线投产"})
    requisition.refresh_from_db()
    assert requisition.status == Status.IN_APPROVAL
    assert _chain_users(requisition) == ["prod_manager", "pmc", "hr_manager", "gm"]


def test_department_head_cannot_write_a_new_post_for_another_department(company, login):
    response = login(company.prod_head).post(
        reverse("recruitment:requisition_create"), _form_data(company, **{"np-department": company.quality.pk})
    )
    assert response.status_code == 200
    assert "department" in response.context["post_form"].errors
    assert not Requisition.objects.exists()
    assert not Position.objects.filter(code="PRD-LSR").exists()


def test_form_refuses_a_job_description_without_the_quality_policy_duty(company, login):
    response = login(company.prod_head).post(
        reverse("recruitment:requisition_create"), _form_data(company, **{"jd-duties": "操作激光焊接设备"})
    )
    assert response.status_code == 200
    assert "duties" in response.context["jd_form"].errors
    assert not Position.objects.filter(code="PRD-LSR").exists()


def test_returned_new_post_is_edited_with_its_job_description_on_the_form(company, login):
    requisition = services.requisition_submit(requisition=_new_post(company), by=company.prod_head)
    request_decide(
        request=latest_request_for(requisition), by=company.prod_manager, decision="return", comment="职责写细"
    )
    client = login(company.prod_head)
    url = reverse("recruitment:requisition_update", args=[requisition.pk])
    assert "激光焊操作工" in client.get(url).content.decode()
    data = _form_data(company, **{"jd-duties": DUTIES + "\n遵守激光安全规程", "reason": "new_post"})
    del data["new_position"]
    response = client.post(url, data)
    assert response.status_code == 302
    jd = JobDescription.objects.get(pk=requisition.job_description_id)
    assert jd.duty_list[-1] == "遵守激光安全规程" and jd.status == JD.DRAFT


def test_approvers_read_the_new_posts_job_description_when_deciding(company, login):
    requisition = services.requisition_submit(requisition=_new_post(company), by=company.prod_head)
    request = latest_request_for(requisition)
    for approver in (company.prod_manager, company.pmc):
        request = request_decide(request=request, by=approver, decision="approve", comment="同意")
    step = request.steps.get(round=request.round, index=request.current_step)
    assert step.assigned_to == company.hr_manager
    page = login(company.hr_manager).get(reverse("approvals:decide", args=[step.pk])).content.decode()
    assert "操作激光焊接设备" in page


def test_position_page_points_to_the_carrying_requisition_instead_of_a_jd_edit(company, login):
    requisition = _new_post(company)
    page = login(company.hr).get(reverse("org:position_detail", args=[requisition.position_id])).content.decode()
    assert 'id="jd-carried-by"' in page and requisition.get_absolute_url() in page
    assert reverse("org:job_description_edit", args=[requisition.position_id]) not in page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_department_head_writes_a_new_post_in_chromium(browser_page, live_server, make_user):
    """Ticking "new post" unfolds the position and job-description fields; saving makes the draft carrying them."""
    company = build_company(make_user)
    page = browser_page
    page.goto("/accounts/login/")
    page.fill("#id_username", "prod_head")
    page.fill("#id_password", "pw-test-1234")
    page.click("form:has(#id_username) button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto("/recruitment/requisitions/new/")
    assert not page.is_visible("#id_np-title")
    page.check("#id_new_position")
    page.wait_for_selector("#id_np-title", state="visible")
    page.fill("#id_headcount", "2")
    page.fill("#id_desired_start_date", "2030-01-15")
    page.select_option("#id_np-department", str(company.production.pk))
    page.fill("#id_np-title", "激光焊操作工")
    page.fill("#id_np-code", "PRD-LSR")
    page.select_option("#id_np-category", "frontline")
    page.fill("#id_np-authorised_headcount", "3")
    page.fill("#id_jd-duties", DUTIES)
    page.click("#requisition-form button[type=submit]")
    page.wait_for_selector("#new-post-jd")
    requisition = Requisition.objects.get()
    assert requisition.is_new_position and requisition.position.title == "激光焊操作工"
    assert requisition.job_description.duty_list[1] == "操作激光焊接设备"
