"""Home-page cards of onboarding for HR and department heads (their subtree only)."""

import datetime

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core import roles
from core.dashboard import Card, count_and_rows, register
from employees.labour_law import CONTRACT_FIRST_REMINDER_DAYS
from employees.models import NO_LABOUR_CONTRACT_TYPES, EmployeeStatus, LabourContract

from .models import OPEN_PROBATION, OnboardingCase, ProbationStatus
from .selectors import cases_visible_to

ENDING_WINDOW_DAYS = 14
LAPSE_WINDOW_DAYS = 90


def _card(qs, label, *, title: str, url: str, tone: str = "") -> Card:
    """The card's count and its first rows, read in one query; without a tone, red when anything is listed."""
    count, cases = count_and_rows(qs)
    items = [(label(case), case.get_absolute_url()) for case in cases]
    return Card(title=title, url=url, count=count, items=items, tone=tone or ("danger" if count else "success"))


@register
def onboarding_cards(user) -> list[Card]:
    if not (user.is_hr or user.has_role(roles.DEPT_HEAD)):
        return []
    cases = cases_visible_to(user).select_related("employee")
    today = timezone.localdate()
    list_url = reverse("onboarding:case_list")
    ending = cases.filter(
        probation_status__in=OPEN_PROBATION,
        probation_end__gte=today,
        probation_end__lte=today + datetime.timedelta(days=ENDING_WINDOW_DAYS),
    ).order_by("probation_end")
    lapsed = cases.filter(
        probation_status=ProbationStatus.LAPSED,
        regular_from__gte=today - datetime.timedelta(days=LAPSE_WINDOW_DAYS),
    ).order_by("-regular_from")
    signed = LabourContract.objects.filter(employee=OuterRef("employee_id"), signed_on__isnull=False)
    unsigned = (
        cases.filter(start_date__lte=today - datetime.timedelta(days=CONTRACT_FIRST_REMINDER_DAYS))
        .exclude(employee__status=EmployeeStatus.SEPARATED)
        .exclude(employee__employment_type__in=NO_LABOUR_CONTRACT_TYPES)
        .exclude(Exists(signed))
        .order_by("start_date")
    )
    incomplete = cases.filter(status=OnboardingCase.Status.IN_PROGRESS).order_by("start_date")
    return [
        _card(
            ending,
            lambda c: f"{c.employee.name} · {c.probation_end:%Y-%m-%d}",
            title=_("Probations ending in the next %(days)s days") % {"days": ENDING_WINDOW_DAYS},
            url=f"{list_url}?{urlencode({'ending': 1})}",
            tone="warning",
        ),
        _card(
            lapsed,
            lambda c: f"{c.employee.name} · {c.regular_from:%Y-%m-%d}",
            title=_("Regular by lapse of probation (last %(days)s days)") % {"days": LAPSE_WINDOW_DAYS},
            url=f"{list_url}?{urlencode({'probation': ProbationStatus.LAPSED})}",
        ),
        _card(
            unsigned,
            lambda c: f"{c.employee.name} · {c.start_date:%Y-%m-%d}",
            title=_("Labour contracts unsigned after %(days)s days") % {"days": CONTRACT_FIRST_REMINDER_DAYS},
            url=f"{list_url}?{urlencode({'contract': 'unsigned'})}",
        ),
        _card(
            incomplete,
            lambda c: f"{c.employee.name} · {c.start_date:%Y-%m-%d}",
            title=_("Onboarding not complete"),
            url=f"{list_url}?{urlencode({'status': OnboardingCase.Status.IN_PROGRESS})}",
            tone="primary",
        ),
    ]
