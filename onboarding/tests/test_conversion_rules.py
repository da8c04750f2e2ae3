"""The conversion made right: never below the agreed wage without a recorded contract change, the staff-grade
self-report, effective on its date (not on approval), and nothing recorded before the start date."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.errors import error_codes
from core.policy import PolicyDenied
from employees.models import EmployeeStatus, PersonnelDocument, SalaryChange
from onboarding import reminders, services
from onboarding.models import CaseEvent, Conversion, ProbationReview, ProbationStatus

from .conftest import PDF_BYTES, REVIEW, approve_all, upload_all

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _ready(case, company, **review):
    upload_all(case.employee, company.hr)
    services.review_submit(case=case, by=company.prod_head, **{**REVIEW, **review})
    return case


def _agreement(name="变更协议.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, "application/pdf")


# --- 1. not below the agreed wage (LCL arts. 20, 29, 35) ------------------------------------------------------


def test_a_conversion_below_the_agreed_wage_is_refused_in_plain_words(company, start_case):
    """Probe: agreed 6,000, probation 4,800, conversion at 4,000 — refused, nothing saved."""
    case = _ready(start_case(), company)
    assert (case.agreed_salary, case.probation_salary) == (Decimal("6000"), Decimal("4800"))
    with pytest.raises(ValidationError) as error:
        services.conversion_submit(case=case, by=company.hr, new_salary=Decimal("4000"), effective_date=TODAY())
    assert "below_agreed_wage" in error_codes(error.value)
    assert "变更劳动合同协议" in " ".join(error.value.messages)
    assert not Conversion.objects.exists()
    case.refresh_from_db()
    assert case.probation_status == ProbationStatus.RUNNING


def test_a_lower_wage_needs_the_whole_agreement_date_note_and_signed_file(company, start_case):
    case = _ready(start_case(), company)
    kwargs = {"case": case, "by": company.hr, "new_salary": Decimal("5000"), "effective_date": TODAY()}
    with pytest.raises(ValidationError) as error:
        services.conversion_submit(**kwargs, change_agreed_on=TODAY(), change_note="双方协商调整岗位及工资")
    assert "below_agreed_wage" in error_codes(error.value)
    with pytest.raises(ValidationError) as error:
        services.conversion_submit(
            **kwargs,
            change_agreed_on=TODAY(),
            change_note="双方协商调整岗位及工资",
            change_file=SimpleUploadedFile("协议.pdf", b"not a pdf", "application/pdf"),
        )
    assert not Conversion.objects.exists()
    conversion = services.conversion_submit(
        **kwargs, change_agreed_on=TODAY(), change_note="双方协商调整岗位及工资", change_file=_agreement()
    )
    assert conversion.change_document.employee == case.employee
    assert conversion.change_document.note == "变更劳动合同协议"
    assert PersonnelDocument.objects.filter(employee=case.employee, note="变更劳动合同协议").count() == 1


def test_hr_attaches_the_agreement_on_the_conversion_page(company, start_case, login):
    case = _ready(start_case(), company)
    client = login(company.hr)
    url = reverse("onboarding:conversion_create", args=[case.pk])
    today = f"{TODAY():%Y-%m-%d}"
    response = client.post(url, {"new_salary": "4000", "effective_date": today})
    assert response.status_code == 200 and "new_salary" in response.context["form"].errors
    response = client.post(
        url,
        {
            "new_salary": "4000",
            "effective_date": today,
            "change_agreed_on": today,
            "change_note": "调岗至辅助岗位，双方协商一致",
            "change_file": _agreement(),
        },
    )
    assert response.status_code == 302
    conversion = Conversion.objects.get(case=case)
    assert conversion.change_agreed_on == TODAY() and conversion.change_document_id
    assert "调岗至辅助岗位" in client.get(case.get_absolute_url()).content.decode()


# --- 3. the staff-grade self-report -----------------------------------------------------------------------------


def test_a_staff_grade_conversion_needs_the_self_report(company, start_case, make_user):
    user = make_user("engineer")
    case = _ready(start_case(company.staff, terms={"probation_months": 3}, user=user), company)
    with pytest.raises(ValidationError) as error:
        services.conversion_submit(case=case, by=company.hr, new_salary=Decimal("6000"), effective_date=TODAY())
    assert "self_report_missing" in error_codes(error.value)
    services.self_report_submit(case=case, by=user, work_summary="完成模具工艺改善两项")
    conversion = services.conversion_submit(
        case=case, by=company.hr, new_salary=Decimal("6000"), effective_date=TODAY()
    )
    assert conversion.status == Conversion.Status.PENDING


def test_hr_records_a_paper_self_report_only_for_someone_without_a_login(company, start_case, make_user):
    """A staff-grade hire without a login hands the report in on paper: HR records it, so the conversion can go on.
    For someone with a login only they write it."""
    paper = _ready(start_case(company.staff, terms={"probation_months": 3}), company)
    services.self_report_submit(case=paper, by=company.hr, work_summary="纸质报告：完成模具工艺改善两项")
    assert (
        services.conversion_submit(case=paper, by=company.hr, new_salary=Decimal("6000"), effective_date=TODAY()).status
        == Conversion.Status.PENDING
    )
    own = _ready(start_case(company.staff, terms={"probation_months": 3}, user=make_user("engineer2")), company)
    with pytest.raises(PolicyDenied) as error:
        services.self_report_submit(case=own, by=company.hr, work_summary="代写")
    assert "not_own_case" in error_codes(error.value)


# --- 5. effective on the effective date, not on approval ---------------------------------------------------------


def test_a_conversion_approved_before_its_effective_date_waits_for_it(company, start_case, make_user):
    """Probe: approved today with the effective date months ahead — the employee stays on probation and the
    probation wage; the daily task makes them regular on the new salary on that date, once."""
    user = make_user("engineer")
    case = _ready(start_case(company.staff, terms={"probation_months": 3}, user=user), company)
    services.self_report_submit(case=case, by=user, work_summary="完成模具工艺改善两项")
    effective = case.probation_end + datetime.timedelta(days=1)
    conversion = services.conversion_submit(
        case=case, by=company.hr, new_salary=Decimal("6500"), effective_date=effective
    )
    approve_all(conversion)
    case.refresh_from_db()
    employee = case.employee
    employee.refresh_from_db()
    conversion.refresh_from_db()
    assert conversion.status == Conversion.Status.APPROVED and conversion.awaits_effective_date
    assert case.probation_status == ProbationStatus.CONVERSION_APPROVED and case.regular_from is None
    assert employee.status != EmployeeStatus.REGULAR and employee.base_salary == Decimal("4800")
    assert services.probations_lapse(today=effective) == []

    assert services.conversions_apply(today=effective - datetime.timedelta(days=1)) == []
    reminders.probation_lapsed(effective)
    reminders.probation_lapsed(effective)
    case.refresh_from_db()
    employee.refresh_from_db()
    assert case.probation_status == ProbationStatus.CONVERTED and case.regular_from == effective
    assert employee.employment_type != "probation" and employee.base_salary == Decimal("6500")
    assert SalaryChange.objects.filter(employee=employee, new_salary=Decimal("6500")).count() == 1
    assert case.events.filter(action=CaseEvent.Action.CONVERSION_EFFECTIVE).count() == 1


def test_the_salary_history_starts_with_the_probation_wage_and_agrees_with_the_slip(company, start_case):
    """The probation wage is in the history from the start date, so the 调薪单's "from" figure is the history's."""
    case = _ready(start_case(), company)
    start = SalaryChange.objects.get(employee=case.employee, effective_date=case.start_date)
    assert start.new_salary == Decimal("4800")
    conversion = services.conversion_submit(
        case=case, by=company.hr, new_salary=Decimal("6000"), effective_date=TODAY()
    )
    approve_all(conversion)
    conversion.refresh_from_db()
    assert conversion.salary_change.previous_salary == conversion.old_salary == start.new_salary


def test_the_case_page_shows_when_an_approved_conversion_takes_effect(company, start_case, login, make_user):
    case = _ready(start_case(), company)
    conversion = services.conversion_submit(
        case=case, by=company.hr, new_salary=Decimal("6000"), effective_date=case.probation_end
    )
    approve_all(conversion)
    page = login(company.hr).get(case.get_absolute_url()).content.decode()
    assert 'id="conversion-scheduled"' in page and f"{case.probation_end:%Y-%m-%d}" in page


# --- 9. nothing before the start date ------------------------------------------------------------------------------


def test_no_review_or_conversion_before_the_start_date(company, start_case):
    """A hire starting in twelve days: the review and the conversion are refused until then."""
    case = start_case(days_ago=-12)
    upload_all(case.employee, company.hr)
    with pytest.raises(PermissionDenied) as error:
        services.review_submit(case=case, by=company.prod_head, **REVIEW)
    assert "before_start" in error_codes(error.value)
    with pytest.raises(PermissionDenied) as error:
        services.conversion_submit(case=case, by=company.hr, new_salary=Decimal("6000"), effective_date=TODAY())
    assert "before_start" in error_codes(error.value)


def test_the_models_refuse_dates_before_the_start(company, start_case):
    """Model validation (every path: page, admin, import): a review submitted or a conversion effective before
    the start date is invalid."""
    case = _ready(start_case(), company)
    before = case.start_date - datetime.timedelta(days=1)
    review = ProbationReview(
        case=case,
        reviewer=company.prod_head,
        performance=4,
        ability=4,
        attitude=4,
        discipline=4,
        comments="x",
        conditions_met=True,
        conditions_assessment="x",
        recommendation="convert",
        submitted_at=timezone.make_aware(datetime.datetime.combine(before, datetime.time(10))),
    )
    with pytest.raises(ValidationError) as error:
        review.full_clean()
    assert "before_start" in error_codes(error.value)
    conversion = Conversion(
        case=case,
        review=case.reviews.get(),
        new_salary=Decimal("6000"),
        effective_date=before,
        created_by=company.hr,
    )
    with pytest.raises(ValidationError) as error:
        conversion.full_clean()
    assert "before_start" in error_codes(error.value)
    with pytest.raises(ValidationError) as error:
        services.conversion_submit(case=case, by=company.hr, new_salary=Decimal("6000"), effective_date=before)
    assert "before_start" in error_codes(error.value)
