"""Demo retention data for `manage.py seed_demo`: candidates rejected over a year ago (without talent-pool
consent) and an old notification, so the retention review has something for the HR manager to confirm.

Found by the candidates' phone numbers, so a second run adds nothing. Needs recruitment's demo (an approved
or recruiting requisition and the `hr` login); skips otherwise.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from notifications.models import Notification
from notifications.services import notify
from recruitment import services as recruitment
from recruitment.models import Application, Candidate, Channel, Requisition, Stage

PEOPLE = (("13700001001", "冯远"), ("13700001002", "陈静怡"), ("13700001003", "褚明"))
OLD_NOTICE = "【演示】去年的系统通知"


def seed(*, stdout=None) -> None:
    users = get_user_model().objects
    hr = users.filter(username="hr").first()
    requisition = Requisition.objects.filter(
        status__in=[Requisition.Status.APPROVED, Requisition.Status.RECRUITING]
    ).first()
    if hr is None or requisition is None:
        return
    long_ago = timezone.now() - datetime.timedelta(days=430)
    added = 0
    for phone, name in PEOPLE:
        if Candidate.objects.filter(phone=phone).exists():
            continue
        candidate = recruitment.candidate_create(
            by=hr, consent_given=True, name=name, phone=phone, education="college", source_channel=Channel.ONLINE
        )
        application = recruitment.application_create(by=hr, candidate=candidate, requisition=requisition)
        recruitment.application_move(application=application, to_stage=Stage.REJECTED, by=hr, reason="经验不足")
        Candidate.objects.filter(pk=candidate.pk).update(created_at=long_ago)
        Application.objects.filter(pk=application.pk).update(stage_changed_at=long_ago, applied_on=long_ago.date())
        added += 1
    if not Notification.objects.filter(title=OLD_NOTICE).exists():
        notice = notify(recipient=hr, kind="general", title=OLD_NOTICE, email=False)
        Notification.objects.filter(pk=notice.pk).update(created_at=long_ago)
    if stdout is not None:
        stdout.write(f"  retention: {added} candidates past the retention period for the HR manager to review")
