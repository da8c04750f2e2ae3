import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.security import mask_id_number
from recruitment import services
from recruitment.models import Application, Candidate, Offer, Requisition, Stage

from .factories import OFFER_TERMS, approve_all, candidate_data, evaluate_proceed, id_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _qa_requisition(company):
    requisition = services.requisition_create(
        by=company.qa_head,
        position=company.qa_post,
        headcount=1,
        reason="replacement",
        desired_start_date=timezone.localdate() + datetime.timedelta(days=20),
    )
    services.requisition_submit(requisition=requisition, by=company.qa_head)
    return requisition


# --- scope ------------------------------------------------------------------------------------------------


def test_department_head_sees_only_their_departments_requisitions(company, login, approved_requisition):
    """生产部's head sees 生产部's requisition; 品质部's is a 404 for them and missing from their list."""
    other = _qa_requisition(company)
    client = login(company.prod_head)
    listing = client.get(reverse("recruitment:requisition_list"))
    assert listing.status_code == 200
    assert approved_requisition.number in listing.content.decode()
    assert other.number not in listing.content.decode()
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(reverse("recruitment:requisition_pdf", args=[other.pk])).status_code == 404
    assert client.get(reverse("recruitment:requisition_board", args=[other.pk])).status_code == 404


def test_hr_sees_every_department(company, login, approved_requisition):
    other = _qa_requisition(company)
    client = login(company.hr)
    content = client.get(reverse("recruitment:requisition_list")).content.decode()
    assert approved_requisition.number in content and other.number in content
    assert client.get(other.get_absolute_url()).status_code == 200


def test_employee_without_a_recruitment_role_gets_404(company, login, approved_requisition):
    client = login(company.outsider)
    assert client.get(reverse("recruitment:requisition_list")).status_code == 404
    assert client.get(approved_requisition.get_absolute_url()).status_code == 404
    assert client.get(reverse("recruitment:application_list")).status_code == 404


def test_department_head_cannot_see_another_departments_application(
    company, login, approved_requisition, make_candidate
):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    assert login(company.qa_head).get(application.get_absolute_url()).status_code == 404
    assert login(company.prod_head).get(application.get_absolute_url()).status_code == 200


def test_candidate_pool_is_for_hr(company, login, make_candidate):
    candidate = make_candidate()
    assert login(company.prod_head).get(reverse("recruitment:candidate_list")).status_code == 403
    assert login(company.prod_head).get(candidate.get_absolute_url()).status_code == 404
    assert login(company.hr).get(reverse("recruitment:candidate_list")).status_code == 200


def test_interviewer_sees_the_application_they_interview(company, login, approved_requisition, make_candidate):
    """An interviewer from another department may open the application to evaluate it."""
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    services.application_advance(application=application, by=company.hr)
    services.interview_schedule(
        application=application,
        by=company.hr,
        round=Stage.FIRST_INTERVIEW,
        scheduled_at=timezone.now(),
        interviewers=[company.qa_head],
        place="会议室",
    )
    assert login(company.qa_head).get(application.get_absolute_url()).status_code == 200


# --- requisition pages ------------------------------------------------------------------------------------


def test_department_head_creates_and_submits_a_requisition(company, login, english):
    client = login(company.prod_head)
    response = client.post(
        reverse("recruitment:requisition_create"),
        {
            "position": company.frontline.pk,
            "headcount": 2,
            "reason": "expansion",
            "employment_type": "regular",
            "desired_start_date": "2030-01-15",
            "urgency": "normal",
        },
    )
    requisition = Requisition.objects.get()
    assert response.status_code == 302 and response.url == requisition.get_absolute_url()
    assert requisition.department == company.production and requisition.requested_by == company.prod_head
    client.post(reverse("recruitment:requisition_submit", args=[requisition.pk]), {"comment": "旺季"})
    requisition.refresh_from_db()
    assert requisition.status == Requisition.Status.IN_APPROVAL
    page = client.get(requisition.get_absolute_url()).content.decode()
    assert "prod_manager" in page  # the chain shows who approves next


def test_department_head_cannot_request_for_another_department(company, login):
    response = login(company.prod_head).post(
        reverse("recruitment:requisition_create"),
        {
            "position": company.qa_post.pk,
            "headcount": 1,
            "reason": "expansion",
            "employment_type": "regular",
            "desired_start_date": "2030-01-15",
            "urgency": "normal",
        },
    )
    assert response.status_code == 200
    assert "position" in response.context["form"].errors
    assert not Requisition.objects.exists()


def test_form_shows_the_headcount_and_flags_over_headcount(company, login, english):
    response = login(company.prod_head).get(
        reverse("recruitment:headcount_panel"), {"position": company.frontline.pk, "headcount": 9}
    )
    content = response.content.decode()
    assert 'id="hc-authorised">5<' in content
    assert 'id="hc-over"' in content


def test_hr_cannot_be_blocked_from_planning_but_head_can(company, login, approved_requisition):
    url = reverse("recruitment:plan_edit", args=[approved_requisition.pk])
    assert login(company.prod_head).get(url).status_code == 403
    client = login(company.hr)
    assert client.get(url).status_code == 200
    data = {
        "owner": company.hr.pk,
        "start_date": "2030-01-01",
        "end_date": "2030-02-01",
        "budget": "2000",
        "ch-TOTAL_FORMS": "2",
        "ch-INITIAL_FORMS": "2",
        "ch-MIN_NUM_FORMS": "0",
        "ch-MAX_NUM_FORMS": "1000",
        "ch-0-channel": "online",
        "ch-0-use": "on",
        "ch-0-cost": "600",
        "ch-1-channel": "campus",
        "ch-1-cost": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    approved_requisition.refresh_from_db()
    assert approved_requisition.status == Requisition.Status.RECRUITING
    assert list(approved_requisition.plan.channels.values_list("channel", flat=True)) == ["online"]


def test_requisition_pdf_prints(company, login, approved_requisition):
    response = login(company.prod_head).get(reverse("recruitment:requisition_pdf", args=[approved_requisition.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


# --- candidates ----------------------------------------------------------------------------------------


def test_duplicate_phone_on_the_form_names_the_existing_candidate(company, login, make_candidate, english):
    existing = make_candidate()
    response = login(company.hr).post(
        reverse("recruitment:candidate_create"),
        {"name": "王五", "phone": existing.phone, "source_channel": "online", "consent_given": "on"},
    )
    assert response.status_code == 200
    assert existing.name in str(response.context["form"].errors["phone"])


def test_resume_is_downloaded_as_an_attachment_by_permitted_users_only(
    company, login, approved_requisition, make_candidate, private_storage
):
    candidate = make_candidate(resume=SimpleUploadedFile("履历.pdf", b"%PDF-1.4 test"))
    services.application_create(by=company.hr, candidate=candidate, requisition=approved_requisition)
    url = reverse("recruitment:candidate_resume", args=[candidate.pk])
    response = login(company.prod_head).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert private_storage.exists(candidate.resume.name)
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=company.prod_head).count() == 1
    assert login(company.qa_head).get(url).status_code == 404


def test_id_number_is_masked_without_secret_clearance(company, login, approved_requisition, make_candidate):
    candidate = make_candidate(id_number=id_number(1))
    services.application_create(by=company.hr, candidate=candidate, requisition=approved_requisition)
    head_page = login(company.prod_head).get(candidate.get_absolute_url()).content.decode()
    assert candidate.id_number not in head_page and mask_id_number(candidate.id_number) in head_page
    assert candidate.id_number in login(company.hr).get(candidate.get_absolute_url()).content.decode()


def _csv(rows):
    header = "name,phone,email,source_channel,education,consent\n"
    return SimpleUploadedFile("candidates.csv", (header + "\n".join(rows)).encode("utf-8"))


def test_import_preview_lists_row_errors_and_writes_nothing(company, login, make_candidate, english):
    existing = make_candidate()
    client = login(company.hr)
    upload = _csv(
        [
            "甲,13700000001,a@example.com,网上招聘,本科,是",
            f"乙,{existing.phone},b@example.com,online,college,yes",
            "丙,13700000003,c@example.com,电视,college,yes",
            "丁,13700000004,d@example.com,online,college,no",
        ]
    )
    response = client.post(reverse("recruitment:candidate_import"), {"file": upload, "check": "1"})
    report = response.context["report"]
    assert not report.ok
    lines = {(p.line, p.column) for p in report.problems}
    assert {(3, "phone"), (4, "source_channel"), (5, "consent")} <= lines
    assert Candidate.objects.count() == 1


def test_import_after_a_clean_preview_writes_every_row(company, login, english):
    client = login(company.hr)
    upload = _csv(["甲,13700000001,a@example.com,网上招聘,本科,是", "乙,13700000002,,校园招聘,大专,yes"])
    response = client.post(reverse("recruitment:candidate_import"), {"file": upload, "check": "1"})
    assert response.context["report"].ok
    assert Candidate.objects.count() == 0
    response = client.post(reverse("recruitment:candidate_import"), {"confirm": "1"})
    assert response.status_code == 302
    assert sorted(Candidate.objects.values_list("name", "source_channel")) == [("乙", "campus"), ("甲", "online")]


def test_import_refuses_a_duplicate_inside_the_file(company, login):
    client = login(company.hr)
    upload = _csv(["甲,13700000001,,online,,yes", "乙,137-0000-0001,,online,,yes"])
    report = client.post(reverse("recruitment:candidate_import"), {"file": upload}).context["report"]
    assert [p.line for p in report.problems] == [3]


# --- board and pipeline -----------------------------------------------------------------------------------


def test_hr_moves_a_card_on_the_board_with_htmx(company, login, approved_requisition, make_candidate):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    response = login(company.hr).post(
        reverse("recruitment:application_move", args=[application.pk]),
        {"to_stage": "screening", "from": "board"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'id="board"' in response.content.decode()
    application.refresh_from_db()
    assert application.stage == Stage.SCREENING


def test_department_head_cannot_move_cards(company, login, approved_requisition, make_candidate):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    response = login(company.prod_head).post(
        reverse("recruitment:application_move", args=[application.pk]), {"to_stage": "screening"}
    )
    assert response.status_code == 403


def test_skip_without_reason_is_shown_on_the_board(company, login, approved_requisition, make_candidate, english):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    response = login(company.hr).post(
        reverse("recruitment:application_move", args=[application.pk]),
        {"to_stage": "second_interview", "from": "board"},
        HTTP_HX_REQUEST="true",
    )
    assert 'role="alert"' in response.content.decode()
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED


def _applications(company, requisition, n, start=0):
    for i in range(start, start + n):
        candidate = Candidate.objects.create(
            name=f"C{i}", phone=f"1360000{i:04d}", source_channel="online", privacy_notice_at=timezone.now()
        )
        Application.objects.create(
            candidate=candidate,
            requisition=requisition,
            applied_on=timezone.localdate(),
            stage_changed_at=timezone.now(),
            stage=[Stage.APPLIED, Stage.SCREENING, Stage.FIRST_INTERVIEW][i % 3],
        )


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["requisition_list", "application_list", "candidate_list", "requisition_board"])
def test_list_pages_cost_the_same_queries_for_5_and_50_rows(
    company, login, approved_requisition, url_name, django_assert_max_num_queries
):
    url = (
        reverse("recruitment:requisition_board", args=[approved_requisition.pk])
        if url_name == "requisition_board"
        else reverse(f"recruitment:{url_name}")
    )
    client = login(company.hr)
    _applications(company, approved_requisition, 5)
    few = _count(client, url)
    _applications(company, approved_requisition, 45, start=5)
    for _ in range(3):
        services.requisition_create(
            by=company.hr,
            position=company.staff,
            headcount=1,
            reason="expansion",
            desired_start_date=timezone.localdate(),
        )
    many = _count(client, url)
    assert few == many
    with django_assert_max_num_queries(15):
        client.get(url)


# --- interviews, offer, hire ------------------------------------------------------------------------------


def test_only_interviewers_evaluate(company, login, approved_requisition, make_candidate):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    services.application_advance(application=application, by=company.hr)
    interview = services.interview_schedule(
        application=application,
        by=company.hr,
        round=Stage.FIRST_INTERVIEW,
        scheduled_at=timezone.now(),
        interviewers=[company.hr],
        place="会议室",
    )
    url = reverse("recruitment:evaluation_create", args=[interview.pk])
    assert login(company.prod_head).get(url).status_code == 403
    response = login(company.hr).post(
        url,
        {
            "attitude": 4,
            "motivation": 4,
            "basic_skills": 3,
            "experience": 3,
            "id_verified": "True",
            "education_verified": "True",
            "qualification_verified": "False",
            "recommendation": "proceed",
        },
    )
    assert response.status_code == 302
    evaluation = interview.evaluations.get()
    assert evaluation.qualification_verified is False and evaluation.id_verified is True


def test_evaluation_pdf_prints_all_rounds(company, login, approved_requisition, make_candidate):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    evaluate_proceed(application, company)
    response = login(company.prod_head).get(reverse("recruitment:evaluation_pdf", args=[application.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_offer_pages_need_secret_clearance_and_hr(company, login, approved_requisition, make_candidate):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(id_number=id_number(1)), requisition=approved_requisition
    )
    evaluate_proceed(application, company)
    url = reverse("recruitment:offer_edit", args=[application.pk])
    assert login(company.prod_head).get(url).status_code == 403
    response = login(company.hr).post(
        url,
        {
            **{k: v for k, v in OFFER_TERMS.items() if v is not None},
            "id_number": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Offer.objects.get(application=application).probation_months == OFFER_TERMS["probation_months"]


def test_offer_form_shows_the_probation_rule_on_the_field(
    company, login, approved_requisition, make_candidate, english
):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(id_number=id_number(1)), requisition=approved_requisition
    )
    response = login(company.hr).post(
        reverse("recruitment:offer_edit", args=[application.pk]),
        {
            **OFFER_TERMS,
            "contract_months": 6,
            "probation_months": 2,
        },
    )
    assert response.status_code == 200
    assert "probation_months" in response.context["form"].errors


def test_accepting_in_the_ui_creates_the_employee(company, login, approved_requisition, make_candidate):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(id_number=id_number(1)), requisition=approved_requisition
    )
    evaluate_proceed(application, company)
    services.application_advance(application=application, by=company.hr)
    offer = services.offer_submit(
        offer=services.offer_create(application=application, by=company.hr, **OFFER_TERMS), by=company.hr
    )
    approve_all(offer)
    client = login(company.hr)
    assert client.get(reverse("recruitment:offer_pdf", args=[application.pk])).content.startswith(b"%PDF")
    client.post(reverse("recruitment:offer_accept", args=[application.pk]))
    offer.refresh_from_db()
    assert offer.employee is not None and offer.employee.status == "onboarding"


def test_channel_report_counts_candidates_hires_and_cost(company, login, approved_requisition, english):
    services.plan_save(
        requisition=approved_requisition,
        by=company.hr,
        owner=company.hr,
        start_date=timezone.localdate(),
        end_date=timezone.localdate(),
        budget=1000,
        channels=[{"channel": "online", "cost": 900}],
    )
    for n in range(3):
        services.candidate_create(by=company.hr, consent_given=True, **candidate_data(n))
    response = login(company.hr).get(reverse("recruitment:channel_report"))
    row = next(r for r in response.context["rows"] if r.channel == "online")
    assert (row.candidates, row.cost, row.cost_per_hire) == (3, 900, None)
    assert login(company.prod_head).get(reverse("recruitment:channel_report")).status_code == 403


def test_ics_download(company, login, approved_requisition, make_candidate):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    interview = evaluate_proceed(application, company)
    response = login(company.hr).get(reverse("recruitment:interview_ics", args=[interview.pk]))
    assert response["Content-Type"] == "text/calendar"
    assert b"BEGIN:VCALENDAR" in response.content


def test_template_download(company, login):
    response = login(company.hr).get(reverse("recruitment:candidate_import_template"))
    header = io.StringIO(response.content.decode("utf-8-sig")).readline()
    assert header.startswith("name,gender,phone")
