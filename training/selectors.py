"""Reads of training, scoped to what a user may see: HR and the company-wide roles see everything, department
heads their departments, everyone else only their own records."""

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet

from employees.models import Employee
from employees.selectors import employees_visible_to
from org.selectors import scope_department_ids

from .models import (
    OPEN_NEED_STATUSES,
    CompetenceStandard,
    Participant,
    Session,
    SkillRating,
    TrainingNeed,
    TrainingPlan,
)


def uses_department_pages(user) -> bool:
    """HR, the company-wide roles and department heads/managers: the others have only their own pages."""
    ids = scope_department_ids(user)
    return ids is None or bool(ids)


def needs_visible_to(user) -> QuerySet[TrainingNeed]:
    return TrainingNeed.objects.filter(employee__in=employees_visible_to(user))


def sessions_visible_to(user) -> QuerySet[Session]:
    """Every session for company-wide roles; for a head, sessions with a participant of their departments; for
    an employee, the sessions they are invited to."""
    ids = scope_department_ids(user)
    if ids is None:
        return Session.objects.all()
    q = Q(participants__employee__user=user)
    if ids:
        q |= Q(participants__employee__department_id__in=ids)
    return Session.objects.filter(pk__in=Session.objects.filter(q).values("pk"))


def participants_visible_to(user) -> QuerySet[Participant]:
    return Participant.objects.filter(employee__in=employees_visible_to(user))


def plans_visible_to(user) -> QuerySet[TrainingPlan]:
    """Plans in work are HR's and the approvers'; a published plan is everyone's to read."""
    if user.sees_all_departments:
        return TrainingPlan.objects.all()
    return TrainingPlan.objects.filter(status="published")


def current_levels(employee_ids, skill_ids=None) -> dict[tuple[int, int], int]:
    """{(employee id, skill id): the newest level}, in one query."""
    qs = SkillRating.objects.filter(employee_id__in=employee_ids)
    if skill_ids is not None:
        qs = qs.filter(skill_id__in=skill_ids)
    levels: dict[tuple[int, int], int] = {}
    for employee_id, skill_id, level in qs.order_by("employee_id", "skill_id", "-rated_on", "-pk").values_list(
        "employee_id", "skill_id", "level"
    ):
        levels.setdefault((employee_id, skill_id), level)
    return levels


@dataclass(frozen=True)
class Gap:
    employee: Employee
    standard: CompetenceStandard
    current: int | None

    @property
    def skill(self):
        return self.standard.skill

    @property
    def required(self) -> int:
        return self.standard.required_level

    @property
    def training_or_change_of_post(self) -> bool:
        """Level 1 on a required skill: the person cannot do the post's work alone (spec 05)."""
        return self.current == 1


def compute_gaps(employees, standards_by_position, levels) -> list[Gap]:
    """The skills where an employee's current level is below (or not yet rated against) their post's standard."""
    gaps = []
    for employee in employees:
        for standard in standards_by_position.get(employee.position_id, []):
            current = levels.get((employee.pk, standard.skill_id))
            if current is None or current < standard.required_level:
                gaps.append(Gap(employee=employee, standard=standard, current=current))
    return gaps


def standards_by_position(position_ids) -> dict[int, list[CompetenceStandard]]:
    found: dict[int, list[CompetenceStandard]] = {}
    for standard in CompetenceStandard.objects.filter(position_id__in=position_ids).select_related("skill"):
        found.setdefault(standard.position_id, []).append(standard)
    return found


def gaps_of(employee: Employee) -> list[Gap]:
    standards = standards_by_position([employee.position_id])
    levels = current_levels([employee.pk])
    return compute_gaps([employee], standards, levels)


def not_ready_ids(employee_ids) -> set[int]:
    """Employees with an open post-training need for the post they hold: "not ready for post"."""
    return set(
        TrainingNeed.objects.filter(
            employee_id__in=employee_ids, status__in=OPEN_NEED_STATUSES, for_position__isnull=False
        )
        .filter(for_position=F("employee__position"))
        .values_list("employee_id", flat=True)
    )


def is_ready_for_post(employee: Employee) -> bool:
    return employee.pk not in not_ready_ids([employee.pk])


def plan_progress(plan: TrainingPlan) -> list:
    """Each item with its sessions held and the people who attended: planned vs held vs attended."""
    return list(
        plan.items.annotate(
            held=Count("sessions", filter=Q(sessions__status="held"), distinct=True),
            attended=Count("sessions__participants", filter=Q(sessions__participants__attended=True), distinct=True),
        ).order_by("month", "pk")
    )


def post_skill_analysis(department) -> list[dict]:
    """岗位技能分析表: per post of the department, each required skill with the holders qualified at the required
    level, and the skill risks — only one qualified person, nobody qualified, a gap on a special post."""
    positions = list(department.positions.filter(is_active=True).order_by("code"))
    standards = standards_by_position([p.pk for p in positions])
    holders: dict[int, list[int]] = {}
    for pk, position_id in Employee.objects.active().filter(position__in=positions).values_list("pk", "position_id"):
        holders.setdefault(position_id, []).append(pk)
    levels = current_levels([pk for ids in holders.values() for pk in ids])
    rows = []
    for position in positions:
        people = holders.get(position.pk, [])
        for standard in standards.get(position.pk, []):
            qualified = sum(1 for pk in people if (levels.get((pk, standard.skill_id)) or 0) >= standard.required_level)
            risks = []
            if people and qualified == 0:
                risks.append("nobody")
            elif qualified == 1:
                risks.append("only_one")
            if position.is_special and qualified < len(people):
                risks.append("special_gap")
            rows.append(
                {
                    "position": position,
                    "standard": standard,
                    "holders": len(people),
                    "qualified": qualified,
                    "risks": risks,
                }
            )
    return rows
