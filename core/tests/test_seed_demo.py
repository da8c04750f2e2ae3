"""The demo company (`seed_demo`) and the list of its logins (`demo_logins`).

The demo is seeded once for the module inside a transaction that is rolled back afterwards; each
test runs in its own savepoint inside it.
"""

from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from accounts.demo import DEMO_LOGINS
from core import roles
from core.management.commands.seed_demo import local_app_configs
from core.validators import id_number_birth_date, validate_id_number
from employees.demo import split_name
from employees.models import (
    Employee,
    EmployeeStatus,
    EmploymentType,
    Gender,
    JobChange,
    LabourContract,
    SalaryChange,
)
from employees.selectors import employees_visible_to
from org.demo import QUALITY_POLICY_DUTY
from org.models import Company, Department, JobDescription, Position, PositionCategory


def _row_counts() -> dict[str, int]:
    """Rows per model of every local app (and groups): whatever any app's demo module writes."""
    tables = set(connection.introspection.table_names())
    models = [model for config in local_app_configs() for model in config.get_models()]
    models += [Group, apps.get_model("auth", "Permission")]
    return {model._meta.label: model.objects.count() for model in models if model._meta.db_table in tables}


def test_seeding_twice_gives_the_same_rows(demo, db):
    """Running seed_demo again adds, duplicates and fails nothing."""
    before = _row_counts()

    call_command("seed_demo", force=True, stdout=StringIO())

    assert _row_counts() == before
    assert before["employees.Employee"] >= 190


def test_refuses_without_force_when_debug_is_off():
    """With DEBUG off, seed_demo stops with a clear error unless --force is given."""
    assert settings.DEBUG is False
    with pytest.raises(CommandError, match="DEBUG is off.*--force"):
        call_command("seed_demo", stdout=StringIO())


def test_every_demo_login_authenticates_and_is_linked_to_an_employee(demo, db):
    """Each demo login works with the configured password; all but admin are employees with their name, the holder of
    the login's post where it names one."""
    for login in DEMO_LOGINS:
        user = authenticate(username=login.username, password=settings.HRMS_DEMO_PASSWORD)
        assert user is not None, login.username
        assert user.email == f"{login.username}@example.com"
        assert {*login.roles, roles.EMPLOYEE} <= user.role_names
        assert user.clearance == login.clearance
        employee = Employee.objects.filter(user=user).select_related("position").first()
        if login.username == "admin":
            assert user.is_superuser and user.is_staff and employee is None
            continue
        assert not user.is_superuser
        if login.position_code is not None:  # else an app's demo made the login a person (offboarding: leaver)
            assert employee.position.code == login.position_code
        assert employee.status == EmployeeStatus.REGULAR
        assert (user.last_name, user.first_name) == split_name(employee.name)


def test_the_demo_logins_hold_the_posts_their_roles_need(demo, db):
    """prod_head and prod_manager lead 生产部, qa_head leads 品质部, the employee works in 冲压课."""
    production = Department.objects.get(name="生产部")
    quality = Department.objects.get(name="品质部")
    assert production.head.user.username == "prod_head"
    assert production.manager.user.username == "prod_manager"
    assert quality.head.user.username == "qa_head"
    assert Department.objects.get(name="人事行政部").manager.user.username == "hr_manager"
    worker = Employee.objects.get(user__username="employee")
    assert (worker.department.name, worker.department.parent) == ("冲压课", production)


def test_rerunning_resets_demo_passwords_to_the_configured_one(demo, db):
    """A changed DEMO_PASSWORD takes effect on the next seed_demo run, without new users."""
    users = get_user_model().objects.count()
    with override_settings(HRMS_DEMO_PASSWORD="another-demo-pass"):
        call_command("seed_demo", force=True, stdout=StringIO())

    assert get_user_model().objects.count() == users
    assert authenticate(username="hr", password="another-demo-pass") is not None
    assert authenticate(username="hr", password=settings.HRMS_DEMO_PASSWORD) is None


def test_prod_head_sees_only_production_people(demo, db):
    """The production head's scope is exactly the 生产部 subtree: its sections, no other department."""
    user = get_user_model().objects.get(username="prod_head")
    production = Department.objects.get(name="生产部")

    visible = set(employees_visible_to(user).values_list("pk", flat=True))

    subtree = set(Employee.objects.filter(department__path__startswith=production.path).values_list("pk", flat=True))
    assert visible == subtree
    assert len(visible) > 80
    assert Employee.objects.exclude(pk__in=visible).filter(department__name="品质部").exists()


def test_id_numbers_are_valid_and_match_birth_date_and_gender(demo, db):
    """Every ID number passes the checksum; its birth date and 17th-digit parity match the record."""
    for employee in Employee.objects.all():
        try:
            validate_id_number(employee.id_number)
        except ValidationError:
            pytest.fail(f"{employee.number} has an invalid ID number {employee.id_number}")
        assert id_number_birth_date(employee.id_number) == employee.birth_date
        assert (int(employee.id_number[16]) % 2 == 1) == (employee.gender == Gender.MALE)


def test_every_department_has_a_head_and_a_manager_from_its_own_tree(demo, db):
    """Each department and section has a head (部门主管) and a manager (部门经理) who are its employees."""
    departments = Department.objects.select_related("head__department", "manager__department")
    assert departments.count() >= 10
    for department in departments:
        assert department.head is not None and department.manager is not None, department.name
        # The head works in the department itself; the manager there or in the parent (a section's 经理).
        assert department.head.department == department
        assert department.path.startswith(department.manager.department.path)


def test_the_company_and_its_posts_are_complete(demo, db):
    """One company; posts of all three categories, each with an approved version-1 job description."""
    company = Company.objects.get()
    assert (company.form_prefix, company.doc_version) == ("HR", "A/0")
    assert set(Position.objects.values_list("category", flat=True)) == set(PositionCategory.values)
    assert Position.objects.filter(is_special=True).exclude(special_basis="").exists()
    assert Position.objects.filter(is_key=True).exists()
    for position in Position.objects.prefetch_related("job_descriptions"):
        # Later apps' demo data may add revisions (version 2+) on top.
        description = next(d for d in position.job_descriptions.all() if d.version == 1)
        assert description.status == JobDescription.Status.APPROVED
        assert description.duty_list[0] == QUALITY_POLICY_DUTY
        assert description.education and description.experience and description.skills


def test_the_roster_looks_like_a_real_factory(demo, db):
    """Mostly regular staff, some probation/onboarding/separated, agency and interns without contracts,
    one or two unsigned contracts, salaries by category, salary history and job changes, one post over."""
    statuses = Counter(Employee.objects.values_list("status", flat=True))
    assert statuses[EmployeeStatus.REGULAR] > 150
    assert statuses[EmployeeStatus.PROBATION] and statuses[EmployeeStatus.ONBOARDING]
    assert statuses[EmployeeStatus.SEPARATED]
    assert not Employee.objects.filter(employment_type=EmploymentType.AGENCY, agency_name="").exists()
    assert Employee.objects.filter(employment_type=EmploymentType.INTERN).exists()
    assert not LabourContract.objects.filter(
        employee__employment_type__in=[EmploymentType.AGENCY, EmploymentType.INTERN]
    ).exists()
    assert 1 <= LabourContract.objects.filter(signed_on__isnull=True).count() <= 2
    assert LabourContract.objects.filter(contract_type="open").exists()
    assert LabourContract.objects.filter(renews__isnull=False).exists()
    assert JobChange.objects.count() >= 3

    ranges = {"frontline": (4500, 7000), "staff": (7000, 15000), "manager": (15000, 40000)}
    for employee in Employee.objects.exclude(employment_type=EmploymentType.INTERN).select_related("position"):
        low, high = ranges[employee.position.category]
        if employee.status in (EmployeeStatus.ONBOARDING, EmployeeStatus.PROBATION):
            low = low * 4 // 5  # paid the probation wage until converted (≥ 80 % of the agreed wage, LCL art. 20)
        assert low <= employee.base_salary <= high, employee
    history = Counter(SalaryChange.objects.values_list("employee_id", flat=True))
    assert set(history.values()) <= {1, 2, 3}
    assert len(history) == Employee.objects.count()

    positions = Position.objects.with_headcount()
    assert sum(p.filled > p.authorised_headcount for p in positions) == 1
    assert sum(p.filled < p.authorised_headcount for p in positions) >= 20


def test_demo_logins_prints_the_table_and_password(demo, db):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()

    for login in DEMO_LOGINS:
        assert login.username in text
    assert "人事专员 / HR staff" in text
    assert "生产部 / 冲压课" in text
    assert settings.HRMS_DEMO_PASSWORD in text


def test_seed_demo_visits_local_apps_in_installed_order():
    """The driver walks this project's apps in INSTALLED_APPS order and skips third-party ones."""
    labels = [config.label for config in local_app_configs()]
    assert labels[:4] == ["core", "accounts", "org", "employees"]
    assert "admin" not in labels and "import_export" not in labels
