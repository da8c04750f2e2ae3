"""Position pages per role: list with headcount and filters, detail with versions and chain, HR creating a
position and editing its job description, the HR manager and GM approving through the inbox."""

import pytest
from django.urls import reverse

from approvals.selectors import latest_request_for
from core import roles
from org.models import JobDescription, Position, PositionCategory
from tests.factories import EmployeeFactory, JobDescriptionFactory, PositionFactory

pytestmark = pytest.mark.django_db

DUTIES = "支持公司质量方针\n按检验规范完成来料检验"


def _form(**overrides):
    data = {
        "position-department": "",
        "position-code": "QA-IQC",
        "position-title": "来料检验员",
        "position-category": PositionCategory.FRONTLINE,
        "position-authorised_headcount": 4,
        "jd-duties": DUTIES,
        "jd-education": "中专",
        "jd-experience": "一年检验经验",
        "jd-required_training": "IQC检验规范",
        "jd-skills": "卡尺、千分尺",
        "jd-comment": "新设岗位",
    }
    data.update(overrides)
    return data


def _step_url(jd):
    request = latest_request_for(jd)
    step = request.steps.get(round=request.round, index=request.current_step)
    return reverse("approvals:decide", args=[step.pk])


def test_jd_approval_end_to_end_through_the_views(org, users, login, en):
    """HR submits → HR manager approves → GM approves → the version is current and the position active."""
    hr = login(users["hr"])
    response = hr.post(reverse("org:position_create"), _form(**{"position-department": org.quality.pk}))
    assert response.status_code == 302
    position = Position.objects.get(code="QA-IQC")
    jd = position.job_descriptions.get()
    assert not position.is_active and jd.status == JobDescription.Status.PENDING

    hrm = login(users["hr_manager"])
    assert hrm.get(reverse("approvals:inbox")).context["steps"][0].request.subject_label == str(jd)
    assert hrm.post(_step_url(jd), {"decision": "approve", "comment": "同意"}).status_code == 302

    gm = login(users["gm"])
    assert gm.post(_step_url(jd), {"decision": "approve", "comment": "批准"}).status_code == 302

    jd.refresh_from_db()
    position.refresh_from_db()
    assert jd.status == JobDescription.Status.APPROVED and position.is_active
    page = login(users["hr"]).get(position.get_absolute_url())
    assert page.context["current"] == jd
    assert [e.approver_name for e in page.context["current_chain"]] == [
        str(users["hr"]),
        str(users["hr_manager"]),
        str(users["gm"]),
    ]
    body = page.content.decode()
    assert reverse("org:job_description_pdf", args=[jd.pk]) in body
    assert "Print job description (岗位职位说明书)" in body
    assert "批准" in body


def test_a_job_description_without_the_quality_policy_first_is_a_clear_form_error(org, users, login, en):
    response = login(users["hr"]).post(
        reverse("org:position_create"),
        _form(**{"position-department": org.quality.pk, "jd-duties": "按检验规范完成来料检验"}),
    )
    assert response.status_code == 200
    assert "quality policy" in " ".join(response.context["jd_form"].errors["duties"])
    assert not Position.objects.filter(code="QA-IQC").exists()


def test_editing_a_job_description_creates_a_new_pending_version(org, users, login, en):
    v1 = JobDescriptionFactory(position=org.inspector, version=1)
    client = login(users["hr"])
    page = client.get(reverse("org:job_description_edit", args=[org.inspector.pk]))
    assert page.context["form"].initial["duties"] == v1.duties

    client.post(reverse("org:job_description_edit", args=[org.inspector.pk]), {"duties": DUTIES, "skills": "SPC"})

    v2 = org.inspector.job_descriptions.get(version=2)
    assert v2.status == JobDescription.Status.PENDING
    detail = client.get(org.inspector.get_absolute_url())
    assert detail.context["current"] == v1 and detail.context["in_progress"] == v2
    assert detail.context["in_progress_chain"][-2].decision_label == "Pending"
    assert not detail.context["can_edit_jd"]


def test_a_returned_version_is_edited_and_sent_again_from_the_position_page(org, users, login, en):
    JobDescriptionFactory(position=org.inspector, version=1)
    hr = login(users["hr"])
    hr.post(reverse("org:job_description_edit", args=[org.inspector.pk]), {"duties": DUTIES})
    v2 = org.inspector.job_descriptions.get(version=2)
    login(users["hr_manager"]).post(_step_url(v2), {"decision": "return", "comment": "补充技能"})

    hr = login(users["hr"])
    assert hr.get(org.inspector.get_absolute_url()).context["can_edit_jd"]
    hr.post(reverse("org:job_description_edit", args=[org.inspector.pk]), {"duties": DUTIES, "skills": "MSA"})

    v2.refresh_from_db()
    assert (v2.status, v2.skills) == (JobDescription.Status.PENDING, "MSA")
    assert latest_request_for(v2).round == 2


@pytest.mark.parametrize("role", ["gm", "head", "me"])
def test_only_hr_creates_positions_and_edits_job_descriptions(org, users, login, role):
    client = login(users[role])
    assert client.get(reverse("org:position_create")).status_code == 403
    assert client.post(reverse("org:job_description_edit", args=[org.operator.pk])).status_code == 403


def test_hr_cannot_set_the_special_flag_and_rnd_can_with_its_basis(org, users, login, make_user, en):
    hr = login(users["hr"])
    form = hr.get(reverse("org:position_create")).context["form"]
    assert "is_special" not in form.fields
    assert hr.get(reverse("org:position_special", args=[org.operator.pk])).status_code == 403

    rnd = login(make_user("rnd", roles=[roles.RND]))
    url = reverse("org:position_special", args=[org.operator.pk])
    missing = rnd.post(url, {"is_special": "on"})
    assert missing.status_code == 200 and "special_basis" in missing.context["form"].errors
    rnd.post(url, {"is_special": "on", "special_basis": "customer", "special_basis_note": "客户CSR 4.2"})

    org.operator.refresh_from_db()
    assert (org.operator.is_special, org.operator.special_basis_note) == (True, "客户CSR 4.2")


def test_a_department_head_sees_only_their_subtree_and_others_are_404(org, users, login):
    client = login(users["head"])
    listed = {p.code for p in client.get(reverse("org:position_list")).context["positions"]}
    assert {"PRD-OP", "ST-OP"} <= listed and "QA-IN" not in listed
    assert client.get(reverse("org:position_detail", args=[org.inspector.pk])).status_code == 404
    assert login(users["me"]).get(reverse("org:position_detail", args=[org.operator.pk])).status_code == 404


def test_the_list_filters_by_department_subtree_category_special_and_key(org, users, login):
    org.stamper.is_key = True
    org.stamper.save()
    client = login(users["hr"])

    def codes(**params):
        return {p.code for p in client.get(reverse("org:position_list"), params).context["positions"]}

    assert codes(department=org.production.pk) >= {"PRD-OP", "ST-OP"}
    assert "QA-IN" not in codes(department=org.production.pk)
    assert codes(department=org.stamping.pk) == {"ST-OP"}
    assert codes(key="yes") == {"ST-OP"}
    assert "ST-OP" not in codes(key="no")
    assert codes(special="yes") == set()
    assert codes(category=PositionCategory.MANAGER) == set()
    assert codes(q="检验") == {"QA-IN"}


def test_the_list_shows_authorised_and_filled_headcount(org, users, login):
    EmployeeFactory(position=org.inspector, status="separated")
    rows = {p.code: p for p in login(users["hr"]).get(reverse("org:position_list")).context["positions"]}
    inspector = rows["QA-IN"]
    assert (inspector.authorised_headcount, inspector.filled) == (5, 2)
    assert inspector.vacant == 3


def test_the_list_and_the_position_page_show_open_requisitions(org, users, login):
    """Authorised vs filled vs open requisitions wherever headcount is shown (spec 01)."""
    from recruitment.models import Requisition

    Requisition.objects.create(
        department=org.quality,
        position=org.inspector,
        headcount=3,
        filled_count=1,
        reason=Requisition.Reason.EXPANSION,
        desired_start_date="2026-12-01",
        status=Requisition.Status.RECRUITING,
        requested_by=users["hr"],
    )
    client = login(users["hr"])
    rows = {p.code: p for p in client.get(reverse("org:position_list")).context["positions"]}
    assert rows["QA-IN"].open_requisitions == 2
    detail = client.get(reverse("org:position_detail", args=[org.inspector.pk]))
    assert detail.context["position"].open_requisitions == 2
    assert 'id="open-requisitions">2<' in detail.content.decode()


def test_the_list_query_count_is_the_same_for_5_and_50_rows(org, users, login, django_assert_max_num_queries):
    client = login(users["hr"])
    counts = []
    for total in (5, 50):
        while Position.objects.count() < total:
            position = PositionFactory(department=org.quality)
            JobDescriptionFactory(position=position)
            EmployeeFactory(position=position)
        client.get(reverse("org:position_list"))
        with django_assert_max_num_queries(12) as captured:
            response = client.get(reverse("org:position_list"))
        assert len(response.context["positions"]) == total
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
