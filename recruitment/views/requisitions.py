"""Headcount requisitions: list, form with the live headcount situation, detail with the approval chain,
submit / withdraw / cancel, the recruitment plan and the channel report."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from approvals.selectors import chain_for, latest_request_for
from core import roles
from org.models import Position
from org.selectors import positions_visible_to

from .. import services
from ..forms import (
    CommentForm,
    PlanChannelFormSet,
    PlanForm,
    ReasonForm,
    RequisitionFilterForm,
    RequisitionForm,
    apply_errors,
)
from ..models import Channel, Requisition, Stage
from ..selectors import channel_report, position_headcount, requisitions_visible_to
from ._access import require_hr, require_recruitment_user


def _visible(request, pk) -> Requisition:
    return get_object_or_404(
        requisitions_visible_to(request.user).select_related(
            "department", "position", "job_description", "requested_by"
        ),
        pk=pk,
    )


def _can_request(user) -> bool:
    """HR, or a department head / manager with positions in their department."""
    if user.is_hr:
        return True
    return user.has_role(roles.DEPT_HEAD, roles.DEPT_MANAGER) and positions_visible_to(user).exists()


@require_GET
def requisition_list(request):
    """Requisitions in the user's scope, filterable by status and department, with their pipeline size."""
    require_recruitment_user(request.user)
    form = RequisitionFilterForm(request.GET or None, user=request.user)
    qs = (
        requisitions_visible_to(request.user)
        .select_related("department", "position", "requested_by")
        .annotate(
            application_count=Count("applications", distinct=True),
            open_count=Count(
                "applications",
                filter=~Q(applications__stage__in=["hired", "rejected", "withdrawn"]),
                distinct=True,
            ),
        )
        .order_by("-created_at", "-pk")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = qs.filter(
                Q(number__icontains=data["q"])
                | Q(position__title__icontains=data["q"])
                | Q(position__code__icontains=data["q"])
            )
        if data["status"]:
            qs = qs.filter(status=data["status"])
        if data["department"]:
            qs = qs.filter(department__path__startswith=data["department"].path)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "recruitment/requisition_list.html",
        {"form": form, "page_obj": page, "requisitions": page.object_list, "can_create": _can_request(request.user)},
    )


@require_GET
def headcount_panel(request):
    """The authorised / filled / already requested numbers for the chosen position (htmx, in the form)."""
    require_recruitment_user(request.user)
    position = None
    headcount = None
    position_id = request.GET.get("position")
    if position_id and position_id.isdigit():
        position = positions_visible_to(request.user).filter(pk=position_id).first()
    if position is not None:
        headcount = position_headcount(position)
    try:
        extra = max(int(request.GET.get("headcount") or 0), 0)
    except ValueError:
        extra = 0
    return render(
        request,
        "recruitment/partials/headcount.html",
        {
            "position": position,
            "headcount": headcount,
            "extra": extra,
            "over_by": min(headcount.exceeded_by(extra), extra) if headcount else 0,
        },
    )


def requisition_create(request):
    """A department head asks for people for a position of their department (HR may enter it for them)."""
    if not _can_request(request.user):
        raise Http404
    form = RequisitionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            requisition = services.requisition_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Requisition %(number)s saved as a draft.") % {"number": requisition.number})
            return redirect(requisition)
    return render(request, "recruitment/requisition_form.html", {"form": form, **_panel_context(form)})


def _panel_context(form) -> dict:
    position = None
    value = form["position"].value()
    if value and str(value).isdigit():
        position = Position.objects.filter(pk=value).first()
    headcount = position_headcount(position) if position else None
    try:
        extra = int(form["headcount"].value() or 0)
    except (TypeError, ValueError):
        extra = 0
    instance = form.instance if form.instance.pk else None
    if position and instance:
        headcount = position_headcount(position, exclude=instance)
    return {
        "position": position,
        "headcount": headcount,
        "extra": extra,
        "over_by": min(headcount.exceeded_by(extra), extra) if headcount else 0,
    }


def requisition_update(request, pk):
    requisition = _visible(request, pk)
    if requisition.requested_by_id != request.user.pk and not request.user.is_hr:
        raise PermissionDenied
    if not requisition.is_editable:
        messages.warning(request, _("Only a draft or a returned requisition can be changed."))
        return redirect(requisition)
    form = RequisitionForm(request.POST or None, instance=requisition, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.requisition_update(requisition=requisition, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Requisition saved."))
            return redirect(requisition)
    return render(
        request, "recruitment/requisition_form.html", {"form": form, "requisition": requisition, **_panel_context(form)}
    )


@require_GET
def requisition_detail(request, pk):
    requisition = _visible(request, pk)
    user = request.user
    request_obj = latest_request_for(requisition)
    is_applicant = request_obj is not None and request_obj.applicant_id == user.pk
    is_requester = requisition.requested_by_id == user.pk
    plan = getattr(requisition, "plan", None)
    counts = dict(requisition.applications.values_list("stage").annotate(n=Count("pk")).order_by())
    stage_counts = [(Stage(stage).label, counts[stage]) for stage in Stage.values if stage in counts]
    context = {
        "requisition": requisition,
        "headcount": position_headcount(requisition.position, exclude=requisition),
        "chain": chain_for(requisition),
        "events": requisition.events.select_related("actor"),
        "plan": plan,
        "plan_channels": list(plan.channels.all()) if plan else [],
        "stage_counts": stage_counts,
        "application_total": sum(counts.values()),
        "comment_form": CommentForm(),
        "reason_form": ReasonForm(),
        "can_edit": requisition.is_editable and (is_requester or user.is_hr),
        "can_submit": requisition.is_editable
        and (is_requester or user.is_hr)
        and (requisition.status != Requisition.Status.RETURNED or is_applicant),
        "can_withdraw": requisition.status in (Requisition.Status.IN_APPROVAL, Requisition.Status.RETURNED)
        and is_applicant,
        "can_cancel": requisition.status
        in (Requisition.Status.DRAFT, Requisition.Status.APPROVED, Requisition.Status.RECRUITING)
        and (is_requester or user.is_hr),
        "can_plan": user.is_hr and requisition.accepts_applications,
        "can_add_application": user.is_hr and requisition.accepts_applications,
        "approval_request": request_obj,
    }
    return render(request, "recruitment/requisition_detail.html", context)


def _post_action(request, pk, action, success):
    requisition = _visible(request, pk)
    form_class = ReasonForm if action == "cancel" else CommentForm
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give the reason."))
        return redirect(requisition)
    try:
        if action == "submit":
            if requisition.requested_by_id != request.user.pk and not request.user.is_hr:
                raise PermissionDenied
            services.requisition_submit(requisition=requisition, by=request.user, comment=form.cleaned_data["comment"])
        elif action == "withdraw":
            services.requisition_withdraw(
                requisition=requisition, by=request.user, comment=form.cleaned_data["comment"]
            )
        else:
            if requisition.requested_by_id != request.user.pk and not request.user.is_hr:
                raise PermissionDenied
            services.requisition_cancel(requisition=requisition, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(requisition)


@require_POST
def requisition_submit(request, pk):
    return _post_action(request, pk, "submit", _("Requisition submitted for approval."))


@require_POST
def requisition_withdraw(request, pk):
    return _post_action(request, pk, "withdraw", _("Requisition withdrawn; it is a draft again."))


@require_POST
def requisition_cancel(request, pk):
    return _post_action(request, pk, "cancel", _("Requisition cancelled."))


def plan_edit(request, pk):
    """HR's recruitment plan (招聘计划) for an approved requisition: channels with dates and cost, owner, budget."""
    require_hr(request.user)
    requisition = _visible(request, pk)
    plan = getattr(requisition, "plan", None)
    existing = {c.channel: c for c in plan.channels.all()} if plan else {}
    initial_rows = []
    for channel in Channel:
        if channel == Channel.OTHER:
            continue
        row = existing.get(channel.value)
        initial_rows.append(
            {
                "channel": channel.value,
                "use": row is not None,
                "start_date": row.start_date if row else None,
                "end_date": row.end_date if row else None,
                "cost": row.cost if row else None,
                "notes": row.notes if row else "",
            }
        )
    today = timezone.localdate()
    initial = (
        {
            "owner": plan.owner_id,
            "start_date": plan.start_date,
            "end_date": plan.end_date,
            "budget": plan.budget,
            "notes": plan.notes,
        }
        if plan
        else {"owner": request.user.pk, "start_date": today, "end_date": requisition.desired_start_date, "budget": 0}
    )
    form = PlanForm(request.POST or None, initial=initial)
    formset = PlanChannelFormSet(request.POST or None, initial=initial_rows, prefix="ch")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        channels = [row for row in (f.channel_data() for f in formset.forms) if row]
        try:
            services.plan_save(requisition=requisition, by=request.user, channels=channels, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Recruitment plan saved."))
            return redirect(requisition)
    return render(request, "recruitment/plan_form.html", {"requisition": requisition, "form": form, "formset": formset})


@require_GET
def channel_report_view(request):
    """Channel effectiveness: candidates, applications, hires and cost per hire (HR and management)."""
    require_recruitment_user(request.user)
    if not (request.user.is_hr or request.user.sees_all_departments):
        raise PermissionDenied
    date_from = _parse_date(request.GET.get("from"))
    date_to = _parse_date(request.GET.get("to"))
    rows = channel_report(date_from=date_from, date_to=date_to)
    totals = {
        "candidates": sum(r.candidates for r in rows),
        "applications": sum(r.applications for r in rows),
        "hires": sum(r.hires for r in rows),
        "cost": sum(r.cost for r in rows),
    }
    return render(
        request,
        "recruitment/channel_report.html",
        {"rows": rows, "totals": totals, "date_from": date_from, "date_to": date_to},
    )


def _parse_date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None
