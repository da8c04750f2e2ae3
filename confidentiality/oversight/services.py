"""Writes of oversight. Each service checks its policy, validates the rows (`full_clean`: the model's rules hold
whoever calls), runs in one transaction and tells the people concerned. Notifications about meetings carry the
meeting's number, never its subject, and go only to people who see the meeting.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles
from notifications.services import notify

from . import kinds, policies
from .models import (
    VENUE_CHECKLIST,
    Attendee,
    CorrectiveAction,
    Handout,
    Incident,
    Inspection,
    Medium,
    MediumLoan,
    Meeting,
    RelayRule,
    Responsibility,
    Reward,
    VenueCheck,
)


def _next_number(model, prefix: str, year: int) -> str:
    """PREFIX-YYYY-NNNN, the next in the year (the unique constraint refuses a duplicate of a concurrent call)."""
    start = f"{prefix}-{year}-"
    last = model.objects.filter(number__startswith=start).aggregate(m=Max("number"))["m"]
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{start}{seq:04d}"


def _locked(model, obj):
    return model.objects.select_for_update().get(pk=obj.pk)


# --- meetings


@transaction.atomic
def meeting_schedule(
    *,
    by,
    title: str,
    level: int,
    starts_at: datetime.datetime,
    venue: str,
    department=None,
    relay_rule: str = RelayRule.NONE,
    relay_scope: str = "",
    discipline: str = "",
    attendees: Iterable = (),
) -> Meeting:
    policies.can_schedule_meeting(by).enforce()
    meeting = Meeting(
        title=title,
        level=level,
        organiser=by,
        department=department,
        starts_at=starts_at,
        venue=venue,
        relay_rule=relay_rule,
        relay_scope=relay_scope,
        number=_next_number(Meeting, "BM", timezone.localtime(starts_at).year),
    )
    if discipline:
        meeting.discipline = discipline
    meeting.full_clean()
    meeting.save()
    # The organiser attends (and may receive handouts) like everyone on the list.
    meeting_attendees_add(meeting=meeting, by=by, users=[by, *attendees])
    return meeting


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, by, title: str, starts_at, venue: str, relay_rule: str, relay_scope: str, discipline: str
) -> Meeting:
    meeting = _locked(Meeting, meeting)
    policies.can_manage_meeting(by, meeting).enforce()
    meeting.title, meeting.starts_at, meeting.venue = title, starts_at, venue
    meeting.relay_rule, meeting.relay_scope, meeting.discipline = relay_rule, relay_scope, discipline
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_attendees_add(*, meeting: Meeting, by, users: Iterable) -> list[Attendee]:
    """Put people on the restricted list; anyone not cleared for the meeting's level is refused (nobody is added)."""
    policies.can_manage_meeting(by, meeting).enforce()
    present = set(meeting.attendees.values_list("user_id", flat=True))
    added, errors = [], []
    for user in users:
        if user.pk in present:
            continue
        attendee = Attendee(meeting=meeting, user=user, invited_by=by)
        try:
            attendee.full_clean(validate_unique=False)
        except ValidationError as error:
            errors.extend(error.error_dict.get("user", []))
            continue
        added.append(attendee)
        present.add(user.pk)
    if errors:
        raise ValidationError({"attendees": errors})
    Attendee.objects.bulk_create(added)
    for attendee in added:
        if attendee.user_id != by.pk:
            notify(
                recipient=attendee.user,
                kind=kinds.MEETING_INVITED,
                title=_("You are invited to classified meeting %(number)s on %(day)s")
                % {"number": meeting.number, "day": f"{timezone.localtime(meeting.starts_at):%Y-%m-%d %H:%M}"},
                body=_("Leave phones and recording devices outside; the confidentiality discipline applies."),
                url=meeting.get_absolute_url(),
            )
    return added


@transaction.atomic
def meeting_attendee_remove(*, meeting: Meeting, by, user) -> None:
    policies.can_manage_meeting(by, meeting).enforce()
    if user.pk == meeting.organiser_id:
        raise ValidationError(_("The organiser stays on the list."), code="organiser")
    if meeting.handouts.filter(recipient=user, collected_at__isnull=True).exists():
        raise ValidationError(_("Collect this person's handouts first."), code="handouts_out")
    meeting.attendees.filter(user=user).delete()


@transaction.atomic
def venue_check_record(*, meeting: Meeting, by, stage: str, items: Iterable[str], notes: str = "") -> VenueCheck:
    """Record the venue check; it passes only with every item of the stage's checklist ticked."""
    meeting = _locked(Meeting, meeting)
    policies.can_manage_meeting(by, meeting).enforce()
    required = [code for code, _label in VENUE_CHECKLIST[stage]]
    ticked = [code for code in required if code in set(items)]
    passed = ticked == required
    if not passed and not notes.strip():
        raise ValidationError(
            {"notes": ValidationError(_("Say what was wrong and what was done about it."), code="notes_required")}
        )
    if stage == VenueCheck.Stage.AFTER and meeting.status == Meeting.Status.PLANNED:
        raise ValidationError(_("The after-meeting check follows the meeting."), code="not_held")
    return VenueCheck.objects.create(
        meeting=meeting, stage=stage, items=ticked, passed=passed, notes=notes, checked_by=by
    )


def _check_passed(meeting: Meeting, stage: str) -> bool:
    latest = meeting.venue_checks.filter(stage=stage).order_by("-checked_at", "-pk").first()
    return latest is not None and latest.passed


@transaction.atomic
def meeting_open(*, meeting: Meeting, by) -> Meeting:
    """Open the meeting: the discipline is announced at the start (宣布会议保密纪律); the venue must have passed."""
    meeting = _locked(Meeting, meeting)
    policies.can_manage_meeting(by, meeting).enforce()
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("The meeting is already open."), code="not_planned")
    if not _check_passed(meeting, VenueCheck.Stage.BEFORE):
        raise ValidationError(_("Check the venue before the meeting first."), code="venue_unchecked")
    meeting.discipline_announced_at = timezone.now()
    meeting.discipline_announced_by = by
    meeting.status = Meeting.Status.HELD
    meeting.save(update_fields=["discipline_announced_at", "discipline_announced_by", "status"])
    return meeting


@transaction.atomic
def handouts_issue(*, meeting: Meeting, by, material: str, recipients: Iterable) -> list[Handout]:
    """One numbered copy of `material` per recipient (attendees only), numbered after the meeting's last copy."""
    meeting = _locked(Meeting, meeting)  # serialises numbering
    policies.can_manage_meeting(by, meeting).enforce()
    recipients = list(recipients)
    if not recipients:
        raise ValidationError({"recipients": ValidationError(_("Choose at least one attendee."), code="required")})
    last = meeting.handouts.aggregate(m=Max("number"))["m"] or 0
    now = timezone.now()
    handouts = []
    for offset, recipient in enumerate(recipients, start=1):
        handout = Handout(
            meeting=meeting, number=last + offset, material=material, recipient=recipient, issued_by=by, issued_at=now
        )
        handout.full_clean()
        handouts.append(handout)
    return Handout.objects.bulk_create(handouts)


@transaction.atomic
def handout_collect(*, handout: Handout, by) -> Handout:
    handout = Handout.objects.select_for_update().select_related("meeting").get(pk=handout.pk)
    policies.can_collect_handout(by, handout.meeting).enforce()
    if handout.collected_at is not None:
        raise ValidationError(_("This handout is already back."), code="already_collected")
    handout.collected_at, handout.collected_by = timezone.now(), by
    handout.save(update_fields=["collected_at", "collected_by"])
    return handout


@transaction.atomic
def minutes_record(*, meeting: Meeting, by, minutes: str, minutes_level: int, minutes_keeper) -> Meeting:
    meeting = _locked(Meeting, meeting)
    policies.can_manage_meeting(by, meeting).enforce()
    if minutes_keeper is not None and minutes_keeper.clearance < minutes_level:
        raise ValidationError(
            {"minutes_keeper": ValidationError(_("The keeper is not cleared for the minutes."), code="clearance")}
        )
    meeting.minutes, meeting.minutes_level, meeting.minutes_keeper = minutes, minutes_level, minutes_keeper
    meeting.full_clean()
    meeting.save(update_fields=["minutes", "minutes_level", "minutes_keeper"])
    return meeting


@transaction.atomic
def meeting_close(*, meeting: Meeting, by) -> Meeting:
    """Close after the meeting: venue checked after, every handout back, minutes recorded and classified."""
    meeting = _locked(Meeting, meeting)
    policies.can_manage_meeting(by, meeting).enforce()
    problems = []
    if meeting.status != Meeting.Status.HELD:
        problems.append(ValidationError(_("The meeting has not been held."), code="not_held"))
    if not _check_passed(meeting, VenueCheck.Stage.AFTER):
        problems.append(ValidationError(_("Check the venue after the meeting."), code="venue_after"))
    out = meeting.handouts.filter(collected_at__isnull=True).count()
    if out:
        problems.append(ValidationError(_("%(n)s handout(s) not collected back.") % {"n": out}, code="handouts_out"))
    if not meeting.minutes.strip() or meeting.minutes_level is None:
        problems.append(ValidationError(_("Record the minutes and their level."), code="minutes"))
    if problems:
        raise ValidationError(problems)
    meeting.status = Meeting.Status.CLOSED
    meeting.save(update_fields=["status"])
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by) -> Meeting:
    meeting = _locked(Meeting, meeting)
    policies.can_manage_meeting(by, meeting).enforce()
    if meeting.status != Meeting.Status.PLANNED or meeting.handouts.exists():
        raise ValidationError(_("Only a planned meeting without handouts can be cancelled."), code="not_cancellable")
    meeting.status = Meeting.Status.CANCELLED
    meeting.save(update_fields=["status"])
    return meeting


# --- incidents


def _incident_officers() -> list:
    users = get_user_model().objects.filter(is_active=True, groups__name=roles.CONFIDENTIALITY_OFFICER).distinct()
    return list(users.order_by("pk"))


@transaction.atomic
def incident_report(*, by, found_on: datetime.date, what: str, how: str = "") -> Incident:
    """Anyone reports a suspected leak (制度5 三.2); the confidentiality officers are told (number only)."""
    policies.can_report_incident(by).enforce()
    now = timezone.now()
    if found_on > timezone.localdate():
        raise ValidationError({"found_on": ValidationError(_("The date is in the future."), code="future")})
    incident = Incident(
        reported_by=by,
        reported_at=now,
        found_on=found_on,
        what=what,
        how=how,
        number=_next_number(Incident, "XM", timezone.localtime(now).year),
    )
    incident.full_clean()
    incident.save()
    for officer in _incident_officers():
        if officer.pk != by.pk:
            notify(
                recipient=officer,
                kind=kinds.INCIDENT_REPORTED,
                title=_("Suspected leak reported: %(number)s") % {"number": incident.number},
                body=_("Take remedial action at once and open the investigation."),
                url=incident.get_absolute_url(),
            )
    return incident


@transaction.atomic
def incident_investigate(
    *, incident: Incident, by, level, investigation: str, remedial_actions: str, loss: Decimal | None
) -> Incident:
    incident = _locked(Incident, incident)
    policies.can_handle_incident(by, incident).enforce()
    incident.level, incident.investigation, incident.remedial_actions, incident.loss = (
        level,
        investigation,
        remedial_actions,
        loss,
    )
    if incident.status == Incident.Status.REPORTED:
        incident.status = Incident.Status.INVESTIGATING
    incident.full_clean()
    incident.save()
    return incident


@transaction.atomic
def responsibility_record(*, incident: Incident, by, person, **decision) -> Responsibility:
    """A responsible person and the decision for them, within the regulations' ranges. Recorded, never deducted."""
    incident = _locked(Incident, incident)
    policies.can_handle_incident(by, incident).enforce()
    if incident.status == Incident.Status.DECIDED:
        raise ValidationError(_("The decision is taken; close the incident or record a new one."), code="decided")
    row = Responsibility(incident=incident, person=person, recorded_by=by, **decision)
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def incident_decide(*, incident: Incident, by, decision_summary: str) -> Incident:
    incident = _locked(Incident, incident)
    policies.can_handle_incident(by, incident).enforce()
    if incident.status != Incident.Status.INVESTIGATING:
        raise ValidationError(_("Record the investigation first."), code="not_investigating")
    if not incident.remedial_actions.strip():
        raise ValidationError(_("Record the remedial actions first."), code="no_remedial_actions")
    if not decision_summary.strip():
        raise ValidationError({"decision_summary": ValidationError(_("Write the decision."), code="required")})
    incident.decision_summary = decision_summary
    incident.decided_by, incident.decided_at = by, timezone.now()
    incident.status = Incident.Status.DECIDED
    incident.save(update_fields=["decision_summary", "decided_by", "decided_at", "status"])
    if incident.reported_by_id != by.pk:
        notify(
            recipient=incident.reported_by,
            kind=kinds.INCIDENT_DECIDED,
            title=_("Your report %(number)s has been dealt with") % {"number": incident.number},
            url=incident.get_absolute_url(),
        )
    return incident


@transaction.atomic
def reward_record(*, incident: Incident, by, person, amount, reason: str, decided_on: datetime.date) -> Reward:
    incident = _locked(Incident, incident)
    policies.can_handle_incident(by, incident).enforce()
    reward = Reward(
        incident=incident, person=person, amount=amount, reason=reason, decided_on=decided_on, recorded_by=by
    )
    reward.full_clean()
    reward.save()
    return reward


@transaction.atomic
def incident_close(*, incident: Incident, by) -> Incident:
    incident = _locked(Incident, incident)
    policies.can_handle_incident(by, incident).enforce()
    if incident.status != Incident.Status.DECIDED:
        raise ValidationError(_("Decide the incident before closing it."), code="not_decided")
    incident.status, incident.closed_at = Incident.Status.CLOSED, timezone.now()
    incident.save(update_fields=["status", "closed_at"])
    return incident


# --- inspections


@transaction.atomic
def inspection_plan(
    *, by, kind: str, holiday: str, planned_on: datetime.date, departments: Iterable, inspectors: Iterable
) -> Inspection:
    policies.can_plan_inspection(by).enforce()
    departments, inspectors = list(departments), list(inspectors)
    if not departments:
        raise ValidationError({"departments": ValidationError(_("Choose the departments."), code="required")})
    inspection = Inspection(kind=kind, holiday=holiday, planned_on=planned_on, created_by=by)
    inspection.full_clean()
    inspection.save()
    inspection.departments.set(departments)
    inspection.inspectors.set(inspectors or [by])
    return inspection


@transaction.atomic
def inspection_record(*, inspection: Inspection, by, done_on: datetime.date, findings: str) -> Inspection:
    inspection = _locked(Inspection, inspection)
    policies.can_record_inspection(by, inspection).enforce()
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": ValidationError(_("The date is in the future."), code="future")})
    inspection.done_on, inspection.findings = done_on, findings
    if inspection.status == Inspection.Status.PLANNED:
        inspection.status = Inspection.Status.DONE
    inspection.save(update_fields=["done_on", "findings", "status"])
    _close_if_settled(inspection)
    return inspection


@transaction.atomic
def action_add(
    *, inspection: Inspection, by, department, finding: str, action: str, owner, due_on: datetime.date
) -> CorrectiveAction:
    inspection = _locked(Inspection, inspection)
    policies.can_record_inspection(by, inspection).enforce()
    if inspection.status != Inspection.Status.DONE:
        raise ValidationError(_("Record the inspection first."), code="not_inspected")
    if department is not None and not inspection.departments.filter(pk=department.pk).exists():
        raise ValidationError({"department": ValidationError(_("Not an inspected department."), code="department")})
    row = CorrectiveAction(
        inspection=inspection, department=department, finding=finding, action=action, owner=owner, due_on=due_on
    )
    row.full_clean()
    row.save()
    if owner.pk != by.pk:
        notify(
            recipient=owner,
            kind=kinds.ACTION_ASSIGNED,
            title=_("Corrective action from the confidentiality inspection, due %(day)s")
            % {"day": f"{due_on:%Y-%m-%d}"},
            body=action,
            url=inspection.get_absolute_url(),
        )
    return row


@transaction.atomic
def action_close(*, action: CorrectiveAction, by, closure_note: str) -> CorrectiveAction:
    action = CorrectiveAction.objects.select_for_update().get(pk=action.pk)
    policies.can_close_action(by, action).enforce()
    if not closure_note.strip():
        raise ValidationError({"closure_note": ValidationError(_("Say how it was corrected."), code="required")})
    action.closed_on, action.closed_by, action.closure_note = timezone.localdate(), by, closure_note
    action.save(update_fields=["closed_on", "closed_by", "closure_note"])
    _close_if_settled(Inspection.objects.select_for_update().get(pk=action.inspection_id))
    return action


def _close_if_settled(inspection: Inspection) -> None:
    """An inspection is closed once it was carried out and every corrective action is closed."""
    if inspection.status == Inspection.Status.DONE and not inspection.actions.filter(closed_on__isnull=True).exists():
        if inspection.actions.exists() or not inspection.findings.strip():
            inspection.status = Inspection.Status.CLOSED
            inspection.save(update_fields=["status"])


# --- media


@transaction.atomic
def medium_register(*, by, serial: str, kind: str, description: str, level: int, department, custodian) -> Medium:
    policies.can_register_medium(by).enforce()
    medium = Medium(
        serial=serial.strip(),
        kind=kind,
        description=description,
        level=level,
        department=department,
        custodian=custodian,
    )
    medium.full_clean()
    medium.save()
    return medium


@transaction.atomic
def medium_issue(*, medium: Medium, by, holder, purpose: str, due_back: datetime.date) -> MediumLoan:
    medium = _locked(Medium, medium)  # two issues of one medium at once → one
    policies.can_issue_medium(by, medium).enforce()
    if due_back < timezone.localdate():
        raise ValidationError({"due_back": ValidationError(_("The date is in the past."), code="past")})
    loan = MediumLoan(
        medium=medium, holder=holder, purpose=purpose, issued_by=by, issued_at=timezone.now(), due_back=due_back
    )
    loan.full_clean()
    loan.save()
    medium.status = Medium.Status.ISSUED
    medium.save(update_fields=["status"])
    return loan


@transaction.atomic
def medium_return(*, medium: Medium, by) -> MediumLoan:
    medium = _locked(Medium, medium)
    policies.can_return_medium(by, medium).enforce()
    loan = medium.loans.select_for_update().get(returned_at__isnull=True)
    loan.returned_at, loan.returned_to = timezone.now(), by
    loan.save(update_fields=["returned_at", "returned_to"])
    medium.status = Medium.Status.IN_STORE
    medium.save(update_fields=["status"])
    return loan


@transaction.atomic
def medium_report_lost(*, medium: Medium, by, details: str) -> Incident:
    """A lost medium is a suspected leak: it opens an incident linked to the medium."""
    medium = _locked(Medium, medium)
    policies.can_report_medium_lost(by, medium).enforce()
    incident = incident_report(
        by=by,
        found_on=timezone.localdate(),
        what=_("Removable medium %(serial)s (%(level)s) lost.")
        % {"serial": medium.serial, "level": medium.get_level_display()},
        how=details,
    )
    medium.status, medium.incident = Medium.Status.LOST, incident
    medium.save(update_fields=["status", "incident"])
    return incident
