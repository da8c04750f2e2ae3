"""My approvals inbox, the decision page, my requests (with withdraw) and my delegations."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.pickers import picker_view

from . import selectors, services
from .forms import DELEGATES, DecisionForm, DelegationForm, WithdrawForm
from .models import Delegation
from .registry import adapter_for

# The delegate picker's search (core.pickers): the people the user may hand their approvals to.
pick_delegates = picker_view(DELEGATES)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def inbox(request):
    """Steps waiting for me, or for someone whose delegate I am today; oldest first."""
    page = Paginator(selectors.pending_steps_for(request.user), 50).get_page(request.GET.get("page"))
    # The paginator counted exactly what the navbar badge counts (selectors.pending_count_for): reuse it.
    context = {"page_obj": page, "steps": page.object_list, "pending_approvals_count": page.paginator.count}
    return render(request, "approvals/inbox.html", context)


def decide(request, pk):
    """Approve / reject / return one step. Only its approver or their delegate reaches it (404 otherwise)."""
    step = get_object_or_404(selectors.pending_steps_for(request.user), pk=pk)
    approval = step.request
    form = DecisionForm(request.POST or None, step=step)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_decide(
                request=approval,
                by=request.user,
                decision=form.cleaned_data["decision"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        except PermissionDenied as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your decision was recorded."))
        return redirect("approvals:inbox")
    subject = approval.subject
    summary = adapter_for(approval.content_type.model_class()).summary(subject) if subject is not None else {}
    rows = [(label, value, isinstance(value, list | tuple)) for label, value in summary.items()]
    return render(
        request,
        "approvals/decide.html",
        {
            "step": step,
            "approval": approval,
            "summary": rows,
            "chain": selectors.chain_entries(approval),
            "form": form,
            "delegated_from": step.assigned_to if step.assigned_to_id != request.user.pk else None,
        },
    )


def my_requests(request):
    page = Paginator(selectors.requests_of(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "approvals/my_requests.html", {"page_obj": page, "requests": page.object_list})


def request_detail(request, pk):
    approval = get_object_or_404(selectors.requests_visible_to(request.user), pk=pk)
    return render(
        request,
        "approvals/request_detail.html",
        {
            "approval": approval,
            "chain": selectors.chain_entries(approval),
            "can_withdraw": approval.applicant_id == request.user.pk and approval.is_open,
            "withdraw_form": WithdrawForm(),
        },
    )


@require_POST
def withdraw(request, pk):
    approval = get_object_or_404(selectors.requests_of(request.user), pk=pk)
    form = WithdrawForm(request.POST)
    form.is_valid()
    try:
        services.request_withdraw(request=approval, by=request.user, comment=form.cleaned_data.get("comment", ""))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The request was withdrawn."))
    return redirect("approvals:request_detail", pk=approval.pk)


def delegations(request):
    """My delegations: who approves for me while I am away, and for whom I approve."""
    form = DelegationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.delegation_create(
                from_user=request.user,
                to_user=data["to_user"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                comment=data["comment"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Delegation saved."))
            return redirect("approvals:delegations")
    return render(
        request,
        "approvals/delegations.html",
        {
            "form": form,
            "given": Delegation.objects.filter(from_user=request.user).select_related("to_user"),
            "received": Delegation.objects.filter(to_user=request.user).select_related("from_user"),
        },
    )


@require_POST
def delegation_end(request, pk):
    delegation = get_object_or_404(Delegation, pk=pk, from_user=request.user)
    services.delegation_delete(delegation=delegation, by=request.user)
    messages.success(request, _("Delegation removed."))
    return redirect("approvals:delegations")
