"""Applications: the filtered list, the pipeline board per requisition (moves by POST, htmx-friendly),
and the application page with interviews, evaluations, the offer and the history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from approvals.selectors import chain_for
from core.access import require_hr
from core.forms import apply_errors
from core.pagination import IdPaginator

from .. import policies, services
from ..forms import ApplicationCreateForm, ApplicationFilterForm, MoveForm, OfferSubmitForm, ReasonForm
from ..models import Evaluation, Offer, Requisition, Stage
from ..selectors import applicable_stages, applications_visible_to, board_columns, requisitions_visible_to
from ..services.applications import next_stage
from ._access import is_htmx, require_recruitment_user


def visible_application(request, pk):
    return get_object_or_404(
        applications_visible_to(request.user).select_related(
            "candidate", "requisition__position", "requisition__department"
        ),
        pk=pk,
    )


@require_GET
def application_list(request):
    require_recruitment_user(request.user)
    form = ApplicationFilterForm(request.GET or None, user=request.user)
    qs = (
        applications_visible_to(request.user)
        .select_related("candidate", "requisition__position", "requisition__department")
        .order_by("-stage_changed_at", "-pk")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = qs.filter(candidate__name__icontains=data["q"])
        if data["stage"]:
            qs = qs.filter(stage=data["stage"])
        if data["requisition"]:
            qs = qs.filter(requisition=data["requisition"])
        if data["department"]:
            qs = qs.filter(requisition__department__path__startswith=data["department"].path)
        if data["channel"]:
            qs = qs.filter(candidate__source_channel=data["channel"])
    page = IdPaginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "recruitment/application_list.html",
        {"form": form, "page_obj": page, "applications": page.object_list, "can_create": request.user.is_hr},
    )


def application_create(request):
    require_hr(request.user)
    initial = {"applied_on": timezone.localdate()}
    for key in ("candidate", "requisition"):
        if request.GET.get(key, "").isdigit():
            initial[key] = int(request.GET[key])
    form = ApplicationCreateForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Application recorded."))
            return redirect(application)
    return render(request, "recruitment/application_form.html", {"form": form})


def _board_context(request, requisition: Requisition) -> dict:
    columns = board_columns(requisition)
    for column in columns:
        for application in column["applications"]:
            application.can_move = policies.can_move_application(request.user, application)
    return {
        "requisition": requisition,
        "columns": columns,
        "can_add_application": policies.can_add_application(request.user, requisition),
    }


@require_GET
def requisition_board(request, pk):
    """The pipeline board: one column per applicable stage, a card per application."""
    requisition = get_object_or_404(
        requisitions_visible_to(request.user).select_related("position", "department"), pk=pk
    )
    return render(request, "recruitment/board.html", _board_context(request, requisition))


@require_POST
def application_move(request, pk):
    """Move a card (HR). htmx gets the board back; a plain form post is redirected."""
    application = visible_application(request, pk)
    form = MoveForm(request.POST)
    policies.can_move_application_to(request.user, application, form.data.get("to_stage")).enforce()
    error_messages = []
    if form.is_valid():
        try:
            services.application_move(
                application=application,
                to_stage=form.cleaned_data["to_stage"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            error_messages = error.messages
    else:
        error_messages = [_("Choose a stage.")]
    return _after_move(request, application, error_messages, _("Moved."))


@require_POST
def application_advance(request, pk):
    application = visible_application(request, pk)
    policies.can_move_application(request.user, application).enforce()
    error_messages = []
    try:
        services.application_advance(application=application, by=request.user)
    except ValidationError as error:
        error_messages = error.messages
    return _after_move(request, application, error_messages, _("Moved to the next stage."))


def _after_move(request, application, error_messages, success):
    if is_htmx(request) and request.POST.get("from") == "board":
        requisition = Requisition.objects.select_related("position", "department").get(pk=application.requisition_id)
        context = _board_context(request, requisition)
        context["board_errors"] = error_messages
        context["moved_id"] = application.pk
        return render(request, "recruitment/partials/board.html", context)
    for message in error_messages:
        messages.error(request, message)
    if not error_messages:
        messages.success(request, success)
    if request.POST.get("from") == "board":
        return redirect("recruitment:requisition_board", pk=application.requisition_id)
    return redirect(application)


@require_GET
def application_detail(request, pk):
    application = visible_application(request, pk)
    user = request.user
    interviews = list(
        application.interviews.prefetch_related(
            "interviewers",
            Prefetch("evaluations", queryset=Evaluation.objects.select_related("evaluator", "interview")),
        ).order_by("scheduled_at")
    )
    for interview in interviews:
        interview.can_evaluate = policies.can_evaluate_interview(user, interview)
        interview.taken_place = policies.interview_has_taken_place(interview)
        interview.can_cancel = policies.can_cancel_interview(user, interview)
    offer = Offer.objects.filter(application=application).first()
    stages = applicable_stages(application.requisition.position)
    can_move = policies.can_move_application(user, application)
    proposed = next_stage(application) if can_move else None
    context = {
        "application": application,
        "candidate": application.candidate,
        "requisition": application.requisition,
        "interviews": interviews,
        "offer": offer,
        "offer_chain": chain_for(offer) if offer else [],
        "events": application.events.select_related("actor"),
        "stages": [(stage, Stage(stage).label) for stage in stages],
        "next_stage": proposed,
        "can_close": policies.can_close_application(user, application),
        "move_form": MoveForm(initial={"to_stage": proposed or ""}),
        "reason_form": ReasonForm(),
        "submit_form": OfferSubmitForm(),
        "can_schedule": policies.can_schedule_interview(user, application),
        "can_offer": offer is None and policies.can_draft_offer(user, application),
        "can_edit_offer": offer is not None and policies.can_edit_offer(user, offer),
        "can_withdraw_offer": offer is not None and policies.can_withdraw_offer(user, offer),
        "can_submit_offer": offer is not None and policies.can_submit_offer(user, offer),
        "can_send_offer": offer is not None and policies.can_send_offer(user, offer),
        "can_answer_offer": offer is not None and policies.can_accept_offer(user, offer),
    }
    return render(request, "recruitment/application_detail.html", context)
