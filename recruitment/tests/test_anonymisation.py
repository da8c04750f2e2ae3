"""Anonymising a candidate also clears every copy of their name in text elsewhere (PIPL)."""

from approvals.models import Decision, Request
from notifications.models import Notification
from recruitment import services
from recruitment.models import Application, Event, Interview, Stage

from .factories import OFFER_TERMS, approve_all, id_number
from .test_services import _ready_application

NAME = "欧阳娜娜"


def _mentions(name: str) -> dict[str, int]:
    return {
        "notification": Notification.objects.filter(title__contains=name).count()
        + Notification.objects.filter(body__contains=name).count(),
        "request": Request.objects.filter(subject_label__contains=name).count(),
        "decision": Decision.objects.filter(comment__contains=name).count(),
        "event": Event.objects.filter(comment__contains=name).count(),
        "closed_reason": Application.objects.filter(closed_reason__contains=name).count(),
        "interview": Interview.objects.filter(notes__contains=name).count(),
    }


def test_anonymising_a_candidate_clears_their_name_from_every_copy(company, approved_requisition, make_candidate):
    """Notifications, the approval request's subject, decision and event comments and the closing reason that
    named the candidate no longer do after anonymisation; other people's texts stay as they were."""
    candidate = make_candidate(name=NAME, id_number=id_number(7))
    bystander = make_candidate(name="张三丰")
    application = _ready_application(company, approved_requisition, candidate)
    other = services.application_create(by=company.hr, candidate=bystander, requisition=approved_requisition)
    services.application_move(application=other, to_stage=Stage.REJECTED, by=company.hr, reason="张三丰 不合适")
    offer = services.offer_submit(
        offer=services.offer_create(application=application, by=company.hr, **OFFER_TERMS),
        by=company.hr,
        comment=f"{NAME} 的录用审批",
    )
    approve_all(offer, comment=f"同意录用{NAME}")
    offer.refresh_from_db()
    services.offer_decline(offer=offer, by=company.hr, reason=f"{NAME} 已接受其他公司")
    before = _mentions(NAME)
    assert before["notification"] and before["request"] and before["decision"]
    assert before["event"] and before["closed_reason"]

    services.candidate_anonymise(candidate=candidate, by=company.hr_manager)

    assert _mentions(NAME) == dict.fromkeys(before, 0)
    assert Application.objects.get(pk=other.pk).closed_reason == "张三丰 不合适"
    assert Request.objects.filter(subject_label__contains=str(candidate.pk)).exists()
