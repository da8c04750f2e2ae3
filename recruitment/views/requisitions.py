"""Headcount requisitions: list, form with the live headcount situation, detail with the approval chain,
submit / withdraw / cancel, the recruitment plan and the channel report."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from approvals.selectors import chain_for, latest_request_for
from core.access import require_hr
from core.forms import apply_errors
from core.pagination import IdPaginator
from core.pickers import picker_view
from core.queries import subquery_count
from org.models import Position
from org.selectors import positions_visible_to

from .. import policies, services
from ..forms import (
    REQUISITIONS,
    CommentForm,
    NewPositionForm,
    NewPostJobDescriptionForm,
    PlanChannelFormSet,
    PlanForm,
    ReasonForm,
    RequisitionFilterForm,
    RequisitionForm,
)
from ..models import Application, Channel, Requisition, Stage
from ..selectors import Headcount, channel_report, position_headcount, requisitions_visible_to
from ._access import require_recruitment_user

# The requisition picker's search (core.pickers): the requisitions in the user's scope.
pick_requisitions = picker_view(REQUISITIONS)


def _visible(request, pk) -> Requisition:
    return get_object_or_404(
        requisitions_visible_to(request.user).select_related(
            "department", "position", "job_description", "requested_by"
        ),
        pk=pk,
    )


@require_GET
def requisition_list(request):
    """Requisitions in the user's scope, filterable by status and department, with their pipeline size."""
    require_recruitment_user(request.user)
    form = RequisitionFilterForm(request.GET or None, user=request.user)
    qs = (
        requisitions_visible_to(request.user)
        .select_related("department", "position", "requested_by")
        .annotate(
            application_count=subquery_count(Application.objects.filter(requisition=OuterRef("pk")), "requisition"),
            open_count=subquery_count(
                Application.objects.filter(requisition=OuterRef("pk")).exclude(
                    stage__in=["hired", "rejected", "withdrawn"]
                ),
                "requisition",
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
    page = IdPaginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "recruitment/requisition_list.html",
        {
            "form": form,
            "page_obj": page,
            "requisitions": page.object_list,
            "can_create": policies.can_create_requisition(request.user),
        },
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


def _new_post_forms(request, requisition: Requisition | None = None, *, bound: bool) -> tuple:
    """The new post's position and job-description forms (bound only when the new post is being written)."""
    data = request.POST if bound else None
    return (
        NewPositionForm(data, instance=requisition.position if requisition else None, user=request.user, prefix="np"),
        NewPostJobDescriptionForm(data, instance=requisition.job_description if requisition else None, prefix="jd"),
    )


def _all_valid(*forms) -> bool:
    return all([form.is_valid() for form in forms])  # a list, so every form shows its errors


def _apply_errors_to(error: ValidationError, form, *subforms) -> None:
    """A service error lands on the form that has the field it names (position, job description, requisition)."""
    if not hasattr(error, "error_dict"):
        apply_errors(form, error)
        return
    for field, field_messages in error.message_dict.items():
        target = next((f for f in subforms if field in f.fields), form)
        apply_errors(target, ValidationError({field: field_messages}))


def requisition_create(request):
    """A department head asks for people for a position of their department (HR may enter it for them),
    or for a new post (新增岗位) written with its job description, approved together with the requisition."""
    if not policies.can_create_requisition(request.user):
        raise Http404
    form = RequisitionForm(request.POST or None, user=request.user)
    new_post = form.is_bound and form.fields["new_position"].widget.value_from_datadict(
        request.POST, request.FILES, "new_position"
    )
    post_form, jd_form = _new_post_forms(request, bound=new_post)
    if form.is_bound and form.is_valid() and (not new_post or _all_valid(post_form, jd_form)):
        data = {name: value for name, value in form.cleaned_data.items() if name != "new_position"}
        try:
            if new_post:
                data.pop("position")
                requisition = services.requisition_create_new_post(
                    by=request.user, position_fields=post_form.cleaned_data, jd_fields=jd_form.jd_fields(), **data
                )
            else:
                requisition = services.requisition_create(by=request.user, **data)
        except ValidationError as error:
            _apply_errors_to(error, form, post_form, jd_form)
        else:
            messages.success(request, _("Requisition %(number)s saved as a draft.") % {"number": requisition.number})
            return redirect(requisition)
    context = {"form": form, "post_form": post_form, "jd_form": jd_form, "show_new_post": new_post}
    return render(request, "recruitment/requisition_form.html", {**context, **_panel_context(form, post_form)})


def _panel_context(form, post_form=None) -> dict:
    position = None
    value = form["position"].value() if "position" in form.fields else form.instance.position_id
    if value and str(value).isdigit():
        position = Position.objects.filter(pk=value).first()
    headcount = position_headcount(position) if position else None
    if position is None and post_form is not None and post_form.is_bound and not post_form.instance.pk:
        # A new post: its authorised headcount is the one written on the form, nobody is in it yet.
        authorised = post_form["authorised_headcount"].value()
        if authorised and str(authorised).isdigit():
            position = Position(title=post_form["title"].value() or _("New post (新增岗位)"))
            headcount = Headcount(authorised=int(authorised), filled=0, requested=0)
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
    policies.can_edit_requisition(request.user, requisition).enforce()
    form = RequisitionForm(request.POST or None, instance=requisition, user=request.user)
    subforms = ()
    if requisition.is_new_position:
        subforms = _new_post_forms(request, requisition, bound=form.is_bound)
    if form.is_bound and form.is_valid() and _all_valid(*subforms):
        new_post = {}
        if subforms:
            post_form, jd_form = subforms
            new_post = {"position_fields": post_form.cleaned_data, "jd_fields": jd_form.jd_fields()}
        try:
            services.requisition_update(requisition=requisition, by=request.user, **new_post, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors_to(error, form, *subforms)
        else:
            messages.success(request, _("Requisition saved."))
            return redirect(requisition)
    post_form, jd_form = subforms or (None, None)
    context = {"form": form, "requisition": requisition, "post_form": post_form, "jd_form": jd_form}
    return render(request, "recruitment/requisition_form.html", {**context, **_panel_context(form, post_form)})


@require_GET
def requisition_detail(request, pk):
    requisition = _visible(request, pk)
    user = request.user
    request_obj = latest_request_for(requisition)
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
        "can_edit": policies.can_edit_requisition(user, requisition),
        "can_submit": policies.can_submit_requisition(user, requisition),
        "can_withdraw": policies.can_withdraw_requisition(user, requisition),
        "can_cancel": policies.can_cancel_requisition(user, requisition),
        "can_plan": policies.can_plan_requisition(user, requisition),
        "can_add_application": policies.can_add_application(user, requisition),
        "approval_request": request_obj,
        # A new post's job description is read here; its own PDF only by those who may see the position.
        "new_post_jd": requisition.job_description if requisition.is_new_position else None,
        "can_print_jd": requisition.is_new_position
        and positions_visible_to(user).filter(pk=requisition.position_id).exists(),
    }
    return render(request, "recruitment/requisition_detail.html", context)


POLICY_OF_ACTION = {
    "submit": policies.can_submit_requisition,
    "withdraw": policies.can_withdraw_requisition,
    "cancel": policies.can_cancel_requisition,
}


def _post_action(request, pk, action, success):
    requisition = _visible(request, pk)
    POLICY_OF_ACTION[action](request.user, requisition).enforce()
    form_class = ReasonForm if action == "cancel" else CommentForm
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give the reason."))
        return redirect(requisition)
    try:
        if action == "submit":
            services.requisition_submit(requisition=requisition, by=request.user, comment=form.cleaned_data["comment"])
        elif action == "withdraw":
            services.requisition_withdraw(
                requisition=requisition, by=request.user, comment=form.cleaned_data["comment"]
            )
        else:
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
    policies.can_plan_requisition(request.user, requisition).enforce()
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
    form = PlanForm(request.POST or None, initial=initial, user=request.user)
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
