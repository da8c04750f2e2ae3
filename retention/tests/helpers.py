import datetime

from django.utils import timezone

from recruitment import services
from recruitment.models import Application, Candidate, Stage


def age_candidate(candidate, days: int) -> None:
    past = timezone.now() - datetime.timedelta(days=days)
    Candidate.objects.filter(pk=candidate.pk).update(created_at=past)
    Application.objects.filter(candidate=candidate).update(stage_changed_at=past)


def rejected_long_ago(company, requisition, candidate, days: int = 400):
    application = services.application_create(by=company.hr, candidate=candidate, requisition=requisition)
    services.application_move(application=application, to_stage=Stage.REJECTED, by=company.hr, reason="不合适")
    age_candidate(candidate, days)
    return candidate
