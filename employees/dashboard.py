"""Home-page cards about people: headcount for every reader, contract follow-ups for cleared HR."""

import datetime

from django.db.models import Exists, OuterRef, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.dashboard import Card, count_and_rows, register
from org.selectors import positions_visible_to

from .labour_law import (
    agency_share,
    agency_share_warning,
    open_ended_entitlement,
    written_contract_deadline,
    written_contract_overdue_before,
)
from .models import ContractType, EmploymentType, LabourContract, ProtectedPeriod
from .selectors import employees_visible_to, with_contract_flags, with_fixed_terms, without_signed_contract

CONTRACT_EXPIRY_WINDOW_DAYS = 60


@register
def people_cards(user) -> list[Card]:
    if not (user.sees_all_departments or user.has_role("dept_head", "dept_manager")):
        return []
    people = employees_visible_to(user).active()
    list_url = reverse("employees:employee_list")
    # Company-wide readers see the agency-worker share (art. 66) too: it comes with the headcount, one query.
    share = agency_share(people) if user.sees_all_departments else None
    cards = [
        Card(
            title=_("Headcount (filled / authorised)"),
            count=share.headcount if share else people.count(),
            url=reverse("org:position_list"),
            items=[(_("Authorised posts: %(n)s") % {"n": _authorised(user)}, reverse("org:position_list"))],
        )
    ]
    if share is not None:
        warning = agency_share_warning(share)
        cards.append(
            Card(
                title=_("Agency workers (劳务派遣), limit 10 %"),
                count=share.agency,
                url=f"{list_url}?{urlencode({'employment_type': EmploymentType.AGENCY, 'status': 'active'})}",
                items=[
                    (warning or _("%(percent)s %% of the workforce (LCL art. 66)") % {"percent": share.percent}, "")
                ],
                tone="danger" if warning else "success",
            )
        )
    if user.sees_secret_hr_data:
        today = timezone.localdate()
        # Oldest start first: the people nearest to (or past) the one-month deadline (LCL arts. 10, 82).
        pending, rows = count_and_rows(
            without_signed_contract(with_contract_flags(people)).order_by("hire_date", "number")
        )
        overdue_before = written_contract_overdue_before(today)
        cards.append(
            Card(
                title=_("Labour contracts missing or not signed"),
                count=pending,
                url=f"{list_url}?contract=pending",
                items=[
                    (
                        f"{e.name} · "
                        + (_("overdue since %(day)s") if e.hire_date < overdue_before else _("due by %(day)s"))
                        % {"day": f"{written_contract_deadline(e.hire_date):%Y-%m-%d}"},
                        e.get_absolute_url(),
                    )
                    for e in rows
                ],
                tone="danger"
                if any(e.hire_date < overdue_before for e in rows)
                else ("warning" if pending else "success"),
            )
        )
        renewed = LabourContract.objects.filter(renews=OuterRef("pk"))
        expiring = (
            with_fixed_terms(LabourContract.objects.all())
            .filter(
                employee__in=people,
                contract_type=ContractType.FIXED,
                end_date__gte=today,
                end_date__lte=today + datetime.timedelta(days=CONTRACT_EXPIRY_WINDOW_DAYS),
            )
            .exclude(Exists(renewed))
            # A protected period (LCL art. 42) covering the end date: the contract is to be extended.
            .annotate(
                protected=Exists(
                    ProtectedPeriod.objects.filter(employee=OuterRef("employee")).covering(OuterRef("end_date"))
                )
            )
            .select_related("employee")
            .order_by("end_date")
        )
        count, rows = count_and_rows(expiring)
        notes = {
            "protected": _("protected (art. 42): extend"),
            "not_renewed": _("not renewed"),
            "open_ended": _("open-ended due (art. 14)"),
        }
        cards.append(
            Card(
                title=_("Labour contracts ending within %(days)s days") % {"days": CONTRACT_EXPIRY_WINDOW_DAYS},
                count=count,
                items=[
                    (
                        f"{c.employee.name} · {c.end_date:%Y-%m-%d}"
                        + (f" · {notes['protected']}" if c.protected else "")
                        + (
                            f" · {notes['open_ended']}"
                            if open_ended_entitlement(
                                hire_date=c.employee.hire_date, on=c.end_date, fixed_terms=c.fixed_terms
                            )
                            else ""
                        )
                        + (f" · {notes['not_renewed']}" if c.not_renewed_on else ""),
                        c.employee.get_absolute_url(),
                    )
                    for c in rows
                ],
                tone="warning",
            )
        )
    return cards


def _authorised(user) -> int:
    total = positions_visible_to(user).filter(is_active=True).aggregate(n=Sum("authorised_headcount"))["n"]
    return total or 0
