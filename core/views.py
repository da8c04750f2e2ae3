from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from core.dashboard import cards_for
from core.search import search_everything
from employees.selectors import employee_for_user


def home(request):
    """Home page per role: the cards every module registers, plus the user's own record."""
    return render(
        request,
        "core/home.html",
        {"cards": cards_for(request.user), "me": employee_for_user(request.user)},
    )


@require_GET
def search(request):
    text = request.GET.get("q", "")
    groups = search_everything(request.user, text)
    return render(request, "core/search.html", {"q": text, "groups": groups, "found": any(g.results for g in groups)})


@login_not_required
@require_POST
def set_language(request):
    """Django's language switch, and the choice remembered on the user for their next session."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and translation.check_for_language(language):
        get_user_model().objects.filter(pk=request.user.pk).update(language=language)
    return response
