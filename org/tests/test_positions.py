"""Positions and versioned job descriptions through the position_jd flow (HR manager → general manager)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from approvals.models import DecisionKind, RequestStatus
from approvals.selectors import chain_for, latest_request_for
from approvals.services import request_decide, request_withdraw
from core import roles
from core.errors import error_codes
from core.policy import PolicyDenied
from org import services
from org.models import JobDescription, Position, PositionCategory, SpecialPostBasis
from org.services import department_create
from tests.factories import EmployeeFactory, JobDescriptionFactory, PositionFactory

pytestmark = pytest.mark.django_db

DUTIES = "支持公司质量方针\n按作业指导书操作冲压设备\n做好首件自检"


@pytest.fixture
def people(make_user):
    return {
        "hr": make_user("hr", roles=[roles.HR]),
        "hrm": make_user("hr_manager", roles=[roles.HR_MANAGER]),
        "gm": make_user("gm", roles=[roles.GM]),
        "rnd": make_user("rnd", roles=[roles.RND]),
    }


@pytest.fixture
def department(db):
    return department_create(code="PRD", name="生产部")


def _create(people, department, **extra):
    fields = {
        "department": department,
        "code": "PRD-OP",
        "title": "冲压操作工",
        "category": PositionCategory.FRONTLINE,
        "authorised_headcount": 12,
        **extra,
    }
    return services.position_create(by=people["hr"], job_description={"duties": DUTIES, "education": "中专"}, **fields)


def _approve_all(jd, people):
    request = latest_request_for(jd)
    request = request_decide(request=request, by=people["hrm"], decision=DecisionKind.APPROVE)
    return request_decide(request=request, by=people["gm"], decision=DecisionKind.APPROVE)


def test_a_new_position_waits_inactive_until_its_job_description_is_approved(people, department):
    position = _create(people, department)
    jd = position.job_descriptions.get()

    assert not position.is_active
    assert jd.status == JobDescription.Status.PENDING
    request = latest_request_for(jd)
    assert request.flow.code == "position_jd"
    assert request.steps.get(index=0).assigned_to == people["hrm"]

    _approve_all(jd, people)

    jd.refresh_from_db()
    position.refresh_from_db()
    assert jd.status == JobDescription.Status.APPROVED and jd.approved_at
    assert position.is_active
    with translation.override("en"):
        assert [e.decision_label for e in chain_for(jd)] == ["Submitted", "Approved", "Approved"]


@pytest.mark.parametrize("first", ["支持公司质量方针", "Support the company quality policy.", "1. 支持公司质量方针。"])
def test_the_first_duty_supports_the_quality_policy_in_either_language(first):
    assert services.duties_check(f"{first}\n其他职责")[0] == first


@pytest.mark.parametrize("duties", ["按作业指导书操作\n支持公司质量方针", "", "  \n "])
def test_a_job_description_without_the_quality_policy_first_is_refused(duties):
    with pytest.raises(ValidationError) as error:
        services.duties_check(duties)
    assert "duties" in error.value.message_dict
    assert error_codes(error.value) & {"duties_missing", "duties_quality_policy_first"}


def test_a_refused_job_description_leaves_no_position_behind(people, department):
    with pytest.raises(ValidationError) as error:
        services.position_create(
            by=people["hr"],
            job_description={"duties": "操作设备"},
            department=department,
            code="PRD-X",
            title="X",
            category=PositionCategory.STAFF,
        )
    assert "duties_quality_policy_first" in error_codes(error.value)
    assert not Position.objects.filter(code="PRD-X").exists()


def test_editing_creates_a_new_version_and_the_old_stays_current_until_approval(people, department):
    position = PositionFactory(department=department)
    v1 = JobDescriptionFactory(position=position, version=1)

    v2 = services.job_description_revise(position=position, by=people["hr"], duties=DUTIES + "\n新职责", skills="冲压")

    assert (v2.version, v2.status) == (2, JobDescription.Status.PENDING)
    with pytest.raises(ValidationError) as error:
        services.job_description_revise(position=position, by=people["hr"], duties=DUTIES)
    assert "jd_pending" in error_codes(error.value)
    _approve_all(v2, people)
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert v1.status == v2.status == JobDescription.Status.APPROVED
    current = position.job_descriptions.filter(status=JobDescription.Status.APPROVED).order_by("-version").first()
    assert current == v2


def test_rejection_marks_the_version_rejected_and_allows_a_new_one(people, department):
    position = PositionFactory(department=department)
    JobDescriptionFactory(position=position, version=1)
    v2 = services.job_description_revise(position=position, by=people["hr"], duties=DUTIES)

    request_decide(request=latest_request_for(v2), by=people["hrm"], decision=DecisionKind.REJECT, comment="不需要")

    v2.refresh_from_db()
    assert v2.status == JobDescription.Status.REJECTED
    v3 = services.job_description_revise(position=position, by=people["hr"], duties=DUTIES)
    assert v3.version == 3


def test_a_returned_version_is_edited_in_place_and_resubmitted(people, department):
    position = _create(people, department)
    jd = position.job_descriptions.get()
    request = latest_request_for(jd)
    request_decide(request=request, by=people["hrm"], decision=DecisionKind.RETURN, comment="补充培训要求")
    jd.refresh_from_db()
    assert jd.status == JobDescription.Status.DRAFT

    again = services.job_description_revise(
        position=position, by=people["hr"], duties=DUTIES, required_training="冲压安全培训"
    )

    assert again.pk == jd.pk and again.status == JobDescription.Status.PENDING
    request.refresh_from_db()
    assert (request.status, request.round) == (RequestStatus.PENDING, 2)
    assert position.job_descriptions.count() == 1


def test_a_withdrawn_version_goes_back_to_draft_and_can_be_sent_again(people, department):
    position = _create(people, department)
    jd = position.job_descriptions.get()
    request_withdraw(request=latest_request_for(jd), by=people["hr"])
    jd.refresh_from_db()
    assert jd.status == JobDescription.Status.DRAFT

    services.job_description_revise(position=position, by=people["hr"], duties=DUTIES)

    assert latest_request_for(jd).status == RequestStatus.PENDING


def test_only_rnd_or_an_administrator_sets_the_special_post_flag(people, department, make_user):
    with pytest.raises(PermissionDenied) as error:
        _create(people, department, is_special=True, special_basis=SpecialPostBasis.CUSTOMER)
    assert "not_rnd" in error_codes(error.value)
    position = PositionFactory(department=department)
    with pytest.raises(PermissionDenied) as error:
        services.position_set_special(position=position, by=people["hr"], is_special=True, basis="customer")
    assert "not_rnd" in error_codes(error.value)

    services.position_set_special(
        position=position, by=people["rnd"], is_special=True, basis=SpecialPostBasis.REGULATION, note="特种设备安全法"
    )
    position.refresh_from_db()
    assert (position.is_special, position.special_basis_note) == (True, "特种设备安全法")
    admin = make_user("sys", roles=[roles.SYSADMIN])
    services.position_set_special(position=position, by=admin, is_special=False)
    position.refresh_from_db()
    assert (position.is_special, position.special_basis) == (False, "")


def test_a_special_post_needs_its_basis(people):
    position = PositionFactory()
    with pytest.raises(ValidationError) as error:
        services.position_set_special(position=position, by=people["rnd"], is_special=True)
    assert "special_basis_required" in error_codes(error.value)


def test_only_hr_creates_positions_or_edits_job_descriptions(people, department):
    with pytest.raises(PermissionDenied) as error:
        services.position_create(by=people["gm"], job_description={"duties": DUTIES}, department=department)
    assert "not_hr" in error_codes(error.value)
    with pytest.raises(PermissionDenied) as error:
        services.job_description_revise(position=PositionFactory(), by=people["rnd"], duties=DUTIES)
    assert "not_hr" in error_codes(error.value)


def test_every_refusal_of_the_org_services_carries_a_stable_code(people, department, make_user):
    """Moving a department below itself, proposing outside one's department, changing a submitted proposal,
    the headcount without the HR manager or general manager, a stored version's text."""
    section = department_create(code="PRD-S", name="冲压课", parent=department)
    with pytest.raises(ValidationError) as error:
        services.department_update(department=department, parent=section)
    assert "below_itself" in error_codes(error.value)

    other = department_create(code="QA", name="品质部")
    head = make_user("head", roles=[roles.DEPT_HEAD])
    department.head = EmployeeFactory(user=head, position__department=department)
    department.save(update_fields=["head"])
    fields = {"code": "QA-NEW", "title": "新岗位", "category": PositionCategory.STAFF}
    with pytest.raises(PolicyDenied) as error:
        services.position_propose(by=head, job_description={"duties": DUTIES}, department=other, **fields)
    assert "not_own_department" in error_codes(error.value)

    position = services.position_propose(by=head, job_description={"duties": DUTIES}, department=department, **fields)
    JobDescription.objects.filter(position=position).update(status=JobDescription.Status.PENDING)
    with pytest.raises(ValidationError) as error:
        services.position_proposal_update(position=position, by=head, job_description={"duties": DUTIES})
    assert "proposal_not_draft" in error_codes(error.value)

    with pytest.raises(PolicyDenied) as error:
        services.position_update(position=position, by=people["hr"], authorised_headcount=9)
    assert "headcount_not_allowed" in error_codes(error.value)
    services.position_update(position=position, by=people["hrm"], authorised_headcount=9)
    position.refresh_from_db()
    assert position.authorised_headcount == 9

    with pytest.raises(ValidationError) as error:
        services.position_update(position=position, by=people["hrm"], is_active=True)
    assert "position_not_approved" in error_codes(error.value)

    approved = JobDescriptionFactory(position=PositionFactory(department=department))
    with pytest.raises(PolicyDenied) as error:
        services.job_description_draft_update(jd=approved, by=people["hr"], skills="x")
    assert "jd_not_draft" in error_codes(error.value)
