"""Training pages. Rows are fetched through the scoped selectors (out of scope → 404), actions asked of the
policies (→ 403); views stay thin: access, form, one service call, a message, a redirect."""

import tablib
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from approvals.selectors import chain_for, latest_request_for
from audit.services import Access, access_log
from core.access import require_department_scope
from core.files import private_download
from core.forms import apply_errors
from core.pagination import IdPaginator
from core.spreadsheets import xlsx_download
from employees.models import Employee
from employees.selectors import employee_for_user, employees_visible_to
from org.models import Position
from org.selectors import departments_visible_to, positions_visible_to

from . import policies, services
from .forms import (
    ApplicationForm,
    CheckInForm,
    DevelopmentPlanForm,
    InviteForm,
    NeedForm,
    PlanForm,
    PlanItemForm,
    RatingForm,
    SessionCancelForm,
    SessionFileForm,
    SessionForm,
    SessionRatingForm,
    SkillForm,
    StandardForm,
)
from .models import (
    AssessmentMethod,
    DevelopmentPlan,
    Level,
    NeedSource,
    NeedStatus,
    Participant,
    PlanItem,
    Session,
    SessionFile,
    SessionStatus,
    Skill,
    SkillRating,
    TrainingPlan,
)
from .selectors import (
    compute_gaps,
    current_levels,
    needs_visible_to,
    not_ready_ids,
    plan_progress,
    plans_visible_to,
    sessions_visible_to,
    standards_by_position,
    uses_department_pages,
)

PAGE_SIZE = 25


def _employee(user, pk) -> Employee:
    return get_object_or_404(employees_visible_to(user).select_related("department", "position", "user"), pk=pk)


def _session(user, pk) -> Session:
    return get_object_or_404(sessions_visible_to(user).select_related("plan_item__plan"), pk=pk)


def home(request):
    if uses_department_pages(request.user):
        return redirect("training:matrix")
    return redirect("training:my_history")


# --- skills and standards ------------------------------------------------------------------------------------


def skill_list(request):
    require_department_scope(request.user)
    form = SkillForm(request.POST or None)
    if request.method == "POST":
        policies.can_manage(request.user).enforce()
        if form.is_valid():
            form.save()
            messages.success(request, _("Skill added."))
            return redirect("training:skill_list")
    skills = Skill.objects.annotate(positions=Count("standards")).order_by("name")
    return render(
        request,
        "training/skill_list.html",
        {"skills": skills, "form": form, "can_manage": policies.can_manage(request.user)},
    )


def position_standards(request, pk):
    require_department_scope(request.user)
    position = get_object_or_404(positions_visible_to(request.user).select_related("department"), pk=pk)
    form = StandardForm(request.POST or None)
    if request.method == "POST":
        policies.can_manage(request.user).enforce()
        if form.is_valid():
            services.standard_set(
                position=position,
                skill=form.cleaned_data["skill"],
                required_level=form.cleaned_data["required_level"],
                by=request.user,
            )
            messages.success(request, _("Competence standard saved."))
            return redirect("training:position_standards", pk=pk)
    standards = position.competence_standards.select_related("skill")
    return render(
        request,
        "training/position_standards.html",
        {"position": position, "standards": standards, "form": form, "can_manage": policies.can_manage(request.user)},
    )


# --- competence matrix -----------------------------------------------------------------------------------------


def _matrix(request):
    """The department's employees × the skills of their posts, with current levels and gaps."""
    require_department_scope(request.user)
    departments = departments_visible_to(request.user).filter(is_active=True)
    department = None
    if request.GET.get("department", "").isdigit():
        department = get_object_or_404(departments, pk=request.GET["department"])
    else:
        department = departments.order_by("path").first()
    employees = (
        employees_visible_to(request.user)
        .active()
        .filter(department=department)
        .select_related("position")
        .only("number", "name", "department_id", "position__title", "position__code")  # thousands of rows
        if department
        else Employee.objects.none()
    )
    if request.GET.get("position", "").isdigit():
        employees = employees.filter(position_id=request.GET["position"])
    employees = list(employees.order_by("number"))
    standards = standards_by_position({e.position_id for e in employees})
    skills = sorted({s.skill for group in standards.values() for s in group}, key=lambda s: s.name)
    if request.GET.get("skill", "").isdigit():
        skills = [s for s in skills if s.pk == int(request.GET["skill"])]
    levels = current_levels([e.pk for e in employees], [s.pk for s in skills])
    gaps = compute_gaps(employees, standards, levels)
    gap_keys = {(g.employee.pk, g.skill.pk) for g in gaps}
    if request.GET.get("gaps"):
        with_gap = {g.employee.pk for g in gaps if any(g.skill.pk == s.pk for s in skills)}
        employees = [e for e in employees if e.pk in with_gap]
    required = {(pid, s.skill_id): s.required_level for pid, group in standards.items() for s in group}
    not_ready = not_ready_ids([e.pk for e in employees])
    rows = []
    for e in employees:
        cells = []
        for s in skills:
            need = required.get((e.position_id, s.pk))
            level = levels.get((e.pk, s.pk))
            cells.append(
                {
                    "skill": s,
                    "required": need,
                    "level": level,
                    "gap": (e.pk, s.pk) in gap_keys,
                    "critical": need is not None and level == 1,
                }
            )
        rows.append(
            {
                "employee": e,
                "cells": cells,
                "not_ready": e.pk in not_ready,
                "has_gap": any(c["gap"] for c in cells),
                "critical": any(c["critical"] for c in cells),
            }
        )
    return {
        "department": department,
        "departments": departments,
        "positions": Position.objects.filter(department=department) if department else [],
        "skills": skills,
        "all_skills": Skill.objects.filter(is_active=True),
        "rows": rows,
        "levels": Level.choices,
    }


MATRIX_PAGE_SIZE = 50


def matrix(request):
    """The matrix page, 50 people a page (a department of thousands prints whole: the PDF and the xlsx)."""
    data = _matrix(request)
    page = Paginator(data["rows"], MATRIX_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/matrix.html", data | {"rows": page.object_list, "page_obj": page})


def matrix_xlsx(request):
    data = _matrix(request)
    headers = [_("Employee number"), _("Name"), _("Position")] + [s.name for s in data["skills"]]
    dataset = tablib.Dataset(headers=headers, title=_("Competence matrix")[:31])
    for row in data["rows"]:
        e = row["employee"]
        cells = ["" if c["required"] is None else f"{c['level'] or '—'}/{c['required']}" for c in row["cells"]]
        dataset.append([e.number, e.name, e.position.title, *cells])
    name = data["department"].name if data["department"] else ""
    return xlsx_download(request, dataset, filename=f"能力矩阵-{name}", model=SkillRating, detail=name)


def employee_competence(request, pk):
    """An employee's ratings (history), gaps and needs; the rating form for HR and the head."""
    employee = _employee(request.user, pk)
    standards = standards_by_position([employee.position_id]).get(employee.position_id, [])
    levels = current_levels([employee.pk])
    gaps = compute_gaps([employee], {employee.position_id: standards}, levels)
    can_rate = policies.can_rate(request.user, employee)
    form = RatingForm(request.POST or None, standards=standards, levels={s: lvl for (_e, s), lvl in levels.items()})
    if request.method == "POST":
        can_rate.enforce()
        if form.is_valid():
            count = 0
            for standard in standards:
                level = form.cleaned_data.get(f"skill_{standard.skill_id}")
                if level is not None and level != levels.get((employee.pk, standard.skill_id)):
                    services.rating_record(
                        employee=employee,
                        skill=standard.skill,
                        level=level,
                        by=request.user,
                        note=form.cleaned_data["note"],
                    )
                    count += 1
            messages.success(request, _("%(n)s rating(s) recorded.") % {"n": count})
            return redirect("training:employee_competence", pk=pk)
    return render(
        request,
        "training/employee_competence.html",
        {
            "employee": employee,
            "gaps": gaps,
            "form": form,
            "can_rate": can_rate,
            "can_raise": policies.can_raise_need(request.user, employee),
            "ratings": employee.skill_ratings.select_related("skill", "rated_by")[:100],
            "needs": employee.training_needs.select_related("skill")[:50],
            "not_ready": employee.pk in not_ready_ids([employee.pk]),
        },
    )


@require_POST
def need_from_gap(request, pk, skill_pk):
    employee = _employee(request.user, pk)
    skill = get_object_or_404(Skill, pk=skill_pk)
    try:
        services.need_from_gap(employee=employee, skill=skill, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Training need raised for %(name)s: %(skill)s.") % {"name": employee.name, "skill": skill.name}
        )
    return redirect(request.POST.get("next") or reverse("training:employee_competence", args=[pk]))


# --- needs -----------------------------------------------------------------------------------------------------


def need_list(request):
    user = request.user
    qs = needs_visible_to(user).select_related("employee__department", "skill", "plan_item__plan")
    params = request.GET
    if params.get("status") in NeedStatus.values:
        qs = qs.filter(status=params["status"])
    if params.get("source") in NeedSource.values:
        qs = qs.filter(source=params["source"])
    if params.get("employee", "").isdigit():
        qs = qs.filter(employee_id=params["employee"])
    if q := params.get("q", "").strip():
        qs = qs.filter(Q(employee__name__icontains=q) | Q(employee__number__icontains=q) | Q(topic__icontains=q))
    page = IdPaginator(qs.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(params.get("page"))
    return render(
        request,
        "training/need_list.html",
        {"page_obj": page, "statuses": NeedStatus.choices, "sources": NeedSource.choices},
    )


def need_create(request):
    form = NeedForm(request.POST or None, user=request.user)
    mine = employee_for_user(request.user)
    if not uses_department_pages(request.user):
        if mine is None:
            raise PermissionDenied
        form.fields["employee"].queryset = Employee.objects.filter(pk=mine.pk)
        form.fields["employee"].initial = mine.pk
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.raise_need(
                employee=data["employee"],
                topic=data["topic"],
                source=data["source"],
                skill=data["skill"],
                reason=data["reason"],
                wanted_period=data["wanted_period"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Training need raised."))
            return redirect("training:need_list")
    return render(request, "training/form.html", {"form": form, "title": _("Training need request (培训需求申请表)")})


@require_POST
def need_cancel(request, pk):
    need = get_object_or_404(needs_visible_to(request.user), pk=pk)
    services.need_cancel(need=need, by=request.user)
    messages.success(request, _("Training need cancelled."))
    return redirect("training:need_list")


# --- HR development plan and annual plan -----------------------------------------------------------------------


def devplan_list(request):
    require_department_scope(request.user)
    if not request.user.sees_all_departments:
        raise PermissionDenied
    return render(request, "training/devplan_list.html", {"plans": DevelopmentPlan.objects.all()})


def devplan_create(request):
    policies.can_manage(request.user).enforce()
    return _devplan_form(request, DevelopmentPlan())


def devplan_edit(request, pk):
    """The one edit page of a plan, as a draft or when returned for changes (then sent again from its page)."""
    if not request.user.sees_all_departments:
        raise PermissionDenied
    plan = get_object_or_404(DevelopmentPlan, pk=pk)
    policies.can_edit_plan(request.user, plan).enforce()
    return _devplan_form(request, plan)


def _devplan_form(request, plan):
    form = DevelopmentPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.devplan_save(plan=form.save(commit=False), by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("HR development plan saved."))
            return redirect(plan)
    return render(request, "training/form.html", {"form": form, "title": _("HR development plan (人力资源发展计划)")})


def devplan_detail(request, pk):
    if not request.user.sees_all_departments:
        raise PermissionDenied
    plan = get_object_or_404(DevelopmentPlan, pk=pk)
    positions = Position.objects.filter(is_active=True).with_headcount().select_related("department")
    return render(
        request,
        "training/devplan_detail.html",
        {
            "plan": plan,
            "positions": positions,
            "chain": chain_for(plan),
            "can_edit": policies.can_edit_plan(request.user, plan),
        },
    )


@require_POST
def devplan_submit(request, pk):
    plan = get_object_or_404(DevelopmentPlan, pk=pk)
    try:
        services.devplan_submit(plan=plan, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Sent to the general manager for approval."))
    return redirect(plan)


def plan_list(request):
    plans = plans_visible_to(request.user).annotate(n=Count("items"))
    return render(request, "training/plan_list.html", {"plans": plans, "can_manage": policies.can_manage(request.user)})


def plan_create(request):
    policies.can_manage(request.user).enforce()
    form = PlanForm(request.POST or None, initial={"year": timezone.localdate().year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(plan)
    return render(request, "training/form.html", {"form": form, "title": _("Annual training plan (年度培训计划表)")})


def plan_detail(request, pk):
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    return render(
        request,
        "training/plan_detail.html",
        {
            "plan": plan,
            "items": plan_progress(plan),
            "chain": chain_for(plan),
            "request_obj": latest_request_for(plan),
            "can_edit": policies.can_edit_plan(request.user, plan),
            "can_submit": policies.can_submit_plan(request.user, plan),
            "can_publish": policies.can_publish_plan(request.user, plan),
            "can_manage": policies.can_manage(request.user),
            "today": timezone.localdate(),
        },
    )


def plan_item_form(request, pk, item_pk=None):
    plan = get_object_or_404(TrainingPlan, pk=pk)
    policies.can_edit_plan(request.user, plan).enforce()
    item = get_object_or_404(PlanItem, pk=item_pk, plan=plan) if item_pk else PlanItem(plan=plan)
    form = PlanItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        try:
            services.plan_item_save(
                item=item,
                by=request.user,
                targets=(form.cleaned_data["target_departments"], form.cleaned_data["target_positions"]),
                needs=form.cleaned_data["needs"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Course saved."))
            return redirect(plan)
    return render(request, "training/form.html", {"form": form, "title": str(plan)})


@require_POST
def plan_submit(request, pk):
    plan = get_object_or_404(TrainingPlan, pk=pk)
    try:
        services.plan_submit(plan=plan, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The plan is sent for approval."))
    return redirect(plan)


@require_POST
def plan_publish(request, pk):
    plan = get_object_or_404(TrainingPlan, pk=pk)
    services.plan_publish(plan=plan, by=request.user)
    messages.success(request, _("The plan is published."))
    return redirect(plan)


# --- sessions --------------------------------------------------------------------------------------------------


def session_list(request):
    qs = (
        sessions_visible_to(request.user)
        .select_related("plan_item__plan")
        .annotate(
            invited=Count("participants", distinct=True),
            present=Count("participants", filter=Q(participants__attended=True), distinct=True),
        )
    )
    params = request.GET
    if params.get("status") in SessionStatus.values:
        qs = qs.filter(status=params["status"])
    if q := params.get("q", "").strip():
        qs = qs.filter(Q(course__icontains=q) | Q(trainer__icontains=q))
    page = IdPaginator(qs.order_by("-starts_at", "-pk"), PAGE_SIZE).get_page(params.get("page"))
    return render(
        request,
        "training/session_list.html",
        {"page_obj": page, "statuses": SessionStatus.choices, "can_manage": policies.can_manage(request.user)},
    )


def session_create(request):
    policies.can_manage(request.user).enforce()
    initial = {}
    item = None
    if request.GET.get("item", "").isdigit():
        item = get_object_or_404(PlanItem.objects.select_related("plan"), pk=request.GET["item"])
        initial = {
            "course": item.course,
            "plan_item": item.pk,
            "trainer_kind": item.trainer_kind,
            "trainer": item.trainer,
            "hours": item.hours,
            "participants": list(
                item.needs.filter(status__in=["open", "planned"]).values_list("employee_id", flat=True)
            ),
        }
    form = SessionForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        employees = data.pop("participants")
        try:
            session = services.session_create(by=request.user, employees=employees, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Session saved and the participants invited."))
            return redirect(session)
    return render(request, "training/form.html", {"form": form, "title": _("New training session")})


def session_detail(request, pk):
    session = _session(request.user, pk)
    user = request.user
    participants = list(
        session.participants.filter(employee__in=employees_visible_to(user)).select_related(
            "employee__department", "employee__position"
        )
    )
    mine = next((p for p in session.participants.filter(employee__user=user)), None) if user.is_authenticated else None
    can_manage = policies.can_edit_session(user, session)
    can_cancel = policies.can_cancel_session(user, session, attended=any(p.attended for p in participants))
    files = [f for f in session.files.all() if policies.can_download(user, f)]
    checkin_url = request.build_absolute_uri(reverse("training:checkin", args=[session.pk]))
    context = {
        "session": session,
        "participants": participants,
        "mine": mine,
        "can_manage": can_manage,
        "can_cancel": can_cancel,
        "cancel_form": SessionCancelForm() if can_cancel else None,
        "files": files,
        "file_form": SessionFileForm() if can_manage else None,
        "invite_form": InviteForm(user=user) if can_manage else None,
        "rating_form": SessionRatingForm() if mine and policies.can_rate_session(user, mine) else None,
        "checkin_url": checkin_url,
        "window": services.checkin_window(session),
    }
    if can_manage:
        from .qr import qr_svg

        context["qr"] = qr_svg(f"{checkin_url}?code={session.checkin_code}")
    return render(request, "training/session_detail.html", context)


@require_POST
def session_invite(request, pk):
    session = _session(request.user, pk)
    form = InviteForm(request.POST, user=request.user)
    policies.can_edit_session(request.user, session).enforce()
    if form.is_valid():
        created = services.participants_invite(
            session=session, employees=form.cleaned_data["participants"], by=request.user
        )
        messages.success(request, _("%(n)s invited.") % {"n": len(created)})
    else:
        messages.error(request, _("Choose the people to invite."))
    return redirect(session)


@require_POST
def session_cancel(request, pk):
    session = _session(request.user, pk)
    policies.can_cancel_session(request.user, session).enforce()
    form = SessionCancelForm(request.POST)
    if form.is_valid():
        try:
            services.session_cancel(session=session, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The session is cancelled and the invited are told."))
    else:
        messages.error(request, _("Say why the session is cancelled."))
    return redirect(session)


@require_POST
def session_attendance(request, pk):
    session = _session(request.user, pk)
    ids = {int(v) for v in request.POST.getlist("attended") if v.isdigit()}
    services.attendance_set(session=session, attended_ids=ids, by=request.user)
    messages.success(request, _("Attendance saved."))
    return redirect(session)


def session_scores(request, pk):
    """Bulk score entry: one row per attendee (method, score) on one page, all saved or none."""
    session = _session(request.user, pk)
    policies.can_edit_session(request.user, session).enforce()
    participants = list(session.participants.filter(attended=True).select_related("employee", "need"))
    errors: dict[int, str] = {}
    if request.method == "POST":
        rows = []
        for p in participants:
            score = request.POST.get(f"score_{p.pk}", "").strip()
            method = request.POST.get(f"method_{p.pk}", "")
            if not score:
                continue
            rows.append((p, score, method))
        try:
            from django.db import transaction

            with transaction.atomic():
                for p, score, method in rows:
                    try:
                        services.assessment_record(participant=p, score=score, method=method, by=request.user)
                    except (ValidationError, ArithmeticError, ValueError) as error:
                        errors[p.pk] = " ".join(getattr(error, "messages", [str(error)])) or _("Invalid score.")
                if errors:
                    raise ValidationError("rows")
        except ValidationError:
            messages.error(request, _("Nothing was saved: correct the marked rows."))
        else:
            messages.success(request, _("%(n)s score(s) saved.") % {"n": len(rows)})
            return redirect(session)
    return render(
        request,
        "training/session_scores.html",
        {
            "session": session,
            "participants": participants,
            "methods": AssessmentMethod.choices,
            "errors": errors,
            "posted": request.POST,
        },
    )


@require_POST
def session_file_upload(request, pk):
    session = _session(request.user, pk)
    policies.can_edit_session(request.user, session).enforce()
    form = SessionFileForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        SessionFile.objects.create(
            session=session,
            kind=form.cleaned_data["kind"],
            file=upload,
            original_name=upload.name[:200],
            content_type=upload.content_type or "application/octet-stream",
            uploaded_by=request.user,
        )
        messages.success(request, _("File archived with the session."))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect(session)


def session_file_download(request, pk, file_pk):
    session = _session(request.user, pk)
    session_file = get_object_or_404(SessionFile, pk=file_pk, session=session)
    policies.can_download(request.user, session_file).enforce()
    return private_download(
        session_file.file,
        filename=session_file.original_name,
        content_type=session_file.content_type,
        log=lambda: access_log(
            by=request.user, access=Access.DOWNLOAD, obj=session_file, detail=session_file.original_name
        ),
    )


def checkin(request, pk=None):
    """Self check-in: the code typed, or the session's QR (its URL carries the code)."""
    form = CheckInForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    session = get_object_or_404(Session, pk=pk) if pk else None
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if session is None:
            session = Session.objects.filter(
                checkin_code=code,
                participants__employee__user=request.user,
                starts_at__lte=timezone.now() + services.CHECKIN_EARLY,
                ends_at__gte=timezone.now(),
            ).first()
        if session is None:
            form.add_error("code", _("No session of yours is open for check-in with this code."))
        else:
            try:
                services.check_in(session=session, user=request.user, code=code)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Checked in to %(course)s.") % {"course": session.course})
                return redirect(session)
    return render(request, "training/checkin.html", {"form": form, "session": session})


@require_POST
def session_rate(request, pk):
    session = _session(request.user, pk)
    participant = get_object_or_404(Participant, session=session, employee__user=request.user)
    form = SessionRatingForm(request.POST)
    if form.is_valid():
        services.session_rate(
            participant=participant,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
            by=request.user,
        )
        messages.success(request, _("Thank you for your rating."))
    return redirect(session)


def application_evaluate(request, pk, participant_pk):
    session = _session(request.user, pk)
    participant = get_object_or_404(
        Participant.objects.filter(employee__in=employees_visible_to(request.user)).select_related("employee"),
        pk=participant_pk,
        session=session,
    )
    policies.can_evaluate_application(request.user, participant).enforce()
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.application_evaluate(
            participant=participant, rating=form.cleaned_data["rating"], note=form.cleaned_data["note"], by=request.user
        )
        messages.success(request, _("Evaluation saved."))
        return redirect(session)
    return render(
        request, "training/form.html", {"form": form, "title": f"{participant.employee.name} · {session.course}"}
    )


# --- history ---------------------------------------------------------------------------------------------------


def history(request, pk):
    from .history import history_for

    employee = _employee(request.user, pk)
    return render(request, "training/history.html", {"employee": employee, **history_for(employee)})


def my_history(request):
    mine = employee_for_user(request.user)
    if mine is None:
        raise Http404
    return redirect("training:history", pk=mine.pk)
