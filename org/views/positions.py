"""Positions and their job descriptions: list with headcount, detail with versions and approval chain,
HR creates positions and new job-description versions (approved HR manager → GM), R&D sets special posts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import ExpressionWrapper, F, IntegerField, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from approvals.selectors import chain_for
from core.pickers import picker_view

from .. import policies, services
from ..forms import POSITIONS, JobDescriptionForm, PositionFilterForm, PositionForm, SpecialPostForm
from ..models import JobDescription, Position
from ..selectors import positions_visible_to

# The position picker's search (core.pickers): positions in the user's scope.
pick_positions = picker_view(POSITIONS)


def _current_version_subquery():
    return Subquery(
        JobDescription.objects.filter(position=OuterRef("pk"), status=JobDescription.Status.APPROVED)
        .order_by("-version")
        .values("version")[:1]
    )


def _positions_for(user):
    """The user's scope; R&D (and administrators) decide special posts company-wide, so they see every post."""
    if policies.can_set_special_post(user):
        return Position.objects.all()
    return positions_visible_to(user)


def position_list(request):
    """Positions the user may see, with authorised vs filled headcount and the current job-description version."""
    form = PositionFilterForm(request.GET or None, user=request.user)
    qs = (
        _positions_for(request.user)
        .with_headcount()
        .with_open_requisitions()
        .annotate(
            current_version=_current_version_subquery(),
            vacant=ExpressionWrapper(F("authorised_headcount") - F("filled"), output_field=IntegerField()),
        )
        .select_related("department")
        .order_by("department__path", "code")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = qs.filter(Q(code__icontains=data["q"]) | Q(title__icontains=data["q"]))
        if data["department"]:
            qs = qs.filter(department__path__startswith=data["department"].path)
        if data["category"]:
            qs = qs.filter(category=data["category"])
        if data["special"]:
            qs = qs.filter(is_special=data["special"] == "yes")
        if data["key"]:
            qs = qs.filter(is_key=data["key"] == "yes")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "org/position_list.html",
        {
            "form": form,
            "page_obj": page,
            "positions": page.object_list,
            "can_create": policies.can_create_position(request.user),
        },
    )


def _visible_position(request, pk):
    return get_object_or_404(
        _positions_for(request.user).with_headcount().with_open_requisitions().select_related("department"), pk=pk
    )


def position_detail(request, pk):
    position = _visible_position(request, pk)
    versions = list(position.job_descriptions.select_related("created_by").order_by("-version"))
    current = next((jd for jd in versions if jd.status == JobDescription.Status.APPROVED), None)
    in_progress = services.job_description_in_progress(position)
    carried_by = services.job_description_carrier(in_progress) if in_progress else None
    return render(
        request,
        "org/position_detail.html",
        {
            "position": position,
            "versions": versions,
            "current": current,
            "current_chain": chain_for(current) if current else [],
            "in_progress": in_progress,
            "in_progress_chain": chain_for(in_progress) if in_progress else [],
            "carried_by": carried_by,
            "can_edit_jd": policies.can_submit_job_description(
                request.user, in_progress=in_progress, carried=carried_by is not None
            ),
            "can_set_special": policies.can_set_special_post(request.user),
        },
    )


def position_create(request):
    """HR creates a position with its job description; both go to the HR manager → GM approval."""
    policies.can_create_position(request.user).enforce()
    form = PositionForm(request.POST or None, user=request.user, prefix="position")
    jd_form = JobDescriptionForm(request.POST or None, prefix="jd")
    if request.method == "POST" and form.is_valid() and jd_form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.cleaned_data}
        try:
            position = services.position_create(
                by=request.user,
                job_description={**jd_form.jd_fields(), "comment": jd_form.cleaned_data["comment"]},
                **fields,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Position created; its job description was sent for approval."))
            return redirect(position)
    return render(request, "org/position_form.html", {"form": form, "jd_form": jd_form})


def job_description_edit(request, pk):
    """Edit the job description: a new version submitted for approval (or the returned draft, sent again)."""
    policies.can_submit_job_description(request.user).enforce()
    position = _visible_position(request, pk)
    in_progress = services.job_description_in_progress(position)
    carried = in_progress is not None and services.job_description_carrier(in_progress) is not None
    verdict = policies.can_submit_job_description(request.user, in_progress=in_progress, carried=carried)
    if not verdict:
        messages.warning(request, verdict.reason)
        return redirect(position)
    base = in_progress or position.job_descriptions.filter(status=JobDescription.Status.APPROVED).first()
    initial = {name: getattr(base, name) for name in services.JD_FIELDS} if base else None
    form = JobDescriptionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.job_description_revise(
                position=position, by=request.user, comment=form.cleaned_data["comment"], **form.jd_fields()
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The job description was sent for approval."))
            return redirect(position)
    return render(
        request,
        "org/jobdescription_form.html",
        {"form": form, "position": position, "draft": in_progress},
    )


def position_special(request, pk):
    """R&D (or an administrator on its behalf) marks a special post and records why."""
    policies.can_set_special_post(request.user).enforce()
    position = _visible_position(request, pk)
    form = SpecialPostForm(request.POST or None, instance=position)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.position_set_special(
            position=position,
            by=request.user,
            is_special=data["is_special"],
            basis=data["special_basis"],
            note=data["special_basis_note"],
        )
        messages.success(request, _("Special-post designation saved."))
        return redirect(position)
    return render(request, "org/position_special.html", {"form": form, "position": position})
