"""Pages of the KPI review. Sheets come through the scoped selector (out of scope → 404), every action asks its
policy (→ 403) and calls one service; a step already done by a second click comes back as a message."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.services import Access, access_log
from core.charts import Chart, Series
from core.forms import apply_errors
from core.pagination import IdPaginator
from core.policy import PolicyDenied

from . import policies, services
from .exports import results_xlsx
from .forms import (
    AcknowledgeForm,
    CalibrateForm,
    ConsequencesForm,
    CycleForm,
    GradeBandFormSet,
    IndicatorFormSet,
    InterviewForm,
    ItemsForm,
    PeerAnswerForm,
    PeersForm,
    PlanFollowUpForm,
    PlanForm,
    SheetFilterForm,
    TemplateForm,
)
from .models import Cycle, GradeBand, ImprovementPlan, KpiTemplate, Sheet, SheetStatus
from .selectors import (
    grade_bands,
    grade_distribution,
    peer_requests_for,
    peer_summary,
    plan_grades,
    sheet_list_for,
    sheets_visible_to,
    summary_departments,
    templates_visible_to,
    uses_team_pages,
)
from .services import IndicatorData

PAGE_SIZE = 25


def _team(user) -> None:
    if not uses_team_pages(user):
        raise Http404


def _sheet(user, pk) -> Sheet:
    return get_object_or_404(
        sheets_visible_to(user).select_related(
            "employee__user", "department", "position", "cycle", "template", "salary_change", "job_change"
        ),
        pk=pk,
    )


# --- sheets ----------------------------------------------------------------------------------------------------


def sheet_list(request):
    user = request.user
    qs = sheet_list_for(user)
    form = SheetFilterForm(request.GET or None)
    if form.is_valid():
        d = form.cleaned_data
        if d["q"]:
            qs = qs.filter(Q(employee__name__icontains=d["q"]) | Q(employee__number__icontains=d["q"]))
        if d["cycle"]:
            qs = qs.filter(cycle=d["cycle"])
        if d["status"]:
            qs = qs.filter(status=d["status"])
        if d["grade"]:
            qs = qs.filter(Q(calibrated_grade=d["grade"]) | Q(calibrated_grade="", grade=d["grade"]))
        if d["department"]:
            qs = qs.filter(department=d["department"])
    if request.GET.get("todo"):
        qs = qs.filter(status__in=[SheetStatus.GOALS, SheetStatus.SCORING, SheetStatus.INTERVIEW]).exclude(
            employee__user=user
        )
    page = IdPaginator(qs.order_by("-cycle__start_date", "employee__number", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for sheet in page:
        sheet.result_shown = policies.can_see_result(user, sheet).allowed
    return render(
        request,
        "performance/sheet_list.html",
        {"page_obj": page, "form": form, "team": uses_team_pages(user)},
    )


def sheet_detail(request, pk):
    user = request.user
    sheet = _sheet(user, pk)
    items = list(sheet.items.all())
    show_result = policies.can_see_result(user, sheet).allowed
    plan = ImprovementPlan.objects.filter(sheet=sheet).select_related("owner").first()
    context = {
        "sheet": sheet,
        "items": items,
        "steps": list(sheet.steps.select_related("by")),
        "show_result": show_result,
        "plan": plan,
        "peers": peer_summary(sheet) if show_result or not sheet.is_open else None,
        "peer_count": sheet.peers.count() if sheet.cycle.peer_feedback else 0,
        "can": {
            "goals": policies.can_agree_goals(user, sheet),
            "self": policies.can_self_assess(user, sheet),
            "score": policies.can_score(user, sheet),
            "interview": policies.can_record_interview(user, sheet),
            "acknowledge": policies.can_acknowledge(user, sheet),
            "calibrate": policies.can_calibrate(user, sheet),
            "release": policies.can_release(user, sheet),
            "amend": policies.can_amend_locked(user, sheet),
            "peers": policies.can_request_peers(user, sheet),
            "consequences": policies.can_record_consequences(user, sheet),
            "plan": policies.can_create_plan(user, sheet, low_grades=plan_grades()) if plan is None else None,
        },
    }
    return render(request, "performance/sheet_detail.html", context)


def _items_step(request, pk, *, mode: str, policy, title: str, run):
    sheet = _sheet(request.user, pk)
    policy(request.user, sheet).enforce()
    items = list(sheet.items.all())
    form = ItemsForm(request.POST or None, items=items, mode=mode)
    if request.method == "POST" and form.is_valid():
        try:
            run(sheet, form)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(sheet)
    return render(
        request, "performance/sheet_items_form.html", {"sheet": sheet, "form": form, "title": title, "mode": mode}
    )


def sheet_goals(request, pk):
    return _items_step(
        request,
        pk,
        mode="goals",
        policy=policies.can_agree_goals,
        title=_("Agree the goals"),
        run=lambda sheet, form: services.sheet_agree_goals(
            sheet=sheet, by=request.user, targets=form.targets(), comment=form.cleaned_data["comment"]
        ),
    )


def sheet_self(request, pk):
    return _items_step(
        request,
        pk,
        mode="self",
        policy=policies.can_self_assess,
        title=_("Self-assessment"),
        run=lambda sheet, form: services.sheet_self_assess(
            sheet=sheet, by=request.user, values=form.self_values(), comment=form.cleaned_data["comment"]
        ),
    )


def sheet_score(request, pk):
    return _items_step(
        request,
        pk,
        mode="score",
        policy=policies.can_score,
        title=_("Score the sheet"),
        run=lambda sheet, form: services.sheet_score(
            sheet=sheet, by=request.user, values=form.score_values(), comment=form.cleaned_data["comment"]
        ),
    )


def sheet_amend(request, pk):
    return _items_step(
        request,
        pk,
        mode="amend",
        policy=policies.can_amend_locked,
        title=_("Change a locked sheet"),
        run=lambda sheet, form: services.sheet_amend(
            sheet=sheet, by=request.user, values=form.score_values(), reason=form.cleaned_data["comment"]
        ),
    )


def _simple_step(request, sheet, form, template_title, run):
    if request.method == "POST" and form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(sheet)
    return render(request, "performance/sheet_form.html", {"sheet": sheet, "form": form, "title": template_title})


def sheet_interview(request, pk):
    sheet = _sheet(request.user, pk)
    policies.can_record_interview(request.user, sheet).enforce()
    form = InterviewForm(request.POST or None, initial={"notes": sheet.interview_notes})
    return _simple_step(
        request,
        sheet,
        form,
        _("Feedback interview (绩效面谈)"),
        lambda d: services.sheet_record_interview(sheet=sheet, by=request.user, notes=d["notes"]),
    )


def sheet_acknowledge(request, pk):
    sheet = _sheet(request.user, pk)
    policies.can_acknowledge(request.user, sheet).enforce()
    form = AcknowledgeForm(request.POST or None)
    return _simple_step(
        request,
        sheet,
        form,
        _("Acknowledge the result"),
        lambda d: services.sheet_acknowledge(sheet=sheet, by=request.user, comment=d["comment"]),
    )


def sheet_calibrate(request, pk):
    sheet = _sheet(request.user, pk)
    policies.can_calibrate(request.user, sheet).enforce()
    grades = [g for g, _m in sorted(grade_bands(), key=lambda b: b[1], reverse=True)]
    form = CalibrateForm(request.POST or None, grades=grades, current=sheet.final_grade)
    return _simple_step(
        request,
        sheet,
        form,
        _("HR calibration"),
        lambda d: services.sheet_calibrate(sheet=sheet, by=request.user, grade=d["grade"], comment=d["comment"]),
    )


@require_POST
def sheet_release(request, pk):
    sheet = _sheet(request.user, pk)
    try:
        services.sheet_release(sheet=sheet, by=request.user)
    except PolicyDenied as exc:
        if exc.code == "already_released":
            messages.info(request, exc.reason)
            return redirect(sheet)
        raise
    messages.success(request, _("The result is released to the employee."))
    return redirect(sheet)


def sheet_peers(request, pk):
    sheet = _sheet(request.user, pk)
    policies.can_request_peers(request.user, sheet).enforce()
    form = PeersForm(request.POST or None, user=request.user)
    return _simple_step(
        request,
        sheet,
        form,
        _("Ask colleagues for feedback"),
        lambda d: services.peers_request(sheet=sheet, by=request.user, reviewers=d["reviewers"]),
    )


def sheet_consequences(request, pk):
    sheet = _sheet(request.user, pk)
    policies.can_record_consequences(request.user, sheet).enforce()
    initial = {
        "bonus": sheet.bonus,
        "salary_change": sheet.salary_change_id,
        "job_change": sheet.job_change_id,
        "training": sheet.training,
        "consequence_note": sheet.consequence_note,
    }
    form = ConsequencesForm(request.POST or None, initial=initial, sheet=sheet, user=request.user)
    return _simple_step(
        request,
        sheet,
        form,
        _("Consequences"),
        lambda d: services.sheet_record_consequences(sheet=sheet, by=request.user, **d),
    )


# --- peer feedback -----------------------------------------------------------------------------------------------


def peer_list(request):
    rows = list(peer_requests_for(request.user).order_by("answered_at", "-pk")[:100])
    return render(request, "performance/peer_list.html", {"rows": rows})


def peer_answer(request, pk):
    peer = get_object_or_404(peer_requests_for(request.user).select_related("reviewer"), pk=pk)
    policies.can_answer_peer(request.user, peer).enforce()
    form = PeerAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.peer_answer(
                peer=peer, by=request.user, rating=d["rating"], strengths=d["strengths"], improvements=d["improvements"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Thank you: your feedback is shown to the colleague only with others'."))
            return redirect("performance:peer_list")
    return render(request, "performance/peer_answer.html", {"peer": peer, "form": form})


# --- improvement plans ------------------------------------------------------------------------------------------


def plan_create(request, pk):
    sheet = _sheet(request.user, pk)
    policies.can_create_plan(request.user, sheet, low_grades=plan_grades()).enforce()
    head = sheet.department.head if sheet.department.head_id else None
    initial = {"owner": head.user_id if head and head.user_id else request.user.pk}
    form = PlanForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.plan_create(
                sheet=sheet,
                by=request.user,
                gap=d["gap"],
                actions=d["actions"],
                owner=d["owner"],
                due_date=d["due_date"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The improvement plan is saved."))
            return redirect("performance:plan_detail", sheet.pk)
    return render(
        request,
        "performance/sheet_form.html",
        {"sheet": sheet, "form": form, "title": _("Improvement plan (绩效改进计划)")},
    )


def _plan(request, pk) -> ImprovementPlan:
    sheet = _sheet(request.user, pk)
    policies.can_see_result(request.user, sheet).enforce()
    plan = get_object_or_404(ImprovementPlan.objects.select_related("owner", "created_by"), sheet=sheet)
    plan.sheet = sheet
    return plan


def plan_detail(request, pk):
    plan = _plan(request, pk)
    user = request.user
    form = None
    can_edit = policies.can_edit_plan(user, plan)
    if can_edit:
        form = PlanFollowUpForm(request.POST or None, instance=plan)
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                services.plan_update(
                    plan=plan,
                    by=user,
                    complete=d["complete"],
                    actions=d["actions"],
                    due_date=d["due_date"],
                    follow_up=d["follow_up"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("performance:plan_detail", plan.sheet_id)
    elif request.method == "POST":
        can_edit.enforce()
    return render(
        request,
        "performance/plan_detail.html",
        {"plan": plan, "sheet": plan.sheet, "form": form, "can_training": policies.can_plan_training(user, plan)},
    )


@require_POST
def plan_training(request, pk):
    plan = _plan(request, pk)
    policies.can_plan_training(request.user, plan).enforce()
    try:
        services.plan_to_training_need(plan, request.user)
    except PolicyDenied as exc:
        messages.info(request, exc.reason)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The gap is now a training need of the employee."))
    return redirect("performance:plan_detail", plan.sheet_id)


# --- templates --------------------------------------------------------------------------------------------------


def template_list(request):
    _team(request.user)
    qs = (
        templates_visible_to(request.user)
        .filter(is_current=True)
        .select_related("position__department")
        .annotate(n=Count("indicators"))
        .order_by("name")
    )
    page = IdPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "performance/template_list.html",
        {"page_obj": page, "can_manage": policies.can_manage_templates(request.user)},
    )


def template_detail(request, pk):
    _team(request.user)
    template = get_object_or_404(templates_visible_to(request.user).select_related("position", "created_by"), pk=pk)
    versions = list(
        KpiTemplate.objects.filter(position=template.position, category=template.category).order_by("-version")[:50]
    )
    return render(
        request,
        "performance/template_detail.html",
        {
            "template": template,
            "indicators": list(template.indicators.all()),
            "versions": versions,
            "can_manage": policies.can_manage_templates(request.user) and template.is_current,
        },
    )


def template_edit(request, pk=None):
    policies.can_manage_templates(request.user).enforce()
    previous = get_object_or_404(KpiTemplate, pk=pk, is_current=True) if pk else None
    initial_rows = []
    if previous is not None:
        initial_rows = list(
            previous.indicators.values("name", "definition", "unit", "rule", "target", "floor", "weight")
        )
    form = TemplateForm(
        request.POST or None, versioning=previous is not None, initial={"name": previous.name} if previous else None
    )
    formset = IndicatorFormSet(request.POST or None, initial=initial_rows or None, prefix="ind")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        rows = [
            IndicatorData(**{k: v for k, v in f.cleaned_data.items() if k != "DELETE"})
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        d = form.cleaned_data
        try:
            template = services.template_save(
                by=request.user,
                name=d["name"],
                indicators=rows,
                position=d.get("position"),
                category=d.get("category", ""),
                previous=previous,
                note=d.get("note", ""),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Template saved (version %(v)s).") % {"v": template.version})
            return redirect(template)
    return render(request, "performance/template_form.html", {"form": form, "formset": formset, "previous": previous})


# --- cycles -----------------------------------------------------------------------------------------------------


def cycle_list(request):
    _team(request.user)
    qs = Cycle.objects.annotate(n=Count("sheets")).order_by("-start_date", "-pk")
    page = IdPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "performance/cycle_list.html",
        {"page_obj": page, "can_manage": policies.can_manage_cycles(request.user)},
    )


def cycle_detail(request, pk):
    _team(request.user)
    cycle = get_object_or_404(Cycle.objects.select_related("opened_by", "created_by"), pk=pk)
    visible = sheets_visible_to(request.user).filter(cycle=cycle)
    counts = dict(visible.values_list("status").annotate(n=Count("pk")).order_by())
    statuses = [(value, label, counts.get(value, 0)) for value, label in SheetStatus.choices]
    return render(
        request,
        "performance/cycle_detail.html",
        {
            "cycle": cycle,
            "statuses": statuses,
            "total": sum(counts.values()),
            "departments": list(cycle.departments.all()),
            "positions": list(cycle.positions.select_related("department")),
            "can_edit": policies.can_edit_cycle(request.user, cycle),
            "can_open": policies.can_open_cycle(request.user, cycle),
            "can_close": policies.can_close_cycle(request.user, cycle),
            "can_export": policies.can_export(request.user),
        },
    )


def cycle_edit(request, pk=None):
    cycle = get_object_or_404(Cycle, pk=pk) if pk else Cycle()
    (policies.can_edit_cycle(request.user, cycle) if pk else policies.can_manage_cycles(request.user)).enforce()
    form = CycleForm(request.POST or None, instance=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            services.cycle_save(
                by=request.user,
                cycle=form.instance,
                departments=form.cleaned_data["departments"],
                positions=form.cleaned_data["positions"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Cycle saved."))
            return redirect(form.instance)
    return render(request, "performance/cycle_form.html", {"form": form, "cycle": cycle if pk else None})


@require_POST
def cycle_open(request, pk):
    cycle = get_object_or_404(Cycle, pk=pk)
    result = services.cycle_open(cycle=cycle, by=request.user)
    messages.success(request, _("%(n)s KPI sheets generated.") % {"n": result.created})
    if result.without_template:
        messages.warning(
            request,
            _("%(n)s employees in scope have no KPI template for their position or its category: no sheet.")
            % {"n": result.without_template},
        )
    return redirect(cycle)


@require_POST
def cycle_close(request, pk):
    cycle = get_object_or_404(Cycle, pk=pk)
    services.cycle_close(cycle=cycle, by=request.user)
    messages.success(request, _("Cycle closed."))
    return redirect(cycle)


def _summary(request, pk):
    policies.can_view_summary(request.user).enforce()
    cycle = get_object_or_404(Cycle, pk=pk)
    department = request.GET.get("department")
    department_id = int(department) if department and department.isdigit() else None
    data = grade_distribution(cycle, request.user, department_id)
    chart = Chart(
        kind="bar",
        title=_("Grade distribution"),
        labels=data["grades"],
        series=[Series(_("Sheets"), data["overall"]), Series(_("Forced distribution"), data["expected"], kind="line")],
    )
    return cycle, data, chart, department_id


def cycle_summary(request, pk):
    cycle, data, chart, department_id = _summary(request, pk)
    return render(
        request,
        "performance/cycle_summary.html",
        {
            "cycle": cycle,
            "data": data,
            "chart": chart,
            "department_id": department_id,
            "departments": list(summary_departments(request.user).values_list("pk", "name").order_by("path")),
        },
    )


def cycle_summary_pdf(request, pk):
    from .pdf import summary_pdf

    cycle, data, chart, department_id = _summary(request, pk)
    return summary_pdf(request, cycle, data, chart)


def cycle_export(request, pk):
    policies.can_export(request.user).enforce()
    cycle = get_object_or_404(Cycle, pk=pk)
    content, count = results_xlsx(cycle, request.user)
    access_log(by=request.user, access=Access.EXPORT, model=Sheet, count=count, detail=f"KPI {cycle.name}")
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="kpi-{cycle.pk}-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


# --- grade table ------------------------------------------------------------------------------------------------


def grade_table(request):
    _team(request.user)
    can_edit = policies.can_edit_grades(request.user)
    rows = list(GradeBand.objects.all())
    formset = None
    if can_edit:
        initial = [
            {"grade": b.grade, "min_score": b.min_score, "forced_share": b.forced_share, "needs_plan": b.needs_plan}
            for b in rows
        ]
        formset = GradeBandFormSet(request.POST or None, initial=initial, prefix="g")
        if request.method == "POST" and formset.is_valid():
            bands = [
                (
                    f.cleaned_data["grade"],
                    f.cleaned_data["min_score"],
                    f.cleaned_data["forced_share"],
                    f.cleaned_data["needs_plan"],
                )
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            try:
                services.grade_table_save(by=request.user, bands=bands)
            except ValidationError as exc:
                formset._non_form_errors = formset.error_class(exc.messages)
            else:
                messages.success(request, _("Grade table saved."))
                return redirect("performance:grade_table")
    elif request.method == "POST":
        can_edit.enforce()
    return render(request, "performance/grade_table.html", {"rows": rows, "formset": formset})
