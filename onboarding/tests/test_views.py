"""Onboarding pages as each role: allowed and forbidden paths, masking, query counts."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.dashboard import cards_for
from onboarding.models import OnboardingCase, ProbationReview, ProbationStatus, SelfReport
from onboarding.selectors import probation_terminations

from .conftest import REVIEW, new_hire, sign_contract, upload_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def en(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def cases(company, start_case, make_user):
    """A stamping operator (with a login) and a quality inspector."""
    operator_user = make_user("operator")
    stamping = start_case(company.frontline, user=operator_user)
    quality = start_case(company.qa_post)
    return stamping, quality


def _detail(case):
    return reverse("onboarding:case_detail", args=[case.pk])


@pytest.mark.parametrize(
    ("username", "stamping_status", "quality_status"),
    [
        ("hr", 200, 200),
        ("hr_plain", 200, 200),
        ("gm", 200, 200),
        ("prod_head", 200, 404),
        ("qa_head", 404, 200),
        ("operator", 200, 404),
        ("outsider", 404, 404),
    ],
)
def test_case_detail_is_scoped(company, cases, login, django_user_model, username, stamping_status, quality_status):
    """HR all, heads their subtree, the employee their own case; everyone else 404."""
    client = login(django_user_model.objects.get(username=username))
    stamping, quality = cases
    assert client.get(_detail(stamping)).status_code == stamping_status
    assert client.get(_detail(quality)).status_code == quality_status


def test_the_list_shows_only_the_heads_subtree(company, cases, login):
    client = login(company.prod_head)
    response = client.get(reverse("onboarding:case_list"))
    assert response.status_code == 200
    assert [c.pk for c in response.context["page_obj"]] == [cases[0].pk]


def test_an_employee_opening_the_list_lands_on_their_own_case_and_others_get_404(company, cases, login):
    operator = cases[0].employee.user
    assert login(operator).get(reverse("onboarding:case_list")).url == _detail(cases[0])
    assert login(company.outsider).get(reverse("onboarding:case_list")).status_code == 404
    # "My onboarding": the employee's own case; nobody else's, and 404 without one.
    assert login(operator).get(reverse("onboarding:my_case")).url == _detail(cases[0])
    assert login(company.outsider).get(reverse("onboarding:my_case")).status_code == 404


def test_salary_is_masked_without_secret_clearance(company, cases, login):
    stamping, _quality = cases
    assert "6000" in login(company.hr).get(_detail(stamping)).content.decode()
    for user in (company.hr_plain, company.prod_head):
        html = login(user).get(_detail(stamping)).content.decode()
        assert "6000" not in html and "***" in html


def test_the_employee_reads_their_case_but_cannot_act(company, cases, login):
    stamping = cases[0]
    client = login(stamping.employee.user)
    task = stamping.tasks.filter(status="open").exclude(code="labour_contract").first()
    assert client.get(reverse("onboarding:task_complete", args=[stamping.pk, task.pk])).status_code == 403
    assert client.get(reverse("onboarding:review_create", args=[stamping.pk])).status_code == 403
    assert client.get(reverse("onboarding:conversion_create", args=[stamping.pk])).status_code == 403


def test_the_head_submits_a_review_for_their_department_only(company, cases, login):
    stamping, quality = cases
    data = {**REVIEW, "conditions_met": "yes"}
    response = login(company.prod_head).post(reverse("onboarding:review_create", args=[stamping.pk]), data)
    assert response.status_code == 302
    assert ProbationReview.objects.filter(case=stamping, reviewer=company.prod_head).exists()
    assert (
        login(company.prod_head).post(reverse("onboarding:review_create", args=[quality.pk]), data).status_code == 404
    )


def test_conversion_needs_secret_hr(company, cases, login, en):
    stamping = cases[0]
    assert login(company.hr_plain).get(reverse("onboarding:conversion_create", args=[stamping.pk])).status_code == 403
    assert login(company.prod_head).get(reverse("onboarding:conversion_create", args=[stamping.pk])).status_code == 403


def test_conversion_form_names_the_missing_documents(company, cases, login, en):
    stamping = cases[0]
    from onboarding import services

    services.review_submit(case=stamping, by=company.prod_head, **REVIEW)
    client = login(company.hr)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(
        reverse("onboarding:conversion_create", args=[stamping.pk]),
        {"new_salary": "6000", "effective_date": f"{stamping.probation_end:%Y-%m-%d}"},
    )
    assert response.status_code == 200
    assert "CV" in response.content.decode() and "missing" in response.content.decode()
    upload_all(stamping.employee, company.hr)
    response = client.post(
        reverse("onboarding:conversion_create", args=[stamping.pk]),
        {"new_salary": "6000", "effective_date": f"{stamping.probation_end:%Y-%m-%d}"},
    )
    assert response.status_code == 302
    stamping.refresh_from_db()
    assert stamping.probation_status == ProbationStatus.CONVERSION


def test_hr_starts_a_case_for_a_direct_hire(company, login):
    """The form offers the company's default for a staff post (3 months, within the legal cap); a term outside
    the law is refused on the form."""
    employee = new_hire(company.staff, days_ago=1)
    client = login(company.hr)
    assert employee.name in client.get(reverse("onboarding:case_list")).content.decode()
    page = client.get(reverse("onboarding:case_start", args=[employee.pk]))
    assert page.context["form"].initial["probation_months"] == 3
    data = {
        "agreed_salary": "5000",
        "contract_type": "fixed",
        "contract_months": "12",
        "probation_months": "3",
        "probation_salary": "4000",
        "conditions": "按时完成培训",
    }
    response = client.post(reverse("onboarding:case_start", args=[employee.pk]), data)
    assert response.status_code == 200 and "probation_months" in response.context["form"].errors
    response = client.post(reverse("onboarding:case_start", args=[employee.pk]), {**data, "probation_months": "2"})
    assert response.status_code == 302
    assert OnboardingCase.objects.get(employee=employee).probation_months == 2
    assert login(company.prod_head).get(reverse("onboarding:case_start", args=[employee.pk])).status_code == 403


def test_quality_awareness_is_ticked_with_the_check(company, cases, login):
    stamping = cases[0]
    task = stamping.tasks.get(checks_understanding=True)
    url = reverse("onboarding:task_complete", args=[stamping.pk, task.pk])
    client = login(company.hr)
    response = client.post(url, {"done_on": f"{timezone.localdate():%Y-%m-%d}"})
    assert response.status_code == 200 and "understanding_check" in response.context["form"].errors
    response = client.post(
        url,
        {
            "done_on": f"{timezone.localdate():%Y-%m-%d}",
            "understanding_check": "能说明质量方针",
            "understanding_passed": "on",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "done"


def test_the_head_ticks_the_tasks_they_own(company, cases, login):
    stamping = cases[0]
    own = stamping.tasks.filter(owner=company.prod_head).first()
    own = stamping.tasks.filter(owner=company.prod_head).exclude(code="safety_education").first()
    other = stamping.tasks.exclude(owner=company.prod_head).exclude(code="labour_contract").first()
    client = login(company.prod_head)
    assert client.get(reverse("onboarding:task_complete", args=[stamping.pk, own.pk])).status_code == 200
    assert client.get(reverse("onboarding:task_complete", args=[stamping.pk, other.pk])).status_code == 403


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("onboarding:case_list")).status_code == 200
    return len(ctx.captured_queries)


def test_the_list_costs_the_same_for_5_and_50_rows(company, start_case, login, django_assert_max_num_queries):
    client = login(company.hr)
    for _ in range(5):
        start_case()
    five = _list_queries(client)
    for _ in range(45):
        start_case()
    assert _list_queries(client) == five
    with django_assert_max_num_queries(12):
        client.get(reverse("onboarding:case_list"))


def test_pdfs_print_for_hr_and_the_salary_slip_needs_clearance(company, cases, login):
    """Review, conversion form and salary slip print; the slip is secret; out of scope is 404."""
    from onboarding import services

    stamping = cases[0]
    upload_all(stamping.employee, company.hr)
    review = services.review_submit(case=stamping, by=company.prod_head, **REVIEW)
    conversion = services.conversion_submit(
        case=stamping, by=company.hr, new_salary=Decimal("6000"), effective_date=stamping.probation_end
    )
    client = login(company.hr)
    for url in (
        reverse("onboarding:review_pdf", args=[stamping.pk, review.pk]),
        reverse("onboarding:conversion_pdf", args=[stamping.pk, conversion.pk]),
        reverse("onboarding:salary_slip_pdf", args=[stamping.pk, conversion.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    slip = reverse("onboarding:salary_slip_pdf", args=[stamping.pk, conversion.pk])
    assert login(company.prod_head).get(slip).status_code == 403
    assert (
        login(company.qa_head).get(reverse("onboarding:review_pdf", args=[stamping.pk, review.pk])).status_code == 404
    )


def test_dashboard_counts(company, start_case):
    """HR's four cards: ending soon, lapsed (empty), contracts unsigned after 20 days, incomplete onboarding."""
    from django.utils import translation

    ending = start_case(days_ago=20)  # 1 month → ends within 14 days
    assert ending.probation_end <= timezone.localdate() + datetime.timedelta(days=14)
    with translation.override("en"):
        cards = {card.title: card.count for card in cards_for(company.hr)}
    assert cards["Probations ending in the next 14 days"] == 1
    assert cards["Regular by lapse of probation (last 90 days)"] == 0
    assert cards["Labour contracts unsigned after 20 days"] == 1
    assert cards["Onboarding not complete"] == 1
    with translation.override("en"):
        assert "Onboarding not complete" not in {c.title for c in cards_for(company.outsider)}


def test_the_staff_employee_writes_the_self_report_and_nobody_else(company, start_case, make_user, login):
    """Only the employee writes it; the head reads and prints it; another department gets 404."""
    engineer = make_user("engineer")
    case = start_case(company.staff, terms={"probation_months": 3}, user=engineer)
    url = reverse("onboarding:self_report", args=[case.pk])
    assert login(company.prod_head).get(url).status_code == 403
    response = login(engineer).post(url, {"work_summary": "完成两项工艺改善"})
    assert response.status_code == 302
    assert SelfReport.objects.get(case=case).work_summary == "完成两项工艺改善"
    pdf = login(company.prod_head).get(reverse("onboarding:self_report_pdf", args=[case.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert login(company.qa_head).get(url).status_code == 404


def test_hr_extends_and_terminates_through_the_forms(company, start_case, login):
    """The extension is recorded; the termination goes into its approval flow and ends the probation once
    approved."""
    from onboarding import services

    from .conftest import approve_all

    case = start_case(company.staff)
    services.review_submit(case=case, by=company.prod_head, **{**REVIEW, "recommendation": "extend"})
    client = login(company.hr)
    today = f"{timezone.localdate():%Y-%m-%d}"
    response = client.post(
        reverse("onboarding:probation_extend", args=[case.pk]),
        {"added_months": "1", "agreement": "", "agreed_on": today},
    )
    assert response.status_code == 200
    response = client.post(
        reverse("onboarding:probation_extend", args=[case.pk]),
        {"added_months": "1", "agreement": "员工签署延长试用期协议", "agreed_on": today},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.probation_months == 2
    assert login(company.prod_head).get(reverse("onboarding:probation_terminate", args=[case.pk])).status_code == 403
    response = login(company.hr).post(
        reverse("onboarding:probation_terminate", args=[case.pk]),
        {"reason": "不符合录用条件", "separation_date": today, "union_informed_on": today},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.probation_status == ProbationStatus.TERMINATION
    approve_all(probation_terminations(case).get())
    case.refresh_from_db()
    assert case.probation_status == ProbationStatus.TERMINATED
    assert "不符合录用条件" in login(company.hr).get(_detail(case)).content.decode()


def test_the_employee_page_link_opens_the_case_or_the_start_form(company, cases, login):
    """/onboarding/employee/<pk>/ leads to the case, or HR to the start form of a direct hire; others 404."""
    stamping = cases[0]
    client = login(company.hr)
    url = reverse("onboarding:employee_case", args=[stamping.employee.pk])
    assert client.get(url).url == _detail(stamping)
    direct = new_hire(company.frontline)
    url = reverse("onboarding:employee_case", args=[direct.pk])
    assert client.get(url).url == reverse("onboarding:case_start", args=[direct.pk])
    assert (
        login(company.qa_head).get(reverse("onboarding:employee_case", args=[stamping.employee.pk])).status_code == 404
    )


def test_the_list_filters_contracts_unsigned_after_20_days(company, start_case, login):
    late = start_case(days_ago=25)
    start_case(days_ago=5)
    signed = start_case(days_ago=25)
    sign_contract(signed.employee)
    response = login(company.hr).get(reverse("onboarding:case_list"), {"contract": "unsigned"})
    assert [c.pk for c in response.context["page_obj"]] == [late.pk]


def test_the_case_page_keeps_its_query_budget(company, start_case, login, django_assert_max_num_queries):
    """A case with its tasks, safety records, review, conversion and history: within the detail budget (20) for
    HR and the department head."""
    from onboarding import services

    from .conftest import record_safety_education

    case = start_case()
    upload_all(case.employee, company.hr)
    record_safety_education(case, company.hr)
    services.review_submit(case=case, by=company.prod_head, **REVIEW)
    services.conversion_submit(case=case, by=company.hr, new_salary=Decimal("6000"), effective_date=case.probation_end)
    for user in (company.hr, company.prod_head):
        client = login(user)
        client.get(_detail(case))
        with django_assert_max_num_queries(20):
            assert client.get(_detail(case)).status_code == 200
