import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from approvals.models import RequestStatus
from approvals.selectors import latest_request_for
from approvals.services import request_decide
from core.errors import error_codes
from core.policy import PolicyDenied
from employees.models import EmployeeStatus
from notifications.models import Notification
from recruitment import services
from recruitment.models import Application, Candidate, Event, Interview, Offer, Requisition, Stage
from recruitment.selectors import applicable_stages, candidates_due_for_anonymisation, position_headcount
from tests.factories import EmployeeFactory

from .factories import OFFER_TERMS, approve_all, evaluate_proceed, id_number

pytestmark = pytest.mark.django_db
Status = Requisition.Status


def _requisition(company, position=None, headcount=1, by=None):
    return services.requisition_create(
        by=by or company.prod_head,
        position=position or company.frontline,
        headcount=headcount,
        reason="expansion",
        desired_start_date=timezone.localdate() + datetime.timedelta(days=30),
    )


def _chain_users(subject):
    request = latest_request_for(subject)
    return [
        step.assigned_to.username
        for step in request.steps.filter(round=request.round).exclude(status="skipped").order_by("index")
    ]


# --- requisitions ---------------------------------------------------------------------------------------


def test_frontline_requisition_goes_to_manager_production_management_and_hr_manager(company):
    """A frontline requisition by the department head: department manager → production management → HR manager."""
    requisition = services.requisition_submit(requisition=_requisition(company), by=company.prod_head)
    assert requisition.status == Status.IN_APPROVAL
    assert _chain_users(requisition) == ["prod_manager", "pmc", "hr_manager"]


def test_staff_requisition_by_the_head_goes_one_level_up_then_hr_manager_and_gm(company):
    """A staff requisition applied for by the head: the head's review moves up to the manager, then HR manager, GM."""
    requisition = services.requisition_submit(
        requisition=_requisition(company, position=company.staff), by=company.prod_head
    )
    assert _chain_users(requisition) == ["prod_manager", "hr_manager", "gm"]


def test_requisition_over_authorised_headcount_adds_the_general_manager(company):
    """Five authorised, three people in post, three more requested: flagged, and the GM joins the frontline chain."""
    for _ in range(3):
        EmployeeFactory(position=company.frontline)
    requisition = services.requisition_submit(requisition=_requisition(company, headcount=3), by=company.prod_head)
    assert requisition.over_headcount is True
    assert (requisition.authorised_at_submit, requisition.filled_at_submit) == (5, 3)
    assert _chain_users(requisition) == ["prod_manager", "pmc", "hr_manager", "gm"]


def test_headcount_counts_other_open_requisitions_as_already_requested(company):
    """Open requisitions' unfilled places count as already requested; drafts do not."""
    services.requisition_submit(requisition=_requisition(company, headcount=2), by=company.prod_head)
    draft = _requisition(company, headcount=4)
    headcount = position_headcount(company.frontline, exclude=draft)
    assert (headcount.authorised, headcount.filled, headcount.requested) == (5, 0, 2)
    assert headcount.exceeded_by(4) == 1


def test_final_approval_approves_the_requisition_and_records_it(company, approved_requisition):
    """The last approval sets the requisition approved, with an event naming the approver."""
    assert approved_requisition.status == Status.APPROVED
    assert approved_requisition.approved_at is not None
    event = approved_requisition.events.get(action=Event.Action.APPROVED)
    assert event.actor == company.hr_manager


def test_return_edit_and_resubmit_starts_a_new_round(company):
    """Returned → edited → resubmitted: in approval again, history kept."""
    requisition = services.requisition_submit(requisition=_requisition(company), by=company.prod_head)
    request = latest_request_for(requisition)
    request_decide(request=request, by=company.prod_manager, decision="return", comment="人数写清楚")
    requisition.refresh_from_db()
    assert requisition.status == Status.RETURNED
    services.requisition_update(requisition=requisition, by=company.prod_head, headcount=2)
    requisition = services.requisition_submit(requisition=requisition, by=company.prod_head, comment="已修改")
    assert requisition.status == Status.IN_APPROVAL
    assert latest_request_for(requisition).round == 2
    actions = list(requisition.events.values_list("action", flat=True))
    assert actions == ["created", "submitted", "returned", "updated", "resubmitted"]


def test_rejection_ends_the_requisition(company):
    requisition = services.requisition_submit(requisition=_requisition(company), by=company.prod_head)
    request_decide(
        request=latest_request_for(requisition), by=company.prod_manager, decision="reject", comment="不需要"
    )
    requisition.refresh_from_db()
    assert requisition.status == Status.REJECTED


def test_withdrawing_makes_the_requisition_a_draft_again(company):
    requisition = services.requisition_submit(requisition=_requisition(company), by=company.prod_head)
    requisition = services.requisition_withdraw(requisition=requisition, by=company.prod_head, comment="再想想")
    assert requisition.status == Status.DRAFT
    assert latest_request_for(requisition).status == RequestStatus.WITHDRAWN


def test_a_requisition_in_approval_cannot_be_changed(company):
    requisition = services.requisition_submit(requisition=_requisition(company), by=company.prod_head)
    with pytest.raises(PolicyDenied) as exc:
        services.requisition_update(requisition=requisition, by=company.prod_head, headcount=3)
    assert "requisition_not_editable" in error_codes(exc.value)


def test_position_of_another_department_is_refused(company):
    """The department follows from the position; a job description of another post cannot be attached."""
    requisition = _requisition(company, position=company.qa_post, by=company.qa_head)
    assert requisition.department == company.quality


def test_plan_moves_the_requisition_to_recruiting(company, approved_requisition):
    plan = services.plan_save(
        requisition=approved_requisition,
        by=company.hr,
        owner=company.hr,
        start_date=timezone.localdate(),
        end_date=timezone.localdate() + datetime.timedelta(days=30),
        budget=Decimal("3000"),
        channels=[{"channel": "online", "cost": Decimal("800")}, {"channel": "talent_market", "cost": Decimal("500")}],
    )
    approved_requisition.refresh_from_db()
    assert approved_requisition.status == Status.RECRUITING
    assert plan.channels.count() == 2


def test_plan_needs_an_approved_requisition(company):
    with pytest.raises(PolicyDenied) as exc:
        services.plan_save(
            requisition=_requisition(company),
            by=company.hr,
            owner=company.hr,
            start_date=timezone.localdate(),
            end_date=timezone.localdate(),
            budget=Decimal("0"),
            channels=[{"channel": "online"}],
        )
    assert "requisition_not_open" in error_codes(exc.value)


def test_cancelling_closes_the_open_applications(company, approved_requisition, make_candidate):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    services.requisition_cancel(requisition=approved_requisition, by=company.hr, reason="订单取消")
    application.refresh_from_db()
    approved_requisition.refresh_from_db()
    assert approved_requisition.status == Status.CANCELLED
    assert application.stage == Stage.REJECTED


# --- candidates -------------------------------------------------------------------------------------------


def test_candidate_needs_recorded_consent(company):
    with pytest.raises(ValidationError) as exc:
        services.candidate_create(
            by=company.hr, consent_given=False, name="张三", phone="13900000000", source_channel="online"
        )
    assert "consent_given" in exc.value.message_dict
    assert "consent_required" in error_codes(exc.value)


@pytest.mark.parametrize(
    ("field", "value"),
    [("phone", "+86 139-0000-0001"), ("email", "Candidate1@Example.com"), ("id_number", None)],
)
def test_duplicate_candidate_is_refused_naming_the_existing_one(company, make_candidate, field, value):
    """Phone (whatever its format), e-mail (any case) or ID number already on file: an error naming the candidate."""
    existing = make_candidate(id_number=id_number(1))
    data = {"name": "李四", "phone": "13811111111", "email": "other@example.com", "source_channel": "online"}
    data[field] = value if value is not None else id_number(1).lower()
    with pytest.raises(ValidationError) as exc:
        services.candidate_create(by=company.hr, consent_given=True, **data)
    assert existing.name in exc.value.message_dict[field][0]
    assert "duplicate_candidate" in error_codes(exc.value)


def _pdf(name="cv.pdf", content=b"%PDF-1.4 resume"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _docx(name="cv.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.mark.parametrize(
    ("upload", "ok"),
    [
        (_pdf(), True),
        (_docx(), True),
        (SimpleUploadedFile("cv.jpg", b"\xff\xd8\xff\xe0JFIF"), True),
        (SimpleUploadedFile("cv.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"), True),
        (SimpleUploadedFile("cv.pdf", b"<html><script>alert(1)</script>"), False),
        (SimpleUploadedFile("cv.docx", b"PK\x03\x04not a zip"), False),
        (SimpleUploadedFile("cv.html", b"<html></html>"), False),
        (SimpleUploadedFile("cv.exe", b"MZ"), False),
    ],
)
def test_resume_type_is_checked_by_content(upload, ok):
    if ok:
        services.validate_resume_upload(upload)
    else:
        with pytest.raises(ValidationError):
            services.validate_resume_upload(upload)


@override_settings(UPLOAD_MAX_BYTES=10)
def test_resume_size_is_limited():
    with pytest.raises(ValidationError):
        services.validate_resume_upload(_pdf(content=b"%PDF-" + b"x" * 20))


def test_resume_is_stored_in_the_private_storage(company, make_candidate):
    candidate = make_candidate(resume=_pdf())
    assert candidate.resume.storage is Candidate._meta.get_field("resume").storage
    assert candidate.resume_content_type == "application/pdf"
    assert candidate.resume.storage.exists(candidate.resume.name)


# --- applications and stages ------------------------------------------------------------------------------


def test_stages_that_do_not_apply_are_left_out(company):
    """GM round only for manager-level posts; tests only for special posts."""
    assert Stage.GM_INTERVIEW not in applicable_stages(company.frontline)
    assert Stage.TESTS not in applicable_stages(company.frontline)
    assert Stage.GM_INTERVIEW in applicable_stages(company.manager_post)
    assert Stage.TESTS in applicable_stages(company.special)
    assert Stage.TESTS not in applicable_stages(company.manager_post)


def test_first_application_starts_recruiting(company, approved_requisition, make_candidate):
    services.application_create(by=company.hr, candidate=make_candidate(), requisition=approved_requisition)
    approved_requisition.refresh_from_db()
    assert approved_requisition.status == Status.RECRUITING


def test_application_needs_an_approved_requisition(company, make_candidate):
    with pytest.raises(PolicyDenied) as exc:
        services.application_create(by=company.hr, candidate=make_candidate(), requisition=_requisition(company))
    assert "requisition_not_open" in error_codes(exc.value)


def test_advancing_walks_the_applicable_stages(company, approved_requisition, make_candidate):
    """A frontline post goes applied → screening → first → second, then stops before hire approval."""
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    seen = []
    for _ in range(3):
        application = services.application_advance(application=application, by=company.hr)
        seen.append(application.stage)
    assert seen == [Stage.SCREENING, Stage.FIRST_INTERVIEW, Stage.SECOND_INTERVIEW]
    with pytest.raises(ValidationError) as exc:
        services.application_advance(application=application, by=company.hr)
    assert "no_next_stage" in error_codes(exc.value)


def test_offer_submission_skips_rounds_that_do_not_apply_and_records_it(company, approved_requisition, make_candidate):
    """From the second interview of a frontline post, hire approval passes GM round and tests automatically."""
    application = services.application_create(
        by=company.hr, candidate=make_candidate(id_number=id_number(1)), requisition=approved_requisition
    )
    evaluate_proceed(application, company)
    services.application_advance(application=application, by=company.hr)
    offer = services.offer_create(application=application, by=company.hr, **OFFER_TERMS)
    services.offer_submit(offer=offer, by=company.hr)
    auto = list(application.events.filter(action=Event.Action.AUTO_SKIPPED).values_list("to_state", flat=True))
    assert auto == [Stage.GM_INTERVIEW, Stage.TESTS]


def test_manual_skip_needs_a_reason(company, approved_requisition, make_candidate):
    """Jumping from applied to the second interview skips screening and first interview: only with a reason."""
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    with pytest.raises(ValidationError) as exc:
        services.application_move(application=application, to_stage=Stage.SECOND_INTERVIEW, by=company.hr)
    assert "reason" in exc.value.message_dict
    assert "skip_reason_required" in error_codes(exc.value)
    services.application_move(
        application=application, to_stage=Stage.SECOND_INTERVIEW, by=company.hr, reason="内部推荐，已面谈"
    )
    skipped = application.events.filter(action=Event.Action.SKIPPED)
    assert sorted(skipped.values_list("to_state", flat=True)) == sorted([Stage.SCREENING, Stage.FIRST_INTERVIEW])
    assert set(skipped.values_list("comment", flat=True)) == {"内部推荐，已面谈"}


def test_a_stage_that_does_not_apply_cannot_be_chosen(company, approved_requisition, make_candidate):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    with pytest.raises(ValidationError) as exc:
        services.application_move(application=application, to_stage=Stage.GM_INTERVIEW, by=company.hr, reason="x")
    assert "stage_not_applicable" in error_codes(exc.value)


def test_board_cannot_set_hire_approval_or_hired(company, approved_requisition, make_candidate):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    for stage in (Stage.HIRE_APPROVAL, Stage.OFFER, Stage.HIRED):
        with pytest.raises(ValidationError) as exc:
            services.application_move(application=application, to_stage=stage, by=company.hr, reason="x")
        assert "stage_follows_offer" in error_codes(exc.value)


def test_closing_an_application_needs_a_reason(company, approved_requisition, make_candidate):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    with pytest.raises(ValidationError) as exc:
        services.application_move(application=application, to_stage=Stage.REJECTED, by=company.hr)
    assert "close_reason_required" in error_codes(exc.value)
    application = services.application_move(
        application=application, to_stage=Stage.REJECTED, by=company.hr, reason="经验不足"
    )
    assert application.closed_reason == "经验不足"


# --- interviews and evaluations ---------------------------------------------------------------------------


def test_scheduling_notifies_interviewers_and_mails_an_ics(
    company, approved_requisition, make_candidate, django_capture_on_commit_callbacks
):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    services.application_advance(application=application, by=company.hr)
    with django_capture_on_commit_callbacks(execute=True):
        interview = services.interview_schedule(
            application=application,
            by=company.hr,
            round=Stage.FIRST_INTERVIEW,
            scheduled_at=timezone.now() + datetime.timedelta(days=2),
            interviewers=[company.hr, company.prod_head],
            remote_link="https://meeting.example.com/123",
        )
    application.refresh_from_db()
    assert application.stage == Stage.FIRST_INTERVIEW
    assert Notification.objects.filter(kind="recruitment.interview", recipient=company.prod_head).exists()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["candidate1@example.com", "head@example.com", "hr@example.com"]
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert name == "interview.ics" and mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in content and f"UID:interview-{interview.pk}@hrms" in content


def test_interview_needs_a_place_or_a_link(company, approved_requisition, make_candidate):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    services.application_advance(application=application, by=company.hr)
    with pytest.raises(ValidationError) as exc:
        services.interview_schedule(
            application=application,
            by=company.hr,
            round=Stage.FIRST_INTERVIEW,
            scheduled_at=timezone.now(),
            interviewers=[company.hr],
        )
    assert "place_or_link_required" in error_codes(exc.value)


def test_gm_round_cannot_be_scheduled_for_a_frontline_post(company, approved_requisition, make_candidate):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    with pytest.raises(ValidationError) as exc:
        services.interview_schedule(
            application=application,
            by=company.hr,
            round=Stage.GM_INTERVIEW,
            scheduled_at=timezone.now(),
            interviewers=[company.gm],
            place="总经理室",
        )
    assert "round_not_applicable" in error_codes(exc.value)


def test_evaluation_needs_the_criteria_of_its_round(company, approved_requisition, make_candidate):
    """The first round needs its four scores and the three certificate checks; only interviewers evaluate."""
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    services.application_advance(application=application, by=company.hr)
    interview = services.interview_schedule(
        application=application,
        by=company.hr,
        round=Stage.FIRST_INTERVIEW,
        scheduled_at=timezone.now(),
        interviewers=[company.hr],
        place="会议室",
    )
    with pytest.raises(ValidationError) as exc:
        services.evaluation_submit(interview=interview, evaluator=company.hr, attitude=4, recommendation="proceed")
    assert {"motivation", "id_verified"} <= set(exc.value.message_dict)
    assert error_codes(exc.value) == {"required"}
    with pytest.raises(PolicyDenied) as exc:
        services.evaluation_submit(
            interview=interview,
            evaluator=company.prod_head,
            attitude=4,
            motivation=4,
            basic_skills=4,
            experience=4,
            id_verified=True,
            education_verified=True,
            qualification_verified=True,
            recommendation="proceed",
        )
    assert "not_interviewer" in error_codes(exc.value)
    with pytest.raises(ValidationError) as exc:
        services.evaluation_submit(
            interview=interview,
            evaluator=company.hr,
            attitude=6,
            motivation=4,
            basic_skills=4,
            experience=4,
            id_verified=True,
            education_verified=True,
            qualification_verified=True,
            recommendation="proceed",
        )
    assert "max_value" in error_codes(exc.value)
    services.evaluation_submit(
        interview=interview,
        evaluator=company.hr,
        attitude=5,
        motivation=4,
        basic_skills=4,
        experience=4,
        id_verified=True,
        education_verified=True,
        qualification_verified=True,
        recommendation="proceed",
    )
    interview.refresh_from_db()
    assert interview.status == Interview.Status.COMPLETED


def test_tests_round_records_scores_against_pass_marks(company, make_candidate):
    requisition = _requisition(company, position=company.special)
    services.requisition_submit(requisition=requisition, by=company.prod_head)
    approve_all(requisition)
    application = services.application_create(by=company.hr, candidate=make_candidate(), requisition=requisition)
    services.application_move(application=application, to_stage=Stage.SECOND_INTERVIEW, by=company.hr, reason="t")
    interview = services.interview_schedule(
        application=application,
        by=company.hr,
        round=Stage.TESTS,
        scheduled_at=timezone.now(),
        interviewers=[company.prod_head],
        place="焊接车间",
    )
    evaluation = services.evaluation_submit(
        interview=interview,
        evaluator=company.prod_head,
        practical_score=Decimal("72"),
        practical_pass_mark=Decimal("60"),
        theory_score=Decimal("55"),
        theory_pass_mark=Decimal("60"),
        professional_assessment=3,
        recommendation="hold",
    )
    assert evaluation.practical_passed is True
    assert evaluation.theory_passed is False


# --- probation rules (LCL arts. 19, 20) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("contract_type", "months", "probation", "ok"),
    [
        ("fixed", 2, 0, True),
        ("fixed", 2, 1, False),  # under 3 months: no probation
        ("fixed", 3, 1, True),
        ("fixed", 11, 1, True),
        ("fixed", 11, 2, False),  # under 1 year: at most 1 month
        ("fixed", 12, 2, True),
        ("fixed", 35, 2, True),
        ("fixed", 35, 3, False),  # 1–3 years: at most 2 months
        ("fixed", 36, 6, True),
        ("fixed", 36, 7, False),
        ("open", None, 6, True),
        ("open", None, 7, False),
        ("project", None, 1, False),  # single project: no probation
    ],
)
def test_probation_length_is_capped_by_the_contract_term(contract_type, months, probation, ok):
    kwargs = {
        "contract_type": contract_type,
        "contract_months": months,
        "probation_months": probation,
        "probation_salary": Decimal("5000") if probation else None,
        "salary": Decimal("6000"),
    }
    if ok:
        services.probation_check(**kwargs)
    else:
        with pytest.raises(ValidationError) as exc:
            services.probation_check(**kwargs)
        assert "probation_months" in exc.value.message_dict


@pytest.mark.parametrize(
    ("salary", "probation_salary", "ok"),
    [
        (Decimal("6000"), Decimal("4800"), True),  # exactly 80 %
        (Decimal("6000"), Decimal("4799.99"), False),  # under 80 %
        (Decimal("3000"), Decimal("2600"), False),  # 80 % fine, under the minimum wage of 2690
        (Decimal("3000"), Decimal("2690"), True),
        (Decimal("6000"), None, False),  # probation without its salary
    ],
)
def test_probation_pay_is_at_least_80_percent_and_the_minimum_wage(salary, probation_salary, ok):
    kwargs = {
        "contract_type": "fixed",
        "contract_months": 36,
        "probation_months": 3,
        "probation_salary": probation_salary,
        "salary": salary,
    }
    if ok:
        services.probation_check(**kwargs)
    else:
        with pytest.raises(ValidationError) as exc:
            services.probation_check(**kwargs)
        assert "probation_salary" in exc.value.message_dict


@override_settings(HRMS_LOCAL_MINIMUM_WAGE=5000)
def test_minimum_wage_is_a_setting():
    with pytest.raises(ValidationError):
        services.probation_check(
            contract_type="fixed",
            contract_months=36,
            probation_months=3,
            probation_salary=Decimal("4900"),
            salary=Decimal("6000"),
        )


def test_no_second_probation_with_the_company():
    with pytest.raises(ValidationError) as exc:
        services.probation_check(
            contract_type="fixed",
            contract_months=36,
            probation_months=1,
            probation_salary=Decimal("5000"),
            salary=Decimal("6000"),
            had_probation=True,
        )
    assert "probation_months" in exc.value.message_dict


# --- offers ---------------------------------------------------------------------------------------------


def _ready_application(company, requisition, candidate):
    application = services.application_create(by=company.hr, candidate=candidate, requisition=requisition)
    evaluate_proceed(application, company)
    return services.application_advance(application=application, by=company.hr)


def test_offer_needs_the_id_number(company, approved_requisition, make_candidate):
    application = _ready_application(company, approved_requisition, make_candidate())
    with pytest.raises(ValidationError) as exc:
        services.offer_create(application=application, by=company.hr, **OFFER_TERMS)
    assert "id_number_required" in error_codes(exc.value)
    offer = services.offer_create(application=application, by=company.hr, id_number=id_number(5), **OFFER_TERMS)
    assert offer.application.candidate.id_number == id_number(5)


def test_former_employee_gets_no_probation(company, approved_requisition, make_candidate):
    """Someone who worked here before (same ID number) cannot be given a probation again."""
    EmployeeFactory(id_number=id_number(7), status=EmployeeStatus.SEPARATED, separated_on=datetime.date(2024, 6, 1))
    application = _ready_application(company, approved_requisition, make_candidate(id_number=id_number(7)))
    with pytest.raises(ValidationError) as exc:
        services.offer_create(application=application, by=company.hr, **OFFER_TERMS)
    assert "probation_months" in exc.value.message_dict
    services.offer_create(
        application=application, by=company.hr, **{**OFFER_TERMS, "probation_months": 0, "probation_salary": None}
    )


def test_frontline_hire_approval_goes_to_department_manager_then_gm(company, approved_requisition, make_candidate):
    application = _ready_application(company, approved_requisition, make_candidate(id_number=id_number(1)))
    offer = services.offer_create(application=application, by=company.hr, **OFFER_TERMS)
    offer = services.offer_submit(offer=offer, by=company.hr)
    assert offer.status == Offer.Status.IN_APPROVAL
    assert _chain_users(offer) == ["prod_manager", "gm"]


def test_staff_hire_approval_goes_to_department_head_then_gm(company, make_candidate):
    requisition = _requisition(company, position=company.staff)
    services.requisition_submit(requisition=requisition, by=company.prod_head)
    approve_all(requisition)
    application = _ready_application(company, requisition, make_candidate(id_number=id_number(1)))
    offer = services.offer_create(application=application, by=company.hr, **OFFER_TERMS)
    services.offer_submit(offer=offer, by=company.hr)
    assert _chain_users(offer) == ["prod_head", "gm"]


def test_offer_needs_an_evaluation_recommending_to_proceed(company, approved_requisition, make_candidate):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(id_number=id_number(1)), requisition=approved_requisition
    )
    offer = services.offer_create(application=application, by=company.hr, **OFFER_TERMS)
    with pytest.raises(ValidationError) as exc:
        services.offer_submit(offer=offer, by=company.hr, skip_reason="x")
    assert "no_proceed_evaluation" in error_codes(exc.value)


def test_rejected_hire_approval_rejects_the_application(company, approved_requisition, make_candidate):
    application = _ready_application(company, approved_requisition, make_candidate(id_number=id_number(1)))
    offer = services.offer_submit(
        offer=services.offer_create(application=application, by=company.hr, **OFFER_TERMS), by=company.hr
    )
    request_decide(request=latest_request_for(offer), by=company.prod_manager, decision="reject", comment="薪资过高")
    application.refresh_from_db()
    assert application.stage == Stage.REJECTED
    assert application.closed_reason == "薪资过高"


def _accepted(company, requisition, candidate):
    application = _ready_application(company, requisition, candidate)
    offer = services.offer_submit(
        offer=services.offer_create(application=application, by=company.hr, **OFFER_TERMS), by=company.hr
    )
    approve_all(offer)
    offer.refresh_from_db()
    assert offer.status == Offer.Status.APPROVED
    return services.offer_accept(offer=offer, by=company.hr)


def test_accepting_the_offer_creates_the_employee_from_what_recruitment_holds(
    company, approved_requisition, make_candidate
):
    """Name, ID number, contacts, education from the candidate; post and type from the requisition; salary and
    start date from the offer; status onboarding."""
    candidate = make_candidate(id_number=id_number(1), gender="F")
    offer = _accepted(company, approved_requisition, candidate)
    employee = offer.employee
    assert employee.status == EmployeeStatus.ONBOARDING
    assert (employee.name, employee.id_number, employee.phone, employee.email, employee.education) == (
        candidate.name,
        candidate.id_number,
        candidate.phone,
        candidate.email,
        candidate.education,
    )
    assert (employee.department, employee.position) == (company.production, company.frontline)
    assert employee.employment_type == approved_requisition.employment_type
    assert employee.base_salary == OFFER_TERMS["salary"]
    assert employee.hire_date == OFFER_TERMS["start_date"]
    assert employee.birth_date == datetime.date(1995, 3, 8)
    assert Application.objects.get(offer=offer).stage == Stage.HIRED


def test_hires_count_on_the_requisition_and_close_it_when_full(company, approved_requisition, make_candidate):
    _accepted(company, approved_requisition, make_candidate(id_number=id_number(1)))
    approved_requisition.refresh_from_db()
    assert (approved_requisition.filled_count, approved_requisition.status) == (1, Status.RECRUITING)
    _accepted(company, approved_requisition, make_candidate(id_number=id_number(2)))
    approved_requisition.refresh_from_db()
    assert (approved_requisition.filled_count, approved_requisition.status) == (2, Status.FILLED)
    assert approved_requisition.closed_at is not None


def test_declining_withdraws_the_application(company, approved_requisition, make_candidate):
    application = _ready_application(company, approved_requisition, make_candidate(id_number=id_number(1)))
    offer = services.offer_submit(
        offer=services.offer_create(application=application, by=company.hr, **OFFER_TERMS), by=company.hr
    )
    approve_all(offer)
    offer.refresh_from_db()
    services.offer_decline(offer=offer, by=company.hr, reason="已接受其他公司")
    application.refresh_from_db()
    assert application.stage == Stage.WITHDRAWN


# --- anonymisation ----------------------------------------------------------------------------------------


def _age(candidate, days):
    past = timezone.now() - datetime.timedelta(days=days)
    Candidate.objects.filter(pk=candidate.pk).update(created_at=past)
    Application.objects.filter(candidate=candidate).update(stage_changed_at=past)


def test_candidates_not_hired_are_anonymised_after_retention(company, approved_requisition, make_candidate):
    """Rejected over a year ago, no talent-pool consent: due, and anonymised once HR confirms; statistics
    (channel, application) stay."""
    old = make_candidate(id_number=id_number(1), resume=_pdf())
    services.application_move(
        application=services.application_create(by=company.hr, candidate=old, requisition=approved_requisition),
        to_stage=Stage.REJECTED,
        by=company.hr,
        reason="不合适",
    )
    pooled = make_candidate(talent_pool_consent=True)
    recent = make_candidate()
    for candidate in (old, pooled):
        _age(candidate, 400)
    _age(recent, 100)
    today = timezone.localdate()
    all_ids = [old.pk, pooled.pk, recent.pk]
    assert list(candidates_due_for_anonymisation(today)) == [old]
    assert services.candidates_anonymise_due(today=today, ids=all_ids) == 1
    old.refresh_from_db()
    assert old.is_anonymised
    assert (old.phone, old.email, old.id_number, old.resume_name) == ("", "", "", "")
    assert old.source_channel == "online" and old.applications.count() == 1
    assert services.candidates_anonymise_due(today=today, ids=all_ids) == 0


def test_retention_period_comes_from_the_caller(company, make_candidate):
    candidate = make_candidate()
    _age(candidate, 100)
    today = timezone.localdate()
    assert services.candidates_anonymise_due(today=today, ids=[candidate.pk]) == 0
    assert services.candidates_anonymise_due(today=today, ids=[candidate.pk], months=3) == 1


def test_open_applications_keep_the_candidate(company, approved_requisition, make_candidate):
    candidate = make_candidate()
    services.application_create(by=company.hr, candidate=candidate, requisition=approved_requisition)
    _age(candidate, 400)
    assert services.candidates_anonymise_due(today=timezone.localdate(), ids=[candidate.pk]) == 0


def test_an_approver_from_another_department_sees_the_hire_they_approve(company, approved_requisition, make_candidate):
    """The production manager delegated their approvals to the QA head today: the QA head may open the
    application of the hire waiting for them, and no other application of production."""
    from approvals.services import delegation_create
    from recruitment.selectors import applications_visible_to

    # A delegate must hold the delegator's role (approvals.policies.can_delegate): the QA head is also a manager.
    company.qa_head.groups.add(*company.prod_manager.groups.all())
    today = timezone.localdate()
    other = services.application_create(by=company.hr, candidate=make_candidate(), requisition=approved_requisition)
    application = _ready_application(company, approved_requisition, make_candidate(id_number=id_number(1)))
    offer = services.offer_create(application=application, by=company.hr, **OFFER_TERMS)
    assert application not in applications_visible_to(company.qa_head)

    delegation_create(from_user=company.prod_manager, to_user=company.qa_head, start_date=today, end_date=today)
    services.offer_submit(offer=offer, by=company.hr)

    visible = applications_visible_to(company.qa_head)
    assert application in visible
    assert other not in visible
    assert visible.count() == 1
