"""factory_boy factories for the shared models. Apps add their own beside their tests."""

import datetime
import itertools
from decimal import Decimal

import factory

from core.validators import build_id_number
from employees.models import Employee, EmployeeStatus, EmploymentType, Gender, LabourContract
from org.models import Company, Department, JobDescription, Position, PositionCategory

_seq = itertools.count(1)


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = "测试汽车零部件有限公司"
    short_name = "测试"
    form_prefix = "HR"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    code = factory.Sequence(lambda n: f"D{n:03d}")
    name = factory.Sequence(lambda n: f"部门{n}")
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from org.services import department_create

        return department_create(**kwargs)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    department = factory.SubFactory(DepartmentFactory)
    code = factory.Sequence(lambda n: f"P{n:04d}")
    title = factory.Sequence(lambda n: f"岗位{n}")
    category = PositionCategory.FRONTLINE
    authorised_headcount = 5


class JobDescriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobDescription

    position = factory.SubFactory(PositionFactory)
    version = 1
    duties = "支持公司质量方针\n按作业指导书完成本岗位工作"
    education = "高中/中专"
    status = JobDescription.Status.APPROVED


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    number = factory.Sequence(lambda n: f"T{n:05d}")
    name = factory.Sequence(lambda n: f"员工{n}")
    gender = Gender.MALE
    birth_date = datetime.date(1990, 5, 17)
    id_number = factory.LazyAttribute(lambda o: build_id_number("310101", o.birth_date, next(_seq)))
    hire_date = datetime.date(2024, 3, 1)
    position = factory.SubFactory(PositionFactory)
    department = factory.LazyAttribute(lambda o: o.position.department)
    employment_type = EmploymentType.REGULAR
    status = EmployeeStatus.REGULAR
    base_salary = Decimal("6000.00")


class LabourContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LabourContract

    employee = factory.SubFactory(EmployeeFactory)
    number = factory.Sequence(lambda n: f"LC{n:06d}")
    contract_type = "fixed"
    start_date = factory.LazyAttribute(lambda o: o.employee.hire_date)
    end_date = factory.LazyAttribute(lambda o: o.start_date.replace(year=o.start_date.year + 3))
    probation_months = 3
    signed_on = factory.LazyAttribute(lambda o: o.start_date)
