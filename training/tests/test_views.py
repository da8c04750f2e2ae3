"""Training pages per role: heads see and rate only their department, employees their own records, HR all;
list pages in a constant number of queries; PDFs with the embedded Chinese font; the score import with its
dry-run preview."""

import datetime
import io
from decimal import Decimal

import pytest
import tablib
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from printing.tests.conftest import Poppler, requires_poppler
from tests.factories import EmployeeFactory
from training import kinds, reminders, services
from training.imports import scores_import
from training.models import NeedSource, Participant, PlanItem, PlanStatus, Session, SkillRating, TrainingPlan

pytestmark = pytest.mark.django_db


def _session(world, employees, start=None, **extra):
    start = start or timezone.now() - datetime.timedelta(minutes=5)
    return services.session_create(
        by=world.company.hr,
        employees=employees,
        course=extra.pop("course", "焊接技能培训"),
        trainer_kind="internal",
        trainer="张师傅",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="培训室A",
        hours=Decimal("2"),
        **extra,
    )


def test_the_head_sees_the_matrix_of_his_department_only(world, login):
    client = login(world.company.prod_head)
    page = client.get(reverse("training:matrix"))
    assert page.status_code == 200
    assert "王操作" in page.content.decode() and "赵检" not in page.content.decode()
    other_dept = client.get(reverse("training:matrix"), {"department": world.company.quality.pk})
    assert other_dept.status_code == 404
    assert client.get(reverse("training:employee_competence", args=[world.qa_worker.pk])).status_code == 404


def test_an_employee_has_no_matrix_but_sees_his_own_history(world, login):
    client = login(world.operator.user)
    assert client.get(reverse("training:matrix")).status_code == 403
    assert client.get(reverse("training:skill_list")).status_code == 403
    assert client.get(reverse("training:history", args=[world.operator.pk])).status_code == 200
    assert client.get(reverse("training:history", args=[world.other.pk])).status_code == 404
    assert client.get(reverse("training:history_pdf", args=[world.other.pk])).status_code == 404
    assert client.get(reverse("training:my_history")).url == reverse("training:history", args=[world.operator.pk])


def test_the_head_rates_his_people_and_the_employee_cannot_rate(world, login):
    url = reverse("training:employee_competence", args=[world.operator.pk])
    data = {f"skill_{world.welding.pk}": "2", "note": "ok"}
    assert login(world.company.prod_head).post(url, data).status_code == 302
    assert SkillRating.objects.filter(employee=world.operator, level=2).count() == 1
    assert login(world.operator.user).post(url, data).status_code == 403
    assert login(world.company.qa_head).post(url, data).status_code == 404


def test_an_employee_raises_a_need_for_himself_only(world, login):
    client = login(world.operator.user)
    url = reverse("training:need_create")
    data = {"topic": "叉车", "source": NeedSource.SELF, "reason": "想学"}
    assert client.post(url, {**data, "employee": world.other.pk}).status_code == 200  # not a valid choice
    assert not world.other.training_needs.exists()
    assert client.post(url, {**data, "employee": world.operator.pk}).status_code == 302
    assert world.operator.training_needs.get().topic == "叉车"


def test_plans_are_made_by_hr_and_seen_by_others_once_published(world, login):
    plan = services.plan_create(year=2027, title="计划", by=world.company.hr)
    assert login(world.company.prod_head).get(plan.get_absolute_url()).status_code == 404
    assert login(world.company.prod_head).get(reverse("training:plan_create")).status_code == 403
    assert login(world.company.hr).get(plan.get_absolute_url()).status_code == 200
    TrainingPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.PUBLISHED)
    assert login(world.operator.user).get(plan.get_absolute_url()).status_code == 200


def test_sessions_are_seen_by_the_invited_and_their_head_only(world, login):
    session = _session(world, [world.operator])
    url = session.get_absolute_url()
    assert login(world.operator.user).get(url).status_code == 200
    assert login(world.company.prod_head).get(url).status_code == 200
    assert login(world.company.qa_head).get(url).status_code == 404
    assert login(world.company.outsider).get(url).status_code == 404
    # Only HR records attendance and scores.
    assert login(world.company.prod_head).get(reverse("training:session_scores", args=[session.pk])).status_code == 403
    assert login(world.operator.user).post(reverse("training:session_attendance", args=[session.pk])).status_code == 403


def test_an_uninvited_user_gets_a_clear_message_at_check_in(world, login):
    session = _session(world, [world.operator])
    page = login(world.company.outsider).post(
        reverse("training:checkin", args=[session.pk]), {"code": session.checkin_code}
    )
    assert page.status_code == 200
    assert not Participant.objects.filter(session=session, attended=True).exists()
    errors = page.context["form"].errors.as_data()["__all__"]
    assert [e.code for e in errors] == ["checkin_not_invited"]
    assert "not on the invitation list" in page.content.decode() or "邀请" in page.content.decode()


def test_bulk_scores_save_all_or_nothing(world, login):
    session = _session(world, [world.operator, world.other])
    Participant.objects.filter(session=session).update(attended=True)
    p1, p2 = session.participants.order_by("employee__number")
    client = login(world.company.hr)
    url = reverse("training:session_scores", args=[session.pk])
    bad = {f"score_{p1.pk}": "80", f"method_{p1.pk}": "written", f"score_{p2.pk}": "abc", f"method_{p2.pk}": "written"}
    assert client.post(url, bad).status_code == 200
    assert not Participant.objects.filter(session=session, score__isnull=False).exists()
    good = {**bad, f"score_{p2.pk}": "40"}
    assert client.post(url, good).status_code == 302
    p1.refresh_from_db()
    p2.refresh_from_db()
    assert p1.passed is True and p2.passed is False and p2.failure_action == "retrain"


@pytest.mark.parametrize("name", ["training:need_list", "training:session_list", "training:matrix"])
def test_list_pages_use_a_constant_number_of_queries(world, login, django_assert_max_num_queries, name):
    hr = world.company.hr
    for i in range(3):
        services.raise_need(employee=world.operator, topic=f"t{i}", source=NeedSource.OTHER, by=hr)
        _session(world, [world.operator, world.other], course=f"c{i}")
    client = login(hr)
    client.get(reverse(name))
    with django_assert_max_num_queries(18) as few:
        client.get(reverse(name))
    for i in range(10):
        e = EmployeeFactory(position=world.company.frontline)
        services.raise_need(employee=e, topic=f"x{i}", source=NeedSource.OTHER, by=hr)
        _session(world, [e], course=f"d{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse(name))


def test_pdfs_print_their_chinese_names_with_the_embedded_font(world, login):
    requires_poppler()
    session = _session(world, [world.operator])
    Participant.objects.filter(session=session).update(attended=True)
    services.assessment_record(participant=session.participants.get(), score=45, method="written", by=world.company.hr)
    client = login(world.company.hr)
    for url, title, expected in [
        (reverse("training:signin_pdf", args=[session.pk]), "培训签到记录表", "签名"),
        (reverse("training:assessment_pdf", args=[session.pk]), "专业培训考核表", "不合格"),
        (reverse("training:history_pdf", args=[world.operator.pk]), "员工培训履历表", "焊接技能培训"),
        (reverse("training:matrix_pdf"), "岗位能力矩阵表", "王操作"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        pdf = response.content
        text = Poppler.text(pdf)
        assert title in text and expected in text, url
        assert all(font.embedded for font in Poppler.fonts(pdf))


def test_the_matrix_page_shows_fifty_people_a_page_and_the_pdf_all(world, login, django_assert_max_num_queries):
    client = login(world.company.prod_head)
    before = client.get(reverse("training:matrix")).context["page_obj"].paginator.count
    for n in range(60):
        EmployeeFactory(position=world.company.frontline, name=f"员工{n:02d}", number=f"P2{n:03d}")
    with django_assert_max_num_queries(14):
        first = client.get(reverse("training:matrix"))
    rows = first.context["rows"]
    assert len(rows) == 50 and first.context["page_obj"].paginator.count == before + 60
    second = client.get(reverse("training:matrix"), {"page": 2})
    assert len(second.context["rows"]) == before + 10
    assert {r["employee"].pk for r in rows}.isdisjoint({r["employee"].pk for r in second.context["rows"]})
    assert "page=2" in first.content.decode()
    dataset = tablib.Dataset().load(client.get(reverse("training:matrix_xlsx")).content, format="xlsx")
    assert len(dataset) == before + 60


def test_matrix_exports_xlsx_for_the_department(world, login):
    services.rating_record(employee=world.operator, skill=world.welding, level=1, by=world.company.hr)
    response = login(world.company.prod_head).get(reverse("training:matrix_xlsx"))
    assert response.status_code == 200
    dataset = tablib.Dataset().load(io.BytesIO(response.content).read(), format="xlsx")
    rows = {row[1]: row for row in dataset}
    assert rows["王操作"][dataset.headers.index("焊接")] == "1/3"


def test_score_import_previews_every_problem_and_writes_nothing_unless_all_rows_are_valid(world):
    session = _session(world, [world.operator, world.other])
    Participant.objects.filter(session=session, employee=world.operator).update(attended=True)
    dataset = tablib.Dataset(headers=["session", "employee", "method", "score"])
    dataset.append([session.pk, world.operator.number, "理论考核", "75"])
    dataset.append([session.pk, world.other.number, "实践操作", "80"])  # did not attend
    dataset.append([session.pk, world.operator.number, "唱歌", "120"])
    report = scores_import(dataset=dataset, by=world.company.hr, dry_run=False)
    assert not report.written
    assert [(p.line, p.column) for p in report.problems] == [(3, "employee"), (4, "method"), (4, "score")]
    assert not Participant.objects.filter(score__isnull=False).exists()
    good = tablib.Dataset(headers=["session", "employee", "method", "score"])
    good.append([session.pk, world.operator.number, "理论考核", "75"])
    assert scores_import(dataset=good, by=world.company.hr, dry_run=True).ok
    assert not Participant.objects.filter(score__isnull=False).exists()
    assert scores_import(dataset=good, by=world.company.hr, dry_run=False).written
    assert Participant.objects.get(employee=world.operator).passed is True


def test_session_reminders_3_days_and_1_day_before_once(world):
    start = timezone.now() + datetime.timedelta(days=3)
    _session(world, [world.operator, world.other], start=start)  # `other` has no login
    today = timezone.localtime(start).date() - datetime.timedelta(days=3)
    assert reminders.session_soon(today) == 1
    assert reminders.session_soon(today) == 0
    assert reminders.session_soon(today + datetime.timedelta(days=1)) == 0
    assert reminders.session_soon(today + datetime.timedelta(days=2)) == 1
    assert Notification.objects.filter(kind=kinds.SESSION_SOON, recipient=world.operator.user).count() == 2


def test_plan_items_past_their_month_are_reminded_to_hr_once(world):
    plan = services.plan_create(year=2025, title="计划", by=world.company.hr)
    PlanItem.objects.create(
        plan=plan, course="5S", month=3, hours=2, trainer_kind="internal", method="classroom", budget=0
    )
    TrainingPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.PUBLISHED)
    sent = reminders.plan_items_overdue(datetime.date(2025, 4, 2))
    assert sent == 2  # hr and hr_manager
    assert reminders.plan_items_overdue(datetime.date(2025, 4, 3)) == 0


def test_the_head_is_reminded_to_evaluate_application_three_months_later_once(world):
    session = _session(world, [world.operator], start=timezone.now() - datetime.timedelta(days=95))
    Participant.objects.filter(session=session).update(attended=True)
    Session.objects.filter(pk=session.pk).update(status="held")
    today = timezone.localdate()
    assert reminders.application_due(today) == 1
    assert reminders.application_due(today) == 0
    assert Notification.objects.get(kind=kinds.APPLICATION_DUE).recipient == world.company.prod_head


def test_materials_are_private_and_test_papers_only_for_hr(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    session = _session(world, [world.operator])
    hr = login(world.company.hr)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    url = reverse("training:session_file_upload", args=[session.pk])
    hr.post(url, {"kind": "material", "file": SimpleUploadedFile("m.pdf", pdf, "application/pdf")})
    hr.post(url, {"kind": "test_paper", "file": SimpleUploadedFile("t.pdf", pdf, "application/pdf")})
    hr.post(url, {"kind": "material", "file": SimpleUploadedFile("x.exe", b"MZ", "application/octet-stream")})
    material, paper = session.files.order_by("pk")
    assert session.files.count() == 2
    download = lambda user, f: login(user).get(reverse("training:session_file_download", args=[session.pk, f.pk]))  # noqa: E731
    assert download(world.operator.user, material).status_code == 200
    assert download(world.operator.user, paper).status_code == 403
    assert download(world.company.hr, paper).status_code == 200
    assert download(world.company.qa_head, material).status_code == 404
    assert download(world.company.outsider, material).status_code == 404
