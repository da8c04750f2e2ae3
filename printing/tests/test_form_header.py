"""Every printed form's header carries 文件编号, 版本号, 制定部门 and 生效日期, as the procedures' forms do."""

import datetime

import pytest
from django.urls import reverse

from core import roles
from core.security import SecrecyLevel
from printing.render import render_pdf
from tests.factories import CompanyFactory, EmployeeFactory, JobDescriptionFactory


@pytest.fixture
def company(db):
    return CompanyFactory(
        form_prefix="QR-HR",
        doc_version="B/1",
        issuing_department="人事行政部",
        forms_effective_date=datetime.date(2026, 1, 1),
    )


def test_the_shared_header_prints_issuing_department_and_effective_date(company, poppler):
    jd = JobDescriptionFactory()
    text = poppler.text(
        render_pdf(
            template="org/pdf/job_description.html", context={"jd": jd}, title="岗位职位说明书", form_number="JD"
        )
    )
    for expected in ("文件编号", "QR-HR-JD", "版本号", "B/1", "制定部门", "人事行政部", "生效日期", "2026-01-01"):
        assert expected in text, expected


def test_an_existing_form_gets_them_too(company, make_user, login, poppler):
    hr = make_user("hr", roles=[roles.HR], clearance=SecrecyLevel.SECRET)
    employee = EmployeeFactory()
    text = poppler.text(login(hr).get(reverse("employees:employee_registration_pdf", args=[employee.pk])).content)
    assert "制定部门" in text and "人事行政部" in text and "2026-01-01" in text
