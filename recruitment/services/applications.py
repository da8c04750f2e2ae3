"""Applications and their stages. Stages that do not apply to the post are skipped automatically (and
recorded as such); skipping an applicable stage by hand needs a recorded reason."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import MANUAL_STAGES, STAGE_ORDER, Application, Candidate, Event, Offer, Requisition, Stage
from ..selectors import applicable_stages
from ._common import record_event
from .requisitions import requisition_start_recruiting


def _lock(application: Application) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("requisition__position", "candidate")
        .get(pk=application.pk)
    )


@transaction.atomic
def application_create(
    *, by, candidate: Candidate, requisition: Requisition, applied_on: datetime.date | None = None, comment: str = ""
) -> Application:
    """Link a candidate to an approved requisition; the requisition starts recruiting."""
    requisition = Requisition.objects.select_for_update().select_related("position").get(pk=requisition.pk)
    if not requisition.accepts_applications:
        raise ValidationError({"requisition": _("This requisition is not open for applications.")})
    if candidate.is_anonymised:
        raise ValidationError({"candidate": _("This candidate's data has been anonymised.")})
    if Application.objects.filter(candidate=candidate, requisition=requisition).exists():
        raise ValidationError(
            {"candidate": _("%(name)s has already applied for this requisition.") % {"name": candidate.name}}
        )
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
    """Move a locked application, recording every skipped stage and the move itself. Callers check the rules."""
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


def check_move(application: Application, to_stage: str, *, skip_reason: str = "") -> None:
    """Raise unless the move is allowed: only to a stage that applies, skipping applicable stages only with a reason."""
    if application.is_closed:
        raise ValidationError(_("This application is closed."))
    applicable = applicable_stages(application.requisition.position)
    if to_stage not in applicable and to_stage not in (Stage.REJECTED, Stage.WITHDRAWN):
        raise ValidationError(
            _("The stage “%(stage)s” does not apply to this post.") % {"stage": Stage(to_stage).label}
        )
    if to_stage == application.stage:
        raise ValidationError(_("The application is already at this stage."))
    skipped, _not_applicable = skipped_between(application, to_stage)
    if skipped and not (skip_reason or "").strip():
        raise ValidationError(
            {
                "reason": _("Moving there skips %(stages)s; give the reason for skipping.")
                % {"stages": ", ".join(str(Stage(s).label) for s in skipped)}
            }
        )


@transaction.atomic
def application_move(*, application: Application, to_stage: str, by, reason: str = "") -> Application:
    """Move an application on the board: to an earlier or later screening/interview stage, or close it.

    Hire approval, offer and hired follow from the offer's approval and acceptance, not from the board.
    """
    application = _lock(application)
    if to_stage not in MANUAL_STAGES and to_stage not in (Stage.REJECTED, Stage.WITHDRAWN):
        raise ValidationError(_("Hire approval, offer and hire follow from the offer; they are not set by hand."))
    if application.stage in (Stage.HIRE_APPROVAL, Stage.OFFER):
        offer = Offer.objects.filter(application=application).first()
        if to_stage not in (Stage.REJECTED, Stage.WITHDRAWN):
            raise ValidationError(_("The application is in hire approval or has an offer; it can only be closed."))
        if offer is not None and offer.status in (Offer.Status.IN_APPROVAL, Offer.Status.RETURNED):
            raise ValidationError(_("The hire approval is still open; withdraw it first."))
        if offer is not None and offer.status in (Offer.Status.DRAFT, Offer.Status.APPROVED):
            offer.status = Offer.Status.WITHDRAWN
            offer.save(update_fields=["status"])
    check_move(application, to_stage, skip_reason=reason)
    if to_stage in (Stage.REJECTED, Stage.WITHDRAWN) and not (reason or "").strip():
        raise ValidationError({"reason": _("Please give the reason for closing the application.")})
    return set_stage(application=application, to_stage=to_stage, by=by, comment=reason, skip_reason=reason)


def next_stage(application: Application) -> str | None:
    """The next applicable stage the board can move to, or None after the last interview round."""
    applicable = applicable_stages(application.requisition.position)
    if application.stage not in applicable:
        return None
    index = applicable.index(application.stage)
    following = applicable[index + 1] if index + 1 < len(applicable) else None
    return following if following in MANUAL_STAGES else None


@transaction.atomic
def application_advance(*, application: Application, by, comment: str = "") -> Application:
    """Move to the next stage that applies (stages that do not apply are skipped and recorded)."""
    application = _lock(application)
    if application.is_closed:
        raise ValidationError(_("This application is closed."))
    target = next_stage(application)
    if target is None:
        raise ValidationError(_("After the last round, the next step is the hire approval (offer)."))
    return set_stage(application=application, to_stage=target, by=by, comment=comment)
