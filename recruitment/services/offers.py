"""Hire approval (录用审批) and the offer: terms checked against the labour law, then accepted or declined.
Accepting creates the employee from what recruitment already holds and counts the hire on the requisition."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals import services as approvals
from approvals.selectors import latest_request_for
from core.validators import id_number_birth_date
from employees.labour_law import probation_check, probation_policy_check
from employees.models import NO_LABOUR_CONTRACT_TYPES, ContractType, Employee, EmployeeStatus, Gender, SalaryChange
from employees.services import employee_create
from notifications.services import notify

from .. import kinds, policies
from ..models import MANUAL_STAGES, Application, Evaluation, Event, Offer, Recommendation, Stage
from ..selectors import special_post_test_evaluations
from ._common import record_event
from .applications import _lock as _lock_application
from .applications import check_move, set_stage
from .candidates import candidate_update
from .requisitions import requisition_count_hire

TERM_FIELDS = ("start_date", "salary", "contract_type", "contract_months", "probation_months", "probation_salary")
EDITABLE_FIELDS = frozenset(TERM_FIELDS + ("conditions", "notes"))


def existing_employee(id_number: str) -> Employee | None:
    if not id_number:
        return None
    return Employee.objects.filter(id_number=id_number.strip().upper()).first()


def validate_terms(offer: Offer, application: Application) -> None:
    """The checks every path to an offer's terms runs (the page, the admin): raises per field."""
    candidate = application.candidate
    requisition = application.requisition
    if not candidate.id_number:
        message = _("The ID number is needed for the offer.")
        raise ValidationError({"id_number": ValidationError(message, code="id_number_required")})
    former = existing_employee(candidate.id_number)
    if former is not None and not former.is_separated:
        message = _("%(name)s is already an employee (%(number)s); use a job change instead.") % {
            "name": former.name,
            "number": former.number,
        }
        raise ValidationError({"id_number": ValidationError(message, code="already_employee")})
    offer.full_clean(exclude=["application"])
    if offer.start_date < application.applied_on:
        message = _("The start date cannot be before the application.")
        raise ValidationError({"start_date": ValidationError(message, code="start_before_application")})
    probation_check(
        contract_type=offer.contract_type,
        contract_months=offer.contract_months,
        probation_months=offer.probation_months,
        probation_salary=offer.probation_salary,
        salary=offer.salary,
        had_probation=former is not None,
        has_labour_contract=requisition.employment_type not in NO_LABOUR_CONTRACT_TYPES,
    )
    # On top of the law: the company's probation for the kind of post (frontline one month, staff 1–3 …).
    probation_policy_check(requisition.position.category, offer.probation_months)


def special_post_tests_check(application: Application) -> None:
    """A special post (特殊岗位) is hired only after its practical and theory tests were held and none failed."""
    if not application.requisition.position.is_special:
        return
    evaluations = list(special_post_test_evaluations(application))
    if not evaluations:
        raise ValidationError(
            _("A special post is hired only after its practical and theory tests have been held and evaluated."),
            code="special_post_tests_required",
        )
    if any(e.practical_passed is False or e.theory_passed is False for e in evaluations):
        raise ValidationError(
            _("The candidate failed the practical or theory test of this special post; they cannot be hired."),
            code="special_post_tests_failed",
        )


def _set_terms(offer: Offer, fields: dict) -> None:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"offer fields cannot be set here: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(offer, name, value)
    if offer.contract_type != ContractType.FIXED:
        offer.contract_months = offer.contract_months or None


def _update_id_number(application: Application, id_number: str, by) -> None:
    if id_number and id_number.strip().upper() != application.candidate.id_number:
        try:
            application.candidate = candidate_update(candidate=application.candidate, by=by, id_number=id_number)
        except ValidationError as exc:
            errors = [e for errs in exc.error_dict.values() for e in errs] if hasattr(exc, "error_dict") else exc
            raise ValidationError({"id_number": errors})


@transaction.atomic
def offer_create(*, application: Application, by, id_number: str = "", **fields) -> Offer:
    """Draft the offer for a candidate who passed the interviews (the ID number is collected now at the latest)."""
    application = _lock_application(application)
    policies.can_draft_offer(by, application).enforce()
    _update_id_number(application, id_number, by)
    offer = Offer(application=application, created_by=by)
    _set_terms(offer, fields)
    validate_terms(offer, application)
    offer.save()
    offer.number = f"OF{timezone.localdate():%Y}-{offer.pk:05d}"
    offer.save(update_fields=["number"])
    record_event(action=Event.Action.OFFER_CREATED, by=by, application=application, comment=offer.number)
    return offer


def _lock(offer: Offer) -> Offer:
    return Offer.objects.select_for_update().get(pk=offer.pk)


@transaction.atomic
def offer_update(*, offer: Offer, by, id_number: str = "", **fields) -> Offer:
    offer = _lock(offer)
    policies.can_edit_offer(by, offer).enforce()
    application = _lock_application(offer.application)
    _update_id_number(application, id_number, by)
    _set_terms(offer, fields)
    validate_terms(offer, application)
    offer.save()
    record_event(action=Event.Action.OFFER_UPDATED, by=by, application=application, comment=offer.number)
    return offer


@transaction.atomic
def offer_submit(*, offer: Offer, by, comment: str = "", skip_reason: str = "") -> Offer:
    """Send the offer into hire approval (frontline or staff flow); the application moves to hire approval.

    Someone is hired only after an interview: at least one evaluation must recommend proceeding.
    """
    offer = _lock(offer)
    policies.can_submit_offer(by, offer).enforce()
    application = _lock_application(offer.application)
    validate_terms(offer, application)
    if not Evaluation.objects.filter(
        interview__application=application, recommendation=Recommendation.PROCEED
    ).exists():
        raise ValidationError(
            _("No interview evaluation recommends proceeding with this candidate yet."), code="no_proceed_evaluation"
        )
    special_post_tests_check(application)
    if application.stage in MANUAL_STAGES:
        check_move(application, Stage.HIRE_APPROVAL, skip_reason=skip_reason)
        set_stage(
            application=application, to_stage=Stage.HIRE_APPROVAL, by=by, comment=comment, skip_reason=skip_reason
        )
    elif application.stage != Stage.HIRE_APPROVAL:
        raise ValidationError(_("This application is not waiting for hire approval."), code="not_in_hire_approval")
    was = offer.status
    offer.status = Offer.Status.IN_APPROVAL
    offer.submitted_at = timezone.now()
    offer.save(update_fields=["status", "submitted_at"])
    action = Event.Action.RESUBMITTED if was == Offer.Status.RETURNED else Event.Action.SUBMITTED
    record_event(action=action, by=by, application=application, from_state=was, to_state=offer.status, comment=comment)
    if was == Offer.Status.RETURNED:
        approvals.request_resubmit(request=latest_request_for(offer), by=by, comment=comment)
    else:
        approvals.request_submit(subject=offer, by=by, comment=comment)
    offer.refresh_from_db()
    return offer


@transaction.atomic
def offer_withdraw(*, offer: Offer, by, comment: str = "") -> Offer:
    """The applicant takes the hire approval back; the offer is a draft again."""
    offer = _lock(offer)
    policies.can_withdraw_offer(by, offer).enforce()
    request = latest_request_for(offer)
    approvals.request_withdraw(request=request, by=by, comment=comment)
    offer.refresh_from_db()
    return offer


def _create_employee(*, offer: Offer, application: Application, by) -> Employee:
    """The employee from the candidate and the requisition: nothing typed twice."""
    candidate = application.candidate
    requisition = application.requisition
    birth_date = id_number_birth_date(candidate.id_number)
    gender = candidate.gender or (Gender.MALE if int(candidate.id_number[16]) % 2 else Gender.FEMALE)
    fields = {
        "name": candidate.name,
        "gender": gender,
        "birth_date": birth_date,
        "id_number": candidate.id_number,
        "phone": candidate.phone,
        "email": candidate.email,
        "education": candidate.education,
        "hire_date": offer.start_date,
        "department": requisition.department,
        "position": requisition.position,
        "employment_type": requisition.employment_type,
        "status": EmployeeStatus.ONBOARDING,
        "base_salary": offer.salary,
    }
    former = existing_employee(candidate.id_number)
    if former is None:
        return employee_create(by=by, **fields)
    # A rehire keeps the one personnel file: the former record is reinstated with the new post and salary.
    former = Employee.objects.select_for_update().get(pk=former.pk)
    if not former.is_separated:
        raise ValidationError(_("%(name)s is already an employee.") % {"name": former.name}, code="already_employee")
    previous_salary = former.base_salary
    for name, value in fields.items():
        setattr(former, name, value)
    former.separated_on = None
    former.full_clean()
    former.save()
    SalaryChange.objects.create(
        employee=former,
        effective_date=offer.start_date,
        previous_salary=previous_salary,
        new_salary=offer.salary,
        reason=_("Salary at rehire (offer %(number)s)") % {"number": offer.number},
        created_by=by,
    )
    return former


@transaction.atomic
def offer_accept(*, offer: Offer, by, comment: str = "") -> Offer:
    """The candidate accepted: the employee is created (status onboarding), the hire counts on the requisition
    (which closes when full) and the application is hired."""
    offer = _lock(offer)
    policies.can_accept_offer(by, offer).enforce()
    application = _lock_application(offer.application)
    requisition = requisition_count_hire(requisition=application.requisition, by=by)
    application.requisition = requisition
    employee = _create_employee(offer=offer, application=application, by=by)
    offer.status = Offer.Status.ACCEPTED
    offer.responded_at = timezone.now()
    offer.employee = employee
    offer.save(update_fields=["status", "responded_at", "employee"])
    set_stage(application=application, to_stage=Stage.HIRED, by=by, comment=comment)
    record_event(action=Event.Action.OFFER_ACCEPTED, by=by, application=application, comment=str(employee))
    _start_onboarding(employee=employee, offer=offer, by=by)
    if requisition.requested_by_id != getattr(by, "pk", None):
        notify(
            recipient=requisition.requested_by,
            kind=kinds.OFFER_DECIDED,
            title=_("%(name)s accepted the offer for %(position)s")
            % {"name": employee.name, "position": requisition.position.title},
            body=_("Starts on %(date)s.") % {"date": offer.start_date},
            url=requisition.get_absolute_url(),
        )
    return offer


def _start_onboarding(*, employee: Employee, offer: Offer, by) -> None:
    """Hand the new employee to onboarding (spec 04) when that app offers the entry point."""
    try:
        from onboarding.services import onboarding_start_from_offer
    except ImportError:
        return
    onboarding_start_from_offer(employee=employee, offer=offer, by=by)


@transaction.atomic
def offer_decline(*, offer: Offer, by, reason: str) -> Offer:
    reason = (reason or "").strip()
    if not reason:
        message = _("Please give the candidate's reason.")
        raise ValidationError({"reason": ValidationError(message, code="reason_required")})
    offer = _lock(offer)
    policies.can_decline_offer(by, offer).enforce()
    application = _lock_application(offer.application)
    offer.status = Offer.Status.DECLINED
    offer.responded_at = timezone.now()
    offer.save(update_fields=["status", "responded_at"])
    set_stage(application=application, to_stage=Stage.WITHDRAWN, by=by, comment=reason)
    record_event(action=Event.Action.OFFER_DECLINED, by=by, application=application, comment=reason)
    return offer


# --- approval callbacks (registered in recruitment/approval_processes.py) --------------------------------


def _last_comment(request) -> str:
    decision = request.decisions.order_by("-created_at", "-pk").first()
    return decision.comment if decision else ""


def _after_decision(subject: Offer, request, by, *, to: str, action: str, stage: str | None = None) -> None:
    offer = _lock(subject)
    was = offer.status
    offer.status = to
    if to == Offer.Status.APPROVED:
        offer.approved_at = timezone.now()
    offer.save(update_fields=["status", "approved_at"])
    application = _lock_application(offer.application)
    comment = _last_comment(request)
    record_event(action=action, by=by, application=application, from_state=was, to_state=to, comment=comment)
    if stage is not None:
        set_stage(application=application, to_stage=stage, by=by, comment=comment)


def offer_on_approved(subject, request, by) -> None:
    """The final approval: refused (the decision rolls back) when a special post's test failed meanwhile."""
    special_post_tests_check(Application.objects.select_related("requisition__position").get(offer=subject))
    _after_decision(subject, request, by, to=Offer.Status.APPROVED, action=Event.Action.APPROVED, stage=Stage.OFFER)


def offer_on_rejected(subject, request, by) -> None:
    _after_decision(subject, request, by, to=Offer.Status.REJECTED, action=Event.Action.REJECTED, stage=Stage.REJECTED)


def offer_on_returned(subject, request, by) -> None:
    _after_decision(subject, request, by, to=Offer.Status.RETURNED, action=Event.Action.RETURNED)


def offer_on_withdrawn(subject, request, by) -> None:
    _after_decision(subject, request, by, to=Offer.Status.DRAFT, action=Event.Action.WITHDRAWN)


def offer_term_summary(offer: Offer) -> dict:
    """What the approver sees on the decision page."""
    application = offer.application
    summary = {
        _("Candidate"): application.candidate.name,
        _("Position"): str(application.requisition.position),
        _("Start date"): offer.start_date,
        _("Probation (months)"): offer.probation_months,
    }
    if application.requisition.position.is_special:
        # The approver of a special post's hire sees the tests it depends on (a failed one blocks the approval).
        summary[_("Practical and theory tests")] = [
            _("%(who)s: practical %(practical)s/%(practical_pass)s, theory %(theory)s/%(theory_pass)s")
            % {
                "who": e.evaluator,
                "practical": e.practical_score,
                "practical_pass": e.practical_pass_mark,
                "theory": e.theory_score,
                "theory_pass": e.theory_pass_mark,
            }
            for e in special_post_test_evaluations(application)
        ] or _("not held")
    return summary
