"""Pages of oversight. Every object is fetched through its scoped selector (outside it → 404, so a classified meeting
beyond the user's reach does not exist for them); each action asks its policy (403) and calls one service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import apply_errors
from core.pickers import picker_view

from . import policies, services
from .forms import (
    CLEARED_USERS,
    ActionCloseForm,
    ActionForm,
    AttendeesForm,
    DecisionForm,
    HandoutIssueForm,
    IncidentReportForm,
    InspectionForm,
    InspectionRecordForm,
    InvestigationForm,
    MediumForm,
    MediumIssueForm,
    MediumLostForm,
    MeetingEditForm,
    MeetingForm,
    MinutesForm,
    ResponsibilityForm,
    RewardForm,
    VenueCheckForm,
)
from .models import (
    VENUE_CHECKLIST,
    CorrectiveAction,
    Handout,
    Incident,
    Inspection,
    Medium,
    MediumLoan,
    Meeting,
    VenueCheck,
)
from .selectors import (
    incidents_visible_to,
    inspections_visible_to,
    media_visible_to,
    meetings_visible_to,
)

PAGE_SIZE = 25

pick_users = picker_view(CLEARED_USERS)


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def _form_page(request, form, *, title: str, back, intro: str = "", warning: str = ""):
    return render(
        request,
        "confidentiality_oversight/form.html",
        {"form": form, "title": title, "back": back, "intro": intro, "warning": warning},
    )


def _run(request, form, call, success: str):
    """Call the service with the valid form; its ValidationError lands on the form. Returns the result or None."""
    try:
        result = call()
    except ValidationError as error:
        apply_errors(form, error)
        return None
    messages.success(request, success)
    return result


def _post_action(request, call, success: str):
    """A button's POST: the service, a message (its refusal in plain words), back to the page."""
    try:
        call()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)


# --- meetings


def _meeting(request, pk) -> Meeting:
    return get_object_or_404(
        meetings_visible_to(request.user).select_related(
            "organiser", "department", "minutes_keeper", "discipline_announced_by"
        ),
        pk=pk,
    )


def meeting_list(request):
    user = request.user
    uncollected = Handout.objects.filter(meeting=OuterRef("pk"), collected_at__isnull=True)
    qs = (
        meetings_visible_to(user)
        .select_related("organiser")
        .annotate(
            handouts_out=Count("handouts", filter=Q(handouts__collected_at__isnull=True)),
        )
    )
    params = request.GET
    if params.get("status") in Meeting.Status.values:
        qs = qs.filter(status=params["status"])
    if params.get("level", "").isdigit():
        qs = qs.filter(level=int(params["level"]))
    if params.get("uncollected"):
        qs = qs.filter(Exists(uncollected), starts_at__lt=timezone.now()).exclude(status=Meeting.Status.CANCELLED)
    if q := params.get("q", "").strip():
        qs = qs.filter(Q(title__icontains=q) | Q(number__icontains=q) | Q(venue__icontains=q))
    return render(
        request,
        "confidentiality_oversight/meeting_list.html",
        {
            "page_obj": _page(request, qs.order_by("-starts_at", "-pk")),
            "statuses": Meeting.Status.choices,
            "levels": Meeting._meta.get_field("level").choices,
            "can_schedule": policies.can_schedule_meeting(user),
            "now": timezone.now(),
        },
    )


def meeting_create(request):
    policies.can_schedule_meeting(request.user).enforce()
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = _run(
            request,
            form,
            lambda: services.meeting_schedule(by=request.user, **form.cleaned_data),
            _("Meeting scheduled."),
        )
        if meeting is not None:
            return redirect(meeting)
    return _form_page(
        request, form, title=_("Schedule a classified meeting"), back="confidentiality_oversight:meeting_list"
    )


def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    user = request.user
    handouts = list(meeting.handouts.select_related("recipient", "issued_by", "collected_by").order_by("number"))
    checks = list(meeting.venue_checks.select_related("checked_by").order_by("checked_at", "pk"))
    labels = {stage: dict(items) for stage, items in VENUE_CHECKLIST.items()}
    for check in checks:
        check.labels = [labels[check.stage].get(code, code) for code in check.items]
        check.missing = [label for code, label in VENUE_CHECKLIST[check.stage] if code not in check.items]
    held = meeting.starts_at < timezone.now()
    return render(
        request,
        "confidentiality_oversight/meeting_detail.html",
        {
            "meeting": meeting,
            "attendees": list(meeting.attendees.select_related("user").order_by("pk")),
            "handouts": handouts,
            "checks": checks,
            "held": held,
            "out": sum(1 for h in handouts if h.collected_at is None),
            "can_manage": policies.can_manage_meeting(user, meeting),
            "can_collect": policies.can_collect_handout(user, meeting),
            "can_print": policies.can_print_meeting(user, meeting),
            "attendees_form": AttendeesForm(meeting=meeting) if policies.can_manage_meeting(user, meeting) else None,
        },
    )


def meeting_edit(request, pk):
    meeting = _meeting(request, pk)
    policies.can_manage_meeting(request.user, meeting).enforce()
    form = MeetingEditForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in MeetingEditForm.Meta.fields}
        fresh = Meeting.objects.get(pk=meeting.pk)
        if _run(request, form, lambda: services.meeting_update(meeting=fresh, by=request.user, **data), _("Saved.")):
            return redirect(meeting)
    return _form_page(request, form, title=_("Edit %(number)s") % {"number": meeting.number}, back=meeting)


@require_POST
def meeting_attendees(request, pk):
    meeting = _meeting(request, pk)
    policies.can_manage_meeting(request.user, meeting).enforce()
    form = AttendeesForm(request.POST, meeting=meeting)
    if form.is_valid():
        users = form.cleaned_data["attendees"]
        _post_action(
            request,
            lambda: services.meeting_attendees_add(meeting=meeting, by=request.user, users=users),
            _("Invited."),
        )
    else:
        messages.error(request, _("Choose the people to invite."))
    return redirect(meeting)


@require_POST
def meeting_attendee_remove(request, pk, attendee_pk):
    meeting = _meeting(request, pk)
    attendee = get_object_or_404(meeting.attendees.select_related("user"), pk=attendee_pk)
    policies.can_manage_meeting(request.user, meeting).enforce()
    _post_action(
        request,
        lambda: services.meeting_attendee_remove(meeting=meeting, by=request.user, user=attendee.user),
        _("Removed from the list."),
    )
    return redirect(meeting)


def venue_check(request, pk, stage):
    meeting = _meeting(request, pk)
    if stage not in VenueCheck.Stage.values:
        raise Http404
    policies.can_manage_meeting(request.user, meeting).enforce()
    form = VenueCheckForm(request.POST or None, stage=stage)
    if request.method == "POST" and form.is_valid():
        if _run(
            request,
            form,
            lambda: services.venue_check_record(meeting=meeting, by=request.user, stage=stage, **form.cleaned_data),
            _("Venue check recorded."),
        ):
            return redirect(meeting)
    return _form_page(
        request, form, title=_("Venue check: %(stage)s") % {"stage": VenueCheck.Stage(stage).label}, back=meeting
    )


@require_POST
def meeting_open(request, pk):
    meeting = _meeting(request, pk)
    policies.can_manage_meeting(request.user, meeting).enforce()
    _post_action(
        request,
        lambda: services.meeting_open(meeting=meeting, by=request.user),
        _("Discipline announced; meeting open."),
    )
    return redirect(meeting)


def handouts_issue(request, pk):
    meeting = _meeting(request, pk)
    policies.can_manage_meeting(request.user, meeting).enforce()
    form = HandoutIssueForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        recipients = [a.user for a in form.cleaned_data["recipients"]]
        if _run(
            request,
            form,
            lambda: services.handouts_issue(
                meeting=meeting, by=request.user, material=form.cleaned_data["material"], recipients=recipients
            ),
            _("Numbered copies issued."),
        ):
            return redirect(meeting)
    return _form_page(request, form, title=_("Issue numbered handouts"), back=meeting)


@require_POST
def handout_collect(request, pk, handout_pk):
    meeting = _meeting(request, pk)
    handout = get_object_or_404(meeting.handouts, pk=handout_pk)
    policies.can_collect_handout(request.user, meeting).enforce()
    _post_action(request, lambda: services.handout_collect(handout=handout, by=request.user), _("Handout checked in."))
    return redirect(meeting)


def minutes_record(request, pk):
    meeting = _meeting(request, pk)
    policies.can_manage_meeting(request.user, meeting).enforce()
    initial = {"minutes": meeting.minutes, "minutes_level": meeting.minutes_level or meeting.level}
    if meeting.minutes_keeper_id:
        initial["minutes_keeper"] = meeting.minutes_keeper_id
    form = MinutesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if _run(
            request,
            form,
            lambda: services.minutes_record(meeting=meeting, by=request.user, **form.cleaned_data),
            _("Minutes saved."),
        ):
            return redirect(meeting)
    return _form_page(
        request,
        form,
        title=_("Minutes of %(number)s") % {"number": meeting.number},
        back=meeting,
        intro=_(
            "The minutes are kept as a classified document by the keeper named here; they leave the office only in "
            "special cases."
        ),
    )


@require_POST
def meeting_close(request, pk):
    meeting = _meeting(request, pk)
    policies.can_manage_meeting(request.user, meeting).enforce()
    _post_action(request, lambda: services.meeting_close(meeting=meeting, by=request.user), _("Meeting closed."))
    return redirect(meeting)


@require_POST
def meeting_cancel(request, pk):
    meeting = _meeting(request, pk)
    policies.can_manage_meeting(request.user, meeting).enforce()
    _post_action(request, lambda: services.meeting_cancel(meeting=meeting, by=request.user), _("Meeting cancelled."))
    return redirect(meeting)


# --- incidents


def _incident(request, pk) -> Incident:
    return get_object_or_404(incidents_visible_to(request.user).select_related("reported_by", "decided_by"), pk=pk)


def incident_list(request):
    qs = incidents_visible_to(request.user).select_related("reported_by")
    params = request.GET
    if params.get("status") in Incident.Status.values:
        qs = qs.filter(status=params["status"])
    if params.get("open"):
        qs = qs.filter(status__in=[Incident.Status.REPORTED, Incident.Status.INVESTIGATING])
    if (q := params.get("q", "").strip()) and policies.can_see_investigation(request.user, None):
        qs = qs.filter(Q(number__icontains=q) | Q(what__icontains=q))
    return render(
        request,
        "confidentiality_oversight/incident_list.html",
        {
            "page_obj": _page(request, qs.order_by("-reported_at", "-pk")),
            "statuses": Incident.Status.choices,
            "sees_all": bool(policies.can_see_investigation(request.user, None)),
        },
    )


def incident_report(request):
    policies.can_report_incident(request.user).enforce()
    form = IncidentReportForm(request.POST or None, initial={"found_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        incident = _run(
            request,
            form,
            lambda: services.incident_report(by=request.user, **form.cleaned_data),
            _("Thank you. The confidentiality officer has been told."),
        )
        if incident is not None:
            return redirect(incident)
    return _form_page(
        request,
        form,
        title=_("Report a suspected leak"),
        back="confidentiality_oversight:incident_list",
        intro=_(
            "If you can, take remedial action at once (retrieve the document, stop the transmission). Describe what "
            "happened without copying the secret content itself."
        ),
    )


def incident_detail(request, pk):
    incident = _incident(request, pk)
    user = request.user
    sees = policies.can_see_investigation(user, incident)
    return render(
        request,
        "confidentiality_oversight/incident_detail.html",
        {
            "incident": incident,
            "sees": sees,
            "can_handle": policies.can_handle_incident(user, incident),
            "responsibilities": list(incident.responsibilities.select_related("person")) if sees else [],
            "rewards": list(incident.rewards.select_related("person")) if sees else [],
            "media": list(incident.media.all()) if sees else [],
        },
    )


def _handled(request, pk) -> Incident:
    incident = _incident(request, pk)
    policies.can_handle_incident(request.user, incident).enforce()
    return incident


def incident_investigate(request, pk):
    incident = _handled(request, pk)
    form = InvestigationForm(request.POST or None, instance=Incident.objects.get(pk=incident.pk))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in InvestigationForm.Meta.fields}
        if _run(
            request,
            form,
            lambda: services.incident_investigate(incident=incident, by=request.user, **data),
            _("Saved."),
        ):
            return redirect(incident)
    return _form_page(
        request, form, title=_("Investigation of %(number)s") % {"number": incident.number}, back=incident
    )


LEGAL_BASIS_WARNING = _(
    "Recorded only: nothing is deducted from pay. Monetary penalties are legally risky — HR must confirm the legal "
    "basis (the rules adopted through the democratic procedure, the labour contract) before any amount is applied."
)


def responsibility_record(request, pk):
    incident = _handled(request, pk)
    form = ResponsibilityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if _run(
            request,
            form,
            lambda: services.responsibility_record(incident=incident, by=request.user, **data),
            _("Recorded."),
        ):
            return redirect(incident)
    return _form_page(
        request,
        form,
        title=_("Responsible person for %(number)s") % {"number": incident.number},
        back=incident,
        intro=_("Minor: a warning or 50–500 yuan. Serious: dismissal and 500–5,000 yuan; legal action where grave."),
        warning=LEGAL_BASIS_WARNING,
    )


def incident_decide(request, pk):
    incident = _handled(request, pk)
    form = DecisionForm(request.POST or None, initial={"decision_summary": incident.decision_summary})
    if request.method == "POST" and form.is_valid():
        if _run(
            request,
            form,
            lambda: services.incident_decide(incident=incident, by=request.user, **form.cleaned_data),
            _("Decision recorded."),
        ):
            return redirect(incident)
    return _form_page(
        request,
        form,
        title=_("Decision on %(number)s") % {"number": incident.number},
        back=incident,
        warning=LEGAL_BASIS_WARNING,
    )


def reward_record(request, pk):
    incident = _handled(request, pk)
    form = RewardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _run(
            request,
            form,
            lambda: services.reward_record(incident=incident, by=request.user, **form.cleaned_data),
            _("Reward recorded."),
        ):
            return redirect(incident)
    return _form_page(request, form, title=_("Reward for %(number)s") % {"number": incident.number}, back=incident)


@require_POST
def incident_close(request, pk):
    incident = _handled(request, pk)
    _post_action(request, lambda: services.incident_close(incident=incident, by=request.user), _("Incident closed."))
    return redirect(incident)


# --- inspections


def _inspection(request, pk) -> Inspection:
    return get_object_or_404(inspections_visible_to(request.user).select_related("created_by"), pk=pk)


def inspection_list(request):
    today = timezone.localdate()
    overdue = CorrectiveAction.objects.filter(inspection=OuterRef("pk"), closed_on__isnull=True, due_on__lt=today)
    qs = inspections_visible_to(request.user).annotate(
        open_actions=Count("actions", filter=Q(actions__closed_on__isnull=True), distinct=True),
        has_overdue=Exists(overdue),
    )
    params = request.GET
    if params.get("status") in Inspection.Status.values:
        qs = qs.filter(status=params["status"])
    if params.get("kind") in Inspection.Kind.values:
        qs = qs.filter(kind=params["kind"])
    if params.get("overdue"):
        qs = qs.filter(has_overdue=True)
    if params.get("year", "").isdigit():
        qs = qs.filter(planned_on__year=int(params["year"]))
    qs = qs.prefetch_related("departments")
    return render(
        request,
        "confidentiality_oversight/inspection_list.html",
        {
            "page_obj": _page(request, qs.order_by("-planned_on", "-pk")),
            "statuses": Inspection.Status.choices,
            "kinds": Inspection.Kind.choices,
            "can_plan": policies.can_plan_inspection(request.user),
        },
    )


def inspection_create(request):
    policies.can_plan_inspection(request.user).enforce()
    form = InspectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        inspection = _run(
            request,
            form,
            lambda: services.inspection_plan(by=request.user, **form.cleaned_data),
            _("Inspection planned."),
        )
        if inspection is not None:
            return redirect(inspection)
    return _form_page(
        request, form, title=_("Plan a confidentiality inspection"), back="confidentiality_oversight:inspection_list"
    )


def inspection_detail(request, pk):
    inspection = _inspection(request, pk)
    user = request.user
    actions = list(inspection.actions.select_related("department", "owner", "closed_by").order_by("due_on", "pk"))
    for action in actions:
        action.can_close = policies.can_close_action(user, action)
    return render(
        request,
        "confidentiality_oversight/inspection_detail.html",
        {
            "inspection": inspection,
            "departments": list(inspection.departments.order_by("path")),
            "inspectors": list(inspection.inspectors.order_by("username")),
            "actions": actions,
            "today": timezone.localdate(),
            "can_record": policies.can_record_inspection(user, inspection),
        },
    )


def inspection_record(request, pk):
    inspection = _inspection(request, pk)
    policies.can_record_inspection(request.user, inspection).enforce()
    initial = {"done_on": inspection.done_on or timezone.localdate()}
    form = InspectionRecordForm(
        request.POST or None, instance=Inspection.objects.get(pk=inspection.pk), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        if _run(
            request,
            form,
            lambda: services.inspection_record(inspection=inspection, by=request.user, **form.cleaned_data),
            _("Inspection recorded."),
        ):
            return redirect(inspection)
    return _form_page(request, form, title=_("Record the inspection"), back=inspection)


def action_add(request, pk):
    inspection = _inspection(request, pk)
    policies.can_record_inspection(request.user, inspection).enforce()
    form = ActionForm(request.POST or None, inspection=inspection)
    if request.method == "POST" and form.is_valid():
        if _run(
            request,
            form,
            lambda: services.action_add(inspection=inspection, by=request.user, **form.cleaned_data),
            _("Corrective action added."),
        ):
            return redirect(inspection)
    return _form_page(request, form, title=_("Add a corrective action"), back=inspection)


def action_close(request, pk, action_pk):
    inspection = _inspection(request, pk)
    action = get_object_or_404(inspection.actions, pk=action_pk)
    policies.can_close_action(request.user, action).enforce()
    form = ActionCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _run(
            request,
            form,
            lambda: services.action_close(action=action, by=request.user, **form.cleaned_data),
            _("Action closed."),
        ):
            return redirect(inspection)
    return _form_page(request, form, title=_("Close the corrective action"), back=inspection, intro=action.action)


# --- media


def _medium(request, pk) -> Medium:
    return get_object_or_404(
        media_visible_to(request.user).select_related("department", "custodian", "incident"), pk=pk
    )


def medium_list(request):
    current = MediumLoan.objects.filter(returned_at__isnull=True).select_related("holder")
    qs = (
        media_visible_to(request.user)
        .select_related("department", "custodian")
        .prefetch_related(Prefetch("loans", queryset=current, to_attr="current_loans"))
    )
    params = request.GET
    if params.get("status") in Medium.Status.values:
        qs = qs.filter(status=params["status"])
    if q := params.get("q", "").strip():
        qs = qs.filter(Q(serial__icontains=q) | Q(description__icontains=q))
    return render(
        request,
        "confidentiality_oversight/medium_list.html",
        {
            "page_obj": _page(request, qs.order_by("serial")),
            "statuses": Medium.Status.choices,
            "can_register": policies.can_register_medium(request.user),
            "today": timezone.localdate(),
        },
    )


def medium_create(request):
    policies.can_register_medium(request.user).enforce()
    form = MediumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        medium = _run(
            request,
            form,
            lambda: services.medium_register(by=request.user, **form.cleaned_data),
            _("Medium registered."),
        )
        if medium is not None:
            return redirect(medium)
    return _form_page(request, form, title=_("Register a storage medium"), back="confidentiality_oversight:medium_list")


def medium_detail(request, pk):
    medium = _medium(request, pk)
    user = request.user
    return render(
        request,
        "confidentiality_oversight/medium_detail.html",
        {
            "medium": medium,
            "loans": list(medium.loans.select_related("holder", "issued_by", "returned_to").order_by("-issued_at")),
            "today": timezone.localdate(),
            "can_issue": policies.can_issue_medium(user, medium),
            "can_return": policies.can_return_medium(user, medium),
            "can_lose": policies.can_report_medium_lost(user, medium),
        },
    )


def medium_issue(request, pk):
    medium = _medium(request, pk)
    policies.can_issue_medium(request.user, medium).enforce()
    form = MediumIssueForm(request.POST or None, medium=medium)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "level"}
        if _run(request, form, lambda: services.medium_issue(medium=medium, by=request.user, **data), _("Issued.")):
            return redirect(medium)
    return _form_page(request, form, title=_("Issue %(serial)s") % {"serial": medium.serial}, back=medium)


@require_POST
def medium_return(request, pk):
    medium = _medium(request, pk)
    policies.can_return_medium(request.user, medium).enforce()
    _post_action(request, lambda: services.medium_return(medium=medium, by=request.user), _("Returned."))
    return redirect(medium)


def medium_lost(request, pk):
    medium = _medium(request, pk)
    policies.can_report_medium_lost(request.user, medium).enforce()
    form = MediumLostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        incident = _run(
            request,
            form,
            lambda: services.medium_report_lost(medium=medium, by=request.user, **form.cleaned_data),
            _("Reported as lost; an incident is open."),
        )
        if incident is not None:
            return redirect(incident)  # the reporter sees their own report
    return _form_page(request, form, title=_("Report %(serial)s lost") % {"serial": medium.serial}, back=medium)
