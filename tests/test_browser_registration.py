"""On the phone (390×844, issue 24): the new hire registers by the one-time link HR sent, HR confirms and the
checklist ticks itself; then the department head approves a conversion from the notification in two taps."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone

from approvals.models import Decision
from onboarding import services
from onboarding.models import OnboardingTask, RegistrationLink
from onboarding.tests.conftest import REVIEW, TERMS, build_company, new_hire, upload_all
from tests.phone import PHONE, overflow, sign_in_as

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_hire_registers_on_the_phone_hr_confirms_and_the_head_approves_from_a_notice(
    browser_page, live_server, make_user, tmp_path
):
    company = build_company(make_user)
    page = browser_page
    page.set_viewport_size(PHONE)

    # HR opens the case of a hire starting next week and sends the registration link.
    hire = new_hire(company.frontline, days_ago=-7)
    case = services.case_start(employee=hire, by=company.hr, **TERMS)
    sign_in_as(page, live_server, company.hr)
    page.goto(f"/onboarding/{case.pk}/")
    page.click("#registration-link")
    page.click("#registration-send")
    assert page.locator("#registration-qr svg").count() == 1
    url = page.input_value("#registration-url")
    token_path = re.search(r"/onboarding/register/[\w-]+/", url).group(0)
    assert overflow(page) <= 0

    # The new hire, not logged in, opens it on their phone and fills in the form.
    page.context.clear_cookies()
    page.goto(token_path)
    assert hire.name in page.inner_text("#registration-welcome")
    assert overflow(page) <= 0
    page.fill("#id_id_number", hire.id_number)
    page.fill("#id_phone", "13800138000")
    page.fill("#id_address", "苏州市工业园区星湖街1号")
    page.fill("#id_emergency_contact", "李四（配偶）")
    page.fill("#id_emergency_phone", "13900139000")
    page.select_option("#id_education", "college")
    for field in ("cv", "id_copy", "education_certificate"):
        path = tmp_path / f"{field}.pdf"
        path.write_bytes(PDF)
        page.set_input_files(f"#id_{field}", str(path))
    page.check("#id_confirm")
    page.click("#registration-submit")
    page.wait_for_selector("#registration-done")
    # The link works once.
    assert page.goto(token_path).status == 410

    # HR confirms; the registration task is done.
    sign_in_as(page, live_server, company.hr)
    page.goto(f"/onboarding/{case.pk}/registration/")
    assert "13800138000" in page.inner_text("#registration-data")
    page.click("#registration-confirm")
    page.wait_for_url(f"**/onboarding/{case.pk}/")
    assert case.tasks.get(code="registration_form").status == OnboardingTask.Status.DONE
    assert RegistrationLink.objects.get().status == RegistrationLink.Status.CONFIRMED
    hire.refresh_from_db()
    assert hire.phone == "13800138000"

    # A conversion waits for the head of 生产部: from the notification, two taps approve it.
    regular = new_hire(company.frontline, days_ago=25, name="王五")
    running = services.case_start(employee=regular, by=company.hr, **TERMS)
    upload_all(regular, company.hr)
    services.review_submit(case=running, by=company.prod_head, **REVIEW)
    services.conversion_submit(
        case=running, by=company.hr, new_salary=Decimal("6200"), effective_date=timezone.localdate()
    )
    notice = company.prod_head.notifications.filter(kind="approval.step").latest("created_at")
    sign_in_as(page, live_server, company.prod_head)
    page.goto("/notifications/")
    assert overflow(page) <= 0
    page.click(f"#notification-{notice.pk} a")  # tap 1: the notice opens the decision page
    page.wait_for_selector("#quick-approve")
    assert overflow(page) <= 0
    assert page.locator("#quick-approve").is_visible()
    box = page.locator("#quick-approve").bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]  # visible without scrolling
    page.click("#quick-approve")  # tap 2
    page.wait_for_url("**/approvals/")
    assert Decision.objects.filter(by=company.prod_head, decision="approve").exists()
