"""Applications and their stages. Stages that do not apply to the post are skipped automatically (and
recorded as such); skipping an applicable stage by hand needs a recorded reason."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import policies
from ..models import MANUAL_STAGES, STAGE_ORDER, Application, Candidate, Event, Offer, Requisition, Stage
from ..selectors import applicable_stages, following_stage
from ._common import record_event
from .requisitions import requisition_start_recruiting


def _lock(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("requisition__position", "candidate")
        .get(pk=application.pk)
    )


@transaction.atomic
def application_create(
    *, by, candidate: Candidate, requisition: Requisition, applied_on: datetime.date | None = None, comment: str = ""
) -> Application:
    """Link a candidate to an approved requisition; the requisition starts recruiting."""
    requisition = Requisition.objects.select_for_update(of=("self",)).select_related("position").get(pk=requisition.pk)
    policies.can_add_application(by, requisition).enforce()
    if candidate.is_anonymised:
        raise ValidationError(
            {"candidate": ValidationError(_("This candidate's data has been anonymised."), code="candidate_anonymised")}
        )
    if Application.objects.filter(candidate=candidate, requisition=requisition).exists():
        message = _("%(name)s has already applied for this requisition.") % {"name": candidate.name}
        raise ValidationError({"candidate": ValidationError(message, code="already_applied")})
    now = timezone.now()
    application = Application(
        candidate=candidate,
        requisition=requisition,
        applied_on=applied_on or timezone.localdate(),
        stage=Stage.APPLIED,
        stage_changed_at=now,
        created_by=by,
    )
    application.full_clean()
    application.save()
    record_event(
        action=Event.Action.CREATED, by=by, application=application, to_state=Stage.APPLIED, comment=comment, at=now
    )
    requisition_start_recruiting(requisition=requisition, by=by)
    return application


def skipped_between(application: Application, to_stage: str) -> tuple[list[str], list[str]]:
    """(applicable stages that a move would skip, inapplicable stages passed on the way)."""
    if application.stage not in STAGE_ORDER or to_stage not in STAGE_ORDER:
        return [], []
    start, end = STAGE_ORDER.index(application.stage), STAGE_ORDER.index(to_stage)
    between = STAGE_ORDER[start + 1 : end]
    applicable = applicable_stages(application.requisition.position)
    return [s for s in between if s in applicable], [s for s in between if s not in applicable]


def set_stage(*, application: Application, to_stage: str, by, comment: str = "", skip_reason: str = "") -> Application:
    """Move a locked application, recording every skipped stage and the move itself. Callers check the rules;
    this one holds on every path: "hired" only follows an accepted offer."""
    if (
        to_stage == Stage.HIRED
        and not Offer.objects.filter(application=application, status=Offer.Status.ACCEPTED).exists()
    ):
        raise ValidationError(_("Only an accepted offer makes the candidate hired."), code="stage_follows_offer")
    now = timezone.now()
    skipped, not_applicable = skipped_between(application, to_stage)
    for stage in not_applicable:
        record_event(
            action=Event.Action.AUTO_SKIPPED,
            by=by,
            application=application,
            to_state=stage,
            at=now,
        )
    for stage in skipped:
        record_event(
            action=Event.Action.SKIPPED, by=by, application=application, to_state=stage, at=now, comment=skip_reason
        )
    previous = application.stage
    application.stage = to_stage
    application.stage_changed_at = now
    if to_stage in (Stage.REJECTED, Stage.WITHDRAWN):
        application.closed_reason = (comment or "").strip()[:300]
    application.save(update_fields=["stage", "stage_changed_at", "closed_reason"])
    record_event(
        action=Event.Action.MOVED,
        by=by,
        application=application,
        from_state=previous,
        to_state=to_stage,
        comment=comment,
        at=now,
    )
    return application


def is_backward(application: Application, to_stage: str) -> bool:
    return (
        application.stage in STAGE_ORDER
        and to_stage in STAGE_ORDER
        and STAGE_ORDER.index(to_stage) < STAGE_ORDER.index(application.stage)
    )


def check_move(application: Application, to_stage: str, *, skip_reason: str = "") -> None:
    """Raise unless the move is allowed: only to a stage that applies; skipping applicable stages or going back
    only with a reason; a special post's tests never skipped."""
    if application.is_closed:
        raise ValidationError(_("This application is closed."), code="application_closed")
    applicable = applicable_stages(application.requisition.position)
    if to_stage not in applicable and to_stage not in (Stage.REJECTED, Stage.WITHDRAWN):
        raise ValidationError(
            _("The stage “%(stage)s” does not apply to this post.") % {"stage": Stage(to_stage).label},
            code="stage_not_applicable",
        )
    if to_stage == application.stage:
        raise ValidationError(_("The application is already at this stage."), code="already_at_stage")
    has_reason = bool((skip_reason or "").strip())
    skipped, _not_applicable = skipped_between(application, to_stage)
    if Stage.TESTS in skipped:
        raise ValidationError(
            _("A special post's practical and theory tests cannot be skipped."), code="special_post_tests_required"
        )
    if skipped and not has_reason:
        message = _("Moving there skips %(stages)s; give the reason for skipping.") % {
            "stages": ", ".join(str(Stage(s).label) for s in skipped)
        }
        raise ValidationError({"reason": ValidationError(message, code="skip_reason_required")})
    if is_backward(application, to_stage) and not has_reason:
        message = _("Moving back to an earlier stage needs a reason.")
        raise ValidationError({"reason": ValidationError(message, code="backward_move_reason_required")})


@transaction.atomic
def application_move(*, application: Application, to_stage: str, by, reason: str = "") -> Application:
    """Move an application on the board: to an earlier or later screening/interview stage, or close it.

    Hire approval, offer and hired follow from the offer's approval and acceptance, not from the board.
    """
    application = _lock(application)
    closing = to_stage in (Stage.REJECTED, Stage.WITHDRAWN)
    if not closing and to_stage not in MANUAL_STAGES:
        raise ValidationError(
            _("Hire approval, offer and hire follow from the offer; they are not set by hand."),
            code="stage_follows_offer",
        )
    policies.can_move_application_to(by, application, to_stage).enforce()
    if closing and not (reason or "").strip():
        message = _("Please give the reason for closing the application.")
        raise ValidationError({"reason": ValidationError(message, code="close_reason_required")})
    check_move(application, to_stage, skip_reason=reason)
    if closing:
        offer = Offer.objects.filter(application=application).first()
        if offer is not None and offer.status in (Offer.Status.IN_APPROVAL, Offer.Status.RETURNED):
            raise ValidationError(_("The hire approval is still open; withdraw it first."), code="hire_approval_open")
        if offer is not None and offer.status in (Offer.Status.DRAFT, Offer.Status.APPROVED):
            offer.status = Offer.Status.WITHDRAWN
            offer.save(update_fields=["status"])
    return set_stage(application=application, to_stage=to_stage, by=by, comment=reason, skip_reason=reason)


def next_stage(application: Application) -> str | None:
    """The next applicable stage the board can move to, or None after the last interview round."""
    return following_stage(application.stage, applicable_stages(application.requisition.position))


@transaction.atomic
def application_advance(*, application: Application, by, comment: str = "") -> Application:
    """Move to the next stage that applies (stages that do not apply are skipped and recorded)."""
    application = _lock(application)
    policies.can_move_application(by, application).enforce()
    target = next_stage(application)
    if target is None:
        raise ValidationError(
            _("After the last round, the next step is the hire approval (offer)."), code="no_next_stage"
        )
    return set_stage(application=application, to_stage=target, by=by, comment=comment)
