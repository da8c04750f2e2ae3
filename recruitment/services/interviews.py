"""Interviews (scheduling, invitations with a calendar file) and their evaluations (面试评价表)."""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles
from notifications.services import email_outsider, notify

from .. import kinds, policies
from ..models import (
    CERTIFICATE_CHECKS,
    ROUND_SCORES,
    STAGE_ORDER,
    Evaluation,
    Event,
    Interview,
    Stage,
)
from ..selectors import applicable_rounds
from ._common import record_event
from .applications import _lock as _lock_application
from .applications import check_move, set_stage

logger = logging.getLogger(__name__)
ICS_MIMETYPE = "text/calendar; method=REQUEST; charset=utf-8"

# What each round must fill in besides the recommendation (scores are the ROUND_SCORES of the round).
ROUND_REQUIRED_EXTRA = {
    Stage.FIRST_INTERVIEW: CERTIFICATE_CHECKS,
    Stage.SECOND_INTERVIEW: (),
    Stage.GM_INTERVIEW: ("gm_opinion",),
    Stage.TESTS: ("practical_score", "practical_pass_mark", "theory_score", "theory_pass_mark"),
}
EVALUATION_FIELDS = frozenset(
    {name for names in ROUND_SCORES.values() for name in names}
    | {name for names in ROUND_REQUIRED_EXTRA.values() for name in names}
    | {"comments", "recommendation"}
)


@transaction.atomic
def interview_schedule(
    *,
    application,
    by,
    round: str,
    scheduled_at: datetime.datetime,
    interviewers,
    duration_minutes: int = 60,
    place: str = "",
    remote_link: str = "",
    notes: str = "",
    skip_reason: str = "",
) -> Interview:
    """Schedule a round; the application moves to that round's stage. Interviewers get a notification and,
    like the candidate, an e-mail with a calendar (.ics) invitation."""
    application = _lock_application(application)
    policies.can_schedule_interview(by, application).enforce()
    if round not in applicable_rounds(application.requisition.position):
        message = _("This round does not apply to the post.")
        raise ValidationError({"round": ValidationError(message, code="round_not_applicable")})
    interviewers = list(interviewers)
    if not interviewers:
        message = _("Choose at least one interviewer.")
        raise ValidationError({"interviewers": ValidationError(message, code="interviewers_required")})
    if round == Stage.GM_INTERVIEW and any(roles.GM not in user.role_names for user in interviewers):
        message = _("The GM interview of a manager-level post is held by the general manager.")
        raise ValidationError({"interviewers": ValidationError(message, code="gm_round_needs_gm")})
    interview = Interview(
        application=application,
        round=round,
        scheduled_at=scheduled_at,
        duration_minutes=duration_minutes,
        place=(place or "").strip(),
        remote_link=(remote_link or "").strip(),
        notes=notes,
        created_by=by,
    )
    interview.full_clean()
    _check_round_order(interview)
    if STAGE_ORDER.index(application.stage) < STAGE_ORDER.index(round):
        check_move(application, round, skip_reason=skip_reason)
        set_stage(application=application, to_stage=round, by=by, skip_reason=skip_reason)
    interview.save()
    interview.interviewers.set(interviewers)
    record_event(
        action=Event.Action.INTERVIEW_SCHEDULED,
        by=by,
        application=application,
        to_state=round,
        comment=f"{timezone.localtime(scheduled_at):%Y-%m-%d %H:%M} {interview.place or interview.remote_link}",
    )
    _invite(interview, interviewers, cancelled=False)
    return interview


def _end(interview: Interview) -> datetime.datetime:
    return interview.scheduled_at + datetime.timedelta(minutes=interview.duration_minutes)


def _check_round_order(interview: Interview) -> None:
    """Rounds follow each other in time: a later round starts after every earlier round has ended, and an
    earlier round ends before any later round starts (cancelled interviews do not count)."""
    position = STAGE_ORDER.index(interview.round)
    others = Interview.objects.filter(application_id=interview.application_id).exclude(
        status=Interview.Status.CANCELLED
    )
    for other in others.exclude(round=interview.round).order_by("scheduled_at"):
        when = f"{timezone.localtime(other.scheduled_at):%Y-%m-%d %H:%M}"
        if STAGE_ORDER.index(other.round) < position and interview.scheduled_at < _end(other):
            message = _("This round cannot take place before the %(round)s of %(when)s has ended.") % {
                "round": other.get_round_display(),
                "when": when,
            }
            raise ValidationError({"scheduled_at": ValidationError(message, code="round_before_earlier_round")})
        if STAGE_ORDER.index(other.round) > position and _end(interview) > other.scheduled_at:
            message = _("This round must end before the %(round)s of %(when)s.") % {
                "round": other.get_round_display(),
                "when": when,
            }
            raise ValidationError({"scheduled_at": ValidationError(message, code="round_after_later_round")})


@transaction.atomic
def interview_cancel(*, interview: Interview, by, reason: str) -> Interview:
    reason = (reason or "").strip()
    if not reason:
        message = _("Please give the reason for cancelling.")
        raise ValidationError({"reason": ValidationError(message, code="reason_required")})
    interview = (
        Interview.objects.select_for_update(of=("self",)).select_related("application__candidate").get(pk=interview.pk)
    )
    policies.can_cancel_interview(by, interview).enforce()
    interview.status = Interview.Status.CANCELLED
    interview.save(update_fields=["status"])
    record_event(
        action=Event.Action.INTERVIEW_CANCELLED,
        by=by,
        application=interview.application,
        to_state=interview.round,
        comment=reason,
    )
    _invite(interview, list(interview.interviewers.all()), cancelled=True)
    return interview


def _ics_text(value: str) -> str:
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _ics_fold(line: str) -> str:
    """RFC 5545 folds lines longer than 75 octets (continuation lines start with a space)."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def interview_ics(interview: Interview, *, cancelled: bool = False) -> str:
    """The interview as an iCalendar invitation (or its cancellation)."""

    def utc(moment: datetime.datetime) -> str:
        return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")

    candidate = interview.application.candidate
    summary = _("Interview: %(name)s (%(round)s)") % {"name": candidate.name, "round": interview.get_round_display()}
    end = interview.scheduled_at + datetime.timedelta(minutes=interview.duration_minutes)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//HRMS//Recruitment//EN",
        f"METHOD:{'CANCEL' if cancelled else 'REQUEST'}",
        "BEGIN:VEVENT",
        f"UID:interview-{interview.pk}@hrms",
        f"SEQUENCE:{1 if cancelled else 0}",
        f"DTSTAMP:{utc(timezone.now())}",
        f"DTSTART:{utc(interview.scheduled_at)}",
        f"DTEND:{utc(end)}",
        f"SUMMARY:{_ics_text(summary)}",
        f"LOCATION:{_ics_text(interview.place or interview.remote_link)}",
        f"DESCRIPTION:{_ics_text(interview.notes or summary)}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
    ]
    if interview.remote_link:
        lines.append(f"URL:{interview.remote_link}")
    if not cancelled:
        # The calendar itself reminds the day before, also for the candidate, who has no login here.
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{_ics_text(summary)}", "TRIGGER:-P1D", "END:VALARM"]
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(_ics_fold(line) for line in lines) + "\r\n"


def _invite(interview: Interview, interviewers: list, *, cancelled: bool) -> None:
    """Inbox notification for each interviewer; e-mails with the .ics to interviewers (unless opted out) and
    the candidate, sent after commit."""
    candidate = interview.application.candidate
    when = timezone.localtime(interview.scheduled_at)
    where = interview.place or interview.remote_link
    if cancelled:
        title = _("Interview cancelled: %(name)s, %(when)s") % {
            "name": candidate.name,
            "when": f"{when:%Y-%m-%d %H:%M}",
        }
    else:
        title = _("Interview: %(name)s, %(when)s") % {"name": candidate.name, "when": f"{when:%Y-%m-%d %H:%M}"}
    body = _("%(round)s for %(position)s at %(where)s.") % {
        "round": interview.get_round_display(),
        "position": interview.application.requisition.position.title,
        "where": where,
    }
    url = interview.get_absolute_url()
    ics = ("interview.ics", interview_ics(interview, cancelled=cancelled), ICS_MIMETYPE)
    for user in interviewers:
        notify(recipient=user, kind=kinds.INTERVIEW_SCHEDULED, title=title, body=body, url=url, attachments=[ics])
    if candidate.email and not candidate.is_anonymised:
        if cancelled:
            text = _("Dear %(name)s, we are sorry: the interview on %(when)s is cancelled. We will contact you.")
        else:
            text = _("Dear %(name)s, you are invited to an interview on %(when)s at %(where)s.")
        text = text % {"name": candidate.name, "when": f"{when:%Y-%m-%d %H:%M}", "where": where}
        email_outsider(to=candidate.email, subject=title, body=text, attachments=[ics])


@transaction.atomic
def evaluation_submit(*, interview: Interview, evaluator, **fields) -> Evaluation:
    """An interviewer's evaluation of the round: the round's criteria scored 1–5, its checks, a recommendation.
    When every interviewer has evaluated, the interview is completed."""
    unknown = set(fields) - EVALUATION_FIELDS
    if unknown:
        raise TypeError(f"evaluation fields cannot be set here: {sorted(unknown)}")
    interview = Interview.objects.select_for_update(of=("self",)).select_related("application").get(pk=interview.pk)
    policies.can_evaluate_interview(evaluator, interview).enforce()
    if not policies.interview_has_taken_place(interview):
        when = f"{timezone.localtime(interview.scheduled_at):%Y-%m-%d %H:%M}"
        raise ValidationError(
            _("The interview takes place on %(when)s; evaluate it after it has taken place.") % {"when": when},
            code="evaluation_before_interview",
        )
    required = ROUND_SCORES[interview.round] + ROUND_REQUIRED_EXTRA[interview.round] + ("recommendation",)
    errors = {}
    for name in required:
        value = fields.get(name)
        if value is None or value == "":
            errors[name] = ValidationError(_("This round needs this field."), code="required")
    if errors:
        raise ValidationError(errors)
    kept = {name: value for name, value in fields.items() if name in required or name == "comments"}
    evaluation = Evaluation(interview=interview, evaluator=evaluator, submitted_at=timezone.now(), **kept)
    evaluation.full_clean()
    evaluation.save()
    record_event(
        action=Event.Action.EVALUATED,
        by=evaluator,
        application=interview.application,
        to_state=interview.round,
    )
    if interview.interviewers.exclude(pk__in=interview.evaluations.values("evaluator")).count() == 0:
        interview.status = Interview.Status.COMPLETED
        interview.save(update_fields=["status"])
    return evaluation
