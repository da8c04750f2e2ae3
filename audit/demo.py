"""Demo entries of the audit trail: seed_demo's own saves are audited already (created and changed records);
this adds what people did with secret data — the HR manager printed an offer letter and a salary slip, HR exported
the employee list — so the audit page shows every kind of entry. Added once."""

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model

from employees.models import Employee
from onboarding.models import Conversion
from recruitment.models import Offer

from .services import Access, access_log


def seed(*, stdout=None) -> None:
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["hr", "hr_manager"])}
    if len(users) < 2 or LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=users["hr_manager"]).exists():
        return
    offer = Offer.objects.order_by("pk").first()
    if offer is not None:
        access_log(by=users["hr_manager"], access=Access.PRINT, obj=offer, detail="录用通知书")
    conversion = Conversion.objects.order_by("pk").first()
    if conversion is not None:
        access_log(by=users["hr_manager"], access=Access.PRINT, obj=conversion, detail="调薪单")
    count = Employee.objects.count()
    access_log(by=users["hr"], access=Access.EXPORT, model=Employee, count=count, detail="number, name, department")
    if stdout is not None:
        stdout.write("  audit trail: access entries of the HR manager and HR")
