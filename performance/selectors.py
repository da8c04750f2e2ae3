"""Reads of the KPI review, scoped to the reader: HR, the general manager and vice presidents see every sheet,
heads and managers their departments' sheets (and their own), everyone else only their own sheets."""

from collections import Counter
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from org.models import Department
from org.selectors import scope_department_ids

from .models import GradeBand, ImprovementPlan, KpiTemplate, PeerFeedback, Sheet, SheetStatus
from .scoring import DEFAULT_BANDS


def sheets_visible_to(user) -> QuerySet[Sheet]:
    if not user.is_authenticated:
        return Sheet.objects.none()
    ids = scope_department_ids(user)
    if ids is None:
        return Sheet.objects.all()
    return Sheet.objects.filter(Q(department_id__in=ids) | Q(employee__user=user))


def sheet_list_for(user) -> QuerySet[Sheet]:
    return sheets_visible_to(user).select_related("employee", "department", "position", "cycle")


def uses_team_pages(user) -> bool:
    """Company-wide readers and heads/managers of a department (an employee has only their own sheets)."""
    ids = scope_department_ids(user)
    return ids is None or bool(ids)


def templates_visible_to(user) -> QuerySet[KpiTemplate]:
    return KpiTemplate.objects.all() if uses_team_pages(user) else KpiTemplate.objects.none()


def plans_visible_to(user) -> QuerySet[ImprovementPlan]:
    return ImprovementPlan.objects.filter(sheet__in=sheets_visible_to(user))


def peer_requests_for(user) -> QuerySet[PeerFeedback]:
    """The feedback colleagues' heads asked of this user."""
    if not user.is_authenticated:
        return PeerFeedback.objects.none()
    return PeerFeedback.objects.filter(reviewer__user=user).select_related("sheet__employee", "sheet__cycle")


def grade_bands() -> list[tuple[str, Decimal]]:
    """HR's grade table as (grade, lowest total), or the default A ≥ 90, B ≥ 80, C ≥ 60, D below."""
    bands = list(GradeBand.objects.values_list("grade", "min_score"))
    return bands or list(DEFAULT_BANDS)


def plan_grades() -> set[str]:
    """Grades that need an improvement plan (default C and D)."""
    rows = list(GradeBand.objects.values_list("grade", "needs_plan"))
    if not rows:
        return {"C", "D"}
    return {grade for grade, needs in rows if needs}


def forced_shares() -> dict[str, int]:
    rows = dict(GradeBand.objects.values_list("grade", "forced_share"))
    return rows or {"A": 10, "B": 30, "C": 50, "D": 10}


def peer_summary(sheet: Sheet) -> dict | None:
    """The answers in aggregate, without names: average rating and the comments in a fixed, non-identifying
    order; None below the minimum number of answers."""
    from .models import MIN_PEER_RESPONSES

    answers = list(sheet.peers.filter(answered_at__isnull=False).values_list("rating", "strengths", "improvements"))
    if len(answers) < MIN_PEER_RESPONSES:
        return None
    ratings = [r for r, _s, _i in answers if r]
    return {
        "count": len(answers),
        "average": round(sum(ratings) / len(ratings), 1) if ratings else None,
        "strengths": sorted(s for _r, s, _i in answers if s),
        "improvements": sorted(i for _r, _s, i in answers if i),
    }


def grade_distribution(cycle, user, department_id: int | None = None) -> dict:
    """Per department of the cycle (in the reader's scope): sheets per final grade, against the forced
    distribution. One query for the counts."""
    ids = scope_department_ids(user)
    qs = Sheet.objects.filter(cycle=cycle).exclude(status=SheetStatus.CLOSED)
    if ids is not None:
        qs = qs.filter(department_id__in=ids)
    if department_id:
        qs = qs.filter(department_id=department_id)
    grades = [grade for grade, _minimum in sorted(grade_bands(), key=lambda b: b[1], reverse=True)]
    shares = forced_shares()
    rows = (
        qs.values("department_id", "department__name", "department__path", "calibrated_grade", "grade")
        .annotate(n=Count("pk"))
        .order_by("department__path")
    )
    departments: dict[int, dict] = {}
    overall: Counter = Counter()
    for row in rows:
        dept = departments.setdefault(
            row["department_id"],
            {"id": row["department_id"], "name": row["department__name"], "counts": Counter(), "unscored": 0},
        )
        grade = row["calibrated_grade"] or row["grade"]
        if grade:
            dept["counts"][grade] += row["n"]
            overall[grade] += row["n"]
        else:
            dept["unscored"] += row["n"]
    result = []
    for dept in departments.values():
        graded = sum(dept["counts"].values())
        cells = []
        for grade in grades:
            n = dept["counts"].get(grade, 0)
            actual = round(100 * n / graded) if graded else 0
            expected = shares.get(grade, 0)
            cells.append(
                {
                    "grade": grade,
                    "n": n,
                    "share": actual,
                    "forced": expected,
                    "off": bool(graded) and abs(actual - expected) > 10,
                }
            )
        result.append({**dept, "graded": graded, "cells": cells})
    graded = sum(overall.values())
    return {
        "grades": grades,
        "forced": [shares.get(g, 0) for g in grades],
        "departments": result,
        "overall": [overall.get(g, 0) for g in grades],
        "expected": [round(graded * shares.get(g, 0) / 100, 1) for g in grades],
        "graded": graded,
    }


def summary_departments(user) -> QuerySet[Department]:
    ids = scope_department_ids(user)
    qs = Department.objects.filter(is_active=True)
    return qs if ids is None else qs.filter(pk__in=ids)
