import datetime

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from core.policy import PolicyDenied
from employees.models import EmployeeStatus, PersonnelDocument
from notifications.models import Notification
from notifications.services import notify
from recruitment.models import Candidate
from retention import services
from retention.models import RecordType, RetentionConfirmation, RetentionPolicy
from tests.factories import EmployeeFactory

from .helpers import rejected_long_ago

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("retention:overview")


def review_url(record_type):
    return reverse("retention:review", args=[record_type])


def confirm_url(record_type):
    return reverse("retention:confirm", args=[record_type])


def test_only_hr_managers_reach_the_review(client, company):
    for user in (company.hr, company.prod_head, company.gm, company.outsider):
        client.force_login(user)
        assert client.get(OVERVIEW).status_code == 403
        assert client.get(review_url("candidates")).status_code == 403
        assert client.post(confirm_url("candidates"), {"scope": "all"}).status_code == 403
    client.force_login(company.hr_manager)
    assert client.get(OVERVIEW).status_code == 200


def test_the_navigation_links_the_review_for_hr_managers_only(client, company):
    client.force_login(company.hr_manager)
    assert OVERVIEW in client.get(reverse("home")).content.decode()
    client.force_login(company.hr)
    assert OVERVIEW not in client.get(reverse("home")).content.decode()


def test_hr_manager_sees_what_is_due_and_why(client, company, approved_requisition, make_candidate):
    due = rejected_long_ago(company, approved_requisition, make_candidate(name="钱多多"))
    make_candidate(name="孙悟空")  # recent: not due
    client.force_login(company.hr_manager)
    overview = client.get(OVERVIEW).content.decode()
    assert "未录用候选人" in overview and "离职员工档案与劳动合同" in overview
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(review_url("candidates")).content.decode()
    assert "钱多多" in page and "孙悟空" not in page
    assert "last application closed before" in page
    assert f'value="{due.pk}"' in page


def test_confirming_the_selected_candidates_anonymises_only_them_and_is_audited(
    client, company, approved_requisition, make_candidate
):
    first = rejected_long_ago(company, approved_requisition, make_candidate())
    second = rejected_long_ago(company, approved_requisition, make_candidate())
    client.force_login(company.hr_manager)
    response = client.post(confirm_url("candidates"), {"scope": "selected", "ids": [first.pk]})
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_anonymised and not second.is_anonymised
    confirmation = RetentionConfirmation.objects.get()
    assert (confirmation.record_type, confirmation.count, confirmation.confirmed_by) == (
        RecordType.CANDIDATES,
        1,
        company.hr_manager,
    )
    assert LogEntry.objects.get_for_object(confirmation).filter(actor=company.hr_manager).exists()
    page = client.get(review_url("candidates")).content.decode()
    assert f'value="{first.pk}"' not in page and f'value="{second.pk}"' in page


def test_confirm_all_works_in_batches_and_skips_what_is_no_longer_due(
    client, company, approved_requisition, make_candidate, monkeypatch
):
    monkeypatch.setattr(services, "BATCH_SIZE", 2)
    candidates = [rejected_long_ago(company, approved_requisition, make_candidate()) for _ in range(5)]
    client.force_login(company.hr_manager)
    client.post(confirm_url("candidates"), {"scope": "all"})
    assert Candidate.objects.filter(pk__in=[c.pk for c in candidates], anonymised_at__isnull=False).count() == 5
    assert [c.count for c in RetentionConfirmation.objects.order_by("pk")] == [2, 2, 1]
    client.post(confirm_url("candidates"), {"scope": "all"})
    assert RetentionConfirmation.objects.count() == 3


def test_nothing_selected_is_refused_in_plain_words(client, company, approved_requisition, make_candidate):
    rejected_long_ago(company, approved_requisition, make_candidate())
    client.force_login(company.hr_manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(confirm_url("candidates"), {"scope": "selected"}, follow=True)
    assert "Select at least one record" in response.content.decode()
    assert not RetentionConfirmation.objects.exists()


def test_access_logs_are_only_listed_never_deleted(client, company):
    # created already old: the append-only trail refuses to age an entry with an UPDATE
    entry = LogEntry.objects.log_create(
        company.hr,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        changes={},
        timestamp=timezone.now() - datetime.timedelta(days=4 * 365),
    )
    client.force_login(company.hr_manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(review_url("access_logs")).content.decode()
    assert "append-only" in page and "Confirm all" not in page
    response = client.post(confirm_url("access_logs"), {"scope": "all"})
    assert response.status_code == 403
    assert LogEntry.objects.filter(pk=entry.pk).exists()
    policy = RetentionPolicy.objects.get(record_type=RecordType.ACCESS_LOGS)
    with pytest.raises(PolicyDenied) as excinfo:
        services.retention_confirm(policy=policy, by=company.hr_manager)
    assert excinfo.value.code == "retention_list_only"


def test_old_notifications_are_deleted_once_confirmed(client, company):
    old = notify(recipient=company.hr, kind="general", title="旧通知")
    new = notify(recipient=company.hr, kind="general", title="新通知")
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))
    client.force_login(company.hr_manager)
    page = client.get(review_url("notifications")).content.decode()
    assert "旧通知" not in page  # titles are not shown to someone else
    client.post(confirm_url("notifications"), {"scope": "all"})
    assert list(Notification.objects.filter(pk__in=[old.pk, new.pk])) == [new]


def test_separated_employees_documents_are_deleted_after_two_years_not_before(client, company):
    today = timezone.localdate()
    long_gone = EmployeeFactory(status=EmployeeStatus.SEPARATED, separated_on=today - datetime.timedelta(days=800))
    recent = EmployeeFactory(status=EmployeeStatus.SEPARATED, separated_on=today - datetime.timedelta(days=600))
    for employee in (long_gone, recent):
        PersonnelDocument.objects.create(
            employee=employee,
            kind="id_copy",
            file=ContentFile(b"%PDF-1.4", name="id.pdf"),
            original_name="id.pdf",
            content_type="application/pdf",
            size=8,
            uploaded_at=timezone.now(),
        )
    client.force_login(company.hr_manager)
    page = client.get(review_url("separated_files")).content.decode()
    assert long_gone.number in page and recent.number not in page
    client.post(confirm_url("separated_files"), {"scope": "all"})
    assert not PersonnelDocument.objects.filter(employee=long_gone).exists()
    assert PersonnelDocument.objects.filter(employee=recent).exists()
    assert RetentionConfirmation.objects.get().record_type == RecordType.SEPARATED_FILES


@pytest.mark.parametrize("record_type", RecordType.values)
def test_pages_keep_constant_queries(
    client, company, approved_requisition, make_candidate, django_assert_max_num_queries, record_type
):
    def grow(n):
        for _ in range(n):
            rejected_long_ago(company, approved_requisition, make_candidate())
            employee = EmployeeFactory(
                status=EmployeeStatus.SEPARATED, separated_on=timezone.localdate() - datetime.timedelta(days=1500)
            )
            PersonnelDocument.objects.create(
                employee=employee,
                kind="cv",
                file=ContentFile(b"x", name="cv.pdf"),
                original_name="cv.pdf",
                content_type="application/pdf",
                size=1,
                uploaded_at=timezone.now(),
            )
            LogEntry.objects.log_create(
                employee,
                force_log=True,
                action=LogEntry.Action.ACCESS,
                changes={},
                actor=company.hr,
                timestamp=timezone.now() - datetime.timedelta(days=2000),  # old at INSERT: the trail is append-only
            )
            note = notify(recipient=company.hr, kind="general", title="x")
            Notification.objects.filter(pk=note.pk).update(created_at=timezone.now() - datetime.timedelta(days=900))

    client.force_login(company.hr_manager)
    grow(2)
    ContentType.objects.clear_cache()
    counts = []
    for url in (OVERVIEW, review_url(record_type)):
        with django_assert_max_num_queries(12) as few:  # the benchmark's budget for a list page
            assert client.get(url).status_code == 200
        counts.append(len(few.captured_queries))
    grow(8)
    ContentType.objects.clear_cache()
    for url, count in zip((OVERVIEW, review_url(record_type)), counts, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200


def test_interview_forms_lose_their_opinions_three_years_after_the_tenure(
    client, company, approved_requisition, make_candidate
):
    """The hire's interview evaluation keeps its scores; the written opinions go once HR confirms."""
    from recruitment import services as recruitment
    from recruitment.models import Evaluation
    from recruitment.tests.factories import OFFER_TERMS, approve_all, id_number
    from recruitment.tests.test_services import _ready_application

    application = _ready_application(company, approved_requisition, make_candidate(id_number=id_number(3)))
    offer = recruitment.offer_submit(
        offer=recruitment.offer_create(application=application, by=company.hr, **OFFER_TERMS), by=company.hr
    )
    approve_all(offer)
    offer.refresh_from_db()
    employee = recruitment.offer_accept(offer=offer, by=company.hr).employee
    Evaluation.objects.filter(interview__application=application).update(comments="沟通能力强", gm_opinion="")
    type(employee).objects.filter(pk=employee.pk).update(
        status=EmployeeStatus.SEPARATED, separated_on=timezone.localdate() - datetime.timedelta(days=2 * 365)
    )
    client.force_login(company.hr_manager)
    assert employee.number not in client.get(review_url("interview_probation_forms")).content.decode()
    type(employee).objects.filter(pk=employee.pk).update(
        separated_on=timezone.localdate() - datetime.timedelta(days=4 * 365)
    )
    assert employee.number in client.get(review_url("interview_probation_forms")).content.decode()
    client.post(confirm_url("interview_probation_forms"), {"scope": "selected", "ids": [employee.pk]})
    evaluation = Evaluation.objects.get(interview__application=application)
    assert evaluation.comments == "" and evaluation.attitude == 4
    assert RetentionConfirmation.objects.get().count == 1


def test_confirming_on_the_page_clears_the_candidates_name_everywhere(
    client, company, approved_requisition, make_candidate
):
    from recruitment import services as recruitment
    from recruitment.models import Application, Event, Stage

    candidate = make_candidate(name="诸葛青")
    application = recruitment.application_create(by=company.hr, candidate=candidate, requisition=approved_requisition)
    recruitment.application_advance(application=application, by=company.hr)
    recruitment.interview_schedule(
        application=application,
        by=company.hr,
        round=Stage.FIRST_INTERVIEW,
        scheduled_at=timezone.now() + datetime.timedelta(days=1),
        interviewers=[company.hr],
        place="会议室",
        notes="诸葛青 带作品集",
    )
    recruitment.application_move(
        application=application, to_stage=Stage.REJECTED, by=company.hr, reason="诸葛青 不合适"
    )
    Candidate.objects.filter(pk=candidate.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))
    Application.objects.filter(pk=application.pk).update(stage_changed_at=timezone.now() - datetime.timedelta(days=400))
    assert Notification.objects.filter(title__contains="诸葛青").exists()
    client.force_login(company.hr_manager)
    client.post(confirm_url("candidates"), {"scope": "selected", "ids": [candidate.pk]})
    assert not Notification.objects.filter(title__contains="诸葛青").exists()
    assert not Event.objects.filter(comment__contains="诸葛青").exists()
    assert not Application.objects.filter(closed_reason__contains="诸葛青").exists()
