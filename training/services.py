"""Writes of training (spec 05). Plain keyword-only functions: they validate, run in a transaction and are the
only place a status changes."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals.models import RequestStatus
from approvals.selectors import latest_request_for
from approvals.services import request_resubmit, request_submit
from notifications.services import notifications_settle, notify

from . import kinds, policies
from .models import (
    OPEN_NEED_STATUSES,
    AssessmentMethod,
    CompetenceStandard,
    FailureAction,
    NeedSource,
    NeedStatus,
    Participant,
    PlanItem,
    PlanStatus,
    Session,
    SessionStatus,
    Skill,
    SkillRating,
    TrainingNeed,
    TrainingPlan,
)

# Check-in opens this long before the start (people arrive early) and closes at the end of the session.
CHECKIN_EARLY = datetime.timedelta(minutes=30)


# --- competence ------------------------------------------------------------------------------------------------


def standard_set(*, position, skill: Skill, required_level: int | None, by) -> CompetenceStandard | None:
    """Set (or with None remove) the level a position requires on a skill."""
    policies.can_manage(by).enforce()
    if required_level is None:
        CompetenceStandard.objects.filter(position=position, skill=skill).delete()
        return None
    standard, _created = CompetenceStandard.objects.update_or_create(
        position=position, skill=skill, defaults={"required_level": required_level}
    )
    return standard


def rating_record(*, employee, skill: Skill, level: int, by, rated_on=None, note: str = "") -> SkillRating:
    """A new rating (the old ones stay as history)."""
    policies.can_rate(by, employee).enforce()
    rating = SkillRating(
        employee=employee, skill=skill, level=level, rated_by=by, rated_on=rated_on or timezone.localdate(), note=note
    )
    rating.full_clean()
    rating.save()
    return rating


# --- needs -----------------------------------------------------------------------------------------------------


@transaction.atomic
def raise_need(
    *,
    employee,
    topic: str,
    source: str,
    by,
    skill: Skill | None = None,
    reason: str = "",
    for_position=None,
    wanted_period: str = "",
) -> TrainingNeed:
    """Raise a training need (培训需求申请表). An open need of the same employee, source and skill (or topic) is
    returned instead of a second one: one click twice, or a signal sent twice, raises one need.

    `by` may be None for needs the system raises (a job change); otherwise HR, the employee's head or the
    employee themselves (other apps, e.g. performance for a low KPI grade, call this with their user)."""
    if by is not None:
        policies.can_raise_need(by, employee).enforce()
    if source not in NeedSource.values:
        raise ValidationError(_("Unknown source of a training need."), code="need_source")
    existing = TrainingNeed.objects.select_for_update().filter(
        employee=employee, source=source, status__in=OPEN_NEED_STATUSES
    )
    existing = existing.filter(skill=skill) if skill is not None else existing.filter(topic=topic)
    if for_position is not None:
        existing = existing.filter(for_position=for_position)
    found = existing.first()
    if found is not None:
        return found
    need = TrainingNeed(
        employee=employee,
        topic=topic,
        source=source,
        reason=reason,
        skill=skill,
        for_position=for_position,
        wanted_period=wanted_period,
        created_by=by,
    )
    need.full_clean()
    need.save()
    return need


def need_from_gap(*, employee, skill: Skill, by) -> TrainingNeed:
    from .selectors import gaps_of

    gap = next((g for g in gaps_of(employee) if g.skill.pk == skill.pk), None)
    if gap is None:
        raise ValidationError(_("There is no competence gap on this skill."), code="no_gap")
    current = gap.current or "—"
    return raise_need(
        employee=employee,
        topic=skill.name,
        source=NeedSource.GAP,
        skill=skill,
        by=by,
        reason=_("Level %(current)s, the post requires %(required)s.") % {"current": current, "required": gap.required},
    )


def need_cancel(*, need: TrainingNeed, by) -> TrainingNeed:
    policies.can_close_need(by, need).enforce()
    need.status = NeedStatus.CANCELLED
    need.closed_at = timezone.now()
    need.save(update_fields=["status", "closed_at"])
    return need


def post_training_need_on_job_change(*, change, employee, by=None, **_kwargs) -> TrainingNeed | None:
    """A job change into a special or quality-relevant post raises the post training (上岗培训) of that post,
    whatever the employment type (agency and contract workers too)."""
    position = employee.position
    if not (position.is_special or position.is_quality_relevant):
        return None
    return raise_need(
        employee=employee,
        topic=_("Post training: %(post)s") % {"post": position.title},
        source=NeedSource.TRANSFER,
        by=None,
        reason=_("Job change into a special or quality-relevant post."),
        for_position=position,
    )


# --- plans -----------------------------------------------------------------------------------------------------


def plan_create(*, year: int, title: str, by, development_plan=None) -> TrainingPlan:
    policies.can_manage(by).enforce()
    if TrainingPlan.objects.filter(year=year).exists():
        raise ValidationError({"year": ValidationError(_("There is already a plan for this year."), code="plan_year")})
    return TrainingPlan.objects.create(year=year, title=title, created_by=by, development_plan=development_plan)


def plan_item_save(*, item: PlanItem, by, targets=None, needs=()) -> PlanItem:
    policies.can_edit_plan(by, item.plan).enforce()
    item.full_clean()
    item.save()
    if targets is not None:
        departments, positions = targets
        item.target_departments.set(departments)
        item.target_positions.set(positions)
    if needs:
        TrainingNeed.objects.filter(pk__in=[n.pk for n in needs], status=NeedStatus.OPEN).update(
            plan_item=item, status=NeedStatus.PLANNED
        )
    return item


def _send_for_approval(subject, *, by):
    """A draft starts its request; a subject returned for changes goes again as a new round of the same request
    (the engine's on_resubmitted hook moves it back into approval). The caller has locked it and asked the policy."""
    request = latest_request_for(subject)
    if request is not None and request.status == RequestStatus.RETURNED:
        request_resubmit(request=request, by=by)
    else:
        subject.status = PlanStatus.IN_APPROVAL
        subject.save(update_fields=["status"])
        request_submit(subject=subject, by=by)
    subject.refresh_from_db()
    return subject


@transaction.atomic
def plan_submit(*, plan: TrainingPlan, by) -> TrainingPlan:
    plan = TrainingPlan.objects.select_for_update().get(pk=plan.pk)
    policies.can_submit_plan(by, plan).enforce()
    return _send_for_approval(plan, by=by)


def _status_hook(status):
    """An approval hook that only moves the subject (a plan, an external training …) to `status`."""

    def hook(subject, request, by):
        subject.status = status
        subject.save(update_fields=["status"])

    return hook


plan_on_approved = _status_hook(PlanStatus.APPROVED)
plan_on_rejected = _status_hook(PlanStatus.REJECTED)
plan_on_returned = _status_hook(PlanStatus.RETURNED)
plan_on_withdrawn = _status_hook(PlanStatus.DRAFT)
plan_on_resubmitted = _status_hook(PlanStatus.IN_APPROVAL)


@transaction.atomic
def plan_publish(*, plan: TrainingPlan, by) -> TrainingPlan:
    plan = TrainingPlan.objects.select_for_update().get(pk=plan.pk)
    policies.can_publish_plan(by, plan).enforce()
    plan.status = PlanStatus.PUBLISHED
    plan.published_at = timezone.now()
    plan.save(update_fields=["status", "published_at"])
    return plan


# --- sessions --------------------------------------------------------------------------------------------------


@transaction.atomic
def session_create(*, by, employees=(), **fields) -> Session:
    policies.can_manage(by).enforce()
    session = Session(created_by=by, **fields)
    session.full_clean()
    session.save()
    participants_invite(session=session, employees=employees, by=by)
    return session


def participants_invite(*, session: Session, employees, by) -> list[Participant]:
    """Invite people (once each); an open need of theirs on the session's plan item is linked to them, and each is
    told by a notification."""
    policies.can_edit_session(by, session).enforce()
    have = set(session.participants.values_list("employee_id", flat=True))
    new = [e for e in employees if e.pk not in have]
    if not new:
        return []
    needs: dict[int, TrainingNeed] = {}
    if session.plan_item_id:
        for need in TrainingNeed.objects.filter(
            plan_item_id=session.plan_item_id, employee__in=new, status__in=OPEN_NEED_STATUSES
        ):
            needs.setdefault(need.employee_id, need)
    created = Participant.objects.bulk_create(
        [Participant(session=session, employee=e, need=needs.get(e.pk)) for e in new]
    )
    if session.is_induction:
        _link_induction_tasks(session, [e.pk for e in new])
    start = timezone.localtime(session.starts_at)
    for employee in new:
        if employee.user_id:
            notify(
                recipient=employee.user,
                kind=kinds.INVITED,
                title=_("Training invitation: %(course)s on %(when)s")
                % {"course": session.course, "when": f"{start:%Y-%m-%d %H:%M}"},
                body=_("Place: %(place)s. Trainer: %(trainer)s.")
                % {"place": session.place, "trainer": session.trainer},
                url=session.get_absolute_url(),
            )
    return created


@transaction.atomic
def session_cancel(*, session: Session, by, reason: str) -> Session:
    """Cancel a session that was not held, with the reason: the invited are told, the session reminders stop (they
    are sent only for scheduled sessions) and their unread invitations and reminders are settled, check-in is
    refused, and onboarding induction tasks waiting for it are free for another session."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    policies.can_cancel_session(by, session).enforce()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": ValidationError(_("Say why the session is cancelled."), code="cancel_reason_missing")}
        )
    session.status = SessionStatus.CANCELLED
    session.cancel_reason = reason
    session.cancelled_at = timezone.now()
    session.cancelled_by = by
    session.full_clean()
    session.save(update_fields=["status", "cancel_reason", "cancelled_at", "cancelled_by"])
    _unlink_induction_tasks(session)
    start = timezone.localtime(session.starts_at)
    users = [
        p.employee.user
        for p in session.participants.filter(employee__user__isnull=False, employee__user__is_active=True)
        .select_related("employee__user")
        .order_by("pk")
    ]
    url = session.get_absolute_url()
    for kind in (kinds.INVITED, kinds.SESSION_SOON):
        notifications_settle(recipients=[u.pk for u in users], kind=kind, url=url)
    for user in users:
        notify(
            recipient=user,
            kind=kinds.CANCELLED,
            title=_("Training cancelled: %(course)s on %(when)s")
            % {"course": session.course, "when": f"{start:%Y-%m-%d %H:%M}"},
            body=_("Reason: %(reason)s") % {"reason": reason},
            url=url,
        )
    return session


def _unlink_induction_tasks(session: Session) -> int:
    from onboarding.models import OnboardingTask

    return OnboardingTask.objects.filter(training_session=session, status=OnboardingTask.Status.OPEN).update(
        training_session=None
    )


def _link_induction_tasks(session: Session, employee_ids) -> int:
    """The open induction tasks of the invited people's onboarding now wait for this session (one record)."""
    from onboarding.models import OnboardingTask, TaskKind

    return OnboardingTask.objects.filter(
        case__employee_id__in=employee_ids,
        kind=TaskKind.INDUCTION,
        status=OnboardingTask.Status.OPEN,
        training_session__isnull=True,
    ).update(training_session=session)


def _induction_attended(session: Session, employee_ids, by) -> int:
    """Tick the onboarding induction tasks linked to the session for those who attended."""
    if not session.is_induction or not employee_ids:
        return 0
    from onboarding.models import OnboardingTask
    from onboarding.services import tasks_done_by_training

    tasks = OnboardingTask.objects.filter(
        training_session=session, case__employee_id__in=employee_ids, status=OnboardingTask.Status.OPEN
    ).select_related("case")
    return tasks_done_by_training(
        tasks=list(tasks),
        by=by,
        done_on=timezone.localtime(session.starts_at).date(),
        note=_("Training session: %(course)s") % {"course": session.course},
    )


def checkin_window(session: Session) -> tuple[datetime.datetime, datetime.datetime]:
    return session.starts_at - CHECKIN_EARLY, session.ends_at


@transaction.atomic
def check_in(*, session: Session, user, code: str, now=None) -> Participant:
    """Self check-in with the session's code: only in the session window and only for the invited."""
    now = now or timezone.now()
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("This session was cancelled."), code="checkin_cancelled")
    if (code or "").strip() != session.checkin_code:
        raise ValidationError(_("The check-in code is wrong."), code="checkin_wrong_code")
    opens, closes = checkin_window(session)
    if now < opens:
        raise ValidationError(
            _("Check-in opens at %(time)s.") % {"time": f"{timezone.localtime(opens):%Y-%m-%d %H:%M}"},
            code="checkin_not_open",
        )
    if now > closes:
        raise ValidationError(_("Check-in for this session has closed."), code="checkin_closed")
    participant = (
        Participant.objects.select_for_update().filter(session=session, employee__user=user).first()
        if user.is_authenticated
        else None
    )
    if participant is None:
        raise ValidationError(
            _("You are not on the invitation list of this session; ask HR to add you."), code="checkin_not_invited"
        )
    if not participant.attended:
        participant.attended = True
        participant.self_checked_in = True
        participant.checked_in_at = now
        participant.save(update_fields=["attended", "self_checked_in", "checked_in_at"])
        _induction_attended(session, [participant.employee_id], user)
    return participant


@transaction.atomic
def attendance_set(*, session: Session, attended_ids, by) -> int:
    """HR records who attended (the others did not); the session counts as held once someone attended."""
    policies.can_edit_session(by, session).enforce()
    attended_ids = set(attended_ids)
    now = timezone.now()
    changed = 0
    for participant in session.participants.select_for_update():
        present = participant.employee_id in attended_ids
        if participant.attended != present:
            participant.attended = present
            participant.checked_in_at = now if present else None
            participant.self_checked_in = False
            participant.save(update_fields=["attended", "checked_in_at", "self_checked_in"])
            changed += 1
    if attended_ids and session.status == SessionStatus.SCHEDULED:
        session.status = SessionStatus.HELD
        session.save(update_fields=["status"])
    _induction_attended(session, attended_ids, by)
    return changed


def session_mark_held(*, session: Session, by) -> Session:
    policies.can_edit_session(by, session).enforce()
    if session.status == SessionStatus.SCHEDULED:
        session.status = SessionStatus.HELD
        session.save(update_fields=["status"])
    return session


def is_pass(score: Decimal, pass_mark: Decimal) -> bool:
    return score >= pass_mark


def _failure_action(participant: Participant) -> str:
    """A first failure means retraining; failing again on the same need or course means a change of post."""
    earlier = Participant.objects.filter(employee_id=participant.employee_id, passed=False).exclude(pk=participant.pk)
    if participant.need_id:
        earlier = earlier.filter(need_id=participant.need_id)
    else:
        earlier = earlier.filter(session__course=participant.session.course)
    return FailureAction.CHANGE_POST if earlier.exists() else FailureAction.RETRAIN


@transaction.atomic
def assessment_record(*, participant: Participant, score, method: str, by) -> Participant:
    """Score an attendee: pass at or above the pass mark. A pass fulfils the need it served; a failure flags the
    person for retraining (or a change of post on a repeated failure) and leaves the need open."""
    session = participant.session
    policies.can_edit_session(by, session).enforce()
    if not participant.attended:
        raise ValidationError(_("Only attendees are assessed."), code="assess_not_attended")
    if method not in AssessmentMethod.values:
        raise ValidationError({"method": ValidationError(_("Choose how it was assessed."), code="assess_method")})
    score = Decimal(str(score))
    if score < 0 or score > 100:
        raise ValidationError({"score": ValidationError(_("The score is between 0 and 100."), code="score_range")})
    participant.score = score
    participant.method = method
    participant.passed = is_pass(score, session.pass_mark)
    participant.failure_action = "" if participant.passed else _failure_action(participant)
    participant.assessed_by = by
    participant.assessed_at = timezone.now()
    participant.save(update_fields=["score", "method", "passed", "failure_action", "assessed_by", "assessed_at"])
    if participant.need_id:
        need = participant.need
        if participant.passed and need.is_open:
            need.status = NeedStatus.FULFILLED
            need.closed_at = timezone.now()
            need.save(update_fields=["status", "closed_at"])
    if session.status == SessionStatus.SCHEDULED:
        session.status = SessionStatus.HELD
        session.save(update_fields=["status"])
    return participant


def session_rate(*, participant: Participant, rating: int, comment: str, by) -> Participant:
    policies.can_rate_session(by, participant).enforce()
    if not 1 <= int(rating) <= 5:
        raise ValidationError({"rating": ValidationError(_("Rate from 1 to 5."), code="rating_range")})
    participant.rating = int(rating)
    participant.rating_comment = comment
    participant.save(update_fields=["rating", "rating_comment"])
    return participant


def application_evaluate(*, participant: Participant, rating: int, note: str, by) -> Participant:
    policies.can_evaluate_application(by, participant).enforce()
    if not 1 <= int(rating) <= 5:
        raise ValidationError({"rating": ValidationError(_("Rate from 1 to 5."), code="rating_range")})
    participant.application_rating = int(rating)
    participant.application_note = note
    participant.application_by = by
    participant.save(update_fields=["application_rating", "application_note", "application_by"])
    return participant


# --- HR development plan ---------------------------------------------------------------------------------------


@transaction.atomic
def devplan_save(*, plan, by):
    """Save a new HR development plan, or the changes to a draft or a returned one (`plan` carries the new values;
    the policy is asked about the stored state)."""
    from .models import DevelopmentPlan

    if plan.pk is None:
        policies.can_manage(by).enforce()
        plan.created_by = by
        plan.status = PlanStatus.DRAFT
    else:
        stored = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
        policies.can_edit_plan(by, stored).enforce()
        plan.status = stored.status
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def devplan_submit(*, plan, by):
    """Send a draft to the general manager, or a returned plan again."""
    from .models import DevelopmentPlan

    plan = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
    policies.can_edit_plan(by, plan).enforce()
    return _send_for_approval(plan, by=by)


def devplan_on_approved(plan, request, by):
    plan.status = PlanStatus.APPROVED
    plan.approved_at = timezone.now()
    plan.save(update_fields=["status", "approved_at"])


# --- certificates ----------------------------------------------------------------------------------------------


def certificate_create(*, by, employee, type, number, issuer, issued_on, expires_on=None, scan=None):
    from .models import Certificate

    policies.can_manage(by).enforce()
    certificate = Certificate(
        employee=employee,
        type=type,
        number=number,
        issuer=issuer,
        issued_on=issued_on,
        expires_on=expires_on,
        created_by=by,
    )
    if scan is not None:
        certificate.scan = scan
        certificate.scan_name = scan.name[:200]
    certificate.full_clean()
    certificate.save()
    return certificate


# --- mentoring -------------------------------------------------------------------------------------------------


def mentoring_create(*, by, employee, mentor, starts_on, ends_on, goals):
    from .models import Mentoring

    policies.can_assign_mentor(by, employee).enforce()
    mentoring = Mentoring(
        employee=employee, mentor=mentor, starts_on=starts_on, ends_on=ends_on, goals=goals, created_by=by
    )
    mentoring.full_clean()
    mentoring.save()
    return mentoring


def mentoring_sign_off(*, mentoring, by, goals_met: bool, note: str):
    policies.can_sign_off_mentoring(by, mentoring).enforce()
    mentoring.goals_met = goals_met
    mentoring.sign_off_note = note
    mentoring.signed_off_at = timezone.now()
    mentoring.save(update_fields=["goals_met", "sign_off_note", "signed_off_at"])
    return mentoring


# --- external training -----------------------------------------------------------------------------------------


@transaction.atomic
def external_submit(*, training, by):
    from .models import ExternalTraining

    training = ExternalTraining.objects.select_for_update().get(pk=training.pk)
    policies.can_submit_external(by, training).enforce()
    return _send_for_approval(training, by=by)


EXTERNAL_EDITABLE_FIELDS = frozenset({"course", "provider", "starts_on", "ends_on", "hours", "cost", "reason"})


@transaction.atomic
def external_save(*, training, by, **fields):
    """The changes to a draft or a returned external training request (the employee stays who it is about); the
    policy is asked about the stored state. Sent (again) by `external_submit`."""
    from .models import ExternalTraining

    unknown = set(fields) - EXTERNAL_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"external training fields cannot be set here: {sorted(unknown)}")
    training = ExternalTraining.objects.select_for_update().get(pk=training.pk)
    policies.can_edit_external(by, training).enforce()
    for name, value in fields.items():
        setattr(training, name, value)
    training.full_clean()
    training.save()
    return training


external_on_approved = _status_hook("approved")
external_on_rejected = _status_hook("rejected")
external_on_returned = _status_hook("returned")
external_on_withdrawn = _status_hook("draft")
external_on_resubmitted = _status_hook("in_approval")


def external_complete(*, training, by, report: str, passed: bool, certificate=None):
    """On return: the report (and the certificate) attached; the record joins the training history."""
    from .models import ExternalStatus

    policies.can_complete_external(by, training).enforce()
    if not (report or "").strip():
        raise ValidationError({"report": ValidationError(_("Write the report."), code="report_missing")})
    training.report = report.strip()
    training.passed = passed
    if certificate is not None:
        training.certificate_file = certificate
        training.certificate_name = certificate.name[:200]
    training.status = ExternalStatus.COMPLETED
    training.completed_at = timezone.now()
    training.save()
    return training


# --- quality awareness and the post competence evaluation ------------------------------------------------------


def awareness_record(*, employee, year: int, understanding: str, passed: bool, by, checked_on=None):
    from .models import AwarenessCheck

    policies.can_rate(by, employee).enforce()
    if not (understanding or "").strip():
        raise ValidationError(
            {"understanding": ValidationError(_("Record how the employee explained it."), code="understanding_missing")}
        )
    check, _created = AwarenessCheck.objects.update_or_create(
        employee=employee,
        year=year,
        defaults={
            "understanding": understanding.strip(),
            "passed": passed,
            "checked_by": by,
            "checked_on": checked_on or timezone.localdate(),
        },
    )
    return check


@transaction.atomic
def review_save(*, department, year: int, conclusion: str, by):
    """Write a department's post competence evaluation of a year and send it for approval: a new one, or the
    changes to a draft or a returned one (sent again). One per department and year."""
    from .models import CompetenceReview

    conclusion = (conclusion or "").strip()
    review = CompetenceReview.objects.select_for_update().filter(department=department, year=year).first()
    if review is None:
        review = CompetenceReview(department=department, year=year, created_by=by)
        policies.can_edit_plan(by, review).enforce()
    else:
        verdict = policies.can_edit_plan(by, review)
        if verdict.code == "plan_not_editable":
            raise ValidationError(
                {
                    "year": ValidationError(
                        _("The evaluation of this year is already %(status)s.")
                        % {"status": review.get_status_display()},
                        code="review_exists",
                    )
                }
            )
        verdict.enforce()
    review.conclusion = conclusion
    review.full_clean()
    review.save()
    return _send_for_approval(review, by=by)


@transaction.atomic
def review_submit(*, review, by):
    from .models import CompetenceReview

    review = CompetenceReview.objects.select_for_update().get(pk=review.pk)
    policies.can_edit_plan(by, review).enforce()
    return _send_for_approval(review, by=by)
