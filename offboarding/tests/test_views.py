"""Pages of offboarding per role: the employee sees their own case, the head their department's, each handover
party only its items, HR all; PDFs print with the embedded Chinese font."""

import datetime
import subprocess
import tempfile

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from offboarding import services
from offboarding.models import CaseStatus, Party, SeparationCase
from offboarding.tests.test_classified import issue_copy
from offboarding.tests.test_services import _acknowledge_all, _resign, _separated

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_employee_gives_notice_from_own_pages(world, login):
    client = login(world.worker_user)
    response = client.get(reverse("offboarding:mine"), follow=True)
    assert response.status_code == 200
    earliest = TODAY() + datetime.timedelta(days=30)
    assert f"{earliest:%Y-%m-%d}" in response.content.decode()
    response = client.post(
        reverse("offboarding:resign"),
        {"reason": "development", "reason_text": "个人发展", "requested_last_day": f"{earliest:%Y-%m-%d}"},
    )
    case = SeparationCase.objects.get()
    assert response.url == case.get_absolute_url()
    assert client.get(case.get_absolute_url()).status_code == 200
    # The notice form is closed while the case is open.
    assert client.get(reverse("offboarding:resign")).status_code == 403


def test_withdraw_page_before_and_after_confirmation(world, login):
    case = _resign(world)
    client = login(world.worker_user)
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'id="withdraw"' in page
    client.post(reverse("offboarding:withdraw", args=[case.pk]))
    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN
    case = _acknowledge_all(_resign(world))
    assert client.post(reverse("offboarding:withdraw", args=[case.pk])).status_code == 403


@pytest.mark.parametrize(
    ("who", "status"),
    [("hr", 200), ("gm", 200), ("prod_head", 200), ("qa_head", 404), ("outsider", 404), ("keeper", 404)],
)
def test_case_page_scope(world, login, who, status):
    case = _resign(world)
    user = world.keeper if who == "keeper" else getattr(world.company, who)
    assert login(user).get(case.get_absolute_url()).status_code == status


def test_another_employee_cannot_see_the_case(world, login):
    case = _resign(world)
    client = login(world.other.user)
    assert client.get(case.get_absolute_url()).status_code == 404
    assert client.get(reverse("offboarding:handover_pdf", args=[case.pk])).status_code == 404


def test_case_list_for_hr_and_head_only_their_department(world, login):
    _resign(world)
    assert "赵离职" in login(world.hr).get(reverse("offboarding:case_list")).content.decode()
    assert "赵离职" in login(world.prod_head).get(reverse("offboarding:case_list")).content.decode()
    assert "赵离职" not in login(world.qa_head).get(reverse("offboarding:case_list")).content.decode()


def test_case_list_queries_do_not_grow_with_rows(world, login, django_assert_max_num_queries):
    _resign(world)
    client = login(world.hr)
    with django_assert_max_num_queries(14):
        client.get(reverse("offboarding:case_list"))


def test_each_party_sees_only_its_items(world, login):
    issue_copy(world)
    case = _acknowledge_all(_resign(world))
    keeper_page = login(world.keeper).get(reverse("offboarding:tasks")).content.decode()
    head_page = login(world.prod_head).get(reverse("offboarding:tasks")).content.decode()
    records = case.handover_items.get(party=Party.RECORDS)
    work = case.handover_items.get(party=Party.WORK)
    it = case.handover_items.get(party=Party.IT)
    assert f'data-item="{records.pk}"' in keeper_page
    assert f'data-item="{it.pk}"' not in keeper_page and f'data-item="{work.pk}"' not in keeper_page
    assert f'data-item="{work.pk}"' in head_page
    assert f'data-item="{it.pk}"' not in head_page and f'data-item="{records.pk}"' not in head_page
    assert login(world.keeper).get(reverse("offboarding:tick", args=[it.pk])).status_code == 404
    assert login(world.qa_head).get(reverse("offboarding:tick", args=[it.pk])).status_code == 404
    response = login(world.hr).post(reverse("offboarding:tick", args=[it.pk]), {"note": "已注销"})
    assert response.status_code == 302
    it.refresh_from_db()
    assert it.done_by == world.hr


def test_decide_page_shows_checks_before_the_decision(world, login):
    client = login(world.hr)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the checks asserted are in English
    data = {
        "employee": world.worker.number,
        "separation_type": "dismissal",
        "ground": "art40",
        "decided_on": f"{TODAY():%Y-%m-%d}",
        "last_day": f"{TODAY() + datetime.timedelta(days=5):%Y-%m-%d}",
        "union_informed_on": "",
        "monthly_wage": "8000",
        "reason_text": "不能胜任",
        "action": "check",
    }
    page = client.post(reverse("offboarding:decide"), data).content.decode()
    assert "30 days" in page and "trade union" in page
    data.update(pay_in_lieu="on", union_informed_on=f"{TODAY():%Y-%m-%d}")
    page = client.post(reverse("offboarding:decide"), data).content.decode()
    assert 'id="compensation"' in page and not SeparationCase.objects.exists()
    data["action"] = "decide"
    assert client.post(reverse("offboarding:decide"), data).status_code == 302
    assert SeparationCase.objects.get().compensation_amount > 0
    assert login(world.prod_head).get(reverse("offboarding:decide")).status_code == 403


def _pdf_text(content: bytes) -> tuple[str, str]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(content)
        f.flush()
        fonts = subprocess.run(["pdffonts", f.name], capture_output=True, text=True).stdout
        text = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True).stdout
    return fonts, text


def test_certificate_printed_at_separation_with_open_handover(world, login):
    case = _separated(world)
    assert services.open_mandatory_count(case) > 0
    response = login(world.hr).get(reverse("offboarding:certificate_pdf", args=[case.pk]))
    assert response.status_code == 200
    fonts, text = _pdf_text(response.content)
    assert "emb" in fonts.splitlines()[0] and " yes " in fonts
    assert "离职证明" in text and "赵离职" in text and "工作年限" in text


def test_certificate_not_before_separation(world, login):
    case = _acknowledge_all(_resign(world))
    assert login(world.hr).get(reverse("offboarding:certificate_pdf", args=[case.pk])).status_code == 403


@pytest.mark.parametrize(("name", "title"), [("notice_pdf", "员工离职申请表"), ("handover_pdf", "离职交接清单")])
def test_forms_print(world, login, name, title):
    case = _acknowledge_all(_resign(world))
    response = login(world.hr).get(reverse(f"offboarding:{name}", args=[case.pk]))
    _fonts, text = _pdf_text(response.content)
    assert title in text


def test_interview_pdf(world, login):
    case = _acknowledge_all(_resign(world))
    services.exit_interview_record(case=case, by=world.hr, held_on=TODAY(), main_reason="pay", would_rejoin="maybe")
    _fonts, text = _pdf_text(login(world.hr).get(reverse("offboarding:interview_pdf", args=[case.pk])).content)
    assert "离职面谈记录" in text
    # Not for the leaving employee (HR's notes).
    assert login(world.worker_user).get(reverse("offboarding:interview_pdf", args=[case.pk])).status_code == 404


def test_turnover_report_and_export(world, login):
    case = _separated(world)
    client = login(world.hr)
    page = client.get(reverse("offboarding:report") + f"?year={case.last_day.year}").content.decode()
    assert 'id="chart-turnover-months"' in page
    response = client.get(reverse("offboarding:report_xlsx") + f"?year={case.last_day.year}")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert login(world.prod_head).get(reverse("offboarding:report")).status_code == 403


def test_separated_record_is_read_only_on_the_employee_page(world, login):
    _separated(world)
    client = login(world.hr)
    assert client.get(reverse("employees:employee_edit", args=[world.worker.pk])).status_code in (403, 404)


def test_recruitment_duplicate_check_shows_not_eligible_for_rehire(world, login):
    """A candidate whose ID number is a former employee marked not eligible shows it to HR on the candidate page;
    the rehired person keeps the one record, its separation history and gets no second probation."""
    from recruitment import services as recruitment

    case = _separated(world)
    services.rehire_mark(case=case, by=world.hr, not_eligible=True, note="严重违反劳动纪律")
    candidate = recruitment.candidate_create(
        by=world.hr,
        consent_given=True,
        name=world.worker.name,
        phone="13900009999",
        id_number=world.worker.id_number,
        source_channel="online",
    )
    page = login(world.hr).get(reverse("recruitment:candidate_detail", args=[candidate.pk])).content.decode()
    assert 'id="rehire-warning"' in page and "严重违反劳动纪律" in page


def test_a_rehired_person_keeps_the_history_and_gets_no_second_probation(world):
    from django.core.exceptions import ValidationError

    from core.errors import error_codes
    from employees.models import LabourContract

    case = _separated(world)
    contract = LabourContract(
        employee=world.worker,
        number="HT-REHIRE-1",
        contract_type="fixed",
        start_date=case.last_day + datetime.timedelta(days=60),
        end_date=case.last_day + datetime.timedelta(days=60 + 3 * 365),
        probation_months=2,
    )
    with pytest.raises(ValidationError) as caught:
        contract.full_clean()
    assert "probation_once_only" in error_codes(caught.value)
    assert world.worker.separations.get() == case


def test_hr_records_the_secrecy_period_which_the_notice_form_applies(world, login):
    client = login(world.hr)
    assert 'id="separation-link"' in client.get(world.worker.get_absolute_url()).content.decode()
    response = client.post(
        reverse("offboarding:terms", args=[world.worker.pk]),
        {"secrecy_notice_months": "3", "agreed_on": f"{TODAY():%Y-%m-%d}"},
    )
    assert response.status_code == 302
    too_long = client.post(
        reverse("offboarding:terms", args=[world.worker.pk]),
        {
            "secrecy_notice_months": "3",
            "noncompete": "on",
            "noncompete_basis": "technical",
            "noncompete_scope": "同行业",
            "noncompete_months": "36",
            "noncompete_monthly_compensation": "3000",
            "agreed_on": f"{TODAY():%Y-%m-%d}",
        },
    )
    assert too_long.status_code == 200 and "24" in too_long.content.decode()
    assert login(world.prod_head).get(reverse("offboarding:terms", args=[world.worker.pk])).status_code == 403
    from employees.labour_law import add_months

    page = login(world.worker_user).get(reverse("offboarding:resign")).content.decode()
    assert f"{add_months(TODAY(), 3):%Y-%m-%d}" in page
