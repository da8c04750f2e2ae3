from django.shortcuts import render

from core.dashboard import cards_for
from employees.selectors import employee_for_user


def home(request):
    """Home page per role: the cards every module registers, plus the user's own record."""
    return render(
        request,
        "core/home.html",
        {"cards": cards_for(request.user), "me": employee_for_user(request.user)},
    )
