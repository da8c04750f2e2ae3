"""My approvals inbox, the decision page, my requests (with withdraw) and my delegations."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.pickers import picker_view

from . import policies, selectors, services
from .forms import DELEGATES, DecisionForm, DelegationForm, WithdrawForm
from .models import Delegation

# The delegate picker's search (core.pickers): the people the user may hand their approvals to.
pick_delegates = picker_view(DELEGATES)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def inbox(request):
    """Steps waiting for me, or for someone whose delegate I am today; oldest first. Each row asks the policy
    whether I may decide it (a delegate no longer qualified sees why instead of the button)."""
    page = Paginator(selectors.pending_steps_for(request.user), 50).get_page(request.GET.get("page"))
    delegators = policies.delegators_of(request.user)
    rows = [(step, policies.can_decide(request.user, step, delegators=delegators)) for step in page.object_list]
    # The paginator counted exactly what the navbar badge counts (selectors.pending_count_for): reuse it.
    context = {
        "page_obj": page,
        "steps": page.object_list,
        "rows": rows,
        "pending_approvals_count": page.paginator.count,
    }
    return render(request, "approvals/inbox.html", context)


def decide(request, pk):
    """Approve / reject / return one step: 404 outside the requests I may see, 403 (with the reason) when the
    policy says I may not decide it."""
    step = get_object_or_404(selectors.steps_visible_to(request.user), pk=pk)
    approval = step.request
    acting = policies.can_decide(request.user, step)
    acting.enforce()
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
        else:
            messages.success(request, _("Your decision was recorded."))
        return redirect("approvals:inbox")
    return render(
        request,
        "approvals/decide.html",
        {
            "step": step,
            "approval": approval,
            "summary": selectors.decision_context(approval, request.user),
            "chain": selectors.chain_entries(approval),
            "form": form,
            "delegated_from": acting.on_behalf_of,
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
            "summary": selectors.decision_context(approval, request.user),
            "can_withdraw": policies.can_withdraw(request.user, approval),
            "withdraw_form": WithdrawForm(),
        },
    )


@require_POST
def withdraw(request, pk):
    approval = get_object_or_404(selectors.requests_visible_to(request.user), pk=pk)
    policies.can_withdraw(request.user, approval).enforce()
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
    policies.can_end_delegation(request.user, delegation).enforce()
    services.delegation_delete(delegation=delegation, by=request.user)
    messages.success(request, _("Delegation removed."))
    return redirect("approvals:delegations")
