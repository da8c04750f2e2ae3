"""One rule per action (onboarding.policies): the services refuse, the pages answer 403, the buttons show only
when allowed, and the admin cannot change what the process owns. Also the company's probation policy per post
category, and the induction templates in Chinese."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.errors import error_codes
from onboarding import policies, services
from onboarding.models import OnboardingCase, TaskTemplate

from .conftest import REVIEW, TERMS, new_hire

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


# --- 2. probation by company policy per post category, the legal cap on top ------------------------------------


def test_a_direct_hire_gets_the_policy_for_the_post(company):
    """Frontline: one month; a two-month probation for an operator is refused with its code."""
    employee = new_hire(company.frontline)
    with pytest.raises(ValidationError) as error:
        services.case_start(employee=employee, by=company.hr, **{**TERMS, "probation_months": 2})
    assert "probation_policy" in error_codes(error.value)
    assert not OnboardingCase.objects.exists()
    services.case_start(employee=employee, by=company.hr, **TERMS)


def test_the_start_form_offers_the_policy_default(company, login):
    employee = new_hire(company.frontline)
    form = login(company.hr).get(reverse("onboarding:case_start", args=[employee.pk])).context["form"]
    assert form.initial["probation_months"] == 1


# --- 8. what users read in Chinese -----------------------------------------------------------------------------


def test_the_induction_templates_are_in_chinese_and_the_migration_reverses():
    titles = set(TaskTemplate.objects.values_list("title", flat=True))
    assert {"入职培训", "员工意识（质量意识）", "部门培训：岗位知识与操作规程", "特殊岗位培训及上岗证"} <= titles
    assert not any(title.isascii() or "Department" in title for title in titles)
    migration = importlib.import_module("onboarding.migrations.0005_induction_templates_in_chinese")
    migration.to_english(apps, None)
    assert TaskTemplate.objects.filter(title="HR induction training (入职培训)").exists()
    migration.to_chinese(apps, None)
    assert set(TaskTemplate.objects.values_list("title", flat=True)) == titles


# --- 10. one function per action -------------------------------------------------------------------------------


def test_the_review_page_and_button_follow_the_policy(company, start_case, login):
    """After the end date nobody reviews: no button, the page is 403 and the service says why (its code)."""
    running = start_case()
    ended = start_case(days_ago=40)
    client = login(company.prod_head)
    assert (
        reverse("onboarding:review_create", args=[running.pk])
        in client.get(running.get_absolute_url()).content.decode()
    )
    assert (
        reverse("onboarding:review_create", args=[ended.pk])
        not in client.get(ended.get_absolute_url()).content.decode()
    )
    assert client.get(reverse("onboarding:review_create", args=[ended.pk])).status_code == 403
    assert policies.can_review(company.prod_head, ended).code == "probation_ended"


def test_the_conversion_button_needs_cleared_hr_and_a_review_recommending_it(company, start_case, login):
    case = start_case()
    url = reverse("onboarding:conversion_create", args=[case.pk])
    assert policies.can_convert(company.hr, case).code == "review_missing"
    services.review_submit(case=case, by=company.prod_head, **REVIEW)
    assert url in login(company.hr).get(case.get_absolute_url()).content.decode()
    assert policies.can_convert(company.hr_plain, case).code == "not_cleared"
    assert url not in login(company.hr_plain).get(case.get_absolute_url()).content.decode()
    assert login(company.hr_plain).get(url).status_code == 403


def test_the_employee_never_decides_on_their_own_case(company, start_case, make_user, login):
    user = make_user("hr_new_hire", roles=["hr"])
    case = start_case(company.staff, terms={"probation_months": 3}, user=user)
    assert policies.can_terminate(user, case).code == "own_case"
    assert policies.can_extend(user, case).code == "own_case"
    task = case.tasks.exclude(code="labour_contract").first()
    assert policies.can_complete_task(user, task).code == "own_case"
    assert login(user).get(reverse("onboarding:probation_terminate", args=[case.pk])).status_code == 403


def test_the_admin_shows_but_never_changes_a_case(company, start_case, admin_client):
    case = start_case()
    url = reverse("admin:onboarding_onboardingcase_change", args=[case.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"probation_status": "converted", "status": "completed"})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.probation_status == "running"
    assert policies.can_change_in_admin(None, case).code == "through_the_process"
    for model in ("conversion", "probationreview"):
        assert admin_client.get(reverse(f"admin:onboarding_{model}_changelist")).status_code == 200


def test_every_refusal_of_the_services_carries_a_code(company, start_case):
    """A sample across the services: the codes are stable, the messages may change."""
    case = start_case()
    with pytest.raises(ValidationError) as error:
        services.case_start(employee=case.employee, by=company.hr, **TERMS)
    assert error_codes(error.value) == {"case_exists"}
    with pytest.raises(ValidationError) as error:
        services.review_submit(case=case, by=company.prod_head, **{**REVIEW, "conditions_met": False})
    assert error_codes(error.value) == {"conditions_not_met"}
    services.review_submit(case=case, by=company.prod_head, **REVIEW)
    with pytest.raises(ValidationError) as error:
        services.conversion_submit(case=case, by=company.hr, new_salary=Decimal("1000"), effective_date=TODAY())
    assert "personnel_file_incomplete" in error_codes(error.value)


def test_the_general_manager_reads_but_does_not_review_for_the_department(company, start_case, login):
    case = start_case()
    assert login(company.gm).get(case.get_absolute_url()).status_code == 200
    assert policies.can_review(company.gm, case).code == "not_department"
    assert policies.can_review(company.prod_head, case)
    assert policies.can_review(company.hr, case)
