"""Who reads the reports: company-wide roles (HR, the general manager …) for the company, heads and managers of a
department for theirs; nobody else (403). Contract data is secret: that report needs secret clearance."""

from django.utils.translation import gettext_lazy as _

from core.policy import ALLOW, Verdict, deny
from org.selectors import scope_department_ids


def can_view_reports(user) -> Verdict:
    if not user.is_authenticated:
        return deny("reports_not_allowed", _("Log in to read the reports."))
    ids = scope_department_ids(user)
    if ids is not None and not ids:
        return deny("reports_not_allowed", _("Reports are for HR, the management and department heads."))
    return ALLOW


def can_view_report(user, report) -> Verdict:
    verdict = can_view_reports(user)
    if verdict and report.secret and not user.sees_secret_hr_data:
        return deny("report_secret", _("This report shows contract data: it needs clearance for secret HR data."))
    return verdict
