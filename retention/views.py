from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import policies, selectors, services
from .models import RetentionPolicy

PAGE_SIZE = 50


def overview(request):
    policies.can_review(request.user).enforce()
    today = timezone.localdate()
    return render(
        request,
        "retention/retention_overview.html",
        {"rows": selectors.due_overview(today), "confirmations": selectors.recent_confirmations()},
    )


def review(request, record_type):
    policies.can_review(request.user).enforce()
    policy = get_object_or_404(RetentionPolicy, record_type=record_type)
    today = timezone.localdate()
    due = selectors.due_for(policy, today)
    page_obj = Paginator(due.queryset(today), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(obj.pk, due.records.cells(obj)) for obj in page_obj.object_list]
    return render(
        request,
        "retention/retention_review.html",
        {
            "policy": policy,
            "due": due,
            "page_obj": page_obj,
            "rows": rows,
            "can_confirm": policies.can_confirm(request.user, policy),
        },
    )


@require_POST
def confirm(request, record_type):
    policy = get_object_or_404(RetentionPolicy, record_type=record_type)
    policies.can_confirm(request.user, policy).enforce()
    ids = None
    if request.POST.get("scope") != "all":
        ids = [int(pk) for pk in request.POST.getlist("ids") if pk.isdigit()]
    try:
        count = services.retention_confirm(policy=policy, by=request.user, ids=ids)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(type)s: %(n)s records %(action)s.")
            % {"type": policy.name, "n": count, "action": policy.get_action_display()},
        )
    return redirect("retention:review", record_type=policy.record_type)
