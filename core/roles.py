"""Roles are Django groups (created by accounts' data migration). Names here are the one source."""

from django.utils.translation import gettext_lazy as _

HR = "hr"
HR_MANAGER = "hr_manager"
DEPT_HEAD = "dept_head"
DEPT_MANAGER = "dept_manager"
PRODUCTION_MGMT = "production_mgmt"
GM = "gm"
VP = "vp"
RECORDS_KEEPER = "records_keeper"
CONFIDENTIALITY_OFFICER = "confidentiality_officer"
RND = "rnd"
EMPLOYEE = "employee"
SYSADMIN = "sysadmin"
AUDITOR = "auditor"  # created by audit's data migration

ROLE_LABELS = {
    HR: _("HR staff"),
    HR_MANAGER: _("HR manager"),
    DEPT_HEAD: _("Department head"),
    DEPT_MANAGER: _("Department manager"),
    PRODUCTION_MGMT: _("Production management"),
    GM: _("General manager"),
    VP: _("Vice president"),
    RECORDS_KEEPER: _("Records keeper"),
    CONFIDENTIALITY_OFFICER: _("Confidentiality officer"),
    RND: _("R&D"),
    EMPLOYEE: _("Employee"),
    SYSADMIN: _("System administrator"),
    AUDITOR: _("Auditor"),
}
ALL_ROLES = tuple(ROLE_LABELS)

# Who runs HR processes and sees every department.
HR_ROLES = frozenset({HR, HR_MANAGER})
# Who sees every department's people (read), beyond HR.
COMPANY_WIDE_ROLES = frozenset({HR, HR_MANAGER, GM, VP})
# Roles that, with secret clearance, see secret HR data (ID numbers, contracts, salary) unmasked.
SECRET_DATA_ROLES = frozenset({HR, HR_MANAGER, GM})
