"""Demo logins for `manage.py seed_demo` (and the table `manage.py demo_logins` prints).

Every demo user gets the password `settings.HRMS_DEMO_PASSWORD` (env DEMO_PASSWORD), reset on every
run so a changed DEMO_PASSWORD takes effect. `employees.demo` links each login (except admin) to the
employee holding the post named in `position_code`, and copies the employee's name onto the user.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from core import roles
from core.security import SecrecyLevel


@dataclass(frozen=True)
class DemoLogin:
    username: str
    roles: tuple[str, ...]
    clearance: int
    role_zh: str
    role_en: str
    # The post whose first holder is this user's employee record (org.demo position codes); None for admin.
    position_code: str | None = None
    superuser: bool = False

    @property
    def email(self) -> str:
        return f"{self.username}@example.com"


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin(
        "admin",
        (roles.SYSADMIN,),
        SecrecyLevel.TOP_SECRET,
        "系统管理员",
        "System administrator",
        superuser=True,
    ),
    DemoLogin("hr", (roles.HR,), SecrecyLevel.SECRET, "人事专员", "HR staff", "HRA-HRS"),
    DemoLogin("hr_manager", (roles.HR_MANAGER,), SecrecyLevel.SECRET, "人事经理", "HR manager", "HRA-MGR"),
    DemoLogin("gm", (roles.GM,), SecrecyLevel.TOP_SECRET, "总经理", "General manager", "GMO-GM"),
    DemoLogin("vp", (roles.VP,), SecrecyLevel.TOP_SECRET, "副总经理", "Vice president", "GMO-VP"),
    DemoLogin(
        "records_keeper",
        (roles.RECORDS_KEEPER,),
        SecrecyLevel.CONFIDENTIAL,
        "档案管理员",
        "Records keeper",
        "HRA-ARC",
    ),
    DemoLogin(
        "prod_head",
        (roles.DEPT_HEAD,),
        SecrecyLevel.INTERNAL,
        "部门主管（生产部）",
        "Department head (production)",
        "PRD-HEAD",
    ),
    DemoLogin(
        "prod_manager",
        (roles.DEPT_MANAGER,),
        SecrecyLevel.CONFIDENTIAL,
        "部门经理（生产部）",
        "Department manager (production)",
        "PRD-MGR",
    ),
    DemoLogin(
        "pmc",
        (roles.PRODUCTION_MGMT,),
        SecrecyLevel.INTERNAL,
        "生管（计划员）",
        "Production management (planner)",
        "PMC-PLN",
    ),
    DemoLogin(
        "qa_head",
        (roles.DEPT_HEAD,),
        SecrecyLevel.INTERNAL,
        "部门主管（品质部）",
        "Department head (quality)",
        "QA-HEAD",
    ),
    DemoLogin("employee", (roles.EMPLOYEE,), SecrecyLevel.INTERNAL, "员工（冲压操作工）", "Employee", "PRD-ST-OP"),
    DemoLogin(
        "auditor", (roles.AUDITOR,), SecrecyLevel.INTERNAL, "审计员（财务部会计）", "Auditor (accountant)", "FIN-ACC"
    ),
    # The confidentiality officer (保密员) is one of 人事行政部's administrative staff.
    DemoLogin(
        "security_officer",
        (roles.CONFIDENTIALITY_OFFICER,),
        SecrecyLevel.TOP_SECRET,
        "保密员（行政专员）",
        "Confidentiality officer",
        "HRA-ADM",
    ),
    # Without a post: offboarding.demo makes this login a 生产部 engineer who has given notice.
    DemoLogin("leaver", (roles.EMPLOYEE,), SecrecyLevel.SECRET, "员工（已提出辞职）", "Employee who has resigned"),
)


def seed(*, stdout=None) -> None:
    """Create or reset the demo users: roles, clearance, e-mail and the configured password."""
    User = get_user_model()
    # One hash for all: the demo password is public anyway, and hashing once keeps the seed fast.
    password = make_password(settings.HRMS_DEMO_PASSWORD)
    groups = {group.name: group for group in Group.objects.filter(name__in=roles.ALL_ROLES)}
    for login in DEMO_LOGINS:
        user, created = User.objects.get_or_create(username=login.username)
        user.password = password
        user.email = login.email
        user.clearance = login.clearance
        user.is_superuser = login.superuser
        user.is_staff = login.superuser
        user.is_active = True
        user.save()
        wanted = {*login.roles, roles.EMPLOYEE}
        user.groups.set([groups[name] for name in sorted(wanted) if name in groups])
        if stdout is not None and created:
            stdout.write(f"  user {login.username}")
    _seed_login_states(password, groups[roles.EMPLOYEE] if roles.EMPLOYEE in groups else None)


# Logins in the states the login pages show besides "active": a deactivated one and one with a temporary
# password HR gave out (the next login must choose a new one). Not demo logins to try: not in DEMO_LOGINS.
STATE_LOGINS = (
    ("former_staff", "离职", "员工", {"is_active": False}),
    ("new_hire", "新", "同事", {"must_change_password": True}),
)


def _seed_login_states(password: str, employee_group) -> None:
    User = get_user_model()
    for username, last_name, first_name, state in STATE_LOGINS:
        user, _created = User.objects.update_or_create(
            username=username,
            defaults={
                "password": password,
                "last_name": last_name,
                "first_name": first_name,
                "email": f"{username}@example.com",
                "clearance": SecrecyLevel.INTERNAL,
                "is_active": True,
                "must_change_password": False,
                **state,
            },
        )
        if employee_group is not None:
            user.groups.set([employee_group])
