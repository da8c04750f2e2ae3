import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from approvals.models import (
    Decision,
    DecisionKind,
    Flow,
    RequestStatus,
    RequestStepStatus,
    Step,
    StepKind,
)
from approvals.selectors import chain_for, pending_count_for, pending_steps_for
from approvals.services import (
    delegation_create,
    request_decide,
    request_resubmit,
    request_submit,
    request_withdraw,
)
from core.errors import error_codes
from notifications.models import Notification

pytestmark = pytest.mark.django_db

APPROVE = DecisionKind.APPROVE


def current(request):
    return request.steps.get(round=request.round, index=request.current_step)


def assignees(request):
    return [(s.role, s.assigned_to.username if s.assigned_to else None, s.status) for s in request.steps.all()]


def test_steps_resolve_relative_to_the_requesting_department(org, process, make_flow, subject):
    """Head is the section's head, manager the nearest manager up the tree; group roles their members."""
    make_flow([("dept_head",), ("dept_manager",), ("production_mgmt",), ("hr_manager",), ("gm",)])

    request = request_submit(subject=subject, by=org.worker)

    assert [(role, user) for role, user, _status in assignees(request)] == [
        ("dept_head", "st_head"),
        ("dept_manager", "prd_manager"),
        ("production_mgmt", "pmc"),
        ("hr_manager", "hrm"),
        ("gm", "gm"),
    ]
    assert request.department == org.stamping
    assert current(request).assigned_to == org.head
    assert current(request).status == RequestStepStatus.PENDING


def test_a_step_resolving_to_the_applicant_goes_one_level_up_and_the_chain_says_why(org, process, make_flow, subject):
    """The section head applies: the head step goes to the department manager, and the chain shows why."""
    make_flow([("dept_head",), ("hr_manager",)])

    request = request_submit(subject=subject, by=org.head)

    step = current(request)
    assert step.assigned_to == org.manager
    assert "applicant" in step.reason
    chain = chain_for(subject)
    assert chain[1].approver_name == str(org.manager)
    assert step.reason in chain[1].comment


def test_head_and_manager_both_the_applicant_goes_to_the_general_manager(org, process, make_flow, subject):
    """The section head is also the only manager up the line: the head step ends with the general manager."""
    org.stamping.manager = org.stamping.head
    org.stamping.save()
    org.production.manager = None
    org.production.save()
    make_flow([("dept_head",)])

    request = request_submit(subject=subject, by=org.head)

    assert current(request).assigned_to == org.gm


def test_a_manager_step_goes_up_the_line_past_the_applicant(org, process, make_flow, subject):
    """The section's manager applies: the manager of the department above the section decides, and the chain
    says why."""
    org.stamping.manager = org.stamping.head
    org.stamping.save()
    make_flow([("dept_manager",)])

    request = request_submit(subject=subject, by=org.head)

    step = current(request)
    assert step.assigned_to == org.manager
    assert "applicant" in step.reason and "生产部" in step.reason


def test_conditional_steps_apply_only_when_their_condition_holds(org, process, make_flow, subject):
    make_flow([("dept_manager",), ("gm", StepKind.APPROVAL, "over_authorised_headcount", True)])

    without = request_submit(subject=subject, by=org.worker)
    assert [role for role, _u, _s in assignees(without)] == ["dept_manager"]
    request_withdraw(request=without, by=org.worker)

    process.facts["over_authorised_headcount"] = True
    with_gm = request_submit(subject=subject, by=org.worker)
    assert [role for role, _u, _s in assignees(with_gm)] == ["dept_manager", "gm"]


def test_a_conditional_step_is_skipped_when_its_approver_is_already_in_the_chain(org, process, make_flow, subject):
    """Requisition over headcount: add the general manager "if not already in the chain"."""
    process.facts["over_authorised_headcount"] = True
    make_flow([("gm",), ("hr_manager",), ("gm", StepKind.APPROVAL, "over_authorised_headcount", True)])

    request = request_submit(subject=subject, by=org.worker)

    assert assignees(request)[2] == ("gm", "gm", RequestStepStatus.SKIPPED)
    request = request_decide(request=request, by=org.gm, decision=APPROVE)
    request = request_decide(request=request, by=org.hr_manager, decision=APPROVE)
    assert request.status == RequestStatus.APPROVED


def test_approval_advances_step_by_step_and_calls_the_process_once_at_the_end(org, process, make_flow, subject):
    make_flow([("dept_head",), ("gm",)])
    request = request_submit(subject=subject, by=org.worker)

    request = request_decide(request=request, by=org.head, decision=APPROVE, comment="ok")
    assert request.status == RequestStatus.PENDING
    assert current(request).assigned_to == org.gm
    assert process.calls == []

    request = request_decide(request=request, by=org.gm, decision=APPROVE)
    assert request.status == RequestStatus.APPROVED
    assert request.finished_at is not None
    assert process.calls == [("approved", subject.pk, "gm")]
    decisions = list(Decision.objects.filter(request=request).values_list("decision", "by__username", "comment"))
    assert decisions == [("submit", "st_lead", ""), ("approve", "st_head", "ok"), ("approve", "gm", "")]


def test_reject_ends_the_request_and_cancels_the_remaining_steps(org, process, make_flow, subject):
    make_flow([("dept_head",), ("gm",)])
    request = request_submit(subject=subject, by=org.worker)

    with pytest.raises(ValidationError) as excinfo:
        request_decide(request=request, by=org.head, decision=DecisionKind.REJECT, comment="")
    assert "comment_required" in error_codes(excinfo.value)
    request = request_decide(request=request, by=org.head, decision=DecisionKind.REJECT, comment="not needed")

    assert request.status == RequestStatus.REJECTED
    assert [s for _r, _u, s in assignees(request)] == [RequestStepStatus.REJECTED, RequestStepStatus.CANCELLED]
    assert process.calls == [("rejected", subject.pk, "st_head")]
    assert pending_count_for(org.gm) == 0


def test_an_acknowledgement_step_cannot_be_rejected(org, process, make_flow, subject):
    """Resignation-style steps confirm; the law gives the applicant the right, so there is no reject."""
    make_flow([("dept_head", StepKind.ACKNOWLEDGEMENT), ("hr_manager", StepKind.ACKNOWLEDGEMENT)])
    request = request_submit(subject=subject, by=org.worker)

    for refused in (DecisionKind.REJECT, DecisionKind.APPROVE):
        with pytest.raises(ValidationError) as excinfo:
            request_decide(request=request, by=org.head, decision=refused, comment="no")
        assert "acknowledgement_only" in error_codes(excinfo.value)

    request = request_decide(request=request, by=org.head, decision=DecisionKind.ACKNOWLEDGE, comment="noted")
    request = request_decide(
        request=request, by=org.hr_manager, decision=DecisionKind.ACKNOWLEDGE, comment="last day 2025-06-30"
    )
    assert request.status == RequestStatus.APPROVED
    assert [c.decision_label for c in chain_for(subject)][1:] == ["Acknowledged", "Acknowledged"]


def test_return_sends_it_back_and_resubmit_starts_a_new_round_keeping_history(org, process, make_flow, subject):
    make_flow([("dept_head",), ("gm",)])
    request = request_submit(subject=subject, by=org.worker)
    request = request_decide(request=request, by=org.head, decision=APPROVE)
    request = request_decide(request=request, by=org.gm, decision=DecisionKind.RETURN, comment="add the shift")

    assert request.status == RequestStatus.RETURNED
    assert process.calls == [("returned", subject.pk, "gm")]
    assert pending_count_for(org.gm) == 0
    with pytest.raises(PermissionDenied) as excinfo:
        request_resubmit(request=request, by=org.head)
    assert "not_applicant" in error_codes(excinfo.value)

    request = request_resubmit(request=request, by=org.worker, comment="shift added")
    with pytest.raises(ValidationError) as excinfo:
        request_resubmit(request=request, by=org.worker)
    assert "not_returned" in error_codes(excinfo.value)

    assert request.status == RequestStatus.PENDING
    assert request.round == 2
    assert current(request).assigned_to == org.head
    assert request.steps.count() == 4
    labels = [(c.step_name, c.decision_label) for c in chain_for(subject)]
    assert labels[:4] == [
        ("Applicant", "Submitted"),
        ("Head of the requesting department (部门主管)", "Approved"),
        ("General manager (总经理)", "Returned for changes"),
        ("Applicant", "Resubmitted"),
    ]
    assert labels[4][1] == "Pending"


def test_the_applicant_can_withdraw_before_the_final_decision_only(org, process, make_flow, subject):
    make_flow([("dept_head",)])
    request = request_submit(subject=subject, by=org.worker)

    with pytest.raises(PermissionDenied) as excinfo:
        request_withdraw(request=request, by=org.head)
    assert "not_applicant" in error_codes(excinfo.value)
    request = request_withdraw(request=request, by=org.worker, comment="no longer needed")

    assert request.status == RequestStatus.WITHDRAWN
    assert process.calls == [("withdrawn", subject.pk, "st_lead")]
    assert pending_count_for(org.head) == 0
    assert Notification.objects.filter(recipient=org.head, kind="approval.withdrawn").exists()

    approved = request_submit(subject=subject, by=org.worker)
    approved = request_decide(request=approved, by=org.head, decision=APPROVE)
    with pytest.raises(ValidationError) as excinfo:
        request_withdraw(request=approved, by=org.worker)
    assert "request_closed" in error_codes(excinfo.value)


def test_only_the_current_approver_decides_and_only_once(org, process, make_flow, subject):
    make_flow([("dept_head",), ("gm",)])
    request = request_submit(subject=subject, by=org.worker)

    for intruder, code in ((org.gm, "not_your_step"), (org.outsider, "not_your_step"), (org.worker, "own_request")):
        with pytest.raises(PermissionDenied) as excinfo:
            request_decide(request=request, by=intruder, decision=APPROVE)
        assert code in error_codes(excinfo.value)
    request = request_decide(request=request, by=org.head, decision=APPROVE)
    with pytest.raises(PermissionDenied) as excinfo:
        request_decide(request=request, by=org.head, decision=APPROVE)
    assert "not_your_step" in error_codes(excinfo.value)

    assert Decision.objects.filter(request=request, decision=APPROVE).count() == 1


def test_a_delegate_decides_in_range_on_behalf_of_the_approver(org, process, make_flow, subject):
    today = timezone.localdate()
    make_flow([("gm",)])
    delegation_create(
        from_user=org.gm, to_user=org.deputy_gm, start_date=today - datetime.timedelta(days=1), end_date=today
    )
    request = request_submit(subject=subject, by=org.worker)

    assert list(pending_steps_for(org.deputy_gm)) == [current(request)]
    assert Notification.objects.filter(recipient=org.deputy_gm, kind="approval.step").exists()
    request = request_decide(request=request, by=org.deputy_gm, decision=APPROVE, comment="while GM travels")

    decision = Decision.objects.get(request=request, decision=APPROVE)
    assert (decision.by, decision.on_behalf_of) == (org.deputy_gm, org.gm)
    assert chain_for(subject)[1].approver_name == f"{org.deputy_gm} for {org.gm}"


def test_a_delegation_out_of_its_date_range_gives_no_rights(org, process, make_flow, subject):
    today = timezone.localdate()
    make_flow([("gm",)])
    delegation_create(
        from_user=org.gm,
        to_user=org.deputy_gm,
        start_date=today + datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=5),
    )
    delegation_create(
        from_user=org.gm,
        to_user=org.deputy_gm,
        start_date=today - datetime.timedelta(days=9),
        end_date=today - datetime.timedelta(days=1),
    )
    request = request_submit(subject=subject, by=org.worker)

    for user in (org.deputy_gm,):
        assert pending_count_for(user) == 0
        with pytest.raises(PermissionDenied) as excinfo:
            request_decide(request=request, by=user, decision=APPROVE)
        assert "not_your_step" in error_codes(excinfo.value)


def test_a_delegation_needs_ordered_dates_and_another_person(org):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as excinfo:
        delegation_create(
            from_user=org.gm, to_user=org.deputy_gm, start_date=today, end_date=today - datetime.timedelta(1)
        )
    assert "dates_reversed" in error_codes(excinfo.value)
    with pytest.raises(ValidationError) as excinfo:
        delegation_create(from_user=org.gm, to_user=org.gm, start_date=today, end_date=today)
    assert "delegate_self" in error_codes(excinfo.value)


def test_the_general_manager_may_act_on_a_vice_president_step(org, process, make_flow, subject):
    make_flow([("vp",)])
    request = request_submit(subject=subject, by=org.worker)

    request = request_decide(request=request, by=org.gm, decision=APPROVE)

    assert request.status == RequestStatus.APPROVED
    assert Decision.objects.get(decision=APPROVE).on_behalf_of == org.vp


def test_submit_notifies_the_first_approver_and_the_final_decision_the_applicant(org, process, make_flow, subject):
    make_flow([("dept_head",)])
    request = request_submit(subject=subject, by=org.worker)
    note = Notification.objects.get(recipient=org.head, kind="approval.step")
    assert note.url == current(request).get_absolute_url()

    request_decide(request=request, by=org.head, decision=APPROVE)

    assert Notification.objects.filter(recipient=org.worker, kind="approval.decided").count() == 1


def test_a_decided_step_stops_showing_its_waiting_notification_as_unread(org, process, make_flow, subject):
    """Once the head approved, their "waiting for your approval" notice is read; the next approver's is not."""
    make_flow([("dept_head",), ("gm",)])
    request = request_submit(subject=subject, by=org.worker)
    head_step = current(request)
    assert Notification.objects.get(recipient=org.head, kind="approval.step").read_at is None

    request = request_decide(request=request, by=org.head, decision=APPROVE)

    assert Notification.objects.get(recipient=org.head, url=head_step.get_absolute_url()).read_at is not None
    assert Notification.objects.get(recipient=org.gm, kind="approval.step").read_at is None


def test_a_delegates_decision_settles_both_waiting_notifications(org, process, make_flow, subject):
    today = timezone.localdate()
    make_flow([("gm",)])
    delegation_create(from_user=org.gm, to_user=org.deputy_gm, start_date=today, end_date=today)
    request = request_submit(subject=subject, by=org.worker)

    request_decide(request=request, by=org.deputy_gm, decision=APPROVE)

    waiting = Notification.objects.filter(kind="approval.step", recipient__in=[org.gm, org.deputy_gm])
    assert waiting.count() == 2
    assert not waiting.filter(read_at__isnull=True).exists()


def test_a_withdrawn_request_settles_the_waiting_notification(org, process, make_flow, subject):
    make_flow([("dept_head",)])
    request = request_submit(subject=subject, by=org.worker)

    request_withdraw(request=request, by=org.worker, comment="no longer needed")

    assert Notification.objects.get(recipient=org.head, kind="approval.step").read_at is not None
    assert Notification.objects.get(recipient=org.head, kind="approval.withdrawn").read_at is None


def test_a_subject_has_one_open_request_at_a_time(org, process, make_flow, subject):
    make_flow([("dept_head",)])
    request_submit(subject=subject, by=org.worker)
    with pytest.raises(ValidationError) as excinfo:
        request_submit(subject=subject, by=org.worker)
    assert "already_in_approval" in error_codes(excinfo.value)


def test_pending_count_takes_at_most_two_queries(org, process, make_flow, subject, django_assert_max_num_queries):
    make_flow([("gm",)])
    request_submit(subject=subject, by=org.worker)
    org.gm.refresh_from_db()
    with django_assert_max_num_queries(2):
        assert pending_count_for(org.gm) == 1


def test_the_default_flows_of_spec_02_are_installed():
    codes = set(Flow.objects.values_list("code", flat=True))
    assert {
        "requisition_frontline",
        "requisition_staff",
        "hire_frontline",
        "hire_staff",
        "position_jd",
        "probation_conversion",
        "annual_training_plan",
        "external_training",
        "resignation",
        "document_access",
        "document_access_top_secret",
        "document_copy",
        "document_copy_top_secret",
        "external_disclosure",
    } <= codes
    jd = Flow.objects.get(code="position_jd")
    assert list(jd.steps.values_list("role", flat=True)) == ["hr_manager", "gm"]
    resignation = Flow.objects.get(code="resignation")
    assert set(resignation.steps.values_list("kind", flat=True)) == {StepKind.ACKNOWLEDGEMENT}
    frontline = list(Flow.objects.get(code="requisition_frontline").steps.values_list("role", "condition"))
    assert frontline == [
        ("dept_manager", ""),
        ("production_mgmt", ""),
        ("hr_manager", ""),
        ("gm", "over_authorised_headcount"),
        ("gm", "new_position"),
    ]


def test_the_default_flows_and_steps_are_named_in_chinese_and_shown_in_the_readers_language():
    """Data created by migrations is in Chinese where users read it (the admin, the history); the pages show each
    default name in the reader's language."""
    staff = Flow.objects.get(code="requisition_staff")
    assert (staff.name, staff.process) == ("职员及经理级人员需求", "人员需求申请")
    assert staff.steps.order_by("order").first().name == "申请部门主管审核"
    assert staff.display_name == "Headcount requisition, staff / manager-level (职员及经理级人员需求)"
    with translation.override("zh-hans"):
        assert staff.display_name == "职员及经理级人员需求"
    named = set(Flow.objects.values_list("name", flat=True)) | set(
        Step.objects.exclude(name="").values_list("name", flat=True)
    )
    assert not [name for name in named if name.isascii() or "(" in name]


def test_a_step_not_reached_yet_is_shown_as_such_not_as_being_decided(org, process, make_flow, subject):
    """The chain says who decides now (pending) and which later steps are not reached yet (not 审批中)."""
    from django.utils import translation

    make_flow([("dept_head",), ("hr_manager",)])
    request_submit(subject=subject, by=org.worker)
    with translation.override("en"):
        chain = chain_for(subject)
    assert [(e.state, e.decision_label) for e in chain[1:]] == [("pending", "Pending"), ("waiting", "Not reached yet")]
