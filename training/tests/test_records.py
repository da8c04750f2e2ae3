"""Certificates, mentoring, external training, quality awareness and the yearly competence forms."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from approvals.models import RequestStatus
from approvals.selectors import latest_request_for
from core.policy import PolicyDenied
from notifications.models import Notification
from printing.tests.conftest import Poppler, requires_poppler
from recruitment.tests.factories import approve_all
from tests.factories import EmployeeFactory
from training import kinds, reminders, services
from training.history import history_for
from training.models import AwarenessCheck, CertificateType, ExternalStatus, ExternalTraining

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _welder_type(world):
    welder = CertificateType.objects.create(name="焊工证")
    welder.positions.add(world.company.special)
    return welder


def test_certificate_validity_and_the_list_of_special_posts_without_one(world, login):
    welder = _welder_type(world)
    a = EmployeeFactory(position=world.company.special, name="焊工甲")
    b = EmployeeFactory(position=world.company.special, name="焊工乙")
    today = timezone.localdate()
    valid = services.certificate_create(
        by=world.company.hr,
        employee=a,
        type=welder,
        number="W1",
        issuer="安监局",
        issued_on=today - datetime.timedelta(days=300),
        expires_on=today + datetime.timedelta(days=30),
    )
    services.certificate_create(
        by=world.company.hr,
        employee=b,
        type=welder,
        number="W2",
        issuer="安监局",
        issued_on=today - datetime.timedelta(days=900),
        expires_on=today - datetime.timedelta(days=1),
    )
    assert valid.is_valid_on(today) and not valid.is_valid_on(today + datetime.timedelta(days=31))
    page = login(world.company.prod_head).get(reverse("training:certificate_missing")).content.decode()
    assert "焊工乙" in page and "焊工甲" not in page


def test_certificate_expiry_reminded_60_and_30_days_before_to_employee_head_and_hr_once(world):
    welder = _welder_type(world)
    today = timezone.localdate()
    services.certificate_create(
        by=world.company.hr,
        employee=world.operator,
        type=welder,
        number="W3",
        issuer="安监局",
        issued_on=today - datetime.timedelta(days=300),
        expires_on=today + datetime.timedelta(days=60),
    )
    assert reminders.certificates_expiring(today) == 4  # operator, prod_head, hr, hr_manager
    assert reminders.certificates_expiring(today) == 0
    assert reminders.certificates_expiring(today + datetime.timedelta(days=1)) == 0
    assert reminders.certificates_expiring(today + datetime.timedelta(days=30)) == 4
    recipients = set(
        Notification.objects.filter(kind=kinds.CERTIFICATE_EXPIRING).values_list("recipient__username", flat=True)
    )
    assert recipients == {"operator", "prod_head", "hr", "hr_manager"}


def test_certificate_scans_are_private_and_scoped(world, login):
    welder = _welder_type(world)
    certificate = services.certificate_create(
        by=world.company.hr,
        employee=world.operator,
        type=welder,
        number="W4",
        issuer="安监局",
        issued_on=timezone.localdate(),
        scan=SimpleUploadedFile("w4.pdf", PDF, "application/pdf"),
    )
    url = reverse("training:certificate_scan", args=[certificate.pk])
    assert login(world.operator.user).get(url).status_code == 200
    assert login(world.company.prod_head).get(url).status_code == 200
    assert login(world.company.qa_head).get(url).status_code == 404
    assert login(world.company.outsider).get(url).status_code == 404


def test_the_mentor_signs_off_and_it_shows_in_the_history_and_on_the_probation_review(world, make_user):
    mentor_user = make_user("mentor")
    mentor = EmployeeFactory(position=world.company.frontline, user=mentor_user, name="老师傅")
    today = timezone.localdate()
    mentoring = services.mentoring_create(
        by=world.company.prod_head,
        employee=world.operator,
        mentor=mentor,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=90),
        goals="独立完成焊接作业",
    )
    with pytest.raises(PolicyDenied):
        services.mentoring_sign_off(mentoring=mentoring, by=world.company.prod_head, goals_met=True, note="好")
    with pytest.raises(PolicyDenied):
        services.mentoring_create(
            by=world.operator.user, employee=world.operator, mentor=mentor, starts_on=today, ends_on=today, goals="x"
        )
    services.mentoring_sign_off(mentoring=mentoring, by=mentor_user, goals_met=True, note="已能独立作业")
    assert history_for(world.operator)["mentorings"][0].goals_met is True


def _external(world, cost):
    today = timezone.localdate()
    training = ExternalTraining.objects.create(
        employee=world.operator,
        course="焊工复审",
        provider="市培训中心",
        starts_on=today,
        ends_on=today,
        hours=Decimal(8),
        cost=Decimal(cost),
        reason="证书复审",
        created_by=world.company.prod_head,
    )
    return services.external_submit(training=training, by=world.company.prod_head)


@pytest.mark.parametrize(("cost", "gm"), [(2000, False), (3500, True)])
def test_external_training_goes_to_the_gm_only_above_the_threshold(world, cost, gm):
    training = _external(world, cost)
    request = latest_request_for(training)
    approvers = [s.assigned_to.username for s in request.steps.order_by("index") if s.status != "skipped"]
    assert ("gm" in approvers) is gm
    approve_all(training)
    training.refresh_from_db()
    assert training.status == ExternalStatus.APPROVED and latest_request_for(training).status == RequestStatus.APPROVED


def test_after_return_the_report_is_attached_and_it_joins_the_history(world, login):
    training = _external(world, 1000)
    approve_all(training)
    training.refresh_from_db()
    client = login(world.operator.user)
    response = client.post(
        training.get_absolute_url(),
        {"report": "掌握复审要点", "passed": "1", "certificate": SimpleUploadedFile("c.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 302
    training.refresh_from_db()
    assert training.status == ExternalStatus.COMPLETED and training.certificate_file
    history = history_for(world.operator)
    assert history["externals"] == [training] and history["total_hours"] == Decimal(8)
    assert login(world.company.qa_head).get(training.get_absolute_url()).status_code == 404


def test_quality_awareness_due_list_and_yearly_record(world, login):
    client = login(world.company.prod_head)
    assert "王操作" in client.get(reverse("training:awareness_due")).content.decode()
    response = client.post(
        reverse("training:awareness_record", args=[world.operator.pk]),
        {"understanding": "能说出质量方针和自己岗位的质量目标", "passed": "1"},
    )
    assert response.status_code == 302
    assert AwarenessCheck.objects.get(employee=world.operator).year == timezone.localdate().year
    assert "王操作" not in client.get(reverse("training:awareness_due")).content.decode()
    assert login(world.operator.user).get(reverse("training:awareness_due")).status_code == 403


def test_the_yearly_forms_print_under_their_own_names_and_the_evaluation_is_approved(world, login):
    requires_poppler()
    services.rating_record(employee=world.operator, skill=world.welding, level=3, by=world.company.hr)
    client = login(world.company.prod_head)
    for form, title in [
        ("analysis", "岗位技能分析表"),
        ("assessment", "员工技能考核表"),
        ("scoring", "员工技能评测表"),
        ("result", "员工能力评价表"),
    ]:
        response = client.get(reverse("training:department_form_pdf", args=[form]))
        assert response.status_code == 200
        text = Poppler.text(response.content)
        assert title in text and "操作工" in text, form
    analysis = Poppler.text(client.get(reverse("training:department_form_pdf", args=["analysis"])).content)
    assert "仅一人达标" in analysis  # welding: only the operator is qualified
    response = client.post(
        reverse("training:review_create", args=[world.company.production.pk]),
        {"year": 2026, "conclusion": "焊接需培养第二人"},
    )
    from training.models import CompetenceReview

    review = CompetenceReview.objects.get()
    assert review.status == "in_approval"
    approve_all(review)
    review.refresh_from_db()
    assert review.status == "approved"
    text = Poppler.text(login(world.company.hr).get(reverse("training:review_pdf", args=[review.pk])).content)
    assert "岗位胜任评价表" in text
