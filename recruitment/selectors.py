"""Scoped reads of recruitment: HR (and the company-wide roles) see everything, a department head their
department's subtree, an interviewer the applications they interview; everyone else nothing (→ 404)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from core import roles
from employees.models import Employee
from org.models import JobDescription, Position
from org.selectors import scope_department_ids

from .models import (
    CLOSED_STAGES,
    INTERVIEW_STAGES,
    MANUAL_STAGES,
    STAGE_ORDER,
    Application,
    Candidate,
    Channel,
    Evaluation,
    Interview,
    Offer,
    PlanChannel,
    Requisition,
    Stage,
)


def sees_all_recruitment(user) -> bool:
    return user.is_authenticated and (user.is_hr or user.sees_all_departments)


def requisitions_visible_to(user) -> QuerySet[Requisition]:
    """HR and company-wide roles: all; production management: frontline ones (they approve them);
    department heads and managers: their subtree; interviewers/approvers get to them via the approval inbox."""
    qs = Requisition.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if sees_all_recruitment(user):
        return qs
    q = Q(department_id__in=scope_department_ids(user) or [])
    if user.has_role(roles.PRODUCTION_MGMT):
        q |= Q(position__category="frontline")
    q |= Q(pk__in=_approval_subject_ids(user, Requisition))
    return qs.filter(q)


def applications_visible_to(user) -> QuerySet[Application]:
    qs = Application.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if sees_all_recruitment(user):
        return qs
    scope = scope_department_ids(user) or []
    return qs.filter(Q(requisition__department_id__in=scope) | Q(pk__in=_applications_beyond_scope(user, scope)))


def _applications_beyond_scope(user, scope: list[int]) -> list[int]:
    """Applications outside the user's subtree that they interview or whose hire they approve, read as a short
    list (one query), so a list's count and page queries filter on it instead of each recomputing the interview
    and approval subqueries (~20 ms less per page for a department head on the volume data)."""
    interviewing = Interview.objects.filter(interviewers=user).values("application_id")
    approving = Offer.objects.filter(pk__in=_approval_subject_ids(user, Offer)).values("application_id")
    return list(
        Application.objects.filter(Q(pk__in=interviewing) | Q(pk__in=approving))
        .exclude(requisition__department_id__in=scope)
        .order_by()
        .values_list("pk", flat=True)
    )


def candidates_visible_to(user) -> QuerySet[Candidate]:
    """HR: the whole candidate pool; others only the candidates of applications they may see."""
    qs = Candidate.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if user.is_hr:
        return qs
    visible = applications_visible_to(user).filter(candidate=OuterRef("pk"))
    return qs.filter(Exists(visible))


def _approval_subject_ids(user, model) -> QuerySet:
    """Ids of subjects of `model` whose approval the user applied for, approves or approved (a subquery)."""
    from approvals.selectors import requests_visible_to

    content_type = ContentType.objects.get_for_model(model)
    return requests_visible_to(user).filter(content_type=content_type).values("object_id")


@dataclass(frozen=True)
class Headcount:
    """Authorised, filled and already-requested headcount of a position (the 人员增补申请表 header)."""

    authorised: int
    filled: int
    requested: int

    @property
    def free(self) -> int:
        return self.authorised - self.filled - self.requested

    def exceeded_by(self, extra: int) -> int:
        """How many people over the authorised number a request for `extra` more would go."""
        return max(self.filled + self.requested + extra - self.authorised, 0)


def position_headcount(position: Position, *, exclude: Requisition | None = None) -> Headcount:
    """`requested` counts the still-unfilled places of other open requisitions for the position."""
    filled = Employee.objects.active().filter(position=position).count()
    open_qs = Requisition.objects.filter(position=position, status__in=Requisition.OPEN_STATUSES)
    if exclude is not None and exclude.pk:
        open_qs = open_qs.exclude(pk=exclude.pk)
    totals = open_qs.aggregate(headcount=Sum("headcount"), filled=Sum("filled_count"))
    requested = (totals["headcount"] or 0) - (totals["filled"] or 0)
    return Headcount(authorised=position.authorised_headcount, filled=filled, requested=requested)


def current_job_description(position: Position) -> JobDescription | None:
    return (
        JobDescription.objects.filter(position=position, status=JobDescription.Status.APPROVED)
        .order_by("-version")
        .first()
    )


def requisition_carrying(jd: JobDescription) -> Requisition | None:
    """The open new-post requisition a job-description version is written and approved with, if any."""
    return (
        Requisition.objects.filter(
            job_description=jd,
            is_new_position=True,
            status__in=(Requisition.Status.DRAFT, Requisition.Status.IN_APPROVAL, Requisition.Status.RETURNED),
        )
        .select_related("position")
        .first()
    )


def applicable_stages(position: Position) -> list[str]:
    """The stages of spec 03 that apply to a post: GM round only for manager level, tests only for special posts."""
    stages = []
    for stage in STAGE_ORDER:
        if stage == Stage.GM_INTERVIEW and position.category != "manager":
            continue
        if stage == Stage.TESTS and not position.is_special:
            continue
        stages.append(stage)
    return stages


def following_stage(stage: str, applicable: list[str]) -> str | None:
    """The applicable stage after `stage` that is still moved by hand (None after the last interview round)."""
    if stage not in applicable:
        return None
    index = applicable.index(stage)
    following = applicable[index + 1] if index + 1 < len(applicable) else None
    return following if following in MANUAL_STAGES else None


def applicable_rounds(position: Position) -> list[str]:
    stages = applicable_stages(position)
    return [s for s in INTERVIEW_STAGES if s in stages]


def next_round(application: Application) -> str:
    """The round to schedule next: the first applicable one, from the current stage on, not held or booked yet."""
    rounds = applicable_rounds(application.requisition.position)
    booked = set(application.interviews.exclude(status=Interview.Status.CANCELLED).values_list("round", flat=True))
    start = STAGE_ORDER.index(application.stage) if application.stage in STAGE_ORDER else 0
    for round in rounds:
        if STAGE_ORDER.index(round) >= start and round not in booked:
            return round
    return application.stage if application.stage in rounds else (rounds[0] if rounds else "")


def special_post_test_evaluations(application: Application) -> QuerySet[Evaluation]:
    """The evaluations of a special post's practical and theory tests (cancelled rounds left out)."""
    return (
        Evaluation.objects.filter(interview__application=application, interview__round=Stage.TESTS)
        .exclude(interview__status=Interview.Status.CANCELLED)
        .select_related("evaluator")
    )


def proposed_interviewers(round: str, user) -> list[int]:
    """Who holds a round by default: the general manager the GM round, the scheduler the others."""
    if round == Stage.GM_INTERVIEW:
        return list(
            get_user_model()
            .objects.filter(groups__name=roles.GM, is_active=True)
            .order_by("pk")
            .values_list("pk", flat=True)
            .distinct()
        )
    return [user.pk]


def board_columns(requisition: Requisition) -> list[dict]:
    """The pipeline board: one column per applicable stage (plus the closed ones), cards with the candidate."""
    stages = applicable_stages(requisition.position) + [Stage.REJECTED, Stage.WITHDRAWN]
    applications = (
        requisition.applications.select_related("candidate")
        .annotate(interview_count=Count("interviews"))
        .order_by("stage_changed_at", "pk")
    )
    by_stage: dict[str, list[Application]] = {s: [] for s in stages}
    for application in applications:
        # The board's move proposes the next stage, never an earlier one (going back is chosen, with a reason).
        application.proposed_stage = following_stage(application.stage, stages)
        by_stage.setdefault(application.stage, []).append(application)
    manual = [s for s in stages if s in MANUAL_STAGES]
    return [
        {
            "stage": stage,
            "label": Stage(stage).label,
            "applications": by_stage.get(stage, []),
            "closed": stage in CLOSED_STAGES,
            "manual": stage in manual,
        }
        for stage in stages
    ]


def interviews_due_between(start: datetime.datetime, end: datetime.datetime) -> QuerySet[Interview]:
    return (
        Interview.objects.filter(status=Interview.Status.SCHEDULED, scheduled_at__gte=start, scheduled_at__lt=end)
        .select_related("application__candidate", "application__requisition__position")
        .prefetch_related("interviewers")
    )


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` earlier (the last day of that month when it is shorter)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate_day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def retention_months() -> int:
    return int(getattr(settings, "HRMS_CANDIDATE_RETENTION_MONTHS", 12))


def candidates_due_for_anonymisation(today: datetime.date, months: int | None = None) -> QuerySet[Candidate]:
    """Candidates not hired, without talent-pool consent, untouched for the retention period, not yet anonymised.

    "Untouched" means: created and every application's last stage change before the cut-off, and no application
    still open or hired. `months` comes from the retention table (retention app); the setting is the fallback.
    """
    cutoff = months_before(today, retention_months() if months is None else months)
    open_or_hired = Application.objects.filter(candidate=OuterRef("pk")).filter(
        ~Q(stage__in=[Stage.REJECTED, Stage.WITHDRAWN]) | Q(stage_changed_at__date__gte=cutoff)
    )
    return Candidate.objects.filter(
        anonymised_at__isnull=True, talent_pool_consent=False, created_at__date__lt=cutoff
    ).exclude(Exists(open_or_hired))


@dataclass
class ChannelRow:
    channel: str
    label: str
    candidates: int
    applications: int
    hires: int
    cost: Decimal

    @property
    def cost_per_hire(self) -> Decimal | None:
        return (self.cost / self.hires).quantize(Decimal("0.01")) if self.hires else None


def channel_report(*, date_from: datetime.date | None = None, date_to: datetime.date | None = None) -> list[ChannelRow]:
    """Channel effectiveness: candidates, applications, hires and cost per hire per channel (3 queries)."""
    candidates = Candidate.objects.all()
    applications = Application.objects.all()
    channels = PlanChannel.objects.all()
    if date_from:
        candidates = candidates.filter(created_at__date__gte=date_from)
        applications = applications.filter(applied_on__gte=date_from)
        channels = channels.filter(plan__start_date__gte=date_from)
    if date_to:
        candidates = candidates.filter(created_at__date__lte=date_to)
        applications = applications.filter(applied_on__lte=date_to)
        channels = channels.filter(plan__start_date__lte=date_to)
    cand_counts = dict(candidates.values_list("source_channel").annotate(n=Count("pk")).order_by())
    app_rows = applications.values("candidate__source_channel").annotate(
        n=Count("pk"), hires=Count("pk", filter=Q(stage=Stage.HIRED))
    )
    app_counts = {r["candidate__source_channel"]: r for r in app_rows.order_by()}
    costs = dict(channels.values_list("channel").annotate(total=Sum("cost")).order_by())
    rows = []
    for channel in Channel:
        app = app_counts.get(channel.value, {})
        rows.append(
            ChannelRow(
                channel=channel.value,
                label=channel.label,
                candidates=cand_counts.get(channel.value, 0),
                applications=app.get("n", 0),
                hires=app.get("hires", 0),
                cost=costs.get(channel.value) or Decimal("0"),
            )
        )
    return rows
