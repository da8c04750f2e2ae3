"""The probation: the department's review, the self-report, extension by agreement, termination in probation,
and the lapse into regular employment when the end date passes without a decision."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from employees import services as employee_services
from employees.labour_law import probation_cap_months, probation_end_date
from employees.models import (
    EmployeeStatus,
)
from org.selectors import scope_department_ids

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
    _require_open_before_end,
    latest_review,
)


def can_review(user, case: OnboardingCase) -> bool:
    """The department reviews: heads of the employee's department (or above), and HR."""
    if user.is_hr:
        return True
    ids = scope_department_ids(user)
    return bool(ids) and case.employee.department_id in ids and case.employee.user_id != user.pk


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
    if not can_review(by, case):
        raise PermissionDenied(_("Only the department head or HR reviews a probation."))
    today = timezone.localdate()
    _require_open_before_end(case, today, _("review"))
    if case.probation_status == ProbationStatus.CONVERSION:
        raise ValidationError(_("A conversion is in approval; withdraw it before a new review."))
    if recommendation == Recommendation.CONVERT and not conditions_met:
        raise ValidationError({"recommendation": _("Conversion needs the conditions of employment to be met.")})
    if recommendation == Recommendation.TERMINATE and conditions_met:
        raise ValidationError(
            {
                "recommendation": _(
                    "A termination in probation is possible only when the conditions of employment are not met "
                    "(Labour Contract Law art. 39(1))."
                )
            }
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
    if case.employee.user_id != by.pk:
        raise PermissionDenied(_("Only the employee writes their own self-report."))
    if not case.is_staff_grade:
        raise ValidationError(_("The self-report is for staff-grade employees and above."))
    _require_open_before_end(case, timezone.localdate(), _("report on"))
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
    """Extend by recorded agreement with the employee, before the end date, within the art. 19 cap."""
    case = _lock(case)
    today = timezone.localdate()
    _require_open_before_end(case, today, _("extend"))
    if case.probation_status == ProbationStatus.CONVERSION:
        raise ValidationError(_("A conversion is in approval; withdraw it first."))
    review = latest_review(case)
    if review is None or review.recommendation != Recommendation.EXTEND:
        raise ValidationError(_("The department's latest probation review must recommend an extension."))
    if not (agreement or "").strip():
        raise ValidationError({"agreement": _("Record the agreement with the employee (an extension needs it).")})
    if agreed_on > today or agreed_on < case.start_date:
        raise ValidationError({"agreed_on": _("The agreement date must lie between the start date and today.")})
    if not added_months or added_months < 1:
        raise ValidationError({"added_months": _("Extend by at least one month.")})
    cap = probation_cap_months(case.contract_type, case.contract_months)
    total = case.probation_months + added_months
    if total > cap:
        raise ValidationError(
            {
                "added_months": ngettext(
                    "The probation would last %(total)s months; for this contract term the law allows at most "
                    "%(cap)s month in total (Labour Contract Law art. 19).",
                    "The probation would last %(total)s months; for this contract term the law allows at most "
                    "%(cap)s months in total (Labour Contract Law art. 19).",
                    cap,
                )
                % {"total": total, "cap": cap}
            }
        )
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
    """Termination by the company in probation (art. 39(1)): the reason, before the end date, the trade union
    informed (art. 43). Creates the minimal separation record and separates the employee on the date."""
    case = _lock(case)
    today = timezone.localdate()
    _require_open_before_end(case, today, _("terminate"))
    if case.probation_status == ProbationStatus.CONVERSION:
        raise ValidationError(_("A conversion is in approval; withdraw it before a termination."))
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = _(
            "State how the employee did not meet the conditions of employment (不符合录用条件, art. 39(1))."
        )
    if separation_date < case.start_date or separation_date > case.probation_end:
        errors["separation_date"] = _("The separation date must fall within the probation (%(start)s – %(end)s).") % {
            "start": f"{case.start_date:%Y-%m-%d}",
            "end": f"{case.probation_end:%Y-%m-%d}",
        }
    if union_informed_on is None:
        errors["union_informed_on"] = _("The trade union must be informed before the termination (art. 43).")
    elif union_informed_on > today:
        errors["union_informed_on"] = _("The date cannot be in the future.")
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
    employee_services.employee_update(
        employee=case.employee, by=by, status=EmployeeStatus.SEPARATED, separated_on=separation_date
    )
    case.probation_status = ProbationStatus.TERMINATED
    case.status = OnboardingCase.Status.CLOSED
    case.save(update_fields=["probation_status", "status"])
    _event(case, CaseEvent.Action.TERMINATED, by, termination.reason)
    return termination


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
            case = OnboardingCase.objects.select_for_update().select_related("employee").get(pk=pk)
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
