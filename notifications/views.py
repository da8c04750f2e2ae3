from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import EmailPreferencesForm

PAGE_SIZE = 20


def inbox(request):
    unread_only = request.GET.get("filter") == "unread"
    page_obj = Paginator(selectors.notifications_for(request.user, unread_only=unread_only), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"page_obj": page_obj, "notifications": page_obj.object_list, "unread_only": unread_only}
    if unread_only:
        # The Unread tab's paginator counted what the navbar badge counts (selectors.unread_count_for): reuse it.
        context["unread_notifications_count"] = page_obj.paginator.count
    return render(request, "notifications/notification_list.html", context)


def notification_open(request, pk):
    """Follow a notification's link, marking it read; only links into this site are followed."""
    notification = get_object_or_404(selectors.notifications_for(request.user), pk=pk)
    services.notification_mark_read(notification=notification)
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.url)
    return redirect("notifications:inbox")


@require_POST
def notification_mark_read(request, pk):
    notification = get_object_or_404(selectors.notifications_for(request.user), pk=pk)
    services.notification_mark_read(notification=notification)
    if request.htmx:
        return render(
            request,
            "notifications/partials/notification_read.html",
            {"notification": notification, "unread_count": selectors.unread_count_for(request.user)},
        )
    return redirect(_back_to_inbox(request))


@require_POST
def notifications_mark_all_read(request):
    count = services.notifications_mark_all_read(user=request.user)
    messages.success(
        request,
        ngettext("%(count)d notification marked read.", "%(count)d notifications marked read.", count)
        % {"count": count},
    )
    return redirect(_back_to_inbox(request))


def email_preferences(request):
    if request.method == "POST":
        form = EmailPreferencesForm(request.POST)
        if form.is_valid():
            services.email_preferences_set(user=request.user, email_kinds=form.cleaned_data["email_kinds"])
            messages.success(request, _("Your e-mail preferences were saved."))
            return redirect("notifications:preferences")
    else:
        form = EmailPreferencesForm()
        opted_out = selectors.email_opt_outs_for(request.user)
        form.initial["email_kinds"] = [
            code for code, _label in form.fields["email_kinds"].choices if code not in opted_out
        ]
    return render(request, "notifications/notification_preferences.html", {"form": form})


def _back_to_inbox(request) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("notifications:inbox")
