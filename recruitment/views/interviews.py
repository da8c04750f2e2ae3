"""Interviews: HR schedules a round; each interviewer fills in the round's evaluation (面试评价表)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.access import require_hr
from core.forms import apply_errors
from printing.render import content_disposition

from .. import policies, services
from ..forms import EvaluationForm, InterviewForm, ReasonForm
from ..models import Interview
from ..selectors import applications_visible_to, next_round, proposed_interviewers
from .applications import visible_application


def _visible_interview(request, pk) -> Interview:
    return get_object_or_404(
        Interview.objects.filter(application__in=applications_visible_to(request.user)).select_related(
            "application__candidate", "application__requisition__position"
        ),
        pk=pk,
    )


def interview_create(request, pk):
    require_hr(request.user)
    application = visible_application(request, pk)
    policies.can_schedule_interview(request.user, application).enforce()
    round = next_round(application)
    initial = {"round": round, "duration_minutes": 60, "interviewers": proposed_interviewers(round, request.user)}
    form = InterviewForm(request.POST or None, initial=initial, application=application, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.interview_schedule(application=application, by=request.user, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Interview scheduled; the interviewers and the candidate were notified."))
            return redirect(application)
    return render(request, "recruitment/interview_form.html", {"form": form, "application": application})


@require_POST
def interview_cancel(request, pk):
    interview = _visible_interview(request, pk)
    policies.can_cancel_interview(request.user, interview).enforce()
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.interview_cancel(interview=interview, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Interview cancelled; the interviewers and the candidate were told."))
    else:
        messages.error(request, _("Please give the reason."))
    return redirect(interview.application)


def evaluation_create(request, pk):
    """The interviewer's evaluation of this round (one each)."""
    interview = _visible_interview(request, pk)
    policies.can_evaluate_interview(request.user, interview).enforce()
    form = EvaluationForm(request.POST or None, interview=interview)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit(interview=interview, evaluator=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Evaluation saved."))
            return redirect(interview.application)
    return render(
        request,
        "recruitment/evaluation_form.html",
        {"form": form, "interview": interview, "application": interview.application},
    )


@require_GET
def interview_ics(request, pk):
    """The calendar file of an interview, for anyone who may see the application."""
    interview = _visible_interview(request, pk)
    cancelled = interview.status == Interview.Status.CANCELLED
    response = HttpResponse(services.interview_ics(interview, cancelled=cancelled), content_type="text/calendar")
    response["Content-Disposition"] = content_disposition(f"interview-{interview.pk}.ics", inline=False)
    return response
