"""The probation: the department's review, the self-report, extension by agreement, termination in probation,
and the lapse into regular employment when the end date passes without a decision."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from employees.labour_law import probation_cap_months, probation_end_date, probation_policy_check
from employees.models import (
    EmployeeStatus,
)
from offboarding import services as separation_services
from offboarding.models import CaseStatus, SeparationCase

from .. import policies
from ..models import (
    OPEN_PROBATION,
    CaseEvent,
    OnboardingCase,
    ProbationExtension,
    ProbationReview,
    ProbationStatus,
    Recommendation,
    SelfReport,
)
from ._common import (
    _event,
    _lock,
    _make_regular,
    invalid,
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


# Form field of the onboarding page → field of the separation case the error is about.
_TERMINATION_FIELDS = {"reason_text": "reason", "requested_last_day": "separation_date"}


@transaction.atomic
def probation_terminate(
    *,
    case: OnboardingCase,
    by,
    reason: str,
    separation_date: datetime.date,
    union_informed_on: datetime.date,
    union_note: str = "",
) -> SeparationCase:
    """Propose a termination by the company in probation (art. 39(1)): a separation case of the probation type
    (offboarding owns separations), checked there — the reason, the last day within the probation, the trade
    union informed (art. 43) — and decided through the "probation_termination" flow (department head → HR
    manager). On approval the separation case gets its last day (see termination_on_approved)."""
    case = _lock(case)
    policies.can_terminate(by, case).enforce()
    try:
        separation = separation_services.probation_termination_submit(
            employee=case.employee,
            by=by,
            reason_text=reason,
            last_day=separation_date,
            union_informed_on=union_informed_on,
            union_note=union_note,
            probation_start=case.start_date,
            probation_end=case.probation_end,
        )
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise ValidationError(
            {_TERMINATION_FIELDS.get(field, field): errors for field, errors in error.error_dict.items()}
        ) from error
    case.probation_status = ProbationStatus.TERMINATION
    case.save(update_fields=["probation_status"])
    _event(case, CaseEvent.Action.TERMINATION_SUBMITTED, by, separation.reason_text)
    return separation


def _last_comment(request) -> str:
    decision = request.decisions.order_by("-created_at", "-pk").first()
    return decision.comment if decision else ""


def _onboarding_case_of(separation: SeparationCase) -> OnboardingCase | None:
    pk = (
        OnboardingCase.objects.filter(employee_id=separation.employee_id)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    return _lock(OnboardingCase(pk=pk)) if pk is not None else None


def termination_on_approved(separation: SeparationCase, request, by) -> None:
    """Final approval: the probation ends as terminated, the onboarding case closes and the separation case gets
    its last day (the handover runs; the daily task separates the employee on that day)."""
    case = _onboarding_case_of(separation)
    if case is not None and case.probation_status != ProbationStatus.TERMINATION:
        raise invalid(
            _(
                "The probation ended on %(end)s without a decision: the employee is regular by law and can no "
                "longer be terminated for not meeting the conditions of employment. Reject the request."
            )
            % {"end": f"{case.probation_end:%Y-%m-%d}"},
            "probation_ended",
        )
    separation_services.probation_case_confirm(separation, request, by)
    if case is None:
        return
    case.probation_status = ProbationStatus.TERMINATED
    case.status = OnboardingCase.Status.CLOSED
    case.save(update_fields=["probation_status", "status"])
    _event(case, CaseEvent.Action.TERMINATED, by, _last_comment(request) or separation.reason_text)


def _termination_closed(separation, request, by, *, status: str, action: str) -> None:
    separation_services.probation_case_close(separation, request, by, status=status)
    case = _onboarding_case_of(separation)
    if case is None:
        return
    if case.probation_status == ProbationStatus.TERMINATION:
        case.probation_status = ProbationStatus.RUNNING
        case.save(update_fields=["probation_status"])
    _event(case, action, by, _last_comment(request))


def termination_on_rejected(separation, request, by) -> None:
    _termination_closed(
        separation, request, by, status=CaseStatus.REJECTED, action=CaseEvent.Action.TERMINATION_REJECTED
    )


def termination_on_returned(separation, request, by) -> None:
    """A returned termination is closed; HR proposes a new one if it still applies (before the end date)."""
    _termination_closed(
        separation, request, by, status=CaseStatus.REJECTED, action=CaseEvent.Action.TERMINATION_RETURNED
    )


def termination_on_withdrawn(separation, request, by) -> None:
    _termination_closed(
        separation, request, by, status=CaseStatus.WITHDRAWN, action=CaseEvent.Action.TERMINATION_WITHDRAWN
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
