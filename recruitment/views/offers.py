"""The offer: HR drafts the terms, sends them into hire approval (录用审批), and records the candidate's answer.
Accepting creates the employee."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import require_hr
from core.forms import apply_errors
from employees.labour_law import default_probation_months

from .. import policies, services
from ..forms import CommentForm, OfferForm, OfferSubmitForm, ReasonForm
from ..models import Offer
from ..selectors import current_job_description
from .applications import visible_application


def _default_conditions(application) -> str:
    """录用条件 start from the job description the requisition was approved with (nothing typed twice)."""
    requisition = application.requisition
    jd = requisition.job_description or current_job_description(requisition.position)
    lines = []
    if jd is not None:
        lines += [f"- {duty}" for duty in jd.duty_list]
        if jd.education:
            lines.append(f"- {jd.education}")
        if jd.skills:
            lines.append(f"- {jd.skills}")
    if requisition.requirements:
        lines.append(requisition.requirements)
    return "\n".join(lines)


def offer_edit(request, pk):
    """Draft the offer (or change a draft / returned one)."""
    # The offer holds the salary (secret HR data): HR without clearance does not learn whether there is one.
    require_hr(request.user, secret=True)
    application = visible_application(request, pk)
    offer = Offer.objects.filter(application=application).first()
    if offer is None:
        policies.can_draft_offer(request.user, application).enforce()
        candidate = application.candidate
        initial = {
            "start_date": application.requisition.desired_start_date,
            "salary": candidate.expected_salary,
            "conditions": _default_conditions(application),
            # The company's probation for the kind of post; the form's checks add the legal cap of the term.
            "probation_months": default_probation_months(application.requisition.position.category),
        }
        form = OfferForm(request.POST or None, initial=initial)
    else:
        policies.can_edit_offer(request.user, offer).enforce()
        form = OfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        try:
            if offer is None:
                offer = services.offer_create(
                    application=application,
                    by=request.user,
                    id_number=form.cleaned_data["id_number"],
                    **form.service_fields(),
                )
            else:
                services.offer_update(
                    offer=offer, by=request.user, id_number=form.cleaned_data["id_number"], **form.service_fields()
                )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Offer saved. Send it into hire approval when ready."))
            return redirect(application)
    return render(
        request,
        "recruitment/offer_form.html",
        {"form": form, "application": application, "offer": offer, "today": timezone.localdate()},
    )


POLICY_OF_ACTION = {
    "submit": policies.can_submit_offer,
    "withdraw": policies.can_withdraw_offer,
    "accept": policies.can_accept_offer,
    "decline": policies.can_decline_offer,
}


def _offer_action(request, pk, action):
    application = visible_application(request, pk)
    offer = get_object_or_404(Offer, application=application)
    POLICY_OF_ACTION[action](request.user, offer).enforce()
    try:
        if action == "submit":
            form = OfferSubmitForm(request.POST)
            form.is_valid()
            services.offer_submit(
                offer=offer,
                by=request.user,
                comment=form.cleaned_data.get("comment", ""),
                skip_reason=form.cleaned_data.get("skip_reason", ""),
            )
            messages.success(request, _("Sent into hire approval."))
        elif action == "withdraw":
            form = CommentForm(request.POST)
            form.is_valid()
            services.offer_withdraw(offer=offer, by=request.user, comment=form.cleaned_data.get("comment", ""))
            messages.success(request, _("Hire approval withdrawn; the offer is a draft again."))
        elif action == "accept":
            offer = services.offer_accept(offer=offer, by=request.user)
            messages.success(
                request, _("Offer accepted: %(employee)s was created (onboarding).") % {"employee": offer.employee}
            )
        elif action == "decline":
            form = ReasonForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Please give the candidate's reason."))
            services.offer_decline(offer=offer, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Offer declined; the application is closed."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(application)


@require_POST
def offer_submit(request, pk):
    return _offer_action(request, pk, "submit")


@require_POST
def offer_withdraw(request, pk):
    return _offer_action(request, pk, "withdraw")


@require_POST
def offer_accept(request, pk):
    return _offer_action(request, pk, "accept")


@require_POST
def offer_decline(request, pk):
    return _offer_action(request, pk, "decline")
