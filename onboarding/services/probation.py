"""The probation: the department's review, the self-report, extension by agreement, termination in probation,
and the lapse into regular employment when the end date passes without a decision."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from approvals import services as approvals
from employees import services as employee_services
from employees.labour_law import probation_cap_months, probation_end_date, probation_policy_check
from employees.models import (
    EmployeeStatus,
)

from .. import policies
from ..models import (
    OPEN_PROBATION,
    CaseEvent,
    OnboardingCase,
    ProbationExtension,
    ProbationReview,
    ProbationStatus,
    ProbationTermination,
    Recommendation,
    SelfReport,
)
from ._common import (
    _event,
    _lock,
    _make_regular,
    invalid,
    latest_review,
)


@transaction.atomic
def review_submit(
    *,
    case: OnboardingCase,
    by,
    performance: int,
    ability: int,
    attitude: int,
    discipline: int,
    comments: str,
    conditions_met: bool,
    conditions_assessment: str,
    recommendation: str,
    proposed_salary: Decimal | None = None,
) -> ProbationReview:
    """The department's 员工试用期评估表, judged against the offer's conditions of employment (录用条件)."""
    case = _lock(case)
    policies.can_review(by, case).enforce()
    if recommendation == Recommendation.CONVERT and not conditions_met:
        raise invalid(
            _("Conversion needs the conditions of employment to be met."), "conditions_not_met", "recommendation"
        )
    if recommendation == Recommendation.TERMINATE and conditions_met:
        raise invalid(
            _(
                "A termination in probation is possible only when the conditions of employment are not met "
                "(Labour Contract Law art. 39(1))."
            ),
            "conditions_met",
            "recommendation",
        )
    review = ProbationReview(
        case=case,
        reviewer=by,
        performance=performance,
        ability=ability,
        attitude=attitude,
        discipline=discipline,
        comments=(comments or "").strip(),
        conditions_met=conditions_met,
        conditions_assessment=(conditions_assessment or "").strip(),
        recommendation=recommendation,
        proposed_salary=proposed_salary if recommendation == Recommendation.CONVERT else None,
        submitted_at=timezone.now(),
    )
    review.full_clean()
    review.save()
    _event(case, CaseEvent.Action.REVIEWED, by, review.get_recommendation_display())
    return review


@transaction.atomic
def self_report_submit(
    *, case: OnboardingCase, by, work_summary: str, achievements: str = "", shortcomings: str = "", plans: str = ""
) -> SelfReport:
    """试用转正工作报告: staff-grade employees write it themselves, while the probation runs."""
    case = _lock(case)
    policies.can_self_report(by, case).enforce()
    if not (work_summary or "").strip():
        raise invalid(_("Describe the work done in probation."), "work_summary_missing", "work_summary")
    report, _created = SelfReport.objects.get_or_create(
        case=case,
        defaults={"work_summary": work_summary, "submitted_by": by, "submitted_at": timezone.now()},
    )
    report.work_summary = (work_summary or "").strip()
    report.achievements = (achievements or "").strip()
    report.shortcomings = (shortcomings or "").strip()
    report.plans = (plans or "").strip()
    report.submitted_at = timezone.now()
    report.full_clean()
    report.save()
    _event(case, CaseEvent.Action.SELF_REPORT, by)
    return report


@transaction.atomic
def probation_extend(
    *, case: OnboardingCase, by, added_months: int, agreement: str, agreed_on: datetime.date
) -> ProbationExtension:
    """Extend by recorded agreement with the employee, before the end date, within the company's policy for the
    post and the art. 19 cap."""
    case = _lock(case)
    today = timezone.localdate()
    policies.can_extend(by, case).enforce()
    if not (agreement or "").strip():
        raise invalid(
            _("Record the agreement with the employee (an extension needs it)."), "agreement_missing", "agreement"
        )
    if agreed_on > today or agreed_on < case.start_date:
        raise invalid(
            _("The agreement date must lie between the start date and today."), "agreement_date_invalid", "agreed_on"
        )
    if not added_months or added_months < 1:
        raise invalid(_("Extend by at least one month."), "extension_too_short", "added_months")
    cap = probation_cap_months(case.contract_type, case.contract_months)
    total = case.probation_months + added_months
    if total > cap:
        raise invalid(
            ngettext(
                "The probation would last %(total)s months; for this contract term the law allows at most "
                "%(cap)s month in total (Labour Contract Law art. 19).",
                "The probation would last %(total)s months; for this contract term the law allows at most "
                "%(cap)s months in total (Labour Contract Law art. 19).",
                cap,
            )
            % {"total": total, "cap": cap},
            "probation_over_legal_cap",
            "added_months",
        )
    try:
        probation_policy_check(case.employee.position.category, total)
    except ValidationError as error:
        raise invalid(
            _("The probation would last %(total)s months: %(policy)s")
            % {"total": total, "policy": " ".join(error.message_dict["probation_months"])},
            "probation_policy",
            "added_months",
        ) from error
    old_end = case.probation_end
    case.probation_months = total
    case.probation_end = probation_end_date(case.start_date, total)
    case.save(update_fields=["probation_months", "probation_end"])
    extension = ProbationExtension.objects.create(
        case=case,
        old_end=old_end,
        new_end=case.probation_end,
        added_months=added_months,
        agreement=agreement.strip(),
        agreed_on=agreed_on,
        recorded_by=by,
    )
    _event(
        case,
        CaseEvent.Action.EXTENDED,
        by,
        _("%(old)s → %(new)s: %(agreement)s")
        % {"old": f"{old_end:%Y-%m-%d}", "new": f"{case.probation_end:%Y-%m-%d}", "agreement": extension.agreement},
    )
    return extension


@transaction.atomic
def probation_terminate(
    *,
    case: OnboardingCase,
    by,
    reason: str,
    separation_date: datetime.date,
    union_informed_on: datetime.date,
    union_note: str = "",
) -> ProbationTermination:
    """Propose a termination by the company in probation (art. 39(1)): the reason, before the end date, the trade
    union informed (art. 43). It goes through the "probation_termination" flow (department head → HR manager);
    on approval the employee is separated (see termination_on_approved)."""
    case = _lock(case)
    today = timezone.localdate()
    policies.can_terminate(by, case).enforce()
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = ValidationError(
            _("State how the employee did not meet the conditions of employment (不符合录用条件, art. 39(1))."),
            code="reason_missing",
        )
    if separation_date is None or separation_date < case.start_date or separation_date > case.probation_end:
        errors["separation_date"] = ValidationError(
            _("The separation date must fall within the probation (%(start)s – %(end)s).")
            % {"start": f"{case.start_date:%Y-%m-%d}", "end": f"{case.probation_end:%Y-%m-%d}"},
            code="separation_outside_probation",
        )
    if union_informed_on is None:
        errors["union_informed_on"] = ValidationError(
            _("The trade union must be informed before the termination (art. 43)."), code="union_not_informed"
        )
    elif union_informed_on > today or union_informed_on < case.start_date:
        errors["union_informed_on"] = ValidationError(
            _("The date must lie between the start date and today."), code="union_date_invalid"
        )
    if errors:
        raise ValidationError(errors)
    review = latest_review(case)
    termination = ProbationTermination.objects.create(
        case=case,
        reason=reason.strip(),
        review=review if review is not None and review.recommendation == Recommendation.TERMINATE else None,
        decided_on=today,
        separation_date=separation_date,
        union_informed_on=union_informed_on,
        union_note=(union_note or "").strip(),
        decided_by=by,
    )
    case.probation_status = ProbationStatus.TERMINATION
    case.save(update_fields=["probation_status"])
    _event(case, CaseEvent.Action.TERMINATION_SUBMITTED, by, termination.reason)
    approvals.request_submit(subject=termination, by=by, comment=termination.reason)
    return termination


def _last_comment(request) -> str:
    decision = request.decisions.order_by("-created_at", "-pk").first()
    return decision.comment if decision else ""


def termination_on_approved(termination: ProbationTermination, request, by) -> None:
    """Final approval: the probation ends as terminated and the employee is separated on the separation date.
    The approved row is the minimal separation record offboarding (spec 07) will take over."""
    termination = ProbationTermination.objects.select_for_update().get(pk=termination.pk)
    case = _lock(termination.case)
    if case.probation_status != ProbationStatus.TERMINATION:
        raise invalid(
            _(
                "The probation ended on %(end)s without a decision: the employee is regular by law and can no "
                "longer be terminated for not meeting the conditions of employment. Reject the request."
            )
            % {"end": f"{case.probation_end:%Y-%m-%d}"},
            "probation_ended",
        )
    termination.status = ProbationTermination.Status.APPROVED
    termination.decided_at = timezone.now()
    termination.save(update_fields=["status", "decided_at"])
    employee_services.employee_update(
        employee=case.employee, by=by, status=EmployeeStatus.SEPARATED, separated_on=termination.separation_date
    )
    case.probation_status = ProbationStatus.TERMINATED
    case.status = OnboardingCase.Status.CLOSED
    case.save(update_fields=["probation_status", "status"])
    _event(case, CaseEvent.Action.TERMINATED, by, _last_comment(request) or termination.reason)


def _termination_closed(termination, request, by, *, status: str, action: str) -> None:
    termination = ProbationTermination.objects.select_for_update().get(pk=termination.pk)
    case = _lock(termination.case)
    termination.status = status
    termination.decided_at = timezone.now()
    termination.save(update_fields=["status", "decided_at"])
    if case.probation_status == ProbationStatus.TERMINATION:
        case.probation_status = ProbationStatus.RUNNING
        case.save(update_fields=["probation_status"])
    _event(case, action, by, _last_comment(request))


def termination_on_rejected(termination, request, by) -> None:
    _termination_closed(
        termination,
        request,
        by,
        status=ProbationTermination.Status.REJECTED,
        action=CaseEvent.Action.TERMINATION_REJECTED,
    )


def termination_on_returned(termination, request, by) -> None:
    """A returned termination is closed; HR proposes a new one if it still applies (before the end date)."""
    _termination_closed(
        termination,
        request,
        by,
        status=ProbationTermination.Status.RETURNED,
        action=CaseEvent.Action.TERMINATION_RETURNED,
    )


def termination_on_withdrawn(termination, request, by) -> None:
    _termination_closed(
        termination,
        request,
        by,
        status=ProbationTermination.Status.WITHDRAWN,
        action=CaseEvent.Action.TERMINATION_WITHDRAWN,
    )


def probations_lapse(*, today: datetime.date) -> list[OnboardingCase]:
    """Probations whose end date passed without a decision: regular by law from the day after (no "overdue").

    Each case is locked and re-checked, so a rerun or a concurrent run changes nothing twice.
    """
    due = OnboardingCase.objects.filter(
        probation_status__in=OPEN_PROBATION,
        probation_end__lt=today,
        employee__status__in=[
            EmployeeStatus.ONBOARDING,
            EmployeeStatus.PROBATION,
            EmployeeStatus.REGULAR,
        ],
    ).values_list("pk", flat=True)
    lapsed = []
    for pk in list(due):
        with transaction.atomic():
            case = OnboardingCase.objects.select_for_update(of=("self",)).select_related("employee").get(pk=pk)
            if case.probation_status not in OPEN_PROBATION or case.probation_end >= today:
                continue
            _make_regular(
                case,
                by=None,
                regular_from=case.probation_end + datetime.timedelta(days=1),
                status=ProbationStatus.LAPSED,
            )
            _event(
                case,
                CaseEvent.Action.LAPSED,
                None,
                _("No decision by %(end)s: regular by law from %(day)s.")
                % {
                    "end": f"{case.probation_end:%Y-%m-%d}",
                    "day": f"{case.regular_from:%Y-%m-%d}",
                },
            )
            lapsed.append(case)
    return lapsed
