"""org:job_description_pdf — the 岗位职位说明书 of one job-description version, for whoever sees its position."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.selectors import ChainEntry
from core import roles
from core.security import SecrecyLevel
from tests.factories import DepartmentFactory, EmployeeFactory, JobDescriptionFactory


@pytest.fixture
def jd(db):
    return JobDescriptionFactory(
        position__title="模具维修技师",
        position__code="P-MOLD",
        position__is_key=True,
        position__authorised_headcount=4,
        version=3,
        duties="支持公司质量方针\n模具日常保养\n模具故障维修",
        experience="3年以上模具维修经验",
        required_training="模具安全操作培训",
        skills="钳工、焊接",
    )


def url(jd):
    return reverse("org:job_description_pdf", args=[jd.pk])


def head_of(department, make_user, username):
    user = make_user(username, roles=[roles.DEPT_HEAD])
    department.head = EmployeeFactory(user=user, position__department=department)
    department.save(update_fields=["head"])
    return user


def test_hr_gets_the_pdf_inline(jd, make_user, login):
    """HR prints any job description: a PDF shown inline, never cached."""
    response = login(make_user("hr", roles=[roles.HR])).get(url(jd))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("inline; ")
    assert "P-MOLD-v3.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_pdf_content(jd, make_user, login, poppler):
    """The form holds the position, numbered duties, qualifications and headcount — and no secrecy mark."""
    response = login(make_user("hr", roles=[roles.HR])).get(url(jd))

    text = poppler.text(response.content)
    for expected in (
        "岗位职位说明书",
        "HR-JD",
        "模具维修技师",
        "P-MOLD",
        "1.支持公司质量方针",
        "3.模具故障维修",
        "3年以上模具维修经验",
        "模具安全操作培训",
        "钳工、焊接",
        "4人",
        "第3版",
    ):
        assert expected in text, expected
    assert "秘密" not in text
    assert "★" not in text


def test_head_of_the_positions_department_may_print(jd, make_user, login):
    """A department head prints the job descriptions of their own department."""
    head = head_of(jd.position.department, make_user, "own-head")

    assert login(head).get(url(jd)).status_code == 200


def test_head_of_another_department_gets_404(jd, make_user, login):
    """Another department's head cannot tell the job description exists."""
    head = head_of(DepartmentFactory(), make_user, "other-head")

    assert login(head).get(url(jd)).status_code == 404


def test_plain_employee_gets_404(jd, make_user, login):
    """Without a department scope there is no job description to print."""
    assert login(make_user("emp", roles=[roles.EMPLOYEE])).get(url(jd)).status_code == 404


def test_anonymous_is_sent_to_login(jd, client):
    """Printing needs a login."""
    response = client.get(url(jd))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_unknown_job_description_is_404(db, make_user, login):
    response = login(make_user("hr", roles=[roles.HR])).get(reverse("org:job_description_pdf", args=[999999]))

    assert response.status_code == 404


def test_only_get(jd, make_user, login):
    assert login(make_user("hr", roles=[roles.HR])).post(url(jd)).status_code == 405


def test_signature_block_prints_the_jd_approval_chain(jd, make_user, login, poppler, monkeypatch):
    """The job-description version is the approval subject; its chain prints as the signature block."""
    seen = []

    def fake_chain_for(obj):
        seen.append(obj)
        return [
            ChainEntry("部门经理审核", "赵德胜", "同意", timezone.make_aware(datetime.datetime(2025, 3, 3, 10, 0)), ""),
            ChainEntry(
                "人事部批准", "钱晓红", "批准", timezone.make_aware(datetime.datetime(2025, 3, 4, 15, 5)), "按新版执行"
            ),
        ]

    monkeypatch.setattr("org.pdf.chain_for", fake_chain_for)

    response = login(make_user("hr", roles=[roles.HR])).get(url(jd))

    assert seen == [jd]
    text = poppler.text(response.content)
    for expected in ("部门经理审核", "赵德胜", "2025-03-0310:00", "人事部批准", "钱晓红", "按新版执行"):
        assert expected in text, expected


def test_queries_are_bounded(jd, make_user, login, django_assert_max_num_queries):
    """The form loads its data in a handful of queries."""
    client = login(make_user("hr", roles=[roles.HR], clearance=SecrecyLevel.SECRET))
    with django_assert_max_num_queries(12):
        client.get(url(jd))
