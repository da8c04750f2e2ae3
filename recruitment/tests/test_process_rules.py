"""The recruitment process holds on every path (issue #17): special posts' tests, the GM round, dates that hold
together, board moves, the secret offer letter, the probation policy, one policy per action, the admin, and a
stable code on every service error."""

import ast
import datetime
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from approvals.models import RequestStatus
from approvals.selectors import latest_request_for
from approvals.services import request_decide
from core.errors import error_codes
from core.policy import PolicyDenied
from recruitment import policies, services
from recruitment.models import Application, Evaluation, Event, Offer, Requisition, Stage
from recruitment.services.offers import offer_term_summary

from .factories import OFFER_TERMS, approve_all, evaluate_proceed, id_number

pytestmark = pytest.mark.django_db


def _approved(company, position, by=None):
    requisition = services.requisition_create(
        by=by or company.prod_head,
        position=position,
        headcount=2,
        reason="expansion",
        desired_start_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    services.requisition_submit(requisition=requisition, by=by or company.prod_head)
    approve_all(requisition)
    requisition.refresh_from_db()
    return requisition


def _application(company, requisition, candidate, stage=Stage.SECOND_INTERVIEW):
    application = services.application_create(by=company.hr, candidate=candidate, requisition=requisition)
    evaluate_proceed(application, company)
    if stage != Stage.FIRST_INTERVIEW:
        application = services.application_move(application=application, to_stage=stage, by=company.hr, reason="t")
    return application


def _tests_round(company, application, *, interviewers=None, at=None):
    return services.interview_schedule(
        application=application,
        by=company.hr,
        round=Stage.TESTS,
        scheduled_at=at or timezone.now() - datetime.timedelta(hours=1),
        interviewers=interviewers or [company.prod_head],
        place="焊接车间",
    )


def _tests_evaluation(interview, evaluator, *, theory="75"):
    return services.evaluation_submit(
        interview=interview,
        evaluator=evaluator,
        practical_score=Decimal("80"),
        practical_pass_mark=Decimal("60"),
        theory_score=Decimal(theory),
        theory_pass_mark=Decimal("60"),
        professional_assessment=4,
        recommendation="proceed",
    )


def _offer(company, application, **terms):
    return services.offer_create(application=application, by=company.hr, **{**OFFER_TERMS, **terms})


# --- 1. special posts: the tests are held and passed --------------------------------------------------------


def test_a_failed_theory_test_blocks_submitting_the_hire_of_a_special_post(company, make_candidate):
    """A welder who failed the theory test cannot be sent into hire approval."""
    requisition = _approved(company, company.special)
    application = _application(company, requisition, make_candidate(id_number=id_number(1)))
    _tests_evaluation(_tests_round(company, application), company.prod_head, theory="55")
    offer = _offer(company, application)
    with pytest.raises(ValidationError) as exc:
        services.offer_submit(offer=offer, by=company.hr)
    assert "special_post_tests_failed" in error_codes(exc.value)
    offer.refresh_from_db()
    assert offer.status == Offer.Status.DRAFT


def test_the_tests_of_a_special_post_cannot_be_skipped(company, make_candidate):
    """From the second interview straight to hire approval: refused for a special post, even with a reason."""
    requisition = _approved(company, company.special)
    application = _application(company, requisition, make_candidate(id_number=id_number(1)))
    offer = _offer(company, application)
    with pytest.raises(ValidationError) as exc:
        services.offer_submit(offer=offer, by=company.hr, skip_reason="经验丰富")
    assert "special_post_tests_required" in error_codes(exc.value)
    application.refresh_from_db()
    assert application.stage == Stage.SECOND_INTERVIEW


def test_a_special_post_at_the_tests_stage_without_a_test_cannot_be_hired(company, make_candidate):
    """Moved onto the tests column but never tested: no hire approval."""
    requisition = _approved(company, company.special)
    application = _application(company, requisition, make_candidate(id_number=id_number(1)), stage=Stage.TESTS)
    with pytest.raises(ValidationError) as exc:
        services.offer_submit(offer=_offer(company, application), by=company.hr)
    assert "special_post_tests_required" in error_codes(exc.value)


def test_a_failed_test_recorded_during_approval_blocks_the_final_approval(company, make_candidate, login):
    """One examiner passed the candidate, the hire went into approval, the other examiner then failed them:
    the general manager's approval is refused; returning it stays possible."""
    requisition = _approved(company, company.special)
    application = _application(company, requisition, make_candidate(id_number=id_number(1)))
    interview = _tests_round(company, application, interviewers=[company.prod_head, company.hr])
    _tests_evaluation(interview, company.prod_head)
    offer = services.offer_submit(offer=_offer(company, application), by=company.hr)
    _tests_evaluation(
        Application.objects.get(pk=application.pk).interviews.get(round=Stage.TESTS), company.hr, theory="40"
    )
    request = latest_request_for(offer)
    request = request_decide(request=request, by=company.prod_manager, decision="approve", comment="同意")
    with pytest.raises(ValidationError) as exc:
        request_decide(request=request, by=company.gm, decision="approve", comment="同意")
    assert "special_post_tests_failed" in error_codes(exc.value)
    # Through the general manager's decision page: the approval is refused with the reason, nothing changes.
    step = request.steps.get(round=request.round, index=request.current_step)
    client = login(company.gm)
    response = client.post(reverse("approvals:decide", args=[step.pk]), {"decision": "approve", "comment": "同意"})
    assert response.status_code in (200, 302)
    offer.refresh_from_db()
    assert offer.status == Offer.Status.IN_APPROVAL
    step.refresh_from_db()
    assert step.status == "pending"
    request = request_decide(request=latest_request_for(offer), by=company.gm, decision="return", comment="理论不合格")
    assert request.status == RequestStatus.RETURNED


def test_a_passed_special_post_goes_into_hire_approval(company, make_candidate):
    requisition = _approved(company, company.special)
    application = _application(company, requisition, make_candidate(id_number=id_number(1)))
    _tests_evaluation(_tests_round(company, application), company.prod_head)
    offer = services.offer_submit(offer=_offer(company, application), by=company.hr)
    assert offer.status == Offer.Status.IN_APPROVAL
    # The approver reads the test results on the decision page.
    tests = offer_term_summary(offer)[gettext("Practical and theory tests")]
    assert len(tests) == 1 and "80.0/60.0" in tests[0]


# --- 2. the GM round is held by the general manager ---------------------------------------------------------


def _manager_application(company, make_candidate):
    requisition = _approved(company, company.manager_post)
    return _application(company, requisition, make_candidate(id_number=id_number(1)))


def test_the_gm_round_needs_the_general_manager(company, make_candidate):
    application = _manager_application(company, make_candidate)
    kwargs = {
        "application": application,
        "by": company.hr,
        "round": Stage.GM_INTERVIEW,
        "scheduled_at": timezone.now() + datetime.timedelta(days=1),
        "place": "总经理室",
    }
    with pytest.raises(ValidationError) as exc:
        services.interview_schedule(interviewers=[company.hr, company.prod_manager], **kwargs)
    assert "gm_round_needs_gm" in error_codes(exc.value)
    assert "interviewers" in exc.value.message_dict
    interview = services.interview_schedule(interviewers=[company.gm], **kwargs)
    assert list(interview.interviewers.all()) == [company.gm]


def test_the_schedule_form_proposes_the_gm_for_the_gm_round(company, make_candidate, login):
    """After the second interview of a manager-level post the form offers the GM round with the GM."""
    application = _manager_application(company, make_candidate)
    second = services.interview_schedule(
        application=application,
        by=company.hr,
        round=Stage.SECOND_INTERVIEW,
        scheduled_at=timezone.now() - datetime.timedelta(hours=1),
        interviewers=[company.prod_head],
        place="车间",
    )
    services.evaluation_submit(
        interview=second,
        evaluator=company.prod_head,
        professional_knowledge=4,
        post_skills=4,
        overall_ability=4,
        potential=4,
        recommendation="proceed",
    )
    response = login(company.hr).get(reverse("recruitment:interview_create", args=[application.pk]))
    form = response.context["form"]
    assert form.initial["round"] == Stage.GM_INTERVIEW
    assert list(form.initial["interviewers"]) == [company.gm.pk]


# --- 3. dates hold together ---------------------------------------------------------------------------------


def test_an_interview_cannot_be_evaluated_before_it_takes_place(company, approved_requisition, make_candidate, login):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    services.application_advance(application=application, by=company.hr)
    interview = services.interview_schedule(
        application=application,
        by=company.hr,
        round=Stage.FIRST_INTERVIEW,
        scheduled_at=timezone.now() + datetime.timedelta(days=1),
        interviewers=[company.hr],
        place="会议室",
    )
    scores = {
        "attitude": 4,
        "motivation": 4,
        "basic_skills": 4,
        "experience": 4,
        "id_verified": True,
        "education_verified": True,
        "qualification_verified": True,
        "recommendation": "proceed",
    }
    with pytest.raises(ValidationError) as exc:
        services.evaluation_submit(interview=interview, evaluator=company.hr, **scores)
    assert "evaluation_before_interview" in error_codes(exc.value)
    response = login(company.hr).post(reverse("recruitment:evaluation_create", args=[interview.pk]), scores)
    assert response.status_code == 200
    assert "evaluation_before_interview" in {e.code for e in response.context["form"].non_field_errors().as_data()}
    assert not Evaluation.objects.exists()


def test_a_second_round_cannot_be_booked_before_the_first(company, approved_requisition, make_candidate, login):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    services.application_advance(application=application, by=company.hr)
    first_at = timezone.now() + datetime.timedelta(days=3)
    services.interview_schedule(
        application=application,
        by=company.hr,
        round=Stage.FIRST_INTERVIEW,
        scheduled_at=first_at,
        interviewers=[company.hr],
        place="会议室",
    )
    with pytest.raises(ValidationError) as exc:
        services.interview_schedule(
            application=application,
            by=company.hr,
            round=Stage.SECOND_INTERVIEW,
            scheduled_at=first_at - datetime.timedelta(days=1),
            interviewers=[company.prod_head],
            place="车间",
        )
    assert "round_before_earlier_round" in error_codes(exc.value)
    assert "scheduled_at" in exc.value.message_dict
    when = timezone.localtime(first_at - datetime.timedelta(days=1))
    response = login(company.hr).post(
        reverse("recruitment:interview_create", args=[application.pk]),
        {
            "round": Stage.SECOND_INTERVIEW,
            "scheduled_at": when.strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 60,
            "place": "车间",
            "interviewers": [company.prod_head.pk],
        },
    )
    assert response.status_code == 200
    assert "round_before_earlier_round" in {e.code for e in response.context["form"].errors.as_data()["scheduled_at"]}
    later = services.interview_schedule(
        application=application,
        by=company.hr,
        round=Stage.SECOND_INTERVIEW,
        scheduled_at=first_at + datetime.timedelta(days=1),
        interviewers=[company.prod_head],
        place="车间",
    )
    assert later.pk


# --- 4. board moves -----------------------------------------------------------------------------------------


def test_the_board_proposes_the_next_stage_never_an_earlier_one(company, approved_requisition, make_candidate, login):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    services.application_move(application=application, to_stage=Stage.SCREENING, by=company.hr)
    html = login(company.hr).get(reverse("recruitment:requisition_board", args=[approved_requisition.pk])).content
    card = html.decode().split(f'id="card-{application.pk}"')[1]
    select = card.split("</select>")[0]
    selected = re.findall(r'<option value="(\w+)"\s+selected', select)
    assert selected == [Stage.FIRST_INTERVIEW]
    detail = login(company.hr).get(application.get_absolute_url())
    assert detail.context["move_form"]["to_stage"].value() == Stage.FIRST_INTERVIEW


def test_a_backward_move_needs_a_reason_kept_in_the_history(company, approved_requisition, make_candidate):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    services.application_move(application=application, to_stage=Stage.SCREENING, by=company.hr)
    services.application_move(application=application, to_stage=Stage.FIRST_INTERVIEW, by=company.hr)
    with pytest.raises(ValidationError) as exc:
        services.application_move(application=application, to_stage=Stage.SCREENING, by=company.hr)
    assert "backward_move_reason_required" in error_codes(exc.value)
    assert "reason" in exc.value.message_dict
    services.application_move(application=application, to_stage=Stage.SCREENING, by=company.hr, reason="简历需复核")
    event = application.events.filter(action=Event.Action.MOVED).latest("pk")
    assert (event.from_state, event.to_state, event.comment) == (Stage.FIRST_INTERVIEW, Stage.SCREENING, "简历需复核")


def test_hired_is_reached_only_through_the_accepted_offer(company, approved_requisition, make_candidate, login):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    with pytest.raises(ValidationError) as exc:
        services.application_move(application=application, to_stage=Stage.HIRED, by=company.hr, reason="x")
    assert "stage_follows_offer" in error_codes(exc.value)
    admin = _admin(company)
    url = reverse("admin:recruitment_application_change", args=[application.pk])
    login(admin).post(url, {"stage": Stage.HIRED, "candidate": application.candidate_id})
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED


# --- 5. the offer letter is marked secret --------------------------------------------------------------------


def _approved_offer(company, requisition, candidate):
    application = _application(company, requisition, candidate)
    offer = services.offer_submit(offer=_offer(company, application), by=company.hr)
    approve_all(offer)
    offer.refresh_from_db()
    return offer


def test_the_offer_letter_carries_the_secrecy_mark(company, approved_requisition, make_candidate, login):
    offer = _approved_offer(company, approved_requisition, make_candidate(id_number=id_number(1)))
    response = login(company.hr).get(reverse("recruitment:offer_pdf", args=[offer.application_id]))
    text = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True)
    assert "秘密" in text.stdout.decode("utf-8")


# --- 6. probation follows the company policy per category ---------------------------------------------------


def test_the_offer_form_starts_with_the_policy_probation(company, make_candidate, login, approved_requisition):
    """Frontline: one month; staff: three."""
    frontline = _application(company, approved_requisition, make_candidate(id_number=id_number(1)))
    staff = _application(company, _approved(company, company.staff), make_candidate(id_number=id_number(2)))
    client = login(company.hr)
    for application, months in ((frontline, 1), (staff, 3)):
        form = client.get(reverse("recruitment:offer_edit", args=[application.pk])).context["form"]
        assert form.initial["probation_months"] == months


def test_an_offer_outside_the_probation_policy_is_refused(company, approved_requisition, make_candidate):
    """Two months' probation is legal for a three-year contract, but frontline posts have one month."""
    application = _application(company, approved_requisition, make_candidate(id_number=id_number(1)))
    with pytest.raises(ValidationError) as exc:
        _offer(company, application, probation_months=2)
    assert "probation_policy" in error_codes(exc.value)


# --- 7. one policy per action --------------------------------------------------------------------------------


def test_services_ask_the_policy_too(company, approved_requisition, make_candidate):
    """Another department's head cannot change a requisition through the service, a head cannot accept an offer."""
    draft = services.requisition_create(
        by=company.prod_head,
        position=company.frontline,
        headcount=1,
        reason="expansion",
        desired_start_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    with pytest.raises(PolicyDenied) as exc:
        services.requisition_update(requisition=draft, by=company.qa_head, headcount=3)
    assert exc.value.code == "not_requester"
    offer = _approved_offer(company, approved_requisition, make_candidate(id_number=id_number(1)))
    with pytest.raises(PolicyDenied) as exc:
        services.offer_accept(offer=offer, by=company.prod_head)
    assert exc.value.code == "not_hr"
    offer.refresh_from_db()
    assert offer.status == Offer.Status.APPROVED


def test_the_offer_letter_is_printed_only_once_approved(company, approved_requisition, make_candidate, login):
    """The page shows no letter for a draft, and the letter's address answers 403 for it."""
    application = _application(company, approved_requisition, make_candidate(id_number=id_number(1)))
    offer = _offer(company, application)
    assert not policies.can_send_offer(company.hr, offer)
    client = login(company.hr)
    page = client.get(application.get_absolute_url()).content.decode()
    assert reverse("recruitment:offer_pdf", args=[application.pk]) not in page
    assert client.get(reverse("recruitment:offer_pdf", args=[application.pk])).status_code == 403


def test_a_cancelled_interview_cannot_be_evaluated(company, approved_requisition, make_candidate, login):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    interview = evaluate_proceed(application, company)
    services.application_advance(application=application, by=company.hr)
    second = services.interview_schedule(
        application=application,
        by=company.hr,
        round=Stage.SECOND_INTERVIEW,
        scheduled_at=interview.scheduled_at + datetime.timedelta(hours=2),
        interviewers=[company.prod_head],
        place="车间",
    )
    services.interview_cancel(interview=second, by=company.hr, reason="改期")
    client = login(company.prod_head)
    assert client.get(reverse("recruitment:evaluation_create", args=[second.pk])).status_code == 403
    page = client.get(application.get_absolute_url()).content.decode()
    assert f'id="evaluate-{second.pk}"' not in page


def test_an_anonymised_candidate_cannot_be_edited(company, make_candidate, login):
    candidate = make_candidate()
    services.candidate_anonymise(candidate=candidate, by=company.hr)
    client = login(company.hr)
    assert client.get(reverse("recruitment:candidate_update", args=[candidate.pk])).status_code == 403
    with pytest.raises(PolicyDenied) as exc:
        services.candidate_update(candidate=candidate, by=company.hr, name="张三")
    assert exc.value.code == "candidate_anonymised"


def test_a_returned_requisition_is_resubmitted_only_by_whoever_sent_it(company, login):
    requisition = services.requisition_create(
        by=company.prod_head,
        position=company.frontline,
        headcount=1,
        reason="expansion",
        desired_start_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    services.requisition_submit(requisition=requisition, by=company.prod_head)
    request_decide(request=latest_request_for(requisition), by=company.prod_manager, decision="return", comment="改")
    requisition.refresh_from_db()
    verdict = policies.can_submit_requisition(company.hr, requisition)
    assert not verdict and verdict.code == "not_applicant"
    response = login(company.hr).post(reverse("recruitment:requisition_submit", args=[requisition.pk]), {})
    assert response.status_code == 403
    requisition.refresh_from_db()
    assert requisition.status == Requisition.Status.RETURNED


# --- 8. the admin keeps to the process ----------------------------------------------------------------------


def _admin(company):
    from django.contrib.auth import get_user_model

    from core.security import SecrecyLevel

    return get_user_model().objects.create_superuser(
        username="admin", password="pw-test-1234", email="admin@example.com", clearance=SecrecyLevel.TOP_SECRET
    )


def test_an_approved_offer_is_read_only_in_the_admin(company, approved_requisition, make_candidate, login):
    offer = _approved_offer(company, approved_requisition, make_candidate(id_number=id_number(1)))
    client = login(_admin(company))
    url = reverse("admin:recruitment_offer_change", args=[offer.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    data = {
        "start_date": offer.start_date.isoformat(),
        "salary": "99999",
        "contract_type": offer.contract_type,
        "contract_months": offer.contract_months,
        "probation_months": offer.probation_months,
        "probation_salary": offer.probation_salary,
        "conditions": offer.conditions,
        "status": Offer.Status.DRAFT,
    }
    client.post(url, data)
    offer.refresh_from_db()
    assert (offer.salary, offer.status) == (OFFER_TERMS["salary"], Offer.Status.APPROVED)


def test_process_fields_are_not_editable_in_the_admin(company, approved_requisition, make_candidate, login):
    client = login(_admin(company))
    application = services.application_create(
        by=company.hr, candidate=make_candidate(id_number=id_number(1)), requisition=approved_requisition
    )
    interview = evaluate_proceed(application, company)
    for model, obj, fields in (
        ("requisition", approved_requisition, {"status", "filled_count", "authorised_at_submit", "number"}),
        ("application", application, {"stage", "stage_changed_at", "closed_reason"}),
        ("interview", interview, {"status"}),
    ):
        form = client.get(reverse(f"admin:recruitment_{model}_change", args=[obj.pk])).context["adminform"].form
        assert not fields & set(form.fields), model
    evaluation = interview.evaluations.get()
    response = client.get(reverse("admin:recruitment_evaluation_change", args=[evaluation.pk]))
    assert not response.context["has_change_permission"]


def test_an_offer_drafted_in_the_admin_keeps_the_probation_rules(company, approved_requisition, make_candidate, login):
    """A draft offer changed in the admin is checked as on the page: frontline probation is one month."""
    application = _application(company, approved_requisition, make_candidate(id_number=id_number(1)))
    offer = _offer(company, application)
    client = login(_admin(company))
    url = reverse("admin:recruitment_offer_change", args=[offer.pk])
    data = {
        "start_date": offer.start_date.isoformat(),
        "salary": "6000",
        "contract_type": "fixed",
        "contract_months": 36,
        "probation_months": 3,
        "probation_salary": "4800",
        "conditions": offer.conditions,
        "notes": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "probation_months" in response.context["adminform"].form.errors
    offer.refresh_from_db()
    assert offer.probation_months == OFFER_TERMS["probation_months"]


# --- 9. every service error carries a stable code ----------------------------------------------------------


def _uncoded_errors(path: Path) -> list[str]:
    """ValidationError(...) calls that word a message without giving it a code (re-raising errors that already
    carry theirs, e.g. `ValidationError({"resume": exc.error_list})`, is fine)."""
    tree = ast.parse(path.read_text())
    gettext_names = {"_", "gettext", "gettext_lazy", "ngettext"}

    def is_message(node) -> bool:
        if isinstance(node, (ast.Constant, ast.JoinedStr)):
            return True
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in gettext_names:
            return True
        if isinstance(node, ast.BinOp):
            return is_message(node.left)
        return isinstance(node, ast.Name) and node.id == "message"

    def uncoded(call: ast.Call) -> bool:
        if any(k.arg == "code" for k in call.keywords) or not call.args:
            return False
        first = call.args[0]
        if isinstance(first, ast.Dict):
            return any(
                is_message(value)
                or (
                    isinstance(value, ast.Call)
                    and getattr(value.func, "id", "") == "ValidationError"
                    and uncoded(value)
                )
                for value in first.values
            )
        return is_message(first)

    return [
        f"{path.name}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "ValidationError" and uncoded(node)
    ]


def test_every_error_raised_in_the_services_carries_a_code():
    folder = Path(services.__file__).parent
    problems = [p for path in sorted(folder.glob("*.py")) for p in _uncoded_errors(path)]
    assert problems == []
