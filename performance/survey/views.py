"""Pages of the satisfaction survey. Thin: a policy check, a form, one service call, a message, a redirect."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from audit.services import Access, access_log
from core.forms import apply_errors
from core.policy import PolicyDenied

from . import policies, services
from .forms import AnswerForm, QuestionFormSet, ReportForm, SurveyForm, TemplateForm
from .models import MIN_GROUP, Invitation, Survey, SurveyStatus, SurveyTemplate
from .pdf import REPORT_TITLE, render_report
from .selectors import invitation_for, open_invitations, results_for, surveys_visible_to

PAGE_SIZE = 25


def _survey(request, pk) -> Survey:
    return get_object_or_404(surveys_visible_to(request.user).select_related("template"), pk=pk)


@require_GET
def survey_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    qs = surveys_visible_to(user).select_related("template").order_by("-year", "-start_date", "-pk")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    answered = set()
    if not policies.sees_all_results(user):
        answered = set(
            Invitation.objects.filter(employee__user=user, answered=True, survey__in=[s.pk for s in page]).values_list(
                "survey_id", flat=True
            )
        )
    return render(
        request,
        "survey/survey_list.html",
        {
            "page_obj": page,
            "to_answer": list(open_invitations(user).order_by("survey__end_date")),
            "answered": answered,
            "manages": bool(policies.can_manage_survey(user)),
            "sees_all": policies.sees_all_results(user),
        },
    )


# --- templates ---------------------------------------------------------------------------------------------


@require_GET
def template_list(request: HttpRequest) -> HttpResponse:
    policies.can_manage_templates(request.user).enforce()
    templates = SurveyTemplate.objects.annotate(n=Count("questions")).order_by("name", "pk")
    return render(request, "survey/template_list.html", {"templates": templates})


def template_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    policies.can_manage_templates(request.user).enforce()
    template = get_object_or_404(SurveyTemplate, pk=pk) if pk else None
    form = TemplateForm(request.POST or None, instance=template)
    formset = QuestionFormSet(request.POST or None, instance=template or SurveyTemplate(), prefix="questions")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            template = services.template_save(by=request.user, form=form, formset=formset)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Template saved (version %(v)d).") % {"v": template.version})
            return redirect("survey:template_list")
    return render(request, "survey/template_form.html", {"form": form, "formset": formset, "template": template})


# --- a run -------------------------------------------------------------------------------------------------


def survey_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if pk:
        survey = _survey(request, pk)
        policies.can_edit_survey(request.user, survey).enforce()
    else:
        policies.can_manage_survey(request.user).enforce()
        survey = Survey(created_by=request.user)
    form = SurveyForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        survey = form.save()
        messages.success(request, _("Survey saved as a draft. Open it to invite the employees."))
        return redirect(survey)
    return render(request, "survey/survey_form.html", {"form": form, "survey": survey if pk else None})


@require_GET
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    user = request.user
    if not policies.can_view_participation(user, survey):
        if policies.can_view_results(user, survey):
            return redirect("survey:results", survey.pk)
        return redirect("survey:answer", survey.pk)
    rows = services.participation(survey)
    invited = sum(r["invited"] for r in rows)
    answered = sum(r["answered"] for r in rows)
    return render(
        request,
        "survey/survey_detail.html",
        {
            "survey": survey,
            "rows": rows,
            "invited": invited,
            "answered": answered,
            "questions": list(survey.questions.all()) if survey.status != SurveyStatus.DRAFT else [],
            "template_questions": list(survey.template.questions.all()) if survey.status == SurveyStatus.DRAFT else [],
            "can_edit": policies.can_edit_survey(user, survey),
            "can_open": policies.can_open(user, survey),
            "can_close": policies.can_close(user, survey),
            "can_publish": policies.can_publish(user, survey),
            "can_report": policies.can_write_report(user, survey),
        },
    )


def _transition(request, pk, action, done):
    """Open, close or publish. Who may is checked first (403); a state that changed meanwhile (a second click,
    a colleague) is a message on the survey's page, not an error page."""
    survey = _survey(request, pk)
    policies.can_manage_survey(request.user).enforce()
    try:
        action(survey=survey, by=request.user)
    except PolicyDenied as denial:
        messages.error(request, denial.reason)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(survey)


@require_POST
def survey_open(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, services.survey_open, _("Survey opened: the employees are invited."))


@require_POST
def survey_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, services.survey_close, _("Survey closed: the results are ready."))


@require_POST
def survey_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, services.survey_publish, _("Summary published to the employees."))


def answer(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    invitation = invitation_for(request.user, survey)
    verdict = policies.can_answer(request.user, survey, invitation)
    if not verdict:
        return render(request, "survey/answer_closed.html", {"survey": survey, "reason": verdict.reason}, status=403)
    form = AnswerForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_answer(survey=survey, user=request.user, answers=form.answers())
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                apply_errors(form, error)
            else:
                messages.error(request, error.messages[0])
                return redirect("survey:list")
        else:
            # The message names no answer; the page the user lands on shows none either.
            messages.success(request, _("Thank you: your answers are stored anonymously."))
            return redirect("survey:list")
    return render(request, "survey/answer_form.html", {"survey": survey, "form": form, "min_group": MIN_GROUP})


def _results_context(request, survey: Survey) -> dict:
    return {"survey": survey, "results": results_for(request.user, survey), "min_group": MIN_GROUP}


@require_GET
def results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    policies.can_view_results(request.user, survey).enforce()
    context = _results_context(request, survey)
    context["can_report"] = policies.can_write_report(request.user, survey)
    context["can_publish"] = policies.can_publish(request.user, survey)
    access_log(by=request.user, access=Access.VIEW, obj=survey, detail=REPORT_TITLE)
    return render(request, "survey/results.html", context)


def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    policies.can_write_report(request.user, survey).enforce()
    form = ReportForm(request.POST or None, instance=Survey.objects.get(pk=survey.pk))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            services.survey_report_update(
                survey=survey,
                by=request.user,
                conclusions=form.cleaned_data["conclusions"],
                actions=form.cleaned_data["actions"],
            )
        messages.success(request, _("Conclusions and actions saved."))
        return redirect("survey:results", survey.pk)
    return render(request, "survey/report_form.html", {"survey": survey, "form": form})


@require_GET
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    policies.can_view_results(request.user, survey).enforce()
    return render_report(request, survey, _results_context(request, survey))
